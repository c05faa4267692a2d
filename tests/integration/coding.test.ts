// Joint analysis on the server, against a real database (SQLite and PostgreSQL) and an
// in-process collab server: coding a story by redacted offsets and by the sentence picker,
// what members' loaders contain (never identifiers, never original offsets), overlapping and
// merged highlights, editing and deleting, re-anchoring after the text changes, the codebook's
// merge and delete rules, the analysis views, the live events stream, and what is refused.
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { BASE, context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { applyServerChange } from "~/collab/backend.server";
import { announceStoryTextChange } from "~/use-cases/announce-story-text-change.server";
import { boardDocName, richTextDocName } from "~/collab/names";
import { appendRichText, richTextFragment } from "~/collab/rich-text";
import { listExcerpts } from "~/data/coding.server";
import { disagreements } from "~/domain/coding";
import type { ReaderSegment } from "~/domain/redaction";
import * as codeRoute from "~/routes/l.$localityId+/stories+/$storyId.code";
import * as eventsRoute from "~/routes/l.$localityId+/stories+/$storyId.events";
import * as analysisRoute from "~/routes/l.$localityId+/analysis+/_index";
import * as codeViewRoute from "~/routes/l.$localityId+/analysis+/codes.$codeId";
import * as countsRoute from "~/routes/l.$localityId+/analysis+/counts";
import * as codersRoute from "~/routes/l.$localityId+/analysis+/coders";
import * as disagreementsRoute from "~/routes/l.$localityId+/analysis+/disagreements";

type CodingData = Awaited<ReturnType<typeof codeRoute.loader>>;

const PARAGRAPHS = [
  "My name is Amira Haddad and I live near Kettle Lane. Money is tight every week, so we plan every meal.",
  "The bus to the clinic costs too much؟ Amira walks instead, even in the rain.",
];
const TEXT = PARAGRAPHS.join("\n");
const SECRETS = ["Amira", "Haddad", "Kettle Lane"];

/** A form POST with repeated fields (several codes). */
function postMany(path: string, fields: Array<[string, string]>, cookie: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie } });
}

/** The redacted text as the browser has it, with one marker per placeholder (so indexes are redacted offsets). */
function visible(segments: readonly ReaderSegment[]): string {
  return segments.map((s) => (s.type === "text" ? s.text : "\u25a1")).join("");
}

