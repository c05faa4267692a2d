/**
 * The analysis pages (/l/:id/analysis…) on the server: the codebook and its changes (create,
 * rename and describe, merge, delete), and the views across stories — all excerpts of a code,
 * counts per code and story, who coded what, and where coders disagree. Only consented stories
 * that are not withdrawn count; every quote is redacted for everyone (facilitators included:
 * these pages are shown to the group).
 */
import { parseWithZod } from "@conform-to/zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { notFound } from "~/http/http-errors.server";
import { getDb, type Db } from "~/data/db.server";
import { oncePerFormLoad, type FormLoad } from "~/data/form-submissions.server";
import {
  countedStories,
  createCode,
  deleteCode,
  findCode,
  listCodes,
  listExcerpts,
  mergeCodes,
  updateCode,
  type LocalityExcerpt,
  storiesWithCodes,
} from "~/data/coding.server";
import { can } from "~/domain/access/policy";
import {
  agreementByCode,
  codeCreateInput,
  codeDeleteInput,
  codeMergeInput,
  codeUpdateInput,
  coderSummary,
  countsByCodeAndStory,
  disagreements,
  unionQuote,
} from "~/domain/coding";
import type { Identifier } from "~/domain/redaction";
import { analysisTopic, publishLive, storyTopic } from "~/http/live-events.server";
import { redactForReaders, storyIdentifiers } from "~/use-cases/read-story.server";

/** Redacts quotes and comments story by story (each story has its own identifiers). */
async function redactor(db: Db, stories: readonly { storyId: string }[], language: string) {
  const storyIds = [...new Set(stories.map((e) => e.storyId))];
  const identifiers = new Map<string, Identifier[]>(await Promise.all(storyIds.map(async (id) => [id, await storyIdentifiers(db, id)] as const)));
  return (storyId: string, text: string) => redactForReaders(text, identifiers.get(storyId) ?? [], language);
}

const mayFor = (access: LocalityAccess) => ({ code: can(access.role, "stories.code"), manageCodes: can(access.role, "codes.manage") });

export async function loadCodebook(access: LocalityAccess) {
  const db = await getDb();
  const codes = await listCodes(db, access.locality.id);
  return {
    locality: { id: access.locality.id },
    codes: codes.map((c) => ({ id: c.id, name: c.name, description: c.description, excerpts: c.excerpts, stories: c.stories })),
    may: mayFor(access),
  };
}

/** All excerpts of one code across stories. */
export async function loadCodeView(access: LocalityAccess, codeId: string | undefined, language: string) {
  const db = await getDb();
  if (!codeId || !/^[A-Za-z0-9_-]{1,64}$/.test(codeId)) throw notFound();
  const code = await findCode(db, access.locality.id, codeId);
  if (!code) throw notFound();
  const excerpts = await listExcerpts(db, access.locality.id, { codeId: code.id });
  const redact = await redactor(db, excerpts, language);
  return {
    locality: { id: access.locality.id },
    code: { id: code.id, name: code.name, description: code.description },
    stories: new Set(excerpts.map((e) => e.storyId)).size,
    excerpts: excerpts.map((e) => ({
      id: e.id,
      storyId: e.storyId,
      storyTitle: redact(e.storyId, e.storyTitle),
      pseudonym: redact(e.storyId, e.pseudonym),
      quote: redact(e.storyId, e.quote),
      comment: redact(e.storyId, e.comment),
      anchored: e.anchored,
      coderName: e.coderName,
      createdAt: e.createdAt.toISOString(),
      codes: e.codes,
    })),
    may: mayFor(access),
  };
}

const coded = (e: LocalityExcerpt) => ({ ...e, codeIds: e.codes.map((c) => c.id) });

/** Excerpts per code × story, with each code's total. */
export async function loadCounts(access: LocalityAccess, language: string) {
  const db = await getDb();
  const [codes, stories, excerpts] = await Promise.all([
    listCodes(db, access.locality.id),
    countedStories(db, access.locality.id),
    listExcerpts(db, access.locality.id),
  ]);
  const redact = await redactor(
    db,
    stories.map((s) => ({ storyId: s.id })),
    language,
  );
  const counts = countsByCodeAndStory(excerpts.map(coded));
  const storyTotals = new Map<string, number>();
  for (const e of excerpts) storyTotals.set(e.storyId, (storyTotals.get(e.storyId) ?? 0) + 1);
  return {
    locality: { id: access.locality.id },
    stories: stories.map((s) => ({
      id: s.id,
      title: redact(s.id, s.title),
      pseudonym: redact(s.id, s.storytellerPseudonym),
      excerpts: storyTotals.get(s.id) ?? 0,
    })),
    rows: codes.map((c) => ({ id: c.id, name: c.name, total: c.excerpts, stories: c.stories, cells: stories.map((s) => counts.get(c.id)?.get(s.id) ?? 0) })),
  };
}

/** Per coder: excerpts, stories and the codes they used. */
export async function loadCoders(access: LocalityAccess) {
  const db = await getDb();
  const [codes, excerpts] = await Promise.all([listCodes(db, access.locality.id), listExcerpts(db, access.locality.id)]);
  const names = new Map(codes.map((c) => [c.id, c.name]));
  const coderNames = new Map(excerpts.map((e) => [e.coderId, e.coderName]));
  const summary = coderSummary(excerpts.map(coded));
  return {
    locality: { id: access.locality.id },
    coders: [...summary]
      .map(([coderId, s]) => ({
        id: coderId,
        name: coderNames.get(coderId) ?? null,
        excerpts: s.excerpts,
        stories: s.stories,
        codes: s.codeIds.map((id) => ({ id, name: names.get(id) ?? "" })).sort((a, b) => a.name.localeCompare(b.name)),
      }))
      .sort((a, b) => b.excerpts - a.excerpts || (a.name ?? "").localeCompare(b.name ?? "")),
    uncredited: excerpts.filter((e) => e.coderId === null).length,
  };
}

