/**
 * Codes and excerpts (Stage 2 joint analysis) in the database. Excerpts hold ORIGINAL offsets and
 * the ORIGINAL quote: everything returned here is server-only, and callers redact before anything
 * reaches a browser (app/use-cases/read-story.server.ts).
 *
 * Only stories that are not withdrawn and have consent count anywhere in analysis.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { sameCodeName, type Anchor } from "~/domain/coding";

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Stories whose excerpts count in analysis: this locality's, consented, not withdrawn. */
/** A story of the locality whose excerpts count in analysis: consented, not withdrawn (the one definition). */
export const countedStory = (localityId: string) => ({ localityId, withdrawnAt: null, consent: { isNot: null } });

export type CodeRecord = { id: string; name: string; description: string; createdAt: Date };
const codeFields = { id: true, name: true, description: true, createdAt: true } as const;

/** The locality's codebook, by name, with how many excerpts and stories use each code. */
export async function listCodes(db: Db, localityId: string): Promise<Array<CodeRecord & { excerpts: number; stories: number }>> {
  const [codes, links] = await Promise.all([
    db.code.findMany({ where: { localityId }, select: codeFields }),
    db.excerptCode.findMany({
      where: { code: { localityId }, excerpt: { story: countedStory(localityId) } },
      select: { codeId: true, excerpt: { select: { storyId: true } } },
    }),
  ]);
  const excerpts = new Map<string, number>();
  const stories = new Map<string, Set<string>>();
  for (const l of links) {
    excerpts.set(l.codeId, (excerpts.get(l.codeId) ?? 0) + 1);
    const set = stories.get(l.codeId) ?? new Set<string>();
    set.add(l.excerpt.storyId);
    stories.set(l.codeId, set);
  }
  return codes.map((c) => ({ ...c, excerpts: excerpts.get(c.id) ?? 0, stories: stories.get(c.id)?.size ?? 0 })).sort((a, b) => a.name.localeCompare(b.name));
}

export function findCode(db: Db, localityId: string, codeId: string): Promise<CodeRecord | null> {
  return db.code.findFirst({ where: { id: codeId, localityId }, select: codeFields });
}

/** Which of these ids are codes of the locality (all of them, or null when one is not). */
export async function codesOfLocality(db: Tx, localityId: string, ids: readonly string[]): Promise<string[] | null> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await db.code.findMany({ where: { localityId, id: { in: unique } }, select: { id: true } });
  return found.length === unique.length ? unique : null;
}

async function codeNamed(db: Tx, localityId: string, name: string, exceptId?: string): Promise<CodeRecord | null> {
  const all = await db.code.findMany({ where: { localityId }, select: codeFields });
  return all.find((c) => c.id !== exceptId && sameCodeName(c.name, name)) ?? null;
}

/** A new code; when one of that name exists (any case) it is returned instead, with `created: false`. */
export async function createCode(
  db: Tx,
  input: { localityId: string; actorId: string; name: string; description?: string },
): Promise<{ code: CodeRecord; created: boolean }> {
  const existing = await codeNamed(db, input.localityId, input.name);
  if (existing) return { code: existing, created: false };
  const code = await db.code.create({
    data: { localityId: input.localityId, name: input.name, description: input.description ?? "", createdById: input.actorId },
    select: codeFields,
  });
  await recordAudit(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    action: "code.create",
    targetType: "code",
    targetId: code.id,
    detail: { name: code.name },
  });
  return { code, created: true };
}

/** Renames and describes a code. "taken" when another code has that name; null when not this locality's. */
export async function updateCode(
  db: Db,
  input: { localityId: string; actorId: string; codeId: string; name: string; description: string },
): Promise<CodeRecord | "taken" | null> {
  return db.$transaction(async (tx) => {
    const code = await tx.code.findFirst({ where: { id: input.codeId, localityId: input.localityId }, select: codeFields });
    if (!code) return null;
    if (await codeNamed(tx, input.localityId, input.name, code.id)) return "taken";
    const updated = await tx.code.update({ where: { id: code.id }, data: { name: input.name, description: input.description }, select: codeFields });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "code.update",
      targetType: "code",
      targetId: code.id,
      detail: { from: code.name, name: updated.name, described: code.description !== updated.description },
    });
    return updated;
  });
}

/**
 * Merges code `fromId` into `intoId`: every excerpt with `from` gets `into` (one link when it
 * had both), and `from` is removed. Null when either is not this locality's or they are the same.
 */
