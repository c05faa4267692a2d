// Synthesis end to end on the server (SQLite and PostgreSQL, an in-process collab server):
// send excerpts to a board as redacted, linked notes (twice adds nothing), cluster them, turn
// the cluster into an insight, edit it (question ids kept), the report and CSV (quotes only
// where consent allows), a withdrawn story (evidence shows it gone, counts drop, the report and
// CSV keep nothing of it), and who may do what. Stories and excerpts are made directly.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup, makeLocality } from "../factories";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { addCluster, listNotes, moveNotesToCluster } from "~/collab/board";
import { boardDocName, richTextDocName } from "~/collab/names";
import { appendRichText, docFromState, plainText } from "~/collab/rich-text";
import * as sendRoute from "~/routes/l.$localityId+/analysis+/send";
import * as listRoute from "~/routes/l.$localityId+/insights+/_index";
import * as newRoute from "~/routes/l.$localityId+/insights+/new";
import * as insightRoute from "~/routes/l.$localityId+/insights+/$insightId._index";
import * as editRoute from "~/routes/l.$localityId+/insights+/$insightId.edit";
import * as reportRoute from "~/routes/l.$localityId+/insights+/report";
import * as exportRoute from "~/routes/l.$localityId+/insights+/export";
import { seedDemoInsights } from "../../prisma/demo/insights";
import type { DemoTx } from "../../prisma/demo/stage2-context";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type InsightData = Awaited<ReturnType<typeof insightRoute.loader>>;
type ReportData = Awaited<ReturnType<typeof reportRoute.loader>>;
type NewData = Awaited<ReturnType<typeof newRoute.loader>>;
type SendData = Awaited<ReturnType<typeof sendRoute.loader>>;

/** Every identifier marked in the stories below: none may reach a member or a viewer. */
const SECRETS = ["Amira", "Khan", "Alder Road", "Rashid", "07700 900123", "Bilal"];