describe.each(await providers())("joint analysis on %s", (provider) => {
  const t = useAppServer(provider);

  async function makeStory(
    localityId: string,
    input: { title: string; paragraphs: string[]; consent?: boolean; identifiers?: Array<{ text: string; kind: string }> },
  ) {
    const document = await t.db.sharedDocument.create({ data: { localityId, title: input.title, kind: "story" } });
    const story = await t.db.story.create({
      data: {
        localityId,
        title: input.title,
        storytellerPseudonym: "Parent A",
        occurredOn: new Date("2026-03-02"),
        method: "interview",
        documentId: document.id,
      },
    });
    if (input.consent !== false) {
      await t.db.storyConsent.create({
        data: {
          storyId: story.id,
          givenBy: "Amira Haddad",
          givenAt: new Date("2026-03-02"),
          method: "signed_form",
          infoSheetVersion: "v2",
          scope: "core_group",
        },
      });
    }
    for (const id of input.identifiers ?? []) await t.db.storyIdentifier.create({ data: { storyId: story.id, text: id.text, kind: id.kind } });
    const docName = richTextDocName(localityId, document.id);
    await applyServerChange(docName, (doc) =>
      appendRichText(
        doc,
        input.paragraphs.map((text) => ({ type: "paragraph" as const, text })),
      ),
    );
    return { ...story, docName };
  }

  async function setup() {
    const { loc, other, facilitator, member, member2, cookies } = await makeGroup(t.db, {
      locality: "Coding test",
      facilitator: "Fay Facilitator",
      member: "Mo Member",
      member2: "Nia Member",
      viewer: "Vic Viewer",
      outsider: "Oz Outsider",
    });
    const story = await makeStory(loc.id, {
      title: "Making ends meet",
      paragraphs: PARAGRAPHS,
      identifiers: [
        { text: "Amira Haddad", kind: "name" },
        { text: "Amira", kind: "name" },
        { text: "Kettle Lane", kind: "place" },
      ],
    });
    const codes = {
      money: await t.db.code.create({ data: { localityId: loc.id, name: "Money worries" } }),
      travel: await t.db.code.create({ data: { localityId: loc.id, name: "Getting about" } }),
      coping: await t.db.code.create({ data: { localityId: loc.id, name: "Coping" } }),
    };
    const foreignCode = await t.db.code.create({ data: { localityId: other.id, name: "Not here" } });
    const codePath = (storyId = story.id) => `/l/${loc.id}/stories/${storyId}/code`;
    const page = async (cookie: string, storyId = story.id) => {
      const res = await outcome(() =>
        codeRoute.loader({ request: get(codePath(storyId), cookie), params: { localityId: loc.id, storyId }, context: context() }),
      );
      expect(res.status).toBe(200);
      return res.data as CodingData;
    };
    const code = (cookie: string, fields: Array<[string, string]>, storyId = story.id) =>
      outcome(() => codeRoute.action({ request: postMany(codePath(storyId), fields, cookie), params: { localityId: loc.id, storyId }, context: context() }));
    const analysis = (cookie: string, fields: Array<[string, string]>) =>
      outcome(() => analysisRoute.action({ request: postMany(`/l/${loc.id}/analysis`, fields, cookie), params: { localityId: loc.id }, context: context() }));
    /** The redacted range of a phrase in the page's text. */
    const rangeOf = (data: CodingData, phrase: string) => {
      const at = visible(data.segments).indexOf(phrase);
      expect(at, phrase).toBeGreaterThanOrEqual(0);
      return { rStart: at, rEnd: at + phrase.length };
    };
    return { loc, other, facilitator, member, member2, cookies, story, codes, foreignCode, page, code, analysis, rangeOf };
  }

  it("codes a passage by redacted offsets and by the sentence picker, and members never receive identifiers or original offsets", async () => {
    const s = await setup();
    const before = await s.page(s.cookies.member);
    const json = JSON.stringify(before);
    for (const secret of SECRETS) expect(json).not.toContain(secret);
    expect(before.segments.filter((x) => x.type === "placeholder").map((x) => x.type === "placeholder" && [x.kind, x.n])).toEqual([
      ["name", 1],
      ["place", 1],
      ["name", 2],
    ]);
    expect(before.paragraphs).toEqual([
      ["My name is [Name 1] and I live near [Place 1].", "Money is tight every week, so we plan every meal."],
      ["The bus to the clinic costs too much؟", "[Name 2] walks instead, even in the rain."],
    ]);
    // Facilitators see the redacted text here too (the page is meant for a shared screen).
    for (const secret of SECRETS) expect(JSON.stringify(await s.page(s.cookies.facilitator))).not.toContain(secret);

    // A selection "[Name 1] and I live near [Place 1]" in redacted offsets maps to the original passage.
    const selected = s.rangeOf(before, "\u25a1 and I live near \u25a1");
    const created = await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(selected.rStart)],
      ["rEnd", String(selected.rEnd)],
      ["codeIds", s.codes.money.id],
      ["codeIds", s.codes.coping.id],
      ["comment", "Amira says this often"],
    ]);
    expect(created).toMatchObject({ status: 200, data: { ok: true, merged: false } });
    const stored = await t.db.excerpt.findFirstOrThrow({ where: { storyId: s.story.id }, include: { codes: true } });
    const original = "Amira Haddad and I live near Kettle Lane";
    expect(stored).toMatchObject({
      quote: original,
      start: TEXT.indexOf(original),
      end: TEXT.indexOf(original) + original.length,
      coderId: s.member.id,
      anchored: true,
    });
    expect(stored.prefix).toBe(TEXT.slice(Math.max(0, stored.start - 32), stored.start));
    expect(stored.suffix).toBe(TEXT.slice(stored.end, stored.end + 32));
    expect(stored.codes.map((c) => c.codeId).sort()).toEqual([s.codes.money.id, s.codes.coping.id].sort());
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "excerpt.create", targetId: stored.id } })).toBe(1);

    // The keyboard picker: paragraph 2, sentence 1 to sentence 2.
    const picked = await s.code(s.cookies.member2, [
      ["intent", "create"],
      ["from", "1:0"],
      ["to", "1:1"],
      ["codeIds", s.codes.travel.id],
    ]);
    expect(picked).toMatchObject({ status: 200, data: { ok: true } });
    const second = await t.db.excerpt.findFirstOrThrow({ where: { storyId: s.story.id, coderId: s.member2.id } });
    expect(second.quote).toBe(PARAGRAPHS[1]);

    // What members get back: redacted ranges and quotes, nothing else about the original.
    const after = await s.page(s.cookies.member);
    const afterJson = JSON.stringify(after);
    for (const secret of SECRETS) expect(afterJson).not.toContain(secret);
    for (const e of after.excerpts)
      expect(Object.keys(e).sort()).toEqual(["anchored", "coderName", "codes", "comment", "createdAt", "id", "mayEdit", "mine", "quote", "rEnd", "rStart"]);
    const first = after.excerpts.find((e) => e.id === stored.id)!;
    expect(first).toMatchObject({
      rStart: selected.rStart,
      rEnd: selected.rEnd,
      quote: "[Name 1] and I live near [Place 1]",
      comment: "[Name 2] says this often",
      mine: true,
      mayEdit: true,
      coderName: "Mo Member",
    });
    expect(first.rEnd).not.toBe(stored.end); // the hidden names' lengths do not show
    expect(after.excerpts.find((e) => e.id === second.id)).toMatchObject({
      quote: "The bus to the clinic costs too much؟ [Name 2] walks instead, even in the rain.",
      mine: false,
      mayEdit: false,
    });
    expect(afterJson).not.toContain(`"start"`);
    expect(afterJson).not.toContain(`"end"`);

    // Arabic readers get Arabic placeholder labels.
    await t.db.user.update({ where: { id: s.member2.id }, data: { preferredLanguage: "ar" } });
    const arabic = await s.page(s.cookies.member2);
    expect(arabic.excerpts.find((e) => e.id === stored.id)!.quote).toBe("[اسم \u20681\u2069] and I live near [مكان \u20681\u2069]"); // numbers isolated for right-to-left
  });

  it("allows overlapping highlights, merges the same range by the same coder, and refuses bad input", async () => {
    const s = await setup();
    const data = await s.page(s.cookies.member);
    const week = s.rangeOf(data, "Money is tight every week");
    const meal = s.rangeOf(data, "every week, so we plan every meal.");
    const create = (cookie: string, range: { rStart: number; rEnd: number }, codeIds: string[], extra: Array<[string, string]> = []) =>
      s.code(cookie, [
        ["intent", "create"],
        ["rStart", String(range.rStart)],
        ["rEnd", String(range.rEnd)],
        ...codeIds.map((id) => ["codeIds", id] as [string, string]),
        ...extra,
      ]);

    expect((await create(s.cookies.member, week, [s.codes.money.id])).status).toBe(200);
    expect((await create(s.cookies.member2, meal, [s.codes.coping.id])).status).toBe(200); // overlaps, another coder
    expect((await create(s.cookies.member, meal, [s.codes.money.id])).status).toBe(200); // overlaps, same coder
    const merged = await create(s.cookies.member, week, [s.codes.coping.id, s.codes.money.id], [["newCode", "Planning ahead"]]);
    expect(merged).toMatchObject({ status: 200, data: { ok: true, merged: true } });
    const excerpts = await t.db.excerpt.findMany({
      where: { storyId: s.story.id },
      include: { codes: { include: { code: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(excerpts).toHaveLength(3);
    expect(excerpts[0]!.codes.map((c) => c.code.name).sort()).toEqual(["Coping", "Money worries", "Planning ahead"]);
    expect(await t.db.code.count({ where: { localityId: s.loc.id, name: "Planning ahead" } })).toBe(1);
    // A new code typed with another case reuses the existing one.
    expect((await create(s.cookies.member2, week, [], [["newCode", "planning AHEAD"]])).status).toBe(200);
    expect(await t.db.code.count({ where: { localityId: s.loc.id } })).toBe(4);

    // Three highlights over "every week": the page sends three ranges covering it.
    const page = await s.page(s.cookies.viewer);
    const at = s.rangeOf(page, "every week").rStart;
    expect(page.excerpts.filter((e) => e.rStart! <= at && e.rEnd! > at)).toHaveLength(4);
    expect(page.may).toEqual({ code: false, manageCodes: false });

    // Bad input: a clear error, nothing stored.
    const empty = await create(s.cookies.member, { rStart: week.rStart, rEnd: week.rStart }, [s.codes.money.id]);
    expect(empty.status).toBe(400);
    expect((empty.data as { reply: { error: Record<string, string[]> } }).reply.error.from).toEqual(["analysis.errors.passage"]);
    const beyond = await create(s.cookies.member, { rStart: 5, rEnd: 100_000 }, [s.codes.money.id]);
    expect((beyond.data as { reply: { error: Record<string, string[]> } }).reply.error.from).toEqual(["analysis.errors.passage"]);
    const backwards = await s.code(s.cookies.member, [
      ["intent", "create"],
      ["from", "1:1"],
      ["to", "0:0"],
      ["codeIds", s.codes.money.id],
    ]);
    expect((backwards.data as { reply: { error: Record<string, string[]> } }).reply.error.from).toEqual(["analysis.errors.passage"]);
    const noCode = await create(s.cookies.member, week, []);
    expect((noCode.data as { reply: { error: Record<string, string[]> } }).reply.error.codeIds).toEqual(["analysis.errors.noCode"]);
    const longComment = await create(s.cookies.member, week, [s.codes.money.id], [["comment", "x".repeat(1001)]]);
    expect((longComment.data as { reply: { error: Record<string, string[]> } }).reply.error.comment).toEqual(["analysis.errors.commentLong"]);
    expect((await create(s.cookies.member, week, [s.foreignCode.id])).status).toBe(404);
    expect((await create(s.cookies.viewer, week, [s.codes.money.id])).status).toBe(403);
    expect((await create(s.cookies.outsider, week, [s.codes.money.id])).status).toBe(404);
    expect((await s.code(s.cookies.member, [["intent", "nonsense"]])).status).toBe(400);
    expect(await t.db.excerpt.count({ where: { storyId: s.story.id } })).toBe(4);

    // Editing and deleting: the coder, or a facilitator; not another member.
    const mine = excerpts[0]!;
    const edit = (cookie: string, codeIds: string[], comment = "") =>
      s.code(cookie, [["intent", "update"], ["excerptId", mine.id], ["comment", comment], ...codeIds.map((id) => ["codeIds", id] as [string, string])]);
    expect((await edit(s.cookies.member2, [s.codes.travel.id])).status).toBe(403);
    expect(await edit(s.cookies.member, [s.codes.travel.id], "Bus fares")).toMatchObject({ status: 200, data: { ok: true } });
    expect((await t.db.excerptCode.findMany({ where: { excerptId: mine.id } })).map((c) => c.codeId)).toEqual([s.codes.travel.id]);
    expect((await edit(s.cookies.facilitator, [s.codes.money.id, s.codes.travel.id])).status).toBe(200);
    expect((await edit(s.cookies.member, [s.foreignCode.id])).status).toBe(404);
    const del = (cookie: string, id: string) =>
      s.code(cookie, [
        ["intent", "delete"],
        ["excerptId", id],
      ]);
    expect((await del(s.cookies.member2, mine.id)).status).toBe(403);
    expect((await del(s.cookies.member, "no-such-excerpt")).status).toBe(404);
    expect((await del(s.cookies.member, mine.id)).status).toBe(200);
    expect(await t.db.excerpt.count({ where: { id: mine.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "excerpt.delete", targetId: mine.id } })).toBe(1);
  });

  it("finds excerpts again after the text is edited, and shows a passage that is gone as not found", async () => {
    const s = await setup();
    const data = await s.page(s.cookies.member);
    const range = s.rangeOf(data, "so we plan every meal.");
    await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(range.rStart)],
      ["rEnd", String(range.rEnd)],
      ["codeIds", s.codes.coping.id],
    ]);
    const bus = s.rangeOf(data, "The bus to the clinic costs too much");
    await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(bus.rStart)],
      ["rEnd", String(bus.rEnd)],
      ["codeIds", s.codes.travel.id],
    ]);

    // A facilitator adds a paragraph at the top and rewrites the bus sentence.
    await applyServerChange(s.story.docName, (doc) => {
      const body = richTextFragment(doc);
      doc.transact(() => body.delete(0, body.length));
      appendRichText(doc, [
        { type: "paragraph", text: "Interview at the children's centre." },
        { type: "paragraph", text: PARAGRAPHS[0]! },
        { type: "paragraph", text: "The clinic is two buses away. Amira walks instead, even in the rain." },
      ]);
    });
    const after = await s.page(s.cookies.member);
    const plan = after.excerpts.find((e) => e.codes.some((c) => c.id === s.codes.coping.id))!;
    expect(plan).toMatchObject({ anchored: true, quote: "so we plan every meal." });
    expect(plan.rStart).toBe(s.rangeOf(after, "so we plan every meal.").rStart);
    const lost = after.excerpts.find((e) => e.codes.some((c) => c.id === s.codes.travel.id))!;
    expect(lost).toMatchObject({ anchored: false, rStart: null, rEnd: null, quote: "The bus to the clinic costs too much" });
    const rows = await t.db.excerpt.findMany({ where: { storyId: s.story.id }, orderBy: { start: "asc" } });
    const newText = ["Interview at the children's centre.", PARAGRAPHS[0], "The clinic is two buses away. Amira walks instead, even in the rain."].join("\n");
    expect(rows.find((r) => r.anchored)!.start).toBe(newText.indexOf("so we plan every meal."));
    expect(rows.find((r) => !r.anchored)!.quote).toBe("The bus to the clinic costs too much");

    // A passage chosen in the page as it was before the edit is refused, not stored elsewhere.
    expect(after.textVersion).not.toBe(data.textVersion);
    const stale = await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(range.rStart)],
      ["rEnd", String(range.rEnd)],
      ["codeIds", s.codes.money.id],
      ["textVersion", data.textVersion],
    ]);
    expect(stale.status).toBe(400);
    expect((stale.data as { reply: { error: Record<string, string[]> } }).reply.error).toEqual({ from: ["analysis.errors.textChanged"] });
    expect(await t.db.excerpt.count({ where: { storyId: s.story.id } })).toBe(2);
    const fresh = s.rangeOf(after, "so we plan every meal.");
    const current = await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(fresh.rStart)],
      ["rEnd", String(fresh.rEnd)],
      ["codeIds", s.codes.money.id],
      ["textVersion", after.textVersion],
    ]);
    expect(current).toMatchObject({ status: 200, data: { ok: true, merged: true } });
  });

  it("keeps the codebook: create, rename, merge (one link when an excerpt had both) and delete only unused codes", async () => {
    const s = await setup();
    const data = await s.page(s.cookies.member);
    const week = s.rangeOf(data, "Money is tight every week");
    await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(week.rStart)],
      ["rEnd", String(week.rEnd)],
      ["codeIds", s.codes.money.id],
      ["codeIds", s.codes.coping.id],
    ]);
    const meal = s.rangeOf(data, "so we plan every meal.");
    await s.code(s.cookies.member2, [
      ["intent", "create"],
      ["rStart", String(meal.rStart)],
      ["rEnd", String(meal.rEnd)],
      ["codeIds", s.codes.coping.id],
    ]);

    // Create: members; a duplicate name (any case) is refused next to the field.
    expect(
      (
        await s.analysis(s.cookies.viewer, [
          ["intent", "create"],
          ["name", "Trust"],
        ])
      ).status,
    ).toBe(403);
    expect(
      await s.analysis(s.cookies.member, [
        ["intent", "create"],
        ["name", "Trust"],
        ["description", "Who people turn to"],
      ]),
    ).toMatchObject({ status: 200, data: { ok: true } });
    const taken = await s.analysis(s.cookies.member, [
      ["intent", "create"],
      ["name", "  trust "],
    ]);
    expect(taken.status).toBe(400);
    expect((taken.data as { reply: { error: Record<string, string[]> } }).reply.error.name).toEqual(["analysis.errors.codeTaken"]);
    const blank = await s.analysis(s.cookies.member, [
      ["intent", "create"],
      ["name", " "],
    ]);
    expect((blank.data as { reply: { error: Record<string, string[]> } }).reply.error.name).toEqual(["validation.required"]);

    // Rename and describe: members.
    expect(
      await s.analysis(s.cookies.member, [
        ["intent", "update"],
        ["codeId", s.codes.coping.id],
        ["name", "Coping strategies"],
        ["description", "What people do about it"],
      ]),
    ).toMatchObject({ status: 200, data: { ok: true } });
    expect(await t.db.code.findUniqueOrThrow({ where: { id: s.codes.coping.id } })).toMatchObject({
      name: "Coping strategies",
      description: "What people do about it",
    });
    expect(
      (
        await s.analysis(s.cookies.member, [
          ["intent", "update"],
          ["codeId", s.foreignCode.id],
          ["name", "Mine now"],
        ])
      ).status,
    ).toBe(404);

    // Delete: facilitators; a code in use is kept, with the offer to merge it.
    expect(
      (
        await s.analysis(s.cookies.member, [
          ["intent", "delete"],
          ["codeId", s.codes.travel.id],
        ])
      ).status,
    ).toBe(403);
    expect(
      await s.analysis(s.cookies.facilitator, [
        ["intent", "delete"],
        ["codeId", s.codes.coping.id],
      ]),
    ).toMatchObject({ status: 409, data: { inUse: true, ok: false } });
    expect(await t.db.code.count({ where: { id: s.codes.coping.id } })).toBe(1);
    expect(
      await s.analysis(s.cookies.facilitator, [
        ["intent", "delete"],
        ["codeId", s.codes.travel.id],
      ]),
    ).toMatchObject({ status: 200, data: { ok: true } });
    expect(await t.db.code.count({ where: { id: s.codes.travel.id } })).toBe(0);
    expect(
      (
        await s.analysis(s.cookies.facilitator, [
          ["intent", "delete"],
          ["codeId", s.foreignCode.id],
        ])
      ).status,
    ).toBe(404);

    // Merge "Coping strategies" into "Money worries": the excerpt that had both keeps one link.
    expect(
      (
        await s.analysis(s.cookies.member, [
          ["intent", "merge"],
          ["codeId", s.codes.coping.id],
          ["intoId", s.codes.money.id],
        ])
      ).status,
    ).toBe(403);
    const same = await s.analysis(s.cookies.facilitator, [
      ["intent", "merge"],
      ["codeId", s.codes.coping.id],
      ["intoId", s.codes.coping.id],
    ]);
    expect((same.data as { reply: { error: Record<string, string[]> } }).reply.error.intoId).toEqual(["analysis.errors.mergeSame"]);
    expect(
      (
        await s.analysis(s.cookies.facilitator, [
          ["intent", "merge"],
          ["codeId", s.codes.coping.id],
          ["intoId", s.foreignCode.id],
        ])
      ).status,
    ).toBe(404);
    expect(
      await s.analysis(s.cookies.facilitator, [
        ["intent", "merge"],
        ["codeId", s.codes.coping.id],
        ["intoId", s.codes.money.id],
      ]),
    ).toMatchObject({ status: 200, data: { ok: true, moved: 2, into: "Money worries" } });
    expect(await t.db.code.count({ where: { id: s.codes.coping.id } })).toBe(0);
    const links = await t.db.excerptCode.findMany({ where: { excerpt: { storyId: s.story.id } } });
    expect(links.map((l) => l.codeId)).toEqual([s.codes.money.id, s.codes.money.id]);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "code.merge" } })).toBe(1);

    const codebook = await outcome(() =>
      analysisRoute.loader({ request: get(`/l/${s.loc.id}/analysis`, s.cookies.viewer), params: { localityId: s.loc.id }, context: context() }),
    );
    expect((codebook.data as Awaited<ReturnType<typeof analysisRoute.loader>>).codes.map((c) => [c.name, c.excerpts, c.stories])).toEqual([
      ["Money worries", 2, 1],
      ["Trust", 0, 0],
    ]);
  });

  it("shows excerpts of a code, counts, coders and disagreements — redacted, only consented stories, and survives withdrawal", async () => {
    const s = await setup();
    const data = await s.page(s.cookies.member);
    const create = (cookie: string, phrase: string, codeIds: string[]) => {
      const r = s.rangeOf(data, phrase);
      return s.code(cookie, [
        ["intent", "create"],
        ["rStart", String(r.rStart)],
        ["rEnd", String(r.rEnd)],
        ...codeIds.map((id) => ["codeIds", id] as [string, string]),
      ]);
    };
    await create(s.cookies.member, "\u25a1 and I live near \u25a1. Money is tight", [s.codes.money.id]);
    await create(s.cookies.member2, "Money is tight every week", [s.codes.money.id, s.codes.coping.id]); // disagreement: coping only by Nia
    await create(s.cookies.member2, "The bus to the clinic", [s.codes.travel.id]);
    // A story without consent: facilitators may code it, but it counts nowhere.
    const unconsented = await makeStory(s.loc.id, { title: "Not yet", paragraphs: ["Waiting for the form."], consent: false });
    expect(
      (
        await outcome(() =>
          codeRoute.loader({
            request: get(`/l/${s.loc.id}/stories/${unconsented.id}/code`, s.cookies.member),
            params: { localityId: s.loc.id, storyId: unconsented.id },
            context: context(),
          }),
        )
      ).status,
    ).toBe(403);
    const u = await s.page(s.cookies.facilitator, unconsented.id);
    await s.code(
      s.cookies.facilitator,
      [
        ["intent", "create"],
        ["rStart", "0"],
        ["rEnd", String(u.segments.length ? 7 : 0)],
        ["codeIds", s.codes.money.id],
      ],
      unconsented.id,
    );
    expect(await t.db.excerpt.count({ where: { storyId: unconsented.id } })).toBe(1);

    const load = async <T>(route: { loader: (args: never) => Promise<T> }, path: string, cookie: string, params: Record<string, string> = {}) => {
      const res = await outcome(() => route.loader({ request: get(path, cookie), params: { localityId: s.loc.id, ...params }, context: context() } as never));
      expect(res.status).toBe(200);
      return res.data as T;
    };
    const codeView = await load(codeViewRoute, `/l/${s.loc.id}/analysis/codes/${s.codes.money.id}`, s.cookies.viewer, { codeId: s.codes.money.id });
    for (const secret of SECRETS) expect(JSON.stringify(codeView)).not.toContain(secret);
    expect(codeView.excerpts.map((e) => [e.quote, e.storyTitle, e.pseudonym, e.coderName])).toEqual([
      ["[Name 1] and I live near [Place 1]. Money is tight", "Making ends meet", "Parent A", "Mo Member"],
      ["Money is tight every week", "Making ends meet", "Parent A", "Nia Member"],
    ]);
    expect(
      (
        await outcome(() =>
          codeViewRoute.loader({ request: get("/x", s.cookies.member), params: { localityId: s.loc.id, codeId: s.foreignCode.id }, context: context() }),
        )
      ).status,
    ).toBe(404);

    const counts = await load(countsRoute, `/l/${s.loc.id}/analysis/counts`, s.cookies.viewer);
    expect(counts.stories.map((st) => st.title)).toEqual(["Making ends meet"]);
    expect(counts.rows.map((r) => [r.name, r.total, r.cells])).toEqual([
      ["Coping", 1, [1]],
      ["Getting about", 1, [1]],
      ["Money worries", 2, [2]],
    ]);

    const coders = await load(codersRoute, `/l/${s.loc.id}/analysis/coders`, s.cookies.viewer);
    expect(coders.coders.map((c) => [c.name, c.excerpts, c.stories, c.codes.map((x) => x.name)])).toEqual([
      ["Nia Member", 2, 1, ["Coping", "Getting about", "Money worries"]],
      ["Mo Member", 1, 1, ["Money worries"]],
    ]);

    const dis = await load(disagreementsRoute, `/l/${s.loc.id}/analysis/disagreements`, s.cookies.member);
    for (const secret of SECRETS) expect(JSON.stringify(dis)).not.toContain(secret);
    expect(dis.disagreements).toHaveLength(1);
    expect(dis.disagreements[0]).toMatchObject({
      passage: "[Name 1] and I live near [Place 1]. Money is tight every week",
      a: { coderName: "Mo Member", only: [] },
      b: { coderName: "Nia Member", only: [{ name: "Coping" }] },
      shared: [{ name: "Money worries" }],
    });
    expect(dis.agreement.map((a) => [a.name, a.both, a.either])).toEqual([
      ["Coping", 0, 1],
      ["Money worries", 1, 1],
    ]);

    // Withdrawal (the story page's job) deletes the excerpts and leaves a tombstone: the views shrink, nothing breaks.
    await t.db.$transaction([
      t.db.excerpt.deleteMany({ where: { storyId: s.story.id } }),
      t.db.story.update({ where: { id: s.story.id }, data: { withdrawnAt: new Date(), title: "" } }),
    ]);
    expect(
      (
        await outcome(() =>
          codeRoute.loader({
            request: get(`/l/${s.loc.id}/stories/${s.story.id}/code`, s.cookies.facilitator),
            params: { localityId: s.loc.id, storyId: s.story.id },
            context: context(),
          }),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await s.code(s.cookies.member, [
          ["intent", "create"],
          ["from", "0:0"],
          ["to", "0:0"],
          ["codeIds", s.codes.money.id],
        ])
      ).status,
    ).toBe(404);
    expect((await load(countsRoute, `/l/${s.loc.id}/analysis/counts`, s.cookies.viewer)).rows.map((r) => r.total)).toEqual([0, 0, 0]);
    expect((await load(disagreementsRoute, `/l/${s.loc.id}/analysis/disagreements`, s.cookies.viewer)).disagreements).toEqual([]);
    expect((await load(codersRoute, `/l/${s.loc.id}/analysis/coders`, s.cookies.viewer)).coders).toEqual([]);
    expect(await listExcerpts(t.db, s.loc.id)).toEqual([]);
  });

  it("streams a 'changed' event to the story's live listeners when an excerpt is created", async () => {
    const s = await setup();
    const controller = new AbortController();
    const request = new Request(`${BASE}/l/${s.loc.id}/stories/${s.story.id}/events`, {
      headers: { Cookie: s.cookies.viewer, Accept: "text/event-stream" },
      signal: controller.signal,
    });
    const response = (await eventsRoute.loader({ request, params: { localityId: s.loc.id, storyId: s.story.id }, context: context() })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    expect(received).toContain("retry: 2000");

    const data = await s.page(s.cookies.member);
    const r = s.rangeOf(data, "Money is tight");
    await s.code(s.cookies.member, [
      ["intent", "create"],
      ["rStart", String(r.rStart)],
      ["rEnd", String(r.rEnd)],
      ["codeIds", s.codes.money.id],
    ]);
    while (!received.includes("event: changed")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      received += decoder.decode(chunk.value);
    }
    expect(received).toContain("event: changed\ndata: changed\n\n");

    // When the collab server has stored an edit of the story's text, the page hears it too
    // (server.ts calls announceStoryTextChange after each stored change).
    await announceStoryTextChange(t.db, boardDocName(s.loc.id, "not-a-story"));
    await announceStoryTextChange(t.db, s.story.docName);
    const textEdit = decoder.decode((await reader.read()).value);
    expect(textEdit).toBe("event: changed\ndata: changed\n\n");
    received += textEdit;
    // No content in the stream, ever.
    for (const secret of [...SECRETS, "Money"]) expect(received).not.toContain(secret);
    controller.abort();
    expect((await reader.read()).done).toBe(true);

    // The stream is refused like the page: outsiders 404, a story without consent 403 for members.
    const refused = await outcome(() =>
      eventsRoute.loader({
        request: get(`/l/${s.loc.id}/stories/${s.story.id}/events`, s.cookies.outsider),
        params: { localityId: s.loc.id, storyId: s.story.id },
        context: context(),
      }),
    );
    expect(refused.status).toBe(404);
    const unconsented = await makeStory(s.loc.id, { title: "Pending", paragraphs: ["Text."], consent: false });
    const forbidden = await outcome(() =>
      eventsRoute.loader({ request: get(`/x`, s.cookies.member), params: { localityId: s.loc.id, storyId: unconsented.id }, context: context() }),
    );
    expect(forbidden.status).toBe(403);
  });
});

