/**
 * Story records: metadata, the storyteller's identity, consent, marked identifiers and photos.
 * The text lives in the story's shared document (read only through
 * app/use-cases/read-story.server.ts). Audit entries never carry personal content: no names,
 * identifier texts or consent givers, only what kind of thing changed.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { normaliseIdentifier, type Identifier } from "~/domain/redaction";
import type { ConsentValues, IdentityValues, StoryMeta } from "~/domain/stories";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A story as the app passes it around (never its text: that is read through story-reading.server.ts). */
export type StoryRecord = {
  id: string;
  localityId: string;
  title: string;
  storytellerPseudonym: string;
  interviewer: string;
  occurredOn: Date;
  place: string;
  language: string;
  method: string;
  documentId: string | null;
  createdAt: Date;
  hasConsent: boolean;
};

export type StoryListRow = Omit<StoryRecord, "localityId" | "documentId" | "createdAt">;

/** A locality's stories, newest first: all of them, or only those with consent. Never withdrawn ones. */
export async function listStories(db: Db, localityId: string, options: { includeWithoutConsent: boolean }): Promise<StoryListRow[]> {
  const rows = await db.story.findMany({
    where: { localityId, withdrawnAt: null, ...(options.includeWithoutConsent ? {} : { consent: { isNot: null } }) },
    orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      title: true,
      storytellerPseudonym: true,
      interviewer: true,
      occurredOn: true,
      place: true,
      language: true,
      method: true,
      consent: { select: { id: true } },
    },
  });
  return rows.map(({ consent, ...r }) => ({ ...r, hasConsent: consent !== null }));
}

/** Pseudonyms already used in the locality (the next default skips them). */
export async function usedPseudonyms(db: Db, localityId: string): Promise<string[]> {
  const rows = await db.story.findMany({ where: { localityId, withdrawnAt: null }, select: { storytellerPseudonym: true } });
  return rows.map((r) => r.storytellerPseudonym);
}

/** The locality's people, for linking a storyteller and suggesting names to mark. */
export function localityPeople(db: Db, localityId: string): Promise<Array<{ id: string; displayName: string }>> {
  return db.person.findMany({ where: { localityId }, orderBy: { displayName: "asc" }, select: { id: true, displayName: true } });
}

/** A person id only if that person is in the locality. */
async function personInLocality(tx: Tx | Db, localityId: string, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const person = await tx.person.findFirst({ where: { id: personId, localityId }, select: { id: true } });
  return person?.id ?? null;
}

async function writeIdentity(tx: Tx, storyId: string, localityId: string, identity: IdentityValues): Promise<void> {
  if (!identity.realName && !identity.contact && !identity.personId) {
    await tx.storytellerIdentity.deleteMany({ where: { storyId } });
    return;
  }
  const data = { realName: identity.realName, contact: identity.contact, personId: await personInLocality(tx, localityId, identity.personId) };
  await tx.storytellerIdentity.upsert({ where: { storyId }, create: { storyId, ...data }, update: data });
}

function metaData(meta: StoryMeta) {
  return {
    title: meta.title,
    storytellerPseudonym: meta.storytellerPseudonym,
    interviewer: meta.interviewer,
    occurredOn: new Date(`${meta.occurredOn}T00:00:00Z`),
    place: meta.place,
    language: meta.language,
    method: meta.method,
  };
}

/** A new story on its (already created) document, with the identity when one was given. */
export async function createStory(
  db: Db,
  input: { localityId: string; actorId: string; documentId: string; meta: StoryMeta; identity: IdentityValues },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const story = await tx.story.create({
      data: { localityId: input.localityId, documentId: input.documentId, createdById: input.actorId, ...metaData(input.meta) },
      select: { id: true },
    });
    await writeIdentity(tx, story.id, input.localityId, input.identity);
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "story.create",
      targetType: "story",
      targetId: story.id,
      detail: { method: input.meta.method, language: input.meta.language },
    });
    return story;
  });
}

export async function updateStory(
  db: Db,
  input: { localityId: string; actorId: string; storyId: string; meta: StoryMeta; identity: IdentityValues },
): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.story.update({ where: { id: input.storyId }, data: metaData(input.meta) });
    const before = await tx.storytellerIdentity.findUnique({ where: { storyId: input.storyId }, select: { realName: true, contact: true, personId: true } });
    await writeIdentity(tx, input.storyId, input.localityId, input.identity);
    const after = await tx.storytellerIdentity.findUnique({ where: { storyId: input.storyId }, select: { realName: true, contact: true, personId: true } });
    await recordAudit(tx, { localityId: input.localityId, actorId: input.actorId, action: "story.update", targetType: "story", targetId: input.storyId });
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "story.identity.update",
        targetType: "story",
        targetId: input.storyId,
      });
    }
  });
}

