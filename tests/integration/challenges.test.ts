// Challenges and moderation on the server (SQLite and PostgreSQL, an in-process collab server),
// through the real route modules: a facilitator opens an insight's question as a challenge (its
// board, the row, the audit), changes its closing date and languages, closes, reopens and
// rotates its public link; the moderation queue approves a phone idea (exactly one note on the
// board, linked to the idea, read back from the collab server), twice at once (still one note),
// edits for anonymity (record and note), merges duplicates, rejects with a reason, restores an
// idea hidden after reports; the board unreachable changes nothing; the photo route's gate. And
// who may do what, role by role. Pending ideas are written directly (the public form is another
// module's).
import sharp from "sharp";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { registerCollabBackend, readDocumentState, type CollabBackend } from "~/collab/backend.server";
import { createRemoteCollabBackend } from "~/collab/remote-backend.server";
import { placeIdeaNote, removeIdeaNote } from "~/use-cases/place-idea-notes.server";
import * as listRoute from "~/routes/l.$localityId+/challenges+/_index";
import * as newRoute from "~/routes/l.$localityId+/challenges+/new";
import * as challengeRoute from "~/routes/l.$localityId+/challenges+/$challengeId._index";
import * as queueRoute from "~/routes/l.$localityId+/challenges+/$challengeId.moderation";
import * as photoRoute from "~/routes/l.$localityId+/ideas+/$ideaId.photo";
import * as insightRoute from "~/routes/l.$localityId+/insights+/$insightId._index";
import { readBoard } from "~/use-cases/read-board.server";
import { ideaNoteId } from "~/domain/ideas";

