/**
 * The coding view of a story (/l/:id/stories/:storyId/code) on the server: the story's REDACTED
 * text for everyone (facilitators too — the view is meant for a shared screen), its excerpts in
 * redacted offsets with redacted quotes, the keyboard picker's paragraphs and sentences; and the
 * actions that create, change and delete excerpts. Also the live "something changed" stream the
 * coding and analysis pages listen to.
 */
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound, forbidden } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import { createExcerpt, deleteExcerpt, findExcerpt, listCodes, saveAnchors, storyExcerpts, updateExcerpt } from "~/data/coding.server";
import { can } from "~/domain/access/policy";
import { anchorFor, excerptIdInput, excerptInput, excerptUpdateInput, MAX_EXCERPT_LENGTH, paragraphsOf, pickedRange, reanchor } from "~/domain/coding";
import { readerSegments, redactedString, sliceRedaction, toOriginalRange, toRedactedRange, type Redaction } from "~/domain/redaction";
import { analysisTopic, publishLive, storyTopic } from "~/http/live-events.server";
import { placeholderLabel, redactForReaders, requireReadableStory, storyText, textVersion, type StoryRecord } from "~/use-cases/read-story.server";

/** A passage of the redacted text as a string with the placeholders' labels. */
function redactedSlice(redaction: Redaction, rStart: number, rEnd: number, language: string): string {
  return redactedString({ segments: sliceRedaction(redaction, rStart, rEnd), length: 0, rLength: 0 }, placeholderLabel(language));
}

/** The story, its text and its excerpts found again in the current text (moves are saved). */
async function readStoryForCoding(access: LocalityAccess, storyId: string | undefined) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, storyId);
  const [text, excerpts] = await Promise.all([storyText(db, story), storyExcerpts(db, story.id)]);
  const moves: Array<{ id: string; start: number; end: number; anchored: boolean }> = [];
  const placed = excerpts.map((e) => {
    const found = reanchor(text.text, e);
    const now = found.anchored ? { ...e, start: found.start, end: found.end, anchored: true } : { ...e, anchored: false };
    if (now.start !== e.start || now.end !== e.end || now.anchored !== e.anchored)
      moves.push({ id: e.id, start: now.start, end: now.end, anchored: now.anchored });
    return now;
  });
  await saveAnchors(db, moves);
  return { db, story, text, excerpts: placed };
}

/** What the coding view sends to any browser: redacted offsets and redacted quotes only. */
export async function loadCodingPage(access: LocalityAccess, storyId: string | undefined, language: string) {
  const { db, story, text, excerpts } = await readStoryForCoding(access, storyId);
  const segments = readerSegments(text.redaction.segments);
  const codes = await listCodes(db, access.locality.id);
  const manage = can(access.role, "codes.manage");
  return {
    locality: { id: access.locality.id },
    story: {
      id: story.id,
      title: redactForReaders(story.title, text.identifiers, language),
      pseudonym: redactForReaders(story.storytellerPseudonym, text.identifiers, language),
      language: story.language,
    },
    segments,
    textVersion: textVersion(text.text),
    paragraphs: paragraphsOf(segments, placeholderLabel(language)).map((p) => p.sentences.map((s) => s.preview)),
    excerpts: excerpts.map((e) => {
      const range = e.anchored ? toRedactedRange(text.redaction, e.start, e.end) : null;
      return {
        id: e.id,
        rStart: range?.rStart ?? null,
        rEnd: range?.rEnd ?? null,
        anchored: e.anchored,
        quote: range ? redactedSlice(text.redaction, range.rStart, range.rEnd, language) : redactForReaders(e.quote, text.identifiers, language),
        comment: redactForReaders(e.comment, text.identifiers, language),
        codes: e.codes,
        coderName: e.coderName,
        createdAt: e.createdAt.toISOString(),
        mine: e.coderId === access.user.id,
        mayEdit: can(access.role, "stories.code") && (e.coderId === access.user.id || manage),
      };
    }),
    codes: codes.map((c) => ({ id: c.id, name: c.name, description: c.description })),
    may: { code: can(access.role, "stories.code"), manageCodes: manage },
  };
}

function changed(story: StoryRecord): void {
  publishLive(storyTopic(story.id), "changed");
  publishLive(analysisTopic(story.localityId), "changed");
}