/** Everything a facilitator sees about a story besides its text. */
export async function storyDetail(db: Db, storyId: string) {
  return db.story.findUniqueOrThrow({
    where: { id: storyId },
    select: {
      identity: { select: { realName: true, contact: true, personId: true } },
      consent: { select: { givenBy: true, givenAt: true, method: true, infoSheetVersion: true, scope: true, updatedAt: true } },
      identifiers: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, text: true, kind: true } },
      photos: { orderBy: { createdAt: "asc" }, select: { id: true, alt: true, width: true, height: true } },
    },
  });
}

/** What members and viewers may know of a story's consent and photos: no giver, no identity. */
export async function storyPublicDetail(db: Db, storyId: string) {
  return db.story.findUniqueOrThrow({
    where: { id: storyId },
    select: {
      consent: { select: { givenAt: true, method: true, scope: true } },
      photos: { orderBy: { createdAt: "asc" }, select: { id: true, alt: true, width: true, height: true } },
    },
  });
}

export async function recordConsent(db: Db, input: { localityId: string; actorId: string; storyId: string; consent: ConsentValues }): Promise<void> {
  const data = {
    givenBy: input.consent.givenBy,
    givenAt: new Date(`${input.consent.givenAt}T00:00:00Z`),
    method: input.consent.method,
    infoSheetVersion: input.consent.infoSheetVersion,
    scope: input.consent.scope,
    recordedById: input.actorId,
  };
  await db.$transaction(async (tx) => {
    await tx.storyConsent.upsert({ where: { storyId: input.storyId }, create: { storyId: input.storyId, ...data }, update: data });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "story.consent.record",
      targetType: "story",
      targetId: input.storyId,
      detail: { method: data.method, scope: data.scope },
    });
  });
}

/** Marks identifiers (skipping any already marked, whatever their spacing or case); returns how many were new. */
export async function addIdentifiers(
  db: Db,
  input: { localityId: string; actorId: string; storyId: string; identifiers: readonly Identifier[] },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const existing = await tx.storyIdentifier.findMany({ where: { storyId: input.storyId }, select: { text: true } });
    const seen = new Set(existing.map((e) => normaliseIdentifier(e.text).toLocaleLowerCase()));
    let added = 0;
    for (const identifier of input.identifiers) {
      const text = normaliseIdentifier(identifier.text);
      const key = text.toLocaleLowerCase();
      if (!text || seen.has(key)) continue;
      seen.add(key);
      const row = await tx.storyIdentifier.create({
        data: { storyId: input.storyId, text, kind: identifier.kind, createdById: input.actorId },
        select: { id: true },
      });
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "story.identifier.add",
        targetType: "story",
        targetId: input.storyId,
        detail: { identifierId: row.id, kind: identifier.kind },
      });
      added++;
    }
    return added;
  });
}

export async function removeIdentifier(db: Db, input: { localityId: string; actorId: string; storyId: string; identifierId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.storyIdentifier.deleteMany({ where: { id: input.identifierId, storyId: input.storyId } });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "story.identifier.remove",
        targetType: "story",
        targetId: input.storyId,
        detail: { identifierId: input.identifierId },
      });
    return count > 0;
  });
}

export function countPhotos(db: Db, storyId: string): Promise<number> {
  return db.storyPhoto.count({ where: { storyId } });
}

export async function addPhoto(
  db: Db,
  input: { localityId: string; actorId: string; storyId: string; photo: { data: Uint8Array; mime: string; width: number; height: number }; alt: string },
): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await tx.storyPhoto.create({
      data: {
        storyId: input.storyId,
        data: Buffer.from(input.photo.data),
        mime: input.photo.mime,
        width: input.photo.width,
        height: input.photo.height,
        alt: input.alt,
        createdById: input.actorId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "story.photo.add",
      targetType: "story",
      targetId: input.storyId,
      detail: { photoId: row.id },
    });
    return row;
  });
}

