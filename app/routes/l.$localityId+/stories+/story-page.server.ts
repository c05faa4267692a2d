/**
 * What the story routes do on the server, kept out of the route modules: the list, capture
 * (record + document + text written through the collab API), the story page for readers
 * (redacted, never the identity) and for facilitators (the original on request, audited), and
 * the facilitator pages: edit, consent, identifiers (with suggestions), text, photos.
 *
 * Everything that reaches a member's or viewer's browser is redacted here: the text through
 * `storyText`, and the title, place and interviewer through the same identifiers.
 */
import { richTextDocName } from "~/collab/names";
import { redactExcerptNotes } from "./excerpt-notes.server";
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireLocalityAccess, type LocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { applyServerChange } from "~/collab/backend.server";
import { appendRichText, richTextFragment, type RichTextInput } from "~/collab/rich-text";
import { getDb, type Db } from "~/data/db.server";
import { createSharedDocument } from "~/data/shared-documents.server";
import { kept, oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import {
  addIdentifiers,
  createStory,
  listStories,
  localityPeople,
  recordImport,
  recordOriginalView,
  storyDetail,
  storyPublicDetail,
  usedPseudonyms,
  countExcerptsOf,
  listIdentifierRows,
  storytellerRealName,
} from "~/data/stories.server";
import { can } from "~/domain/access/policy";
import { asIdentifiers, suggestIdentifiers } from "~/domain/identifier-suggestions";
import { readerSegments, type Identifier, type Redaction } from "~/domain/redaction";
import { dateField, nextPseudonym, scopeIncludes, textToBlocks, type CaptureValues } from "~/domain/stories";
import { translator } from "~/i18n/translate";
import { analysisTopic, publishLive, storyTopic } from "~/http/live-events.server";
import { mayReadOriginal, redactForReaders, requireReadableStory, storyIdentifiers, storyText, type StoryRecord } from "~/use-cases/read-story.server";

/** The title of every story's text document (the story's own title is on the Story row). */
export const STORY_DOCUMENT_TITLE = "Story text";

type Access = Pick<LocalityAccess, "locality" | "role" | "user">;

/** The metadata anyone who may open the story sees; for readers, redacted with its identifiers. */
function storyMeta(
  story: Pick<StoryRecord, "id" | "title" | "storytellerPseudonym" | "interviewer" | "occurredOn" | "place" | "language" | "method">,
  hide: ((text: string) => string) | null,
) {
  const h = hide ?? ((text: string) => text);
  return {
    id: story.id,
    title: h(story.title),
    storytellerPseudonym: h(story.storytellerPseudonym),
    interviewer: h(story.interviewer),
    occurredOn: dateField(story.occurredOn),
    place: h(story.place),
    language: story.language,
    method: story.method,
  };
}

const hider = (identifiers: readonly Identifier[], locale: string) => (text: string) => redactForReaders(text, identifiers, locale);

// ---- list ------------------------------------------------------------------------------------

export async function loadStoryList(access: Access, locale: string, filter: { method: string | null; language: string | null }) {
  const db = await getDb();
  const original = mayReadOriginal(access.role);
  const rows = await listStories(db, access.locality.id, { includeWithoutConsent: original });
  const identifiers = original
    ? null
    : await identifiersByStory(
        db,
        rows.map((r) => r.id),
      );
  const shown = rows.filter((r) => (!filter.method || r.method === filter.method) && (!filter.language || r.language === filter.language));
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    stories: shown.map((r) => ({ ...storyMeta(r, identifiers ? hider(identifiers.get(r.id) ?? [], locale) : null), hasConsent: r.hasConsent })),
    total: rows.length,
    methods: [...new Set(rows.map((r) => r.method))],
    languages: [...new Set(rows.map((r) => r.language))],
    filter,
    may: { manage: can(access.role, "stories.manage") },
  };
}

async function identifiersByStory(db: Db, storyIds: string[]): Promise<Map<string, Identifier[]>> {
  const rows = await listIdentifierRows(db, storyIds);
  const out = new Map<string, Identifier[]>();
  for (const r of rows) {
    const list = out.get(r.storyId) ?? [];
    list.push({ text: r.text, kind: r.kind as Identifier["kind"] });
    out.set(r.storyId, list);
  }
  return out;
}

// ---- capture ---------------------------------------------------------------------------------

export async function loadCapturePage(access: Access, locale: string) {
  const db = await getDb();
  const t = translator(locale);
  const [used, people] = await Promise.all([usedPseudonyms(db, access.locality.id), localityPeople(db, access.locality.id)]);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    suggestedPseudonym: nextPseudonym(used, (letter) => t("stories.pseudonym", { letter }), locale),
    people,
    today: dateField(new Date()),
    defaultLanguage: locale,
  };
}