describe.each(await providers())("synthesis and insights on %s", (provider) => {
  const t = useAppServer(provider);

  /** A consented (or not) story with its text written through the collab API, and its identifiers. */
  async function makeStory(
    localityId: string,
    input: { title: string; pseudonym: string; text: string[]; identifiers: Array<[string, string]>; scope: string | null },
  ) {
    const document = await t.db.sharedDocument.create({ data: { localityId, title: input.title, kind: "story" } });
    await applyServerChange(richTextDocName(localityId, document.id), (doc) =>
      appendRichText(
        doc,
        input.text.map((text) => ({ type: "paragraph" as const, text })),
      ),
    );
    const story = await t.db.story.create({
      data: {
        localityId,
        title: input.title,
        storytellerPseudonym: input.pseudonym,
        occurredOn: new Date("2026-03-02"),
        method: "interview",
        documentId: document.id,
      },
    });
    if (input.scope)
      await t.db.storyConsent.create({
        data: {
          storyId: story.id,
          givenBy: "The storyteller",
          givenAt: new Date("2026-03-02"),
          method: "signed_form",
          infoSheetVersion: "v2",
          scope: input.scope,
        },
      });
    for (const [text, kind] of input.identifiers) await t.db.storyIdentifier.create({ data: { storyId: story.id, text, kind } });
    return { ...story, text: input.text.join("\n") };
  }

  /** An excerpt of the passage `phrase` of a story, with codes. */
  async function makeExcerpt(story: { id: string; localityId: string; text: string }, phrase: string, codeIds: string[]) {
    const start = story.text.indexOf(phrase);
    expect(start, phrase).toBeGreaterThanOrEqual(0);
    return t.db.excerpt.create({
      data: {
        localityId: story.localityId,
        storyId: story.id,
        start,
        end: start + phrase.length,
        quote: phrase,
        codes: { create: codeIds.map((codeId) => ({ codeId })) },
      },
    });
  }

  async function setup() {
    const { loc, other, facilitator, member, member2, viewer, cookies } = await makeGroup(t.db, {
      locality: "Longbridge test",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });

    const isolation = await t.db.code.create({ data: { localityId: loc.id, name: "Isolation" } });
    const trust = await t.db.code.create({ data: { localityId: loc.id, name: "Trust in services" } });
    // Story A: quotes allowed. Story B: the same storyteller, analysis by the core group only.
    // Story C: another storyteller, shared with other localities. Story D: no consent yet.
    const storyA = await makeStory(loc.id, {
      title: "Mornings at the school gate",
      pseudonym: "Parent A",
      text: ["I'm Amira Khan and we live on Alder Road.", "Nobody at the gate talks to me since we moved. Khan is my married name."],
      identifiers: [
        ["Amira Khan", "name"],
        ["Alder Road", "place"],
      ],
      scope: "quotes",
    });
    const storyB = await makeStory(loc.id, {
      title: "Evenings alone",
      pseudonym: "Parent A",
      text: ["After six it is just me and Bilal, and the health visitor never rings back."],
      identifiers: [["Bilal", "name"]],
      scope: "core_group",
    });
    const storyC = await makeStory(loc.id, {
      title: "The children's centre",
      pseudonym: "Grandparent B",
      text: ["Rashid at the centre gave me his number, 07700 900123, and he always answers."],
      identifiers: [
        ["Rashid", "name"],
        ["07700 900123", "contact"],
      ],
      scope: "other_localities",
    });
    const storyD = await makeStory(loc.id, {
      title: "Not yet consented",
      pseudonym: "Parent C",
      text: ["Amira said nothing."],
      identifiers: [["Amira", "name"]],
      scope: null,
    });
    const e1 = await makeExcerpt(storyA, "Khan and we live on Alder Road", [isolation.id]);
    const e2 = await makeExcerpt(storyB, "just me and Bilal, and the health visitor never rings back", [isolation.id, trust.id]);
    const e3 = await makeExcerpt(storyA, "Nobody at the gate talks to me since we moved", [isolation.id]);
    const e4 = await makeExcerpt(storyC, "Rashid at the centre gave me his number, 07700 900123, and he always answers", [trust.id]);
    const eD = await makeExcerpt(storyD, "Amira said nothing", [isolation.id]);

    const otherStory = await makeStory(other.id, { title: "Elsewhere", pseudonym: "Parent Z", text: ["Far away."], identifiers: [], scope: "quotes" });
    const eOther = await makeExcerpt(otherStory, "Far away", []);
    const otherBoard = await t.db.board.create({ data: { localityId: other.id, title: "Their board", purpose: "analysis" } });

    const base = `/l/${loc.id}`;
    const params = { localityId: loc.id };
    const run = async (loader: (args: never) => Promise<unknown>, path: string, cookie: string, extra: Record<string, string> = {}) => {
      const res = await outcome(() =>
        (loader as (args: unknown) => Promise<unknown>)({ request: get(path, cookie), params: { ...params, ...extra }, context: context() }),
      );
      return res;
    };
    const act = (
      action: (args: never) => Promise<unknown>,
      path: string,
      cookie: string,
      fields: Array<[string, string]> | Record<string, string>,
      extra: Record<string, string> = {},
    ) => {
      const entries = Array.isArray(fields) ? fields : Object.entries(fields);
      const body = new URLSearchParams([...entries, ["_csrf", csrfToken()]]);
      const request = new Request(`http://localhost:3000${path}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      });
      return outcome(() => (action as (args: unknown) => Promise<unknown>)({ request, params: { ...params, ...extra }, context: context() }));
    };
    const boardNotes = async (boardId: string) => listNotes(docFromState(await readDocumentState(boardDocName(loc.id, boardId))));
    return {
      loc,
      other,
      facilitator,
      member,
      member2,
      viewer,
      cookies,
      isolation,
      trust,
      storyA,
      storyB,
      storyC,
      storyD,
      e1,
      e2,
      e3,
      e4,
      eD,
      eOther,
      otherBoard,
      base,
      params,
      run,
      act,
      boardNotes,
    };
  }

  const noSecrets = (value: unknown) => {
    const json = JSON.stringify(value);
    for (const secret of SECRETS) expect(json, `leaked "${secret}"`).not.toContain(secret);
  };

  it("sends excerpts as redacted linked notes, clusters them into an insight, reports by consent, and forgets a withdrawn story", async () => {
    const s = await setup();
    // The stored text really holds the identifiers (what must not leak).
    expect(plainText(docFromState(await readDocumentState(richTextDocName(s.loc.id, s.storyA.documentId!))))).toContain("Amira Khan");

    // --- The send page: consented, live stories only; quotes redacted; filters by code and story.
    const sendPage = await s.run(sendRoute.loader, `${s.base}/analysis/send`, s.cookies.member);
    expect(sendPage.status).toBe(200);
    const send = sendPage.data as SendData;
    expect(send.excerpts.map((e) => e.id).sort()).toEqual([s.e1.id, s.e2.id, s.e3.id, s.e4.id].sort());
    expect(send.excerpts.find((e) => e.id === s.e1.id)).toEqual({
      id: s.e1.id,
      storyId: s.storyA.id,
      storyTitle: "Mornings at the school gate",
      pseudonym: "Parent A",
      codes: [{ id: s.isolation.id, name: "Isolation" }],
      // "Khan" alone is cut from "Amira Khan" by the excerpt's edge: still hidden.
      quote: "[Name 1] and we live on [Place 1]",
    });
    noSecrets(send);
    const byCode = (await s.run(sendRoute.loader, `${s.base}/analysis/send?code=${s.trust.id}`, s.cookies.member)).data as SendData;
    expect(byCode.excerpts.map((e) => e.id).sort()).toEqual([s.e2.id, s.e4.id].sort());
    const byStory = (await s.run(sendRoute.loader, `${s.base}/analysis/send?story=${s.storyA.id}&code=${s.isolation.id}`, s.cookies.member)).data as SendData;
    expect(byStory.excerpts.map((e) => e.id)).toEqual([s.e1.id, s.e3.id]);
    expect((await s.run(sendRoute.loader, `${s.base}/analysis/send`, s.cookies.viewer)).status).toBe(403);
    expect((await s.run(sendRoute.loader, `${s.base}/analysis/send`, s.cookies.outsider)).status).toBe(404);

    // --- Sending: refused for viewers, an empty selection, another locality's excerpt or board.
    const sendPath = `${s.base}/analysis/send`;
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.viewer, [
          ["excerpts", s.e1.id],
          ["target", "new"],
          ["title", "Analysis board"],
        ])
      ).status,
    ).toBe(403);
    const empty = await s.act(sendRoute.action, sendPath, s.cookies.member, [
      ["target", "new"],
      ["title", "Analysis board"],
    ]);
    expect(empty.status).toBe(400);
    expect((empty.data as { reply: { error: Record<string, string[]> } }).reply.error).toEqual({ excerpts: ["insights.errors.noExcerpts"] });
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.member, [
          ["excerpts", s.eOther.id],
          ["target", "new"],
          ["title", "X"],
        ])
      ).status,
    ).toBe(404);
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.member, [
          ["excerpts", s.eD.id],
          ["target", "new"],
          ["title", "X"],
        ])
      ).status,
    ).toBe(404); // no consent
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.member, [
          ["excerpts", s.e1.id],
          ["target", "existing"],
          ["boardId", s.otherBoard.id],
        ])
      ).status,
    ).toBe(404);
    expect(await t.db.board.count({ where: { localityId: s.loc.id } })).toBe(0);

    // A member sends three excerpts to a new analysis board.
    const sent = await s.act(sendRoute.action, sendPath, s.cookies.member, [
      ["excerpts", s.e1.id],
      ["excerpts", s.e2.id],
      ["excerpts", s.e4.id],
      ["target", "new"],
      ["title", "Analysis board"],
      ["colour", "byCode"],
    ]);
    expect(sent.status).toBe(303);
    const boardId = new RegExp(`^${s.base}/boards/([A-Za-z0-9_-]+)$`).exec(sent.location ?? "")?.[1];
    expect(boardId, sent.location ?? "").toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await t.db.board.findUniqueOrThrow({ where: { id: boardId! } })).toMatchObject({
      localityId: s.loc.id,
      title: "Analysis board",
      purpose: "analysis",
    });
    let notes = await s.boardNotes(boardId!);
    expect(notes.map((n) => ({ text: n.text, link: n.link, authorName: n.authorName, colour: n.colour }))).toEqual([
      { text: "[Name 1] and we live on [Place 1] — Parent A", link: { type: "excerpt", id: s.e1.id }, authorName: "Karen Member", colour: "yellow" },
      {
        text: "just me and [Name 1], and the health visitor never rings back — Parent A",
        link: { type: "excerpt", id: s.e2.id },
        authorName: "Karen Member",
        colour: "yellow",
      },
      {
        text: "[Name 1] at the centre gave me his number, [Contact 1], and he always answers — Grandparent B",
        link: { type: "excerpt", id: s.e4.id },
        authorName: "Karen Member",
        colour: "pink",
      },
    ]);
    noSecrets(notes);
    // In a grid: no two notes in one place.
    expect(new Set(notes.map((n) => `${n.x},${n.y}`)).size).toBe(3);

    // Sending again adds nothing; adding one more adds only it, below the others.
    const again = await s.act(sendRoute.action, sendPath, s.cookies.member2, [
      ["excerpts", s.e1.id],
      ["excerpts", s.e2.id],
      ["excerpts", s.e4.id],
      ["excerpts", s.e3.id],
      ["target", "existing"],
      ["boardId", boardId!],
    ]);
    expect(again).toMatchObject({ status: 303, location: `${s.base}/boards/${boardId}` });
    notes = await s.boardNotes(boardId!);
    expect(notes.map((n) => n.link?.id)).toEqual([s.e1.id, s.e2.id, s.e4.id, s.e3.id]);
    expect(notes[3]!.y).toBeGreaterThan(Math.max(...notes.slice(0, 3).map((n) => n.y)));
    const twice = await s.act(sendRoute.action, sendPath, s.cookies.member, [
      ["excerpts", s.e1.id],
      ["target", "existing"],
      ["boardId", boardId!],
    ]);
    expect(twice.status).toBe(303);
    expect((await s.boardNotes(boardId!)).length).toBe(4);
    const audits = await t.db.auditEntry.findMany({ where: { localityId: s.loc.id, action: "excerpt.send" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => JSON.parse(a.detail))).toEqual([
      { excerpts: 3, added: 3, skipped: 0 },
      { excerpts: 4, added: 1, skipped: 3 },
      { excerpts: 1, added: 0, skipped: 1 },
    ]);

    // A locked board: members are refused, facilitators may still send.
    await t.db.board.update({ where: { id: boardId! }, data: { locked: true } });
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.member, [
          ["excerpts", s.e1.id],
          ["target", "existing"],
          ["boardId", boardId!],
        ])
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(sendRoute.action, sendPath, s.cookies.facilitator, [
          ["excerpts", s.e1.id],
          ["target", "existing"],
          ["boardId", boardId!],
        ])
      ).status,
    ).toBe(303);
    expect(((await s.run(sendRoute.loader, sendPath, s.cookies.member)).data as SendData).boards).toEqual([]);
    await t.db.board.update({ where: { id: boardId! }, data: { locked: false } });

    // --- Cluster two Parent A notes and Grandparent B's on the board (as the board's outline does).
    const docName = boardDocName(s.loc.id, boardId!);
    await applyServerChange(docName, (doc) => {
      addCluster(doc, { id: "cluster-1", name: "Nobody to turn to" });
      addCluster(doc, { id: "cluster-2", name: "Getting to know people" });
      const byExcerpt = new Map(listNotes(doc).map((n) => [n.link!.id, n.id]));
      moveNotesToCluster(doc, [byExcerpt.get(s.e1.id)!, byExcerpt.get(s.e2.id)!, byExcerpt.get(s.e4.id)!], "cluster-1");
      moveNotesToCluster(doc, [byExcerpt.get(s.e3.id)!], "cluster-2");
    });

    // --- The new-insight page: boards, then clusters, then the cluster's excerpts all ticked.
    const pick = (await s.run(newRoute.loader, `${s.base}/insights/new?board=${boardId}`, s.cookies.member)).data as NewData;
    expect(pick.clusters).toEqual([
      { id: "cluster-1", name: "Nobody to turn to", excerpts: 3 },
      { id: "cluster-2", name: "Getting to know people", excerpts: 1 },
    ]);
    expect(pick.excerpts).toEqual([]);
    const fromCluster = await s.run(newRoute.loader, `${s.base}/insights/new?board=${boardId}&cluster=cluster-1`, s.cookies.member);
    const chosen = fromCluster.data as NewData;
    expect(chosen.chosen.sort()).toEqual([s.e1.id, s.e2.id, s.e4.id].sort());
    noSecrets(chosen);
    expect((await s.run(newRoute.loader, `${s.base}/insights/new?board=${boardId}&cluster=nope`, s.cookies.member)).status).toBe(404);
    expect((await s.run(newRoute.loader, `${s.base}/insights/new?board=${s.otherBoard.id}`, s.cookies.member)).status).toBe(404);
    expect((await s.run(newRoute.loader, `${s.base}/insights/new`, s.cookies.viewer)).status).toBe(403);

    // Bad input keeps its messages; a viewer may not create.
    const newPath = `${s.base}/insights/new`;
    const bad = await s.act(newRoute.action, newPath, s.cookies.member, [
      ["statement", ""],
      ["questions[0]", ""],
      ["confidence", "medium"],
      ["evidence", s.e1.id],
    ]);
    expect(bad.status).toBe(400);
    expect((bad.data as { reply: { error: Record<string, string[]> } }).reply.error).toEqual({
      statement: ["insights.errors.statement"],
      "questions[0]": ["insights.errors.question"],
    });
    const fields: Array<[string, string]> = [
      ["statement", "We learned that parents new to the area have nobody to turn to after school."],
      ["questions[0]", "How might we help new parents meet someone at the gate?"],
      ["questions[1]", ""],
      ["questions[2]", "How might we make services answer the first time?"],
      ["confidence", "medium"],
      ["evidence", s.e1.id],
      ["evidence", s.e2.id],
      ["evidence", s.e4.id],
      ["boardId", boardId!],
      ["clusterId", "cluster-1"],
    ];
    expect((await s.act(newRoute.action, newPath, s.cookies.viewer, fields)).status).toBe(403);
    const gone = await s.act(newRoute.action, newPath, s.cookies.member, [...fields, ["evidence", s.eOther.id]]);
    expect((gone.data as { reply: { error: Record<string, string[]> } }).reply.error).toEqual({ evidence: ["insights.errors.evidenceGone"] });
    const created = await s.act(newRoute.action, newPath, s.cookies.member, fields);
    expect(created.status).toBe(303);
    const insightId = new RegExp(`^${s.base}/insights/([A-Za-z0-9_-]+)\\?saved=1$`).exec(created.location ?? "")?.[1];
    expect(insightId, created.location ?? "").toMatch(/^[A-Za-z0-9_-]+$/);
    const stored = await t.db.insight.findUniqueOrThrow({
      where: { id: insightId! },
      include: { questions: { orderBy: { position: "asc" } }, evidence: true },
    });
    expect(stored).toMatchObject({ localityId: s.loc.id, confidence: "medium", boardId, clusterId: "cluster-1", createdById: s.member.id });
    expect(stored.questions.map((q) => [q.text, q.position])).toEqual([
      ["How might we help new parents meet someone at the gate?", 0],
      ["How might we make services answer the first time?", 1],
    ]);
    expect(stored.evidence.map((e) => [e.excerptId, e.storyId]).sort()).toEqual(
      [
        [s.e1.id, s.storyA.id],
        [s.e2.id, s.storyB.id],
        [s.e4.id, s.storyC.id],
      ].sort(),
    );
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "insight.create", targetId: insightId! } })).toBe(1);

    // A second insight, without a board, from Parent A's other excerpt.
    const second = await s.act(newRoute.action, newPath, s.cookies.member2, [
      ["statement", "=1+1 We learned that the gate is unfriendly."],
      ["questions[0]", "How might we warm up the gate?"],
      ["confidence", "low"],
      ["evidence", s.e3.id],
    ]);
    expect(second.status).toBe(303);

    // --- The list: counts, with the same storyteller behind two stories counted once.
    const list = (await s.run(listRoute.loader, `${s.base}/insights`, s.cookies.viewer)).data as ListData;
    const first = list.insights.find((i) => i.id === insightId)!;
    expect(first.counts).toEqual({ excerpts: 3, stories: 3, storytellers: 2, withdrawn: 0 });
    expect(first.questions.map((q) => q.text)).toEqual([
      "How might we help new parents meet someone at the gate?",
      "How might we make services answer the first time?",
    ]);
    expect(list.may).toEqual({ edit: false, export: false });
    noSecrets(list);

    // --- One insight, as a viewer: redacted evidence; the same for members.
    const detailPath = `${s.base}/insights/${insightId}`;
    for (const who of [s.cookies.viewer, s.cookies.member2]) {
      const detail = (await s.run(insightRoute.loader, detailPath, who, { insightId: insightId! })).data as InsightData;
      expect(detail.evidence.map((e) => (e.gone ? e.gone : e.excerpt.quote))).toEqual([
        "[Name 1] and we live on [Place 1]",
        "just me and [Name 1], and the health visitor never rings back",
        "[Name 1] at the centre gave me his number, [Contact 1], and he always answers",
      ]);
      noSecrets(detail);
    }
    expect(((await s.run(insightRoute.loader, detailPath, s.cookies.member2, { insightId: insightId! })).data as InsightData).may).toEqual({
      edit: true,
      delete: false,
    });
    expect((await s.run(insightRoute.loader, detailPath, s.cookies.outsider, { insightId: insightId! })).status).toBe(404);
    expect((await s.run(insightRoute.loader, `${s.base}/insights/nope`, s.cookies.viewer, { insightId: "nope" })).status).toBe(404);

    // --- The report: quotes only where consent allows (B is core group only).
    const report = (await s.run(reportRoute.loader, `${s.base}/insights/report`, s.cookies.viewer)).data as ReportData;
    const reported = report.insights.find((i) => i.id === insightId)!;
    expect(reported.evidence.map((e) => [e.storyTitle, e.quote])).toEqual([
      ["Mornings at the school gate", "[Name 1] and we live on [Place 1]"],
      ["Evenings alone", null],
      ["The children's centre", "[Name 1] at the centre gave me his number, [Contact 1], and he always answers"],
    ]);
    expect(JSON.stringify(report)).not.toContain("health visitor");
    noSecrets(report);

    // --- The CSV: facilitators only; the same rule; formula-looking cells neutralised.
    expect((await s.run(exportRoute.loader, `${s.base}/insights/export`, s.cookies.member)).status).toBe(403);
    expect((await s.run(exportRoute.loader, `${s.base}/insights/export`, s.cookies.viewer)).status).toBe(403);
    const csvResponse = (await exportRoute.loader({
      request: get(`${s.base}/insights/export`, s.cookies.facilitator),
      params: s.params,
      context: context(),
    })) as Response;
    expect(csvResponse.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("Content-Disposition")).toMatch(/^attachment; filename="insights-loc-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csvResponse.arrayBuffer());
    expect(csv.startsWith("\uFEFFInsight,How might we…?,Confidence,Sources withdrawn,Story,Storyteller,Codes,Quote\r\n")).toBe(true);
    expect(csv).toContain(`,medium,0,Mornings at the school gate,Parent A,Isolation,[Name 1] and we live on [Place 1]\r\n`);
    expect(csv).toContain(
      `,medium,0,Evenings alone,Parent A,Isolation; Trust in services,quote not shared: consent covers analysis by the core group only\r\n`,
    );
    expect(csv).toContain(
      `'=1+1 We learned that the gate is unfriendly.,How might we warm up the gate?,low,0,Mornings at the school gate,Parent A,Isolation,Nobody at the gate talks to me since we moved\r\n`,
    );
    expect(csv).not.toContain("health visitor");
    noSecrets(csv);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "report.export" } })).toBe(1);

    // --- Editing: the first question's id is kept (edited), one removed, one added; evidence e4 out, e3 in.
    const editPath = `${detailPath}/edit`;
    const edit = (await s.run(editRoute.loader, editPath, s.cookies.member2, { insightId: insightId! })).data as Awaited<ReturnType<typeof editRoute.loader>>;
    expect(edit.defaults.questions).toEqual(["How might we help new parents meet someone at the gate?", "How might we make services answer the first time?"]);
    const [q1, q2] = edit.defaults.questionIds;
    expect((await s.act(editRoute.action, editPath, s.cookies.viewer, { statement: "x" }, { insightId: insightId! })).status).toBe(403);
    const edited = await s.act(
      editRoute.action,
      editPath,
      s.cookies.member2,
      [
        ["statement", "We learned that parents new to the area have nobody to turn to."],
        ["questions[0]", "How might we help new parents meet someone at the school gate?"],
        ["questionIds[0]", q1!],
        ["questions[1]", "How might we link parents with each other?"],
        ["questionIds[1]", ""],
        ["confidence", "high"],
        ["evidence", s.e1.id],
        ["evidence", s.e2.id],
        ["evidence", s.e3.id],
      ],
      { insightId: insightId! },
    );
    expect(edited).toMatchObject({ status: 303, location: `${detailPath}?saved=1` });
    const after = await t.db.insight.findUniqueOrThrow({ where: { id: insightId! }, include: { questions: { orderBy: { position: "asc" } }, evidence: true } });
    expect(after.confidence).toBe("high");
    expect(after.questions.map((q) => [q.id === q1, q.text])).toEqual([
      [true, "How might we help new parents meet someone at the school gate?"],
      [false, "How might we link parents with each other?"],
    ]);
    expect(after.questions.some((q) => q.id === q2)).toBe(false);
    expect(after.evidence.map((e) => e.excerptId).sort()).toEqual([s.e1.id, s.e2.id, s.e3.id].sort());
    // The rows of evidence that stayed are the same rows (linked by excerpt id).
    expect(after.evidence.filter((e) => e.excerptId === s.e1.id).map((e) => e.id)).toEqual(
      stored.evidence.filter((e) => e.excerptId === s.e1.id).map((e) => e.id),
    );
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "insight.update", targetId: insightId! } })).toBe(1);

    // --- Story A is withdrawn (as withdrawStory does: its excerpts, consent and identifiers go; a tombstone stays).
    await t.db.$transaction([
      t.db.excerpt.deleteMany({ where: { storyId: s.storyA.id } }),
      t.db.storyConsent.deleteMany({ where: { storyId: s.storyA.id } }),
      t.db.storyIdentifier.deleteMany({ where: { storyId: s.storyA.id } }),
      t.db.story.update({ where: { id: s.storyA.id }, data: { title: "", storytellerPseudonym: "", withdrawnAt: new Date(), documentId: null } }),
    ]);
    const afterList = (await s.run(listRoute.loader, `${s.base}/insights`, s.cookies.viewer)).data as ListData;
    expect(afterList.insights.find((i) => i.id === insightId)!.counts).toEqual({ excerpts: 1, stories: 1, storytellers: 1, withdrawn: 2 });
    expect(afterList.insights.find((i) => i.id !== insightId)!.counts).toEqual({ excerpts: 0, stories: 0, storytellers: 0, withdrawn: 1 });
    const afterDetail = (await s.run(insightRoute.loader, detailPath, s.cookies.member, { insightId: insightId! })).data as InsightData;
    expect(afterDetail.evidence.map((e) => (e.gone ? e.gone : e.excerpt.storyTitle))).toEqual(["withdrawn", "Evenings alone", "withdrawn"]);
    expect(JSON.stringify(afterDetail)).not.toContain("Mornings at the school gate");
    const afterReport = JSON.stringify((await s.run(reportRoute.loader, `${s.base}/insights/report`, s.cookies.facilitator)).data);
    for (const gone of ["Mornings at the school gate", "live on", "Nobody at the gate"]) expect(afterReport).not.toContain(gone);
    const afterCsv = await (
      (await exportRoute.loader({ request: get(`${s.base}/insights/export`, s.cookies.facilitator), params: s.params, context: context() })) as Response
    ).text();
    for (const gone of ["Mornings at the school gate", "live on", "Nobody at the gate"]) expect(afterCsv).not.toContain(gone);
    expect(afterCsv).toContain(`'=1+1 We learned that the gate is unfriendly.,How might we warm up the gate?,low,1,,,,\r\n`);
    const afterSend = (await s.run(sendRoute.loader, sendPath, s.cookies.member)).data as SendData;
    expect(afterSend.excerpts.map((e) => e.id).sort()).toEqual([s.e2.id, s.e4.id].sort());
    // A coder deletes Parent A's other excerpt (story B stays): that source shows as removed, not withdrawn.
    await t.db.excerpt.delete({ where: { id: s.e2.id } });
    const removed = (await s.run(insightRoute.loader, detailPath, s.cookies.member, { insightId: insightId! })).data as InsightData;
    expect(removed.evidence.map((e) => e.gone)).toEqual(["withdrawn", "removed", "withdrawn"]);
    expect(removed.insight.counts).toEqual({ excerpts: 0, stories: 0, storytellers: 0, withdrawn: 2 });
    // The edit page keeps the withdrawn rows as a count, not as choices.
    const afterEdit = (await s.run(editRoute.loader, editPath, s.cookies.member, { insightId: insightId! })).data as Awaited<
      ReturnType<typeof editRoute.loader>
    >;
    expect(afterEdit.withdrawn).toBe(2);
    expect(afterEdit.defaults.evidence).toEqual([]);

    // --- Deleting: not another member; the author, or a facilitator.
    expect((await s.act(insightRoute.action, detailPath, s.cookies.member2, { intent: "delete" }, { insightId: insightId! })).status).toBe(403);
    expect((await s.act(insightRoute.action, detailPath, s.cookies.viewer, { intent: "delete" }, { insightId: insightId! })).status).toBe(403);
    expect((await s.act(insightRoute.action, detailPath, s.cookies.facilitator, { intent: "nonsense" }, { insightId: insightId! })).status).toBe(400);
    expect(await s.act(insightRoute.action, detailPath, s.cookies.facilitator, { intent: "delete" }, { insightId: insightId! })).toMatchObject({
      status: 303,
      location: `${s.base}/insights?deleted=1`,
    });
    expect(await t.db.insight.count({ where: { id: insightId! } })).toBe(0);
    expect(await t.db.insightQuestion.count({ where: { insightId: insightId! } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { localityId: s.loc.id, action: "insight.delete", targetId: insightId! } })).toBe(1);
    const secondId = /\/insights\/([A-Za-z0-9_-]+)\?/.exec(second.location!)![1]!;
    expect((await s.act(insightRoute.action, `${s.base}/insights/${secondId}`, s.cookies.member2, { intent: "delete" }, { insightId: secondId })).status).toBe(
      303,
    );
    expect(await t.db.insight.count({ where: { localityId: s.loc.id } })).toBe(0);
  });

  it("works without any board, and a board nobody has opened has no clusters", async () => {
    const s = await setup();
    const page = (await s.run(newRoute.loader, `${s.base}/insights/new`, s.cookies.member)).data as NewData;
    expect(page.board).toBeNull();
    expect(page.boards).toEqual([]);
    expect(page.chosen).toEqual([]);
    expect(page.excerpts.map((e) => e.id).sort()).toEqual([s.e1.id, s.e2.id, s.e3.id, s.e4.id].sort());
    noSecrets(page);
    // A board nobody has opened yet has no stored state: no clusters.
    const board = await t.db.board.create({ data: { localityId: s.loc.id, title: "Fresh", purpose: "analysis" } });
    const fresh = (await s.run(newRoute.loader, `${s.base}/insights/new?board=${board.id}`, s.cookies.member)).data as NewData;
    expect(fresh.clusters).toEqual([]);
    const listed = (await s.run(listRoute.loader, `${s.base}/insights`, s.cookies.facilitator)).data as ListData;
    expect(listed).toMatchObject({ insights: [], may: { edit: true, export: true } });
    expect((await s.run(reportRoute.loader, `${s.base}/insights/report`, s.cookies.viewer)).data).toMatchObject({ insights: [], may: { export: false } });
  });

  it("the demo seeder makes an analysis board of redacted, clustered excerpt notes and insights from its clusters", async () => {
    const s = await setup();
    const empty = await makeLocality(t.db, (await t.db.locality.findUniqueOrThrow({ where: { id: s.loc.id } })).organisationId, "No excerpts");
    const reports: string[] = [];
    await t.db.$transaction((tx) =>
      seedDemoInsights(tx as unknown as DemoTx, {
        localityIdFor: (slug) => (slug === "longbridge" ? s.loc.id : empty.id),
        userIdFor: () => s.facilitator.id,
        actorId: s.facilitator.id,
        report: (m) => reports.push(m),
      }),
    );
    expect(reports).toEqual([
      "longbridge: analysis board with 4 excerpts in 3 clusters, 2 insights",
      "sparkbrook: no excerpts yet, so no analysis board or insights",
    ]);
    expect(await t.db.board.count({ where: { localityId: empty.id } })).toBe(0);
    const board = await t.db.board.findFirstOrThrow({ where: { localityId: s.loc.id } });
    expect(board).toMatchObject({ title: "Analysis board", purpose: "analysis" });
    // Stored as the collab server stores boards: the app reads it back.
    const pick = (await s.run(newRoute.loader, `${s.base}/insights/new?board=${board.id}`, s.cookies.member)).data as NewData;
    expect(pick.clusters.map((c) => [c.name, c.excerpts])).toEqual([
      ["Not knowing what's out there", 1],
      ["No one to lean on", 1],
      ["Getting about", 1],
    ]);
    const notes = await s.boardNotes(board.id);
    expect(notes.map((n) => n.text).sort()).toEqual(
      [
        "Nobody at the gate talks to me since we moved — Parent A",
        "[Name 1] and we live on [Place 1] — Parent A",
        "just me and [Name 1], and the health visitor never rings back — Parent A",
        "[Name 1] at the centre gave me his number, [Contact 1], and he always answers — Grandparent B",
      ].sort(),
    );
    noSecrets(notes);
    const list = (await s.run(listRoute.loader, `${s.base}/insights`, s.cookies.viewer)).data as ListData;
    expect(list.insights.map((i) => i.counts)).toEqual([
      { excerpts: 1, stories: 1, storytellers: 1, withdrawn: 0 },
      { excerpts: 1, stories: 1, storytellers: 1, withdrawn: 0 },
    ]);
    expect(list.insights.every((i) => i.questions.length === 2)).toBe(true);
  });
});