export async function mergeCodes(
  db: Db,
  input: { localityId: string; actorId: string; fromId: string; intoId: string },
): Promise<{ moved: number; into: CodeRecord } | null> {
  if (input.fromId === input.intoId) return null;
  return db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([
      tx.code.findFirst({ where: { id: input.fromId, localityId: input.localityId }, select: codeFields }),
      tx.code.findFirst({ where: { id: input.intoId, localityId: input.localityId }, select: codeFields }),
    ]);
    if (!from || !into) return null;
    const [fromLinks, intoLinks] = await Promise.all([
      tx.excerptCode.findMany({ where: { codeId: from.id }, select: { excerptId: true } }),
      tx.excerptCode.findMany({ where: { codeId: into.id }, select: { excerptId: true } }),
    ]);
    const already = new Set(intoLinks.map((l) => l.excerptId));
    const missing = fromLinks.map((l) => l.excerptId).filter((id) => !already.has(id));
    if (missing.length) await tx.excerptCode.createMany({ data: missing.map((excerptId) => ({ excerptId, codeId: into.id })) });
    await tx.code.delete({ where: { id: from.id } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "code.merge",
      targetType: "code",
      targetId: into.id,
      detail: { from: from.name, fromId: from.id, into: into.name, excerpts: fromLinks.length },
    });
    return { moved: fromLinks.length, into };
  });
}

/** Deletes a code nobody used. "in-use" when excerpts carry it (merge it or keep it); null when not this locality's. */
export async function deleteCode(db: Db, input: { localityId: string; actorId: string; codeId: string }): Promise<"deleted" | "in-use" | null> {
  return db.$transaction(async (tx) => {
    const code = await tx.code.findFirst({ where: { id: input.codeId, localityId: input.localityId }, select: codeFields });
    if (!code) return null;
    if ((await tx.excerptCode.count({ where: { codeId: code.id } })) > 0) return "in-use";
    await tx.code.delete({ where: { id: code.id } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "code.delete",
      targetType: "code",
      targetId: code.id,
      detail: { name: code.name },
    });
    return "deleted";
  });
}

// ---------------------------------------------------------------------------------------------
// Excerpts.

const excerptFields = {
  id: true,
  storyId: true,
  start: true,
  end: true,
  quote: true,
  prefix: true,
  suffix: true,
  comment: true,
  anchored: true,
  coderId: true,
  createdAt: true,
  updatedAt: true,
  coder: { select: { name: true } },
  codes: { select: { code: { select: { id: true, name: true } } } },
} as const;

/** An excerpt as stored (ORIGINAL offsets and quote: server-only). */
export type ExcerptRecord = Anchor & {
  id: string;
  storyId: string;
  comment: string;
  anchored: boolean;
  coderId: string | null;
  coderName: string | null;
  createdAt: Date;
  updatedAt: Date;
  codes: Array<{ id: string; name: string }>;
};

type ExcerptRow = {
  id: string;
  storyId: string;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  comment: string;
  anchored: boolean;
  coderId: string | null;
  createdAt: Date;
  updatedAt: Date;
  coder: { name: string } | null;
  codes: Array<{ code: { id: string; name: string } }>;
};

function toRecord(row: ExcerptRow): ExcerptRecord {
  const { coder, codes, ...rest } = row;
  return { ...rest, coderName: coder?.name ?? null, codes: codes.map((c) => c.code).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** A story's excerpts, in text order. */
export async function storyExcerpts(db: Db, storyId: string): Promise<ExcerptRecord[]> {
  const rows = await db.excerpt.findMany({ where: { storyId }, orderBy: [{ start: "asc" }, { end: "asc" }, { createdAt: "asc" }], select: excerptFields });
  return rows.map(toRecord);
}

export function findExcerpt(db: Db, storyId: string, excerptId: string): Promise<ExcerptRecord | null> {
  return db.excerpt.findFirst({ where: { id: excerptId, storyId }, select: excerptFields }).then((r) => (r ? toRecord(r) : null));
}

/** Stores where re-anchoring found excerpts (or that it did not). */
export async function saveAnchors(db: Db, changes: ReadonlyArray<{ id: string; start: number; end: number; anchored: boolean }>): Promise<void> {
  if (changes.length === 0) return;
  await db.$transaction(changes.map((c) => db.excerpt.update({ where: { id: c.id }, data: { start: c.start, end: c.end, anchored: c.anchored } })));
}

export type NewExcerpt = Anchor & { localityId: string; storyId: string; coderId: string; comment: string; codeIds: readonly string[]; newCode: string };

/**
 * Stores a highlighted passage with its codes (and a new code typed inline). The same range by
 * the same coder is one excerpt: its codes are merged (and a new comment replaces the old).
 * Null when a code id is not this locality's.
 */
export async function createExcerpt(db: Db, input: NewExcerpt): Promise<{ excerptId: string; merged: boolean } | null> {
  return db.$transaction(async (tx) => {
    const codeIds = await codesOfLocality(tx, input.localityId, input.codeIds);
    if (!codeIds) return null;
    if (input.newCode) codeIds.push((await createCode(tx, { localityId: input.localityId, actorId: input.coderId, name: input.newCode })).code.id);
    const existing = await tx.excerpt.findFirst({
      where: { storyId: input.storyId, coderId: input.coderId, start: input.start, end: input.end },
      select: { id: true, codes: { select: { codeId: true } } },
    });
    if (existing) {
      const had = new Set(existing.codes.map((c) => c.codeId));
      const add = [...new Set(codeIds)].filter((id) => !had.has(id));
      if (add.length) await tx.excerptCode.createMany({ data: add.map((codeId) => ({ excerptId: existing.id, codeId })) });
      await tx.excerpt.update({ where: { id: existing.id }, data: { anchored: true, ...(input.comment ? { comment: input.comment } : {}) } });
      await recordAudit(tx, {
        localityId: input.localityId,
        actorId: input.coderId,
        action: "excerpt.update",
        targetType: "excerpt",
        targetId: existing.id,
        detail: { storyId: input.storyId, added: add.length },
      });
      return { excerptId: existing.id, merged: true };
    }
    const excerpt = await tx.excerpt.create({
      data: {
        localityId: input.localityId,
        storyId: input.storyId,
        start: input.start,
        end: input.end,
        quote: input.quote,
        prefix: input.prefix,
        suffix: input.suffix,
        comment: input.comment,
        coderId: input.coderId,
        codes: { create: [...new Set(codeIds)].map((codeId) => ({ codeId })) },
      },
      select: { id: true },
    });
    // The activity log names the story and the range, never the quote (it may hold identifiers).
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.coderId,
      action: "excerpt.create",
      targetType: "excerpt",
      targetId: excerpt.id,
      detail: { storyId: input.storyId, start: input.start, end: input.end, codes: codeIds.length },
    });
    return { excerptId: excerpt.id, merged: false };
  });
}