describe.each(await providers())("demo analysis on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("seeds a codebook per locality and every demo excerpt, by two coders, with one deliberate disagreement", async () => {
    const { seedDemo } = await import("../../prisma/demo/seed-demo");
    const { DEMO_ANALYSIS } = await import("../../prisma/demo/analysis");
    const { hash } = await import("@node-rs/argon2");
    const progress: string[] = [];
    await seedDemo(
      t.db,
      (plain: string) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 }),
      (m) => progress.push(m),
    );
    expect(progress.filter((m) => m.includes("not found"))).toEqual([]);
    for (const locality of await t.db.locality.findMany({ orderBy: { name: "asc" } })) {
      const demo = DEMO_ANALYSIS[locality.name.toLowerCase() as "longbridge" | "sparkbrook"];
      expect(await t.db.code.count({ where: { localityId: locality.id } })).toBe(8);
      const excerpts = await listExcerpts(t.db, locality.id);
      expect(excerpts).toHaveLength(demo.excerpts.length);
      // Every stored offset points at its quote in the story's text.
      for (const e of excerpts) expect(e.end - e.start).toBe(e.quote.length);
      expect(new Set(excerpts.map((e) => e.coderId)).size).toBe(2);
      const found = disagreements(excerpts.map((e) => ({ ...e, codeIds: e.codes.map((c) => c.id) })));
      expect(found).toHaveLength(locality.name === "Longbridge" ? 1 : 0);
    }
  });
});