type Route = { loader?: (args: never) => Promise<unknown>; action?: (args: never) => Promise<unknown> };
type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type NewData = Awaited<ReturnType<typeof newRoute.loader>>;
type ChallengeData = Awaited<ReturnType<typeof challengeRoute.loader>>;
type QueueData = Awaited<ReturnType<typeof queueRoute.loader>>;
type InsightData = Awaited<ReturnType<typeof insightRoute.loader>>;
type Failure = { intent: string | null; ideaId: string | null; reply: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

function formPost(path: string, fields: Array<[string, string]>, cookie?: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** A date "YYYY-MM-DD" `days` from now (UTC). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe.each(await providers())("challenges and moderation on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    const group = await makeGroup(t.db, {
      locality: "Sparkbrook test",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    const insight = await t.db.insight.create({
      data: {
        localityId: group.loc.id,
        statement: "Parents new to the area do not know who to ask.",
        createdById: group.member.id,
        questions: {
          create: [
            { text: "How might we help new parents meet each other?", position: 0 },
            { text: "How might we make the children's centre easier to find?", position: 1 },
          ],
        },
      },
      include: { questions: { orderBy: { position: "asc" } } },
    });
    const otherInsight = await t.db.insight.create({
      data: { localityId: group.other.id, statement: "Elsewhere", questions: { create: [{ text: "How might we elsewhere?", position: 0 }] } },
      include: { questions: true },
    });
    const base = `/l/${group.loc.id}`;
    const call = async (route: Route, kind: "loader" | "action", request: Request, params: Record<string, string> = {}) =>
      outcome(() => (route[kind] as (args: unknown) => Promise<unknown>)({ request, params: { localityId: group.loc.id, ...params }, context: context() }));
    const load = (route: Route, path: string, cookie: string | undefined, params: Record<string, string> = {}) =>
      call(route, "loader", get(path, cookie), params);
    const send = (route: Route, path: string, fields: Array<[string, string]>, cookie: string | undefined, params: Record<string, string> = {}) =>
      call(route, "action", formPost(path, fields, cookie), params);
    return { ...group, insight, otherInsight, base, load, send };
  }

  /** A phone idea waiting in the challenge's queue. */
  function pendingIdea(
    challenge: { id: string; localityId: string },
    text: string,
    extra: Partial<{ language: string; contributorName: string; contributorContact: string; spamSignals: string; createdAt: Date }> = {},
  ) {
    return t.db.idea.create({
      data: { localityId: challenge.localityId, challengeId: challenge.id, source: "phone", title: text.slice(0, 120), text, ...extra },
    });
  }

  async function audits(targetId: string) {
    return t.db.auditEntry.findMany({ where: { targetId }, orderBy: { createdAt: "asc" }, select: { action: true, actorId: true, detail: true } });
  }

  it("opens an insight's question as a challenge: a board for ideas, the row, the audit; the insight page links to it", async () => {
    const s = await setup();
    const [q1, q2] = s.insight.questions;
    const page = await s.load(newRoute, `${s.base}/challenges/new?question=${q1!.id}`, s.cookies.facilitator);
    expect(page.status).toBe(200);
    const data = page.data as NewData;
    expect(data.defaults).toEqual({ question: q1!.text, closesOn: "", languages: ["en", "ar"] });
    expect(data.source?.insight.id).toBe(s.insight.id);
    expect(data.alreadyOpen).toBeNull();

    const closesOn = dayFromNow(14);
    const opened = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "How might we help new parents meet, in any language?"],
        ["closesOn", closesOn],
        ["languages", "en"],
        ["languages", "ar"],
        ["questionId", q1!.id],
      ],
      s.cookies.facilitator,
    );
    expect(opened.status).toBe(303);
    const challengeId = /\/challenges\/([^/?]+)\?done=opened$/.exec(opened.location ?? "")?.[1];
    expect(challengeId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const row = await t.db.challenge.findUniqueOrThrow({ where: { id: challengeId! }, include: { board: true } });
    expect(row).toMatchObject({
      localityId: s.loc.id,
      question: "How might we help new parents meet, in any language?",
      insightId: s.insight.id,
      questionId: q1!.id,
      languages: "en,ar",
      linkOpen: true,
      createdById: s.facilitator.id,
    });
    expect(row.linkCode).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{8}$/);
    expect(row.closesAt?.toISOString().slice(0, 10)).toBe(closesOn);
    expect(row.board).toMatchObject({ localityId: s.loc.id, purpose: "ideas", title: "How might we help new parents meet, in any language?" });
    expect((await audits(challengeId!)).map((a) => a.action)).toEqual(["challenge.open"]);
    expect((await audits(row.boardId)).map((a) => a.action)).toEqual(["board.create"]);

    // The list shows it, with its counts; the question is no longer among those not opened.
    const list = (await s.load(listRoute, `${s.base}/challenges`, s.cookies.member)).data as ListData;
    expect(list.challenges.map((c) => ({ id: c.id, state: c.linkState, counts: c.counts, insight: c.insight?.id }))).toEqual([
      { id: challengeId, state: "open", counts: { published: 0, pending: 0, hidden: 0 }, insight: s.insight.id },
    ]);
    expect(list.questions.map((q) => q.id)).toEqual([q2!.id]);
    expect(list.may).toEqual({ manage: false, moderate: false });

    // The insight page: "Opened as a challenge →" for q1, "Open as a challenge" for q2 (facilitators only).
    const insightPage = (await s.load(insightRoute, `${s.base}/insights/${s.insight.id}`, s.cookies.facilitator, { insightId: s.insight.id }))
      .data as InsightData;
    expect(insightPage.challenges).toEqual({ [q1!.id]: challengeId });
    expect(insightPage.mayOpenChallenge).toBe(true);
    expect(
      ((await s.load(insightRoute, `${s.base}/insights/${s.insight.id}`, s.cookies.member, { insightId: s.insight.id })).data as InsightData).mayOpenChallenge,
    ).toBe(false);

    // The same question again: the page says where it is open; posting anyway is refused.
    expect(((await s.load(newRoute, `${s.base}/challenges/new?question=${q1!.id}`, s.cookies.facilitator)).data as NewData).alreadyOpen).toBe(challengeId);
    const again = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "Again?"],
        ["languages", "en"],
        ["questionId", q1!.id],
      ],
      s.cookies.facilitator,
    );
    expect(again.status).toBe(400);
    expect((again.data as Failure).reply.error?.[""]).toEqual(["challenges.errors.alreadyOpen"]);
    expect(await t.db.challenge.count({ where: { localityId: s.loc.id } })).toBe(1);
  });

  it("bad input: empty question, past or impossible date, no language, another locality's question — nothing made, what was typed kept", async () => {
    const s = await setup();
    const bad = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "  "],
        ["closesOn", dayFromNow(-2)],
      ],
      s.cookies.facilitator,
    );
    expect(bad.status).toBe(400);
    expect((bad.data as Failure).reply.error).toMatchObject({
      question: ["challenges.errors.questionRequired"],
      closesOn: ["challenges.errors.closesOnPast"],
      languages: ["challenges.errors.languagesNone"],
    });
    const long = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "x".repeat(301)],
        ["closesOn", "2026-02-30"],
        ["languages", "en"],
      ],
      s.cookies.facilitator,
    );
    expect((long.data as Failure).reply.error).toMatchObject({ question: ["challenges.errors.questionLong"], closesOn: ["challenges.errors.closesOnInvalid"] });
    expect((long.data as Failure).reply.initialValue).toMatchObject({ question: "x".repeat(301), closesOn: "2026-02-30" });
    const foreign = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "Q?"],
        ["languages", "en"],
        ["questionId", s.otherInsight.questions[0]!.id],
      ],
      s.cookies.facilitator,
    );
    expect(foreign.status).toBe(400);
    expect((foreign.data as Failure).reply.error?.[""]).toEqual(["challenges.errors.questionGone"]);
    expect((await s.load(newRoute, `${s.base}/challenges/new?question=${s.otherInsight.questions[0]!.id}`, s.cookies.facilitator)).status).toBe(404);
    expect((await s.load(newRoute, `${s.base}/challenges/new?question=..%2Fx`, s.cookies.facilitator)).status).toBe(404);
    expect(await t.db.challenge.count({ where: { localityId: { in: [s.loc.id, s.other.id] } } })).toBe(0);
    expect(await t.db.board.count({ where: { purpose: "ideas", localityId: s.loc.id } })).toBe(0);
    // Without a question of an insight, a facilitator may still open one of their own.
    const own = await s.send(
      newRoute,
      `${s.base}/challenges/new`,
      [
        ["question", "How might we share lifts to the clinic?"],
        ["languages", "ar"],
      ],
      s.cookies.facilitator,
    );
    expect(own.status).toBe(303);
    expect(
      await t.db.challenge.findFirst({ where: { localityId: s.loc.id }, select: { insightId: true, questionId: true, languages: true, closesAt: true } }),
    ).toEqual({ insightId: null, questionId: null, languages: "ar", closesAt: null });
  });

  it("who may do what, role by role, on every route and action", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id });
    const foreign = await makeChallenge(t.db, { localityId: s.other.id });
    const pending = await pendingIdea(challenge, "Pending idea with a photo");
    const published = await pendingIdea(challenge, "Published idea with a photo");
    await t.db.idea.update({ where: { id: published.id }, data: { moderation: "published" } });
    const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    for (const idea of [pending, published]) await t.db.ideaPhoto.create({ data: { ideaId: idea.id, mimeType: "image/png", bytes: png, width: 4, height: 3 } });

    const c = { challengeId: challenge.id };
    const who = {
      anon: undefined,
      outsider: s.cookies.outsider,
      viewer: s.cookies.viewer,
      member: s.cookies.member,
      facilitator: s.cookies.facilitator,
    } as const;
    const status = async (run: (cookie: string | undefined) => Promise<{ status: number; location?: string | null }>) => {
      const out: Record<string, number | string> = {};
      for (const [role, cookie] of Object.entries(who)) {
        const r = await run(cookie);
        out[role] = r.status === 302 ? `302 ${r.location?.split("?")[0]}` : r.status;
      }
      return out;
    };
    const signIn = "302 /sign-in";
    expect(await status((k) => s.load(listRoute, `${s.base}/challenges`, k))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 200,
      member: 200,
      facilitator: 200,
    });
    expect(await status((k) => s.load(newRoute, `${s.base}/challenges/new`, k))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 403,
      member: 403,
      facilitator: 200,
    });
    expect(await status((k) => s.send(newRoute, `${s.base}/challenges/new`, [["question", ""]], k))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 403,
      member: 403,
      facilitator: 400,
    });
    expect(await status((k) => s.load(challengeRoute, `${s.base}/challenges/${challenge.id}`, k, c))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 200,
      member: 200,
      facilitator: 200,
    });
    expect(await status((k) => s.send(challengeRoute, `${s.base}/challenges/${challenge.id}`, [["intent", "bogus"]], k, c))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 403,
      member: 403,
      facilitator: 400,
    });
    expect(await status((k) => s.load(queueRoute, `${s.base}/challenges/${challenge.id}/moderation`, k, c))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 403,
      member: 403,
      facilitator: 200,
    });
    expect(
      await status((k) =>
        s.send(
          queueRoute,
          `${s.base}/challenges/${challenge.id}/moderation`,
          [
            ["intent", "reject"],
            ["ideaId", pending.id],
            ["reason", ""],
          ],
          k,
          c,
        ),
      ),
    ).toEqual({ anon: signIn, outsider: 404, viewer: 403, member: 403, facilitator: 400 });
    // The photo: facilitators only while pending; everyone who sees ideas once published.
    expect(await status((k) => s.load(photoRoute, `${s.base}/ideas/${pending.id}/photo`, k, { ideaId: pending.id }))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 403,
      member: 403,
      facilitator: 200,
    });
    expect(await status((k) => s.load(photoRoute, `${s.base}/ideas/${published.id}/photo`, k, { ideaId: published.id }))).toEqual({
      anon: signIn,
      outsider: 404,
      viewer: 200,
      member: 200,
      facilitator: 200,
    });
    const photo = await photoRoute.loader({
      request: get(`${s.base}/ideas/${published.id}/photo`, s.cookies.viewer),
      params: { localityId: s.loc.id, ideaId: published.id },
      context: context(),
    } as never);
    expect(photo.headers.get("Content-Type")).toBe("image/png");
    expect(photo.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
    expect((await s.load(photoRoute, `${s.base}/ideas/nope/photo`, s.cookies.facilitator, { ideaId: "nope" })).status).toBe(404);

    // What members see and may do on the pages themselves.
    const asMember = (await s.load(challengeRoute, `${s.base}/challenges/${challenge.id}`, s.cookies.member, c)).data as ChallengeData;
    expect(asMember.may).toEqual({ manage: false, moderate: false });
    expect(((await s.load(challengeRoute, `${s.base}/challenges/${challenge.id}`, s.cookies.facilitator, c)).data as ChallengeData).may).toEqual({
      manage: true,
      moderate: true,
    });
    // Another locality's challenge, asked for through this locality: not found, for everything.
    const f = { challengeId: foreign.id };
    expect((await s.load(challengeRoute, `${s.base}/challenges/${foreign.id}`, s.cookies.facilitator, f)).status).toBe(404);
    expect((await s.load(queueRoute, `${s.base}/challenges/${foreign.id}/moderation`, s.cookies.facilitator, f)).status).toBe(404);
    expect((await s.send(challengeRoute, `${s.base}/challenges/${foreign.id}`, [["intent", "close"]], s.cookies.facilitator, f)).status).toBe(404);
    expect((await t.db.challenge.findUniqueOrThrow({ where: { id: foreign.id } })).linkOpen).toBe(true);
    // Nothing was decided by the refused requests.
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: pending.id } })).moderation).toBe("pending");
  });

  it("closing date and languages; close, reopen and rotate the link (the old code stops working at once)", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id, languages: "en" });
    const path = `${s.base}/challenges/${challenge.id}`;
    const c = { challengeId: challenge.id };
    const page = async () => (await s.load(challengeRoute, path, s.cookies.facilitator, c)).data as ChallengeData;
    expect((await page()).challenge).toMatchObject({ link: `http://localhost:3000/i/${challenge.linkCode}`, linkState: "open", languages: ["en"] });

    const bad = await s.send(
      challengeRoute,
      path,
      [
        ["intent", "settings"],
        ["closesOn", dayFromNow(-1)],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(bad.status).toBe(400);
    expect((bad.data as Failure).reply.error).toMatchObject({ closesOn: ["challenges.errors.closesOnPast"], languages: ["challenges.errors.languagesNone"] });
    const date = dayFromNow(30);
    expect(
      (
        await s.send(
          challengeRoute,
          path,
          [
            ["intent", "settings"],
            ["closesOn", date],
            ["languages", "ar"],
            ["languages", "en"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).location,
    ).toBe(`${path}?done=settings`);
    expect((await page()).settings).toEqual({ closesOn: date, languages: ["en", "ar"] });
    // Clearing the date keeps the link open until closed by hand.
    await s.send(
      challengeRoute,
      path,
      [
        ["intent", "settings"],
        ["closesOn", ""],
        ["languages", "ar"],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(await t.db.challenge.findUniqueOrThrow({ where: { id: challenge.id }, select: { closesAt: true, languages: true } })).toEqual({
      closesAt: null,
      languages: "ar",
    });

    expect((await s.send(challengeRoute, path, [["intent", "close"]], s.cookies.facilitator, c)).location).toBe(`${path}?done=closed`);
    expect((await page()).challenge.linkState).toBe("closed");
    await s.send(challengeRoute, path, [["intent", "close"]], s.cookies.facilitator, c); // again: no change, no second entry
    expect((await s.send(challengeRoute, path, [["intent", "reopen"]], s.cookies.facilitator, c)).location).toBe(`${path}?done=reopened`);
    expect((await page()).challenge.linkState).toBe("open");

    // Rotating needs the confirmation; then the code changes and the old one finds nothing.
    expect((await s.send(challengeRoute, path, [["intent", "rotate"]], s.cookies.facilitator, c)).status).toBe(400);
    expect((await t.db.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).linkCode).toBe(challenge.linkCode);
    expect(
      (
        await s.send(
          challengeRoute,
          path,
          [
            ["intent", "rotate"],
            ["confirm", "yes"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).location,
    ).toBe(`${path}?done=rotated`);
    const rotated = await t.db.challenge.findUniqueOrThrow({ where: { id: challenge.id } });
    expect(rotated.linkCode).not.toBe(challenge.linkCode);
    expect(await t.db.challenge.findUnique({ where: { linkCode: challenge.linkCode } })).toBeNull();
    expect((await page()).challenge.link).toBe(`http://localhost:3000/i/${rotated.linkCode}`);

    expect((await audits(challenge.id)).map((a) => a.action)).toEqual([
      "challenge.update",
      "challenge.update",
      "challenge.link.close",
      "challenge.link.reopen",
      "challenge.link.rotate",
    ]);
    expect(JSON.stringify(await audits(challenge.id))).not.toContain(challenge.linkCode);

    // Past the closing date the page says the link has closed.
    await t.db.challenge.update({ where: { id: challenge.id }, data: { closesAt: new Date(Date.now() - 60_000) } });
    expect((await page()).challenge).toMatchObject({ linkState: "expired", closingPassed: true });
  });

  it("approving puts exactly one note on the board, linked to the idea; approving again (or twice at once) adds none", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id });
    const board = { localityId: s.loc.id, boardId: challenge.boardId };
    const path = `${s.base}/challenges/${challenge.id}/moderation`;
    const c = { challengeId: challenge.id };
    const older = await pendingIdea(challenge, "A walking bus to the children's centre", {
      language: "en",
      contributorName: "Huda",
      contributorContact: "huda@example.test",
      spamSignals: '["links","bogus"]',
      createdAt: new Date(Date.now() - 60_000),
    });
    const newer = await pendingIdea(challenge, "مجموعة واتساب للأهالي الجدد", { language: "ar" });

    const queue = (await s.load(queueRoute, path, s.cookies.facilitator, c)).data as QueueData;
    expect(queue.pending.map((i) => i.id)).toEqual([older.id, newer.id]); // oldest first
    expect(queue.pending[0]).toMatchObject({ language: "en", contributor: { name: "Huda", contact: "huda@example.test" }, signals: ["links"], photo: null });
    expect(queue.pending[1]).toMatchObject({ language: "ar", contributor: null, signals: [] });

    const approve = await s.send(
      queueRoute,
      path,
      [
        ["intent", "approve"],
        ["ideaId", older.id],
        ["text", older.text],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(approve).toMatchObject({ status: 303, location: `${path}?done=approve` });
    const after = await t.db.idea.findUniqueOrThrow({ where: { id: older.id } });
    expect(after).toMatchObject({ moderation: "published", noteId: ideaNoteId(older.id), moderatedById: s.facilitator.id, text: older.text });
    expect(after.moderatedAt).toBeInstanceOf(Date);
    let content = await readBoard(board);
    expect(content.notes.map((n) => ({ id: n.id, text: n.text, link: n.link, authorId: n.authorId }))).toEqual([
      { id: ideaNoteId(older.id), text: older.text, link: { type: "idea", id: older.id }, authorId: null },
    ]);
    expect((await audits(older.id)).map((a) => a.action)).toEqual(["idea.approve"]);

    // Approving it again: refused (already decided), still one note.
    const again = await s.send(
      queueRoute,
      path,
      [
        ["intent", "approve"],
        ["ideaId", older.id],
        ["text", older.text],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(again.status).toBe(409);
    expect((again.data as Failure).reply.error?.[""]).toEqual(["challenges.errors.alreadyDecided"]);

    // Two facilitators approving the same idea at once: one succeeds, one note, one audit entry.
    const second = await t.db.user.create({ data: { email: `fac2-${Date.now()}@example.test`, name: "Second Facilitator", passwordHash: "x" } });
    await t.db.membership.create({ data: { localityId: s.loc.id, userId: second.id, role: "facilitator" } });
    const { sessionCookie } = await import("../setup/requests");
    const cookie2 = await sessionCookie(second.id);
    const both = await Promise.all([
      s.send(
        queueRoute,
        path,
        [
          ["intent", "approve"],
          ["ideaId", newer.id],
          ["text", newer.text],
        ],
        s.cookies.facilitator,
        c,
      ),
      s.send(
        queueRoute,
        path,
        [
          ["intent", "approve"],
          ["ideaId", newer.id],
          ["text", newer.text],
        ],
        cookie2,
        c,
      ),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([303, 409]);
    content = await readBoard(board);
    expect(content.notes.filter((n) => n.link?.id === newer.id)).toHaveLength(1);
    expect(content.notes).toHaveLength(2);
    expect((await audits(newer.id)).filter((a) => a.action === "idea.approve")).toHaveLength(1);
    expect(((await s.load(challengeRoute, `${s.base}/challenges/${challenge.id}`, s.cookies.viewer, c)).data as ChallengeData).challenge.counts).toEqual({
      published: 2,
      pending: 0,
      hidden: 0,
    });
  });

  it("edit for anonymity: on approval and afterwards, the record and the note change; the audit and the board's storage keep no old words", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id });
    const board = { localityId: s.loc.id, boardId: challenge.boardId };
    const path = `${s.base}/challenges/${challenge.id}/moderation`;
    const c = { challengeId: challenge.id };
    const idea = await pendingIdea(challenge, "Ask Zainab Okafor at 12 Alder Road to run a coffee morning");

    const empty = await s.send(
      queueRoute,
      path,
      [
        ["intent", "approve"],
        ["ideaId", idea.id],
        ["text", "   "],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(empty.status).toBe(400);
    expect((empty.data as Failure).reply.error?.text).toEqual(["challenges.errors.textRequired"]);
    expect((empty.data as Failure).ideaId).toBe(idea.id);

    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "approve"],
            ["ideaId", idea.id],
            ["text", "Ask Zainab to run a coffee morning"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).text).toBe("Ask Zainab to run a coffee morning");
    expect((await readBoard(board)).notes.map((n) => n.text)).toEqual(["Ask Zainab to run a coffee morning"]);
    expect((await audits(idea.id)).map((a) => a.action)).toEqual(["idea.edit", "idea.approve"]);

    // Published, then someone notices the name left in: edit again.
    await placeIdeaNote(board, { id: idea.id, localityId: s.loc.id, text: "ignored: already placed" });
    const edit = await s.send(
      queueRoute,
      path,
      [
        ["intent", "edit"],
        ["ideaId", idea.id],
        ["text", "A coffee morning run by a neighbour"],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(edit.status).toBe(303);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).text).toBe("A coffee morning run by a neighbour");
    expect((await readBoard(board)).notes.map((n) => n.text)).toEqual(["A coffee morning run by a neighbour"]);
    const entries = await audits(idea.id);
    expect(entries.map((a) => a.action)).toEqual(["idea.edit", "idea.approve", "idea.edit"]);
    for (const words of ["Zainab", "Alder", "neighbour", "coffee"]) expect(JSON.stringify(entries)).not.toContain(words);
    // The board's stored state was compacted after the edit: the edited-out name is gone from it too.
    const stored = Buffer.from(await readDocumentState(`locality:${s.loc.id}:board:${challenge.boardId}`)).toString("utf8");
    expect(stored).toContain("neighbour");
    expect(stored).not.toContain("Zainab");
    // Editing a pending idea through "edit" is not allowed (approve it instead).
    const other = await pendingIdea(challenge, "Another");
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "edit"],
            ["ideaId", other.id],
            ["text", "x"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(409);
  });

  it("merge a duplicate, reject with a reason (required), restore an idea hidden after reports", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id });
    const elsewhere = await makeChallenge(t.db, { localityId: s.loc.id, question: "Another challenge?" });
    const board = { localityId: s.loc.id, boardId: challenge.boardId };
    const path = `${s.base}/challenges/${challenge.id}/moderation`;
    const c = { challengeId: challenge.id };
    const original = await pendingIdea(challenge, "Free breakfast club on Fridays");
    const duplicate = await pendingIdea(challenge, "Friday breakfast club, free");
    const foreign = await pendingIdea(elsewhere, "In another challenge");
    const queue = (await s.load(queueRoute, path, s.cookies.facilitator, c)).data as QueueData;
    expect(queue.mergeTargets.map((m) => m.id).sort()).toEqual([original.id, duplicate.id].sort());

    // Merge: not into itself, not into another challenge's idea; then into the original.
    for (const intoId of [duplicate.id, foreign.id, "unknown-id"]) {
      const r = await s.send(
        queueRoute,
        path,
        [
          ["intent", "merge"],
          ["ideaId", duplicate.id],
          ["intoId", intoId],
        ],
        s.cookies.facilitator,
        c,
      );
      expect(r.status, intoId).toBe(400);
      expect((r.data as Failure).reply.error?.intoId).toEqual(["challenges.errors.mergeTarget"]);
    }
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "merge"],
            ["ideaId", duplicate.id],
            ["intoId", original.id],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect(
      await t.db.idea.findUniqueOrThrow({ where: { id: duplicate.id }, select: { moderation: true, mergedIntoId: true, text: true, noteId: true } }),
    ).toEqual({
      moderation: "merged",
      mergedIntoId: original.id,
      text: "Friday breakfast club, free",
      noteId: null,
    });
    expect((await readBoard(board)).notes).toEqual([]);
    expect((await audits(duplicate.id)).map((a) => [a.action, JSON.parse(a.detail)])).toEqual([["idea.merge", { into: original.id }]]);

    // Reject: the reason is required (what was typed elsewhere is kept), then stored for the receipt.
    const noReason = await s.send(
      queueRoute,
      path,
      [
        ["intent", "reject"],
        ["ideaId", original.id],
        ["reason", ""],
      ],
      s.cookies.facilitator,
      c,
    );
    expect(noReason.status).toBe(400);
    expect((noReason.data as Failure).reply.error?.reason).toEqual(["challenges.errors.reasonRequired"]);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: original.id } })).moderation).toBe("pending");
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "reject"],
            ["ideaId", original.id],
            ["reason", "We already run this on Fridays."],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect(await t.db.idea.findUniqueOrThrow({ where: { id: original.id }, select: { moderation: true, rejectionReason: true, moderatedById: true } })).toEqual(
      {
        moderation: "rejected",
        rejectionReason: "We already run this on Fridays.",
        moderatedById: s.facilitator.id,
      },
    );
    // A merged or rejected idea cannot be approved afterwards.
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "approve"],
            ["ideaId", duplicate.id],
            ["text", "x"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(409);

    // Hidden after reports (as the reporting module leaves it: hidden, reports, note off the board).
    const hidden = await pendingIdea(challenge, "A reported idea");
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "approve"],
            ["ideaId", hidden.id],
            ["text", hidden.text],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    await t.db.idea.update({ where: { id: hidden.id }, data: { moderation: "hidden" } });
    for (const reporter of [s.member, s.member2, s.viewer])
      await t.db.ideaReport.create({ data: { ideaId: hidden.id, reporterId: reporter.id, reason: "rude" } });
    await removeIdeaNote(board, ideaNoteId(hidden.id));
    const withHidden = (await s.load(queueRoute, path, s.cookies.facilitator, c)).data as QueueData;
    expect(withHidden.hidden.map((i) => [i.id, i.reports])).toEqual([[hidden.id, 3]]);
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "restore"],
            ["ideaId", hidden.id],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: hidden.id } })).moderation).toBe("published");
    expect(await t.db.ideaReport.count({ where: { ideaId: hidden.id } })).toBe(0);
    expect((await readBoard(board)).notes.map((n) => n.link?.id)).toEqual([hidden.id]);
    expect((await audits(hidden.id)).map((a) => a.action)).toEqual(["idea.approve", "idea.restore"]);
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "restore"],
            ["ideaId", hidden.id],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(409);

    // Hidden again, and this time rejected: its note is off the board for good.
    await t.db.idea.update({ where: { id: hidden.id }, data: { moderation: "hidden" } });
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "reject"],
            ["ideaId", hidden.id],
            ["reason", "Reported as rude; we agree."],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: hidden.id } })).moderation).toBe("rejected");
    expect((await readBoard(board)).notes).toEqual([]);
    // An idea of another challenge cannot be decided through this queue.
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "reject"],
            ["ideaId", foreign.id],
            ["reason", "No"],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(404);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: foreign.id } })).moderation).toBe("pending");
  });

  it("when the board cannot be reached, approving changes nothing and says so; it works once the board is back", async () => {
    const s = await setup();
    const challenge = await makeChallenge(t.db, { localityId: s.loc.id });
    const path = `${s.base}/challenges/${challenge.id}/moderation`;
    const c = { challengeId: challenge.id };
    const idea = await pendingIdea(challenge, "Swap shop for school uniforms");
    const holder = globalThis as unknown as { __coproduceCollabBackend?: CollabBackend };
    const working = holder.__coproduceCollabBackend!;
    // A collab server in another process that is down: nothing listens on port 9.
    registerCollabBackend(createRemoteCollabBackend({ baseUrl: "http://127.0.0.1:9", secret: "x".repeat(32) }));
    try {
      const r = await s.send(
        queueRoute,
        path,
        [
          ["intent", "approve"],
          ["ideaId", idea.id],
          ["text", idea.text],
        ],
        s.cookies.facilitator,
        c,
      );
      expect(r.status).toBe(503);
      expect((r.data as Failure).reply.error?.[""]).toEqual(["challenges.errors.boardUnreachable"]);
    } finally {
      registerCollabBackend(working);
    }
    expect(await t.db.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { moderation: true, noteId: true } })).toEqual({
      moderation: "pending",
      noteId: null,
    });
    expect(await audits(idea.id)).toEqual([]);
    expect(
      (
        await s.send(
          queueRoute,
          path,
          [
            ["intent", "approve"],
            ["ideaId", idea.id],
            ["text", idea.text],
          ],
          s.cookies.facilitator,
          c,
        )
      ).status,
    ).toBe(303);
    expect((await readBoard({ localityId: s.loc.id, boardId: challenge.boardId })).notes).toHaveLength(1);
  });
});