/** Replaces an excerpt's codes and comment. Null when a code id is not this locality's. */
export async function updateExcerpt(
  db: Db,
  input: { localityId: string; actorId: string; excerptId: string; codeIds: readonly string[]; newCode: string; comment: string },
): Promise<"updated" | null> {
  return db.$transaction(async (tx) => {
    const codeIds = await codesOfLocality(tx, input.localityId, input.codeIds);
    if (!codeIds) return null;
    if (input.newCode) codeIds.push((await createCode(tx, { localityId: input.localityId, actorId: input.actorId, name: input.newCode })).code.id);
    await tx.excerptCode.deleteMany({ where: { excerptId: input.excerptId } });
    await tx.excerptCode.createMany({ data: [...new Set(codeIds)].map((codeId) => ({ excerptId: input.excerptId, codeId })) });
    await tx.excerpt.update({ where: { id: input.excerptId }, data: { comment: input.comment } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "excerpt.update",
      targetType: "excerpt",
      targetId: input.excerptId,
      detail: { codes: codeIds.length },
    });
    return "updated";
  });
}

export async function deleteExcerpt(db: Db, input: { localityId: string; actorId: string; excerptId: string; storyId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.excerpt.delete({ where: { id: input.excerptId } });
    await recordAudit(tx, {
      localityId: input.localityId,
      actorId: input.actorId,
      action: "excerpt.delete",
      targetType: "excerpt",
      targetId: input.excerptId,
      detail: { storyId: input.storyId },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Across stories (analysis views, and boards: the analysis send page).

export type LocalityExcerpt = ExcerptRecord & { storyTitle: string; pseudonym: string };

/**
 * The locality's excerpts in counted stories (consented, not withdrawn), optionally of one code or
 * one story, by story then position. The quote is the ORIGINAL: callers redact it
 * (`redactForReaders` with the story's identifiers) before it leaves the server.
 */
export async function listExcerpts(db: Db, localityId: string, filter: { codeId?: string; storyId?: string } = {}): Promise<LocalityExcerpt[]> {
  const rows = await db.excerpt.findMany({
    where: {
      localityId,
      story: countedStory(localityId),
      ...(filter.storyId ? { storyId: filter.storyId } : {}),
      ...(filter.codeId ? { codes: { some: { codeId: filter.codeId } } } : {}),
    },
    orderBy: [{ story: { createdAt: "asc" } }, { storyId: "asc" }, { start: "asc" }, { createdAt: "asc" }],
    select: { ...excerptFields, story: { select: { title: true, storytellerPseudonym: true } } },
  });
  return rows.map(({ story, ...row }) => ({ ...toRecord(row), storyTitle: story.title, pseudonym: story.storytellerPseudonym }));
}

/** The counted stories of a locality (for the counts table's columns). */
export function countedStories(db: Db, localityId: string) {
  return db.story.findMany({
    where: countedStory(localityId),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, title: true, storytellerPseudonym: true },
  });
}

/** The stories in which any of these codes appears. */
export function storiesWithCodes(db: Db, localityId: string, codeIds: readonly string[]): Promise<Array<{ storyId: string }>> {
  return db.excerpt.findMany({ where: { localityId, codes: { some: { codeId: { in: [...codeIds] } } } }, select: { storyId: true }, distinct: ["storyId"] });
}