/**
 * Creates the story: its document, its text (typed, or the file's blocks) and its record. Once
 * per form load: a double submit captures one story, and every copy is sent to it.
 */
export async function captureStory(
  access: Access,
  load: FormLoad,
  values: CaptureValues,
  fileBlocks: { kind: string; blocks: RichTextInput[] } | null,
): Promise<{ id: string }> {
  const db = await getDb();
  return oncePerFormLoad(db, load, async () => kept({ id: (await createCapturedStory(db, access, values, fileBlocks)).id }));
}

async function createCapturedStory(
  db: Db,
  access: Access,
  values: CaptureValues,
  fileBlocks: { kind: string; blocks: RichTextInput[] } | null,
): Promise<{ id: string }> {
  const { text, realName, contact, personId, ...meta } = values;
  // The document's own title stays neutral: the activity log keeps it after a withdrawal.
  const document = await createSharedDocument(db, { localityId: access.locality.id, actorId: access.user.id, title: STORY_DOCUMENT_TITLE, kind: "story" });
  const story = await createStory(db, {
    localityId: access.locality.id,
    actorId: access.user.id,
    documentId: document.id,
    meta,
    identity: { realName, contact, personId },
  });
  const blocks = fileBlocks?.blocks ?? textToBlocks(text);
  if (blocks.length) {
    await applyServerChange(richTextDocName(access.locality.id, document.id), (doc) => appendRichText(doc, blocks));
  }
  if (fileBlocks) await recordImport(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, kind: fileBlocks.kind });
  publishLive(analysisTopic(access.locality.id), "changed");
  return story;
}

/** Replaces the story's whole text with a file's (one change, stored and broadcast to open editors). */
export async function replaceStoryText(access: Access, story: StoryRecord, file: { kind: string; blocks: RichTextInput[] }): Promise<void> {
  if (!story.documentId) return;
  await applyServerChange(richTextDocName(story.localityId, story.documentId), (doc) => {
    const body = richTextFragment(doc);
    doc.transact(() => {
      if (body.length) body.delete(0, body.length);
      appendRichText(doc, file.blocks);
    });
  });
  await recordImport(await getDb(), { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, kind: file.kind });
  publishLive(storyTopic(story.id), "changed");
  publishLive(analysisTopic(access.locality.id), "changed");
}

// ---- the story page --------------------------------------------------------------------------

/** The original text with each marked identifier's occurrences flagged (facilitators only). */
function originalSegments(text: string, redaction: Redaction) {
  return redaction.segments.map((s) =>
    s.type === "text" ? { type: "text" as const, text: s.text } : { type: "mark" as const, text: text.slice(s.start, s.end), kind: s.kind, n: s.n },
  );
}

export async function loadStoryPage(access: Access, rawStoryId: string | undefined, locale: string, wantOriginal: boolean) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, rawStoryId);
  const { text, identifiers, redaction } = await storyText(db, story);
  const facilitator = mayReadOriginal(access.role);
  const base = {
    locality: { id: access.locality.id, name: access.locality.name },
    may: { manage: can(access.role, "stories.manage"), code: can(access.role, "stories.code") },
    redacted: readerSegments(redaction.segments),
    hasText: text.trim().length > 0,
  };
  if (!facilitator) {
    const detail = await storyPublicDetail(db, story.id);
    return {
      ...base,
      story: { ...storyMeta(story, hider(identifiers, locale)), hasConsent: story.hasConsent },
      consent: detail.consent
        ? { givenAt: dateField(detail.consent.givenAt), method: detail.consent.method, allows: scopeIncludes(detail.consent.scope) }
        : null,
      photos: detail.photos.map((p) => ({ ...p, alt: hider(identifiers, locale)(p.alt) })),
      original: null,
    };
  }
  const detail = await storyDetail(db, story.id);
  const showOriginal = wantOriginal && story.documentId !== null;
  if (showOriginal) await recordOriginalView(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id });
  return {
    ...base,
    // "As members see it" unless the original is asked for: the title and photo descriptions too.
    story: { ...storyMeta(story, showOriginal ? null : hider(identifiers, locale)), hasConsent: story.hasConsent },
    consent: detail.consent ? { givenAt: dateField(detail.consent.givenAt), method: detail.consent.method, allows: scopeIncludes(detail.consent.scope) } : null,
    photos: showOriginal ? detail.photos : detail.photos.map((p) => ({ ...p, alt: hider(identifiers, locale)(p.alt) })),
    original: showOriginal
      ? {
          segments: originalSegments(text, redaction),
          identity: detail.identity ? { realName: detail.identity.realName, contact: detail.identity.contact } : null,
          identifierCount: detail.identifiers.length,
        }
      : null,
  };
}