/** Passages where coders' excerpts overlap but their codes differ, and agreement per code. */
export async function loadDisagreements(access: LocalityAccess, language: string) {
  const db = await getDb();
  const [codes, excerpts] = await Promise.all([listCodes(db, access.locality.id), listExcerpts(db, access.locality.id)]);
  const names = new Map(codes.map((c) => [c.id, c.name]));
  const list = excerpts.map(coded);
  const redact = await redactor(db, excerpts, language);
  const codeList = (ids: readonly string[]) => ids.map((id) => ({ id, name: names.get(id) ?? "" })).sort((a, b) => a.name.localeCompare(b.name));
  const side = (e: (typeof list)[number], only: string[]) => ({ excerptId: e.id, coderName: e.coderName, codes: codeList(e.codeIds), only: codeList(only) });
  const agreement = agreementByCode(list);
  return {
    locality: { id: access.locality.id },
    disagreements: disagreements(list).map((d) => ({
      key: `${d.a.id}-${d.b.id}`,
      storyId: d.a.storyId,
      storyTitle: redact(d.a.storyId, d.a.storyTitle),
      pseudonym: redact(d.a.storyId, d.a.pseudonym),
      passage: redact(d.a.storyId, unionQuote(d.a, d.b) ?? d.a.quote),
      a: side(d.a, d.onlyA),
      b: side(d.b, d.onlyB),
      shared: codeList(d.shared),
    })),
    agreement: codes
      .filter((c) => agreement.has(c.id))
      .map((c) => ({ id: c.id, name: c.name, both: agreement.get(c.id)!.both, either: agreement.get(c.id)!.either })),
  };
}

/** Tells the analysis pages, and the coding views of the stories a code appears in, that it changed. */
async function codebookChanged(db: Db, localityId: string, codeIds: readonly string[]): Promise<void> {
  const rows = codeIds.length ? await storiesWithCodes(db, localityId, codeIds) : [];
  publishLive(analysisTopic(localityId), "changed");
  for (const r of rows) publishLive(storyTopic(r.storyId), "changed");
}

/** Adds a code, once per form load: a double submit adds it once, and no copy says the name is taken. */
export async function createCodeFromForm(access: LocalityAccess, form: FormData, load: FormLoad) {
  const submission = parseWithZod(form, { schema: codeCreateInput });
  if (submission.status !== "success") return { ok: false as const, reply: submission.reply() };
  const values = submission.value;
  const db = await getDb();
  const name = await oncePerFormLoad(db, load, async () => {
    const { code, created } = await createCode(db, { localityId: access.locality.id, actorId: access.user.id, ...values });
    if (!created) return { kept: false, value: null };
    publishLive(analysisTopic(access.locality.id), "changed");
    return { kept: true, value: code.name };
  });
  if (name === null) return { ok: false as const, reply: submission.reply({ fieldErrors: { name: ["analysis.errors.codeTaken"] } }) };
  return { ok: true as const, reply: submission.reply({ resetForm: true }), name };
}

export async function updateCodeFromForm(access: LocalityAccess, form: FormData) {
  const submission = parseWithZod(form, { schema: codeUpdateInput });
  const id = form.get("codeId");
  const codeId = typeof id === "string" ? id : null;
  if (submission.status !== "success") return { ok: false as const, reply: submission.reply(), codeId };
  const db = await getDb();
  const updated = await updateCode(db, { localityId: access.locality.id, actorId: access.user.id, ...submission.value });
  if (updated === null) throw notFound();
  if (updated === "taken") return { ok: false as const, reply: submission.reply({ fieldErrors: { name: ["analysis.errors.codeTaken"] } }), codeId };
  await codebookChanged(db, access.locality.id, [updated.id]);
  return { ok: true as const, reply: submission.reply(), codeId, name: updated.name };
}

export async function mergeCodeFromForm(access: LocalityAccess, form: FormData) {
  const submission = parseWithZod(form, { schema: codeMergeInput });
  const id = form.get("codeId");
  const codeId = typeof id === "string" ? id : null;
  if (submission.status !== "success") return { ok: false as const, reply: submission.reply(), codeId };
  if (submission.value.codeId === submission.value.intoId)
    return { ok: false as const, reply: submission.reply({ fieldErrors: { intoId: ["analysis.errors.mergeSame"] } }), codeId };
  const db = await getDb();
  const merged = await mergeCodes(db, {
    localityId: access.locality.id,
    actorId: access.user.id,
    fromId: submission.value.codeId,
    intoId: submission.value.intoId,
  });
  if (!merged) throw notFound();
  await codebookChanged(db, access.locality.id, [merged.into.id]);
  return { ok: true as const, reply: submission.reply(), codeId, into: merged.into.name, moved: merged.moved };
}

export async function deleteCodeFromForm(access: LocalityAccess, form: FormData) {
  const submission = parseWithZod(form, { schema: codeDeleteInput });
  if (submission.status !== "success") throw notFound();
  const db = await getDb();
  const outcome = await deleteCode(db, { localityId: access.locality.id, actorId: access.user.id, codeId: submission.value.codeId });
  if (outcome === null) throw notFound();
  if (outcome === "deleted") publishLive(analysisTopic(access.locality.id), "changed");
  return { ok: outcome === "deleted", inUse: outcome === "in-use", codeId: submission.value.codeId };
}
