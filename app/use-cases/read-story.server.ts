/**
 * The one gate to a story's text. Every page that shows story text (the story page, the coding
 * view, code views, insights, reports, exports, board notes) reads it through here:
 *
 * - `requireReadableStory` refuses a story that is withdrawn (404) or, for anyone who may not see
 *   it unredacted, one without consent (403);
 * - `storyText` reads the stored text and the story's identifiers and returns the redaction; only
 *   code that has checked `mayReadOriginal` may use `.text` (the unredacted plain text).
 */
import crypto from "node:crypto";
import type { LocalityAccess } from "~/auth/permissions.server";
import { env } from "~/config/env.server";
import { forbidden, notFound } from "~/http/http-errors.server";
import { readDocumentState } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { docFromState, plainText } from "~/collab/rich-text";
import type { Db } from "~/data/db.server";
import type { StoryRecord } from "~/data/stories.server";
import { can, type LocalityRole } from "~/domain/access/policy";
import { IDENTIFIER_KINDS, redact, redactText, type Identifier, type IdentifierKind, type Redaction } from "~/domain/redaction";
import { translator } from "~/i18n/translate";
import { findStoryForReading, listIdentifierRows } from "~/data/stories.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type { StoryRecord };

/** Whether a role reads stories as they were told (real text, identities) rather than redacted. */
export function mayReadOriginal(role: LocalityRole | null): boolean {
  return can(role, "stories.unredacted");
}

/**
 * A story of this locality that the person may open: 404 for an unknown id, another locality's
 * story or a withdrawn one; 403 for a story without consent unless they may read originals.
 */
export async function requireReadableStory(db: Db, access: Pick<LocalityAccess, "locality" | "role">, rawStoryId: string | undefined): Promise<StoryRecord> {
  if (!rawStoryId || !ID.test(rawStoryId)) throw notFound();
  const row = await findStoryForReading(db, access.locality.id, rawStoryId);
  if (!row || row.withdrawnAt) throw notFound();
  const hasConsent = row.consent !== null;
  if (!hasConsent && !mayReadOriginal(access.role)) throw forbidden();
  const { consent: _consent, withdrawnAt: _withdrawn, ...story } = row;
  return { ...story, hasConsent };
}

/** The identifiers marked in a story, oldest first (their numbering follows this order). */
export async function storyIdentifiers(db: Db, storyId: string): Promise<Identifier[]> {
  return (await listIdentifierRows(db, [storyId])).map(asIdentifier);
}

function asIdentifier(row: { text: string; kind: string }): Identifier {
  return { text: row.text, kind: (IDENTIFIER_KINDS as readonly string[]).includes(row.kind) ? (row.kind as IdentifierKind) : "other" };
}

/** The story's stored text (plain, one line per block). Empty when it has no text yet. */
export async function readStoryPlainText(story: { localityId: string; documentId: string | null }): Promise<string> {
  if (!story.documentId) return "";
  const doc = docFromState(await readDocumentState(richTextDocName(story.localityId, story.documentId)));
  try {
    return plainText(doc);
  } finally {
    doc.destroy();
  }
}

export type StoryText = { text: string; identifiers: Identifier[]; redaction: Redaction };

/**
 * Stories' identifiers for one page's work: each story's read at most once, and the stories named
 * together by `load` in one query (a page quoting excerpts of several stories).
 */
export function identifierCache(db: Db) {
  const cache = new Map<string, Promise<Identifier[]>>();
  const load = (storyIds: readonly string[]) => {
    const missing = [...new Set(storyIds)].filter((id) => !cache.has(id));
    if (!missing.length) return;
    const rows = listIdentifierRows(db, missing);
    for (const id of missing) {
      const identifiers = rows.then((all) => all.filter((r) => r.storyId === id).map(asIdentifier));
      identifiers.catch(() => undefined); // a failed read fails whoever awaits it, not the process
      cache.set(id, identifiers);
    }
  };
  return {
    load,
    get(storyId: string): Promise<Identifier[]> {
      load([storyId]);
      return cache.get(storyId)!;
    },
  };
}
export type IdentifierCache = ReturnType<typeof identifierCache>;

/** The story's text, its identifiers and its redaction. `.text` is the ORIGINAL: see the module note. */
export async function storyText(
  db: Db,
  story: { id: string; localityId: string; documentId: string | null },
  identifiersOf: IdentifierCache = identifierCache(db),
): Promise<StoryText> {
  const [text, identifiers] = await Promise.all([readStoryPlainText(story), identifiersOf.get(story.id)]);
  return { text, identifiers, redaction: redact(text, identifiers) };
}

/** A placeholder's label in a language, e.g. "[Name 1]" (the same words the pages use). */
export function placeholderLabel(language: string): (kind: IdentifierKind, n: number) => string {
  const t = translator(language);
  const labels = new Map<string, string>();
  return (kind, n) => {
    const key = `${kind}:${n}`;
    let label = labels.get(key);
    if (label === undefined) {
      label = t(`stories.placeholder.${kind}`, { n });
      labels.set(key, label);
    }
    return label;
  };
}

/** Any text about a story (a quote, a note) redacted with the story's identifiers. */
export function redactForReaders(text: string, identifiers: readonly Identifier[], language: string): string {
  return redactText(text, identifiers, placeholderLabel(language));
}

/**
 * A story's title and pseudonym as a reader may see them: redacted with the story's identifiers
 * (a title can name someone too). Identifiers are read once per story per call of this function,
 * or per `identifiers` cache when the page's quotes share one (a quote reader's `identifiers`).
 */
export function storyLabels(db: Db, language: string, identifiers: IdentifierCache = identifierCache(db)) {
  return async (story: { id: string; title: string; storytellerPseudonym: string }): Promise<{ title: string; pseudonym: string }> => {
    const ids = await identifiers.get(story.id);
    return { title: redactForReaders(story.title, ids, language), pseudonym: redactForReaders(story.storytellerPseudonym, ids, language) };
  };
}

/**
 * Which version of a story's text a reader's page shows: a keyed hash (a plain hash of the text
 * would let someone test guesses of the hidden names against it). A passage chosen in an older
 * version is refused, so a facilitator's edit cannot shift what a member highlighted.
 */
export function textVersion(text: string): string {
  return crypto.createHmac("sha256", `story-text:${env().SESSION_SECRET}`).update(text).digest("base64url").slice(0, 22);
}