// ---- facilitator pages -------------------------------------------------------------------------

/** A story a facilitator manages (the routes check stories.manage first). */
export async function requireManagedStory(access: Access, rawStoryId: string | undefined) {
  return requireReadableStory(await getDb(), access, rawStoryId);
}

/**
 * The opening of every story-management action: a facilitator (stories.manage), the posted form
 * (with its CSRF check), and the story of this locality it is about.
 */
export async function managedStoryAction(request: Request, params: ActionFunctionArgs["params"], context: ActionFunctionArgs["context"]) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  const form = await readForm(request, context);
  const story = await requireManagedStory(access, params.storyId);
  return { access, form, story, db: await getDb() };
}

export async function loadEditPage(access: Access, rawStoryId: string | undefined) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, rawStoryId);
  const [detail, people] = await Promise.all([storyDetail(db, story.id), localityPeople(db, access.locality.id)]);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    story: storyMeta(story, null),
    identity: { realName: detail.identity?.realName ?? "", contact: detail.identity?.contact ?? "", personId: detail.identity?.personId ?? "" },
    people,
  };
}

export async function loadConsentPage(access: Access, rawStoryId: string | undefined) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, rawStoryId);
  const detail = await storyDetail(db, story.id);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    story: storyMeta(story, null),
    consent: detail.consent
      ? {
          givenBy: detail.consent.givenBy,
          givenAt: dateField(detail.consent.givenAt),
          method: detail.consent.method,
          infoSheetVersion: detail.consent.infoSheetVersion,
          scope: detail.consent.scope,
          updatedAt: detail.consent.updatedAt.toISOString(),
        }
      : null,
    counts: { excerpts: await countExcerptsOf(db, story.id), photos: detail.photos.length, identifiers: detail.identifiers.length },
  };
}

async function suggestionsFor(db: Db, story: StoryRecord, text: string, marked: readonly { text: string }[]) {
  const [people, identity] = await Promise.all([localityPeople(db, story.localityId), storytellerRealName(db, story.id)]);
  return suggestIdentifiers(text, { people: people.map((p) => p.displayName), realName: identity?.realName ?? null, marked: marked.map((m) => m.text) });
}

export async function loadIdentifiersPage(access: Access, rawStoryId: string | undefined) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, rawStoryId);
  const [{ text, redaction }, detail] = await Promise.all([storyText(db, story), storyDetail(db, story.id)]);
  const suggestions = await suggestionsFor(db, story, text, detail.identifiers);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    story: storyMeta(story, null),
    identifiers: detail.identifiers,
    suggestions,
    original: originalSegments(text, redaction),
  };
}

/** Marks every suggestion at once; returns how many were marked (to a repeat of the form, as many as its first copy). */
export async function markAllSuggestions(access: Access, story: StoryRecord, load: FormLoad): Promise<number> {
  const db = await getDb();
  return oncePerFormLoad(db, load, async () => {
    const [{ text }, marked] = await Promise.all([storyText(db, story), storyIdentifiers(db, story.id)]);
    const suggestions = await suggestionsFor(db, story, text, marked);
    const added = await addIdentifiers(db, {
      localityId: access.locality.id,
      actorId: access.user.id,
      storyId: story.id,
      identifiers: asIdentifiers(suggestions),
    });
    if (added) await identifiersChanged(access, story.id);
    return kept(added);
  });
}

/**
 * Redaction changed: notes made from the story's excerpts are redacted again on every board, and
 * open pages of the story (and analysis views) read again.
 */
export async function identifiersChanged(access: Access, storyId: string): Promise<void> {
  await redactExcerptNotes(await getDb(), { id: storyId, localityId: access.locality.id }, access.user.preferredLanguage);
  publishLive(storyTopic(storyId), "changed");
  publishLive(analysisTopic(access.locality.id), "changed");
}

export async function loadTextPage(access: Access, rawStoryId: string | undefined) {
  const story = await requireReadableStory(await getDb(), access, rawStoryId);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    story: storyMeta(story, null),
    docName: story.documentId ? richTextDocName(story.localityId, story.documentId) : null,
    me: { id: access.user.id, name: access.user.name },
  };
}

export async function loadPhotosPage(access: Access, rawStoryId: string | undefined) {
  const db = await getDb();
  const story = await requireReadableStory(db, access, rawStoryId);
  const detail = await storyDetail(db, story.id);
  return { locality: { id: access.locality.id, name: access.locality.name }, story: storyMeta(story, null), photos: detail.photos };
}
