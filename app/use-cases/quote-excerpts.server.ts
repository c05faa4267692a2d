/**
 * The one way pages read an excerpt's quote: `quoteReader`, always redacted, whoever asks —
 * boards, insights and reports are read by all. Each story's text and identifiers are read once
 * (through read-story.server.ts) and only the redaction leaves this module.
 */
import type { Db } from "~/data/db.server";
import type { ExcerptRow } from "~/data/insights.server";
import { redactedQuote } from "~/domain/insights";
import { identifierCache, placeholderLabel, redactForReaders, type storyLabels, storyText, type StoryText } from "./read-story.server";

/**
 * Redacted quotes of excerpts in one language. Each story's text and identifiers are read once
 * (through read-story.server.ts) and only the redaction leaves this function. Its `identifiers`
 * serve `storyLabels` too, so a page reads each story's identifiers once.
 */
export function quoteReader(db: Db, locale: string) {
  const label = placeholderLabel(locale);
  const identifiers = identifierCache(db);
  const stories = new Map<string, Promise<StoryText>>();
  const quote = async (excerpt: Pick<ExcerptRow, "start" | "end" | "quote" | "anchored" | "story">): Promise<string> => {
    const story = excerpt.story;
    let text = stories.get(story.id);
    if (!text) {
      text = storyText(db, story, identifiers);
      stories.set(story.id, text);
    }
    const read = await text;
    return redactedQuote(read, excerpt, label, (quote) => redactForReaders(quote, read.identifiers, locale));
  };
  return Object.assign(quote, { identifiers });
}

/** An excerpt as any reader may see it: redacted quote, story title and pseudonym, codes. */
export async function readerExcerpts(excerpts: readonly ExcerptRow[], quote: ReturnType<typeof quoteReader>, labels: ReturnType<typeof storyLabels>) {
  quote.identifiers.load(excerpts.map((e) => e.story.id)); // every story's identifiers in one read
  return Promise.all(
    excerpts.map(async (e) => ({
      id: e.id,
      storyId: e.storyId,
      ...(await labels(e.story).then(({ title, pseudonym }) => ({ storyTitle: title, pseudonym }))),
      codes: e.codes.map((c) => c.code).sort((a, b) => a.name.localeCompare(b.name)),
      quote: await quote(e),
    })),
  );
}
export type ReaderExcerpt = Awaited<ReturnType<typeof readerExcerpts>>[number];