export async function removePhoto(db: Db, input: { localityId: string; actorId: string; storyId: string; photoId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.storyPhoto.deleteMany({ where: { id: input.photoId, storyId: input.storyId } });
    if (count)
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.actorId,
        action: "story.photo.remove",
        targetType: "story",
        targetId: input.storyId,
        detail: { photoId: input.photoId },
      });
    return count > 0;
  });
}

export function findPhoto(db: Db, storyId: string, photoId: string) {
  return db.storyPhoto.findFirst({ where: { id: photoId, storyId }, select: { data: true, mime: true } });
}

/** The story's text was replaced from a file (kind only: the file's name may name someone). */
export function recordImport(db: Db, input: { localityId: string; actorId: string; storyId: string; kind: string }): Promise<void> {
  return recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "story.import",
    targetType: "story",
    targetId: input.storyId,
    detail: { kind: input.kind },
  });
}

export function recordOriginalView(db: Db, input: { localityId: string; actorId: string; storyId: string }): Promise<void> {
  return recordAudit(db, { localityId: input.localityId, actorId: input.actorId, action: "story.original.view", targetType: "story", targetId: input.storyId });
}

/** What reading a story needs of its record (with whether it has consent and was withdrawn). */
const readingFields = {
  id: true,
  localityId: true,
  title: true,
  storytellerPseudonym: true,
  interviewer: true,
  occurredOn: true,
  place: true,
  language: true,
  method: true,
  documentId: true,
  createdAt: true,
  withdrawnAt: true,
  consent: { select: { id: true } },
} as const;

export function findStoryForReading(db: Db, localityId: string, storyId: string) {
  return db.story.findFirst({ where: { id: storyId, localityId }, select: readingFields });
}

/** The identifiers marked in these stories, oldest first (their numbering follows this order). */
export function listIdentifierRows(db: Db, storyIds: readonly string[]) {
  return db.storyIdentifier.findMany({
    where: { storyId: { in: [...storyIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { storyId: true, text: true, kind: true },
  });
}

/** The live (not withdrawn) story whose text is this document, if any. */
export function findStoryByDocument(db: Db, localityId: string, documentId: string) {
  return db.story.findFirst({ where: { documentId, localityId, withdrawnAt: null }, select: { id: true } });
}

export function countExcerptsOf(db: Db, storyId: string): Promise<number> {
  return db.excerpt.count({ where: { storyId } });
}

export function excerptIdsOf(db: Db, storyId: string): Promise<Array<{ id: string }>> {
  return db.excerpt.findMany({ where: { storyId }, select: { id: true } });
}

/** The storyteller's real name (facilitators only see it; used for identifier suggestions). */
export function storytellerRealName(db: Db, storyId: string) {
  return db.storytellerIdentity.findUnique({ where: { storyId }, select: { realName: true } });
}

/** A live story with its excerpts' ids, before withdrawing it. */
export function findStoryToWithdraw(db: Db, localityId: string, storyId: string) {
  return db.story.findFirst({
    where: { id: storyId, localityId, withdrawnAt: null },
    select: { id: true, documentId: true, excerpts: { select: { id: true } } },
  });
}

/**
 * Withdraws a story's records in one transaction: its excerpts (and their codes), identity,
 * consent, identifiers, photos and text document go; the row stays, emptied, marked withdrawn.
 */
export async function eraseStoryRecords(
  db: Db,
  input: { localityId: string; actorId: string; storyId: string; documentId: string | null; excerpts: number },
): Promise<void> {
  const { localityId, storyId } = input;
  await db.$transaction(async (tx) => {
    await tx.excerpt.deleteMany({ where: { storyId } });
    await tx.storytellerIdentity.deleteMany({ where: { storyId } });
    await tx.storyConsent.deleteMany({ where: { storyId } });
    await tx.storyIdentifier.deleteMany({ where: { storyId } });
    await tx.storyPhoto.deleteMany({ where: { storyId } });
    await tx.story.update({
      where: { id: storyId },
      data: { title: "", storytellerPseudonym: "", place: "", interviewer: "", withdrawnAt: new Date(), documentId: null },
    });
    if (input.documentId) await tx.sharedDocument.deleteMany({ where: { id: input.documentId, localityId } });
    await recordAudit(tx, {
      localityId,
      actorId: input.actorId,
      action: "story.withdraw",
      targetType: "story",
      targetId: storyId,
      detail: { excerpts: input.excerpts },
    });
  });
}