/**
 * "Code this passage": by selection (redacted offsets) or by the picker (sentence refs). Once per
 * form load: a double submit codes it once, and every copy gets the first one's answer.
 */
export async function createExcerptFromForm(access: LocalityAccess, storyId: string | undefined, form: FormData, language: string, load: FormLoad) {
  return oncePerFormLoad(await getDb(), load, async () => {
    const outcome = await codePassage(access, storyId, form, language);
    return { kept: outcome.ok, value: outcome };
  });
}

async function codePassage(access: LocalityAccess, storyId: string | undefined, form: FormData, language: string) {
  const { db, story, text } = await readStoryForCoding(access, storyId);
  const submission = parseWithZod(form, { schema: excerptInput });
  if (submission.status !== "success") return { ok: false as const, reply: submission.reply() };
  const input = submission.value;
  const fail = (field: string, message: string) => ({ ok: false as const, reply: submission.reply({ fieldErrors: { [field]: [message] } }) });
  // The text changed since the page was loaded: the offsets would point elsewhere now.
  if (input.textVersion && input.textVersion !== textVersion(text.text)) return fail("from", "analysis.errors.textChanged");

  let range: { rStart: number; rEnd: number } | null;
  if (input.rStart !== undefined && input.rEnd !== undefined) {
    range = input.rEnd > input.rStart && input.rEnd <= text.redaction.rLength ? { rStart: input.rStart, rEnd: input.rEnd } : null;
  } else {
    range = pickedRange(paragraphsOf(readerSegments(text.redaction.segments), placeholderLabel(language)), input.from ?? "", input.to ?? "");
  }
  if (!range) return fail("from", "analysis.errors.passage");
  const { start, end } = toOriginalRange(text.redaction, range.rStart, range.rEnd);
  const anchor = anchorFor(text.text, start, end);
  if (!anchor.quote.trim()) return fail("from", "analysis.errors.passage");
  if (anchor.quote.length > MAX_EXCERPT_LENGTH) return fail("from", "analysis.errors.passageLong");

  const created = await createExcerpt(db, {
    ...anchor,
    localityId: access.locality.id,
    storyId: story.id,
    coderId: access.user.id,
    comment: input.comment,
    codeIds: input.codeIds,
    newCode: input.newCode,
  });
  // A code id of another locality (or one deleted meanwhile) is not something this page offered.
  if (!created) throw notFound();
  changed(story);
  return { ok: true as const, reply: submission.reply(), excerptId: created.excerptId, merged: created.merged };
}

/** The excerpt a person may change: its coder, or someone who manages codes. */
async function requireEditableExcerpt(access: LocalityAccess, storyId: string | undefined, excerptId: string) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, storyId);
  const excerpt = await findExcerpt(db, story.id, excerptId);
  if (!excerpt) throw notFound();
  if (excerpt.coderId !== access.user.id && !can(access.role, "codes.manage")) throw forbidden();
  return { db, story, excerpt };
}

export async function updateExcerptFromForm(access: LocalityAccess, storyId: string | undefined, form: FormData) {
  const submission = parseWithZod(form, { schema: excerptUpdateInput });
  if (submission.status !== "success") {
    const id = form.get("excerptId");
    return { ok: false as const, reply: submission.reply(), excerptId: typeof id === "string" ? id : null };
  }
  const { db, story } = await requireEditableExcerpt(access, storyId, submission.value.excerptId);
  const updated = await updateExcerpt(db, { localityId: access.locality.id, actorId: access.user.id, ...submission.value });
  if (!updated) throw notFound();
  changed(story);
  return { ok: true as const, reply: submission.reply(), excerptId: submission.value.excerptId };
}

export async function deleteExcerptFromForm(access: LocalityAccess, storyId: string | undefined, form: FormData) {
  const submission = parseWithZod(form, { schema: excerptIdInput });
  if (submission.status !== "success") throw notFound();
  const { db, story, excerpt } = await requireEditableExcerpt(access, storyId, submission.value.excerptId);
  await deleteExcerpt(db, { localityId: access.locality.id, actorId: access.user.id, excerptId: excerpt.id, storyId: story.id });
  changed(story);
  return { ok: true as const };
}
