// Stage 3 from end to end, through the real route modules on SQLite and PostgreSQL, with the
// in-process collab server doing what follows a stored change as the app does (read models, idea
// records): a facilitator opens an insight's question as a challenge; a parent sends an idea in
// Arabic from the public link without an account; the receipt follows it as it is approved onto
// the board, voted on, translated, shortlisted and promoted to a prototype; a member's note on the
// board becomes an idea record, and three members' reports hide it from the list and the board.
import { boardDocName } from "~/collab/names";
import crypto from "node:crypto";
import { vi } from "vitest";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { makeGroup, makeUser, addMember } from "../factories";
import { applyServerChange } from "~/collab/backend.server";
import { addNote, closeVoting, openVoting, placeDot } from "~/collab/board";
import { cookieName } from "~/http/cookies.server";
import { DEVICE_COOKIE } from "~/routes/_phone+/device-cookie.server";

import type { ReceiptView } from "~/domain/idea-receipt";
import * as newChallengeRoute from "~/routes/l.$localityId+/challenges+/new";
import * as queueRoute from "~/routes/l.$localityId+/challenges+/$challengeId.moderation";
import * as phoneRoute from "~/routes/_phone+/i.$code";
import * as receiptRoute from "~/routes/_phone+/r.$token";
import * as ideasRoute from "~/routes/l.$localityId+/ideas+/_index";
import * as ideaRoute from "~/routes/l.$localityId+/ideas+/$ideaId._index";
import * as prototypesRoute from "~/routes/l.$localityId+/prototypes+/_index";
import { readBoard } from "~/use-cases/read-board.server";

type Route = { loader?: unknown; action?: unknown };
type IdeasData = Awaited<ReturnType<typeof ideasRoute.loader>>;
type PrototypesData = Awaited<ReturnType<typeof prototypesRoute.loader>>;
type QueueData = Awaited<ReturnType<typeof queueRoute.loader>>;

const ARABIC_IDEA = "مجموعة واتساب لأمهات الحي يديرها مركز الأطفال، بالعربية والإنجليزية";

function formPost(path: string, fields: Array<[string, string]>, cookie?: string): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

describe.each(await providers())("Stage 3 from question to prototype on %s", (provider) => {
  const t = useAppServer(provider, { followUp: true });

  it("a phone idea travels from the public link to a prototype, and the receipt follows it; a reported board idea is hidden", async () => {
    const group = await makeGroup(t.db, {
      locality: "Sparkbrook flow",
      facilitator: "Amal Facilitator",
      member: "Layla Member",
      member2: "Hana Member",
      viewer: "Tom Viewer",
      outsider: "Olga Outsider",
    });
    const member3 = await makeUser(t.db, { name: "Zainab Member" });
    await addMember(t.db, group.loc.id, member3.id, "member");
    const cookies = {
      facilitator: await sessionCookie(group.facilitator.id),
      member: await sessionCookie(group.member.id),
      member2: await sessionCookie(group.member2.id),
      member3: await sessionCookie(member3.id),
      viewer: await sessionCookie(group.viewer.id),
    };
    const L = group.loc.id;
    const call = (route: Route, kind: "loader" | "action", request: Request, params: Record<string, string> = {}) =>
      outcome(() => (route[kind] as (args: unknown) => Promise<unknown>)({ request, params: { localityId: L, ...params }, context: context() }));

    // An insight with a "How might we…?" question (Stage 2 made it).
    const insight = await t.db.insight.create({
      data: {
        localityId: L,
        statement: "We learned that a friendly face who speaks your language opens doors.",
        questions: { create: [{ text: "How might we welcome Arabic-speaking parents at the school gate?", position: 0 }] },
      },
      include: { questions: true },
    });
    const question = insight.questions[0]!;

    // 1. The facilitator opens it as a challenge, in English and Arabic.
    const opened = await call(
      newChallengeRoute,
      "action",
      formPost(
        `/l/${L}/challenges/new`,
        [
          ["question", question.text],
          ["languages", "en"],
          ["languages", "ar"],
          ["questionId", question.id],
        ],
        cookies.facilitator,
      ),
    );
    expect(opened.status).toBe(303);
    const challenge = await t.db.challenge.findFirstOrThrow({ where: { localityId: L, questionId: question.id } });
    expect(opened.location).toBe(`/l/${L}/challenges/${challenge.id}?done=opened`);
    const board = { localityId: L, boardId: challenge.boardId };

    // 2. A parent opens the public link in Arabic (no account) and sends an idea, twice by accident.
    const device = `${cookieName(DEVICE_COOKIE)}=${crypto.randomBytes(24).toString("base64url")}`;
    const page = await outcome(() =>
      phoneRoute.loader({ request: get(`/i/${challenge.linkCode}?lng=ar`, device), params: { code: challenge.linkCode }, context: context() }),
    );
    expect(page.status).toBe(200);
    const form = page.data as { open: true; locale: string; question: string; submissionKey: string; stamp: string };
    expect(form).toMatchObject({ open: true, locale: "ar", question: question.text });
    // The page's stamp says when it was opened; a send within seconds is a spam signal, so wait as a person would.
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ["Date"] });
    const send = () => {
      const body = new FormData();
      for (const [k, v] of Object.entries({
        text: ARABIC_IDEA,
        language: "ar",
        name: "",
        contact: "",
        website: "",
        stamp: form.stamp,
        submissionKey: form.submissionKey,
        _csrf: csrfToken(),
      }))
        body.append(k, v);
      const request = new Request(`http://localhost:3000/i/${challenge.linkCode}?lng=ar`, { method: "POST", body, headers: { Cookie: device } });
      return outcome(() =>
        phoneRoute.action({ request, params: { code: challenge.linkCode }, context: context({ originVerified: false, clientAddress: "10.1.2.3" }) }),
      );
    };
    const [first, second] = [await send(), await send()];
    vi.useRealTimers();
    expect(first.status).toBe(303);
    expect(second.location).toBe(first.location);
    const secret = /^\/r\/([A-Za-z0-9_-]+)\?/.exec(first.location ?? "")?.[1];
    expect(secret, `receipt link: ${first.location}`).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ideas = await t.db.idea.findMany({ where: { challengeId: challenge.id } });
    expect(ideas).toHaveLength(1);
    const idea = ideas[0]!;
    expect(idea).toMatchObject({ source: "phone", moderation: "pending", status: "new", language: "ar", text: ARABIC_IDEA, contributorName: null });
    expect(JSON.parse(idea.spamSignals)).toEqual([]);

    const receipt = async (): Promise<ReceiptView> => {
      const res = await outcome(() => receiptRoute.loader({ request: get(`/r/${secret}`), params: { token: secret }, context: context() }));
      expect(res.status).toBe(200);
      const data = res.data as { receipt: { view: ReceiptView } };
      expect(JSON.stringify(data)).not.toContain("10.1.2.3");
      return data.receipt.view;
    };
    expect(await receipt()).toMatchObject({ kind: "progress", reached: "received" });

    // 3. It waits in the queue (facilitators only) and is not listed for members yet.
    const queuePath = `/l/${L}/challenges/${challenge.id}/moderation`;
    const queue = await call(queueRoute, "loader", get(queuePath, cookies.facilitator), { challengeId: challenge.id });
    expect(JSON.stringify(queue.data as QueueData)).toContain(ARABIC_IDEA);
    expect((await call(queueRoute, "loader", get(queuePath, cookies.member), { challengeId: challenge.id })).status).toBe(403);
    const listed = async (cookie: string) =>
      ((await call(ideasRoute, "loader", get(`/l/${L}/ideas?challenge=${challenge.id}`, cookie))).data as IdeasData).ideas;
    expect((await listed(cookies.member)).map((i) => i.id)).not.toContain(idea.id);

    // 4. Approved: its note is on the board, linked to it; the receipt says so.
    expect(
      (
        await call(
          queueRoute,
          "action",
          formPost(
            queuePath,
            [
              ["intent", "approve"],
              ["ideaId", idea.id],
              ["text", idea.text],
            ],
            cookies.facilitator,
          ),
          { challengeId: challenge.id },
        )
      ).status,
    ).toBe(303);
    const approved = await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } });
    expect(approved.moderation).toBe("published");
    const onBoard = await readBoard(board);
    expect(onBoard.notes.filter((n) => n.link?.type === "idea" && n.link.id === idea.id).map((n) => [n.id, n.text])).toEqual([[approved.noteId, ARABIC_IDEA]]);
    expect(await receipt()).toMatchObject({ kind: "progress", reached: "onBoard" });

    // 5. In the room, a member writes an idea on the board: the collab server's follow-up makes it a record.
    const memberNote = "A Tuesday coffee morning at the school gate";
    await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) =>
      addNote(doc, { id: "flow-member-note", text: memberNote, authorId: group.member.id, authorName: "Layla Member", x: 40, y: 40 }),
    );
    const boardIdea = await vi.waitFor(
      async () => {
        const found = await t.db.idea.findFirst({ where: { challengeId: challenge.id, noteId: "flow-member-note" } });
        if (!found) throw new Error("the board note has no record yet");
        return found;
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(boardIdea).toMatchObject({ source: "board", moderation: "published", text: memberNote, createdById: group.member.id });

    // 6. The group votes: two dots on the phone idea. A translation adds no second note, and the dots count once.
    await applyServerChange(boardDocName(board.localityId, board.boardId), (doc) => {
      openVoting(doc, 3, false);
      placeDot(doc, group.member.id, approved.noteId!);
      placeDot(doc, group.member2.id, approved.noteId!);
      closeVoting(doc);
    });
    const translation = "A WhatsApp group for the area's mums, run by the children's centre, in Arabic and English";
    const ideaPath = `/l/${L}/ideas/${idea.id}`;
    expect(
      (
        await call(
          ideaRoute,
          "action",
          formPost(
            ideaPath,
            [
              ["intent", "translate"],
              ["language", "en"],
              ["text", translation],
            ],
            cookies.member2,
          ),
          { ideaId: idea.id },
        )
      ).status,
    ).toBe(303);
    const shown = (await listed(cookies.viewer)).find((i) => i.id === idea.id);
    expect(shown).toMatchObject({ text: ARABIC_IDEA, language: "ar", votes: 2 });
    expect(shown?.translations).toEqual([expect.objectContaining({ language: "en", text: translation, translatorName: "Hana Member" })]);
    expect((await readBoard(board)).notes).toHaveLength(2);
    expect(await receipt()).toMatchObject({ kind: "progress", reached: "votedOn", dots: 2 });

    // 7. Three members report the board idea: it leaves the list and the board, pending review.
    for (const cookie of [cookies.member2, cookies.member3, cookies.facilitator]) {
      expect(
        (
          await call(
            ideaRoute,
            "action",
            formPost(
              `/l/${L}/ideas/${boardIdea.id}`,
              [
                ["intent", "report"],
                ["reason", "Names a neighbour"],
              ],
              cookie,
            ),
            { ideaId: boardIdea.id },
          )
        ).status,
      ).toBe(303);
    }
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: boardIdea.id } })).moderation).toBe("hidden");
    expect((await listed(cookies.member)).map((i) => i.id)).not.toContain(boardIdea.id);
    expect((await readBoard(board)).notes.map((n) => n.id)).not.toContain("flow-member-note");

    // 8. The facilitator shortlists the phone idea and promotes it: a prototype record, and the receipt says it is being tried.
    expect((await call(ideaRoute, "action", formPost(ideaPath, [["intent", "promote"]], cookies.facilitator), { ideaId: idea.id })).status).toBe(400); // not shortlisted yet
    expect(
      (
        await call(
          ideaRoute,
          "action",
          formPost(
            ideaPath,
            [
              ["intent", "status"],
              ["status", "shortlisted"],
            ],
            cookies.facilitator,
          ),
          { ideaId: idea.id },
        )
      ).status,
    ).toBe(303);
    expect(await receipt()).toMatchObject({ kind: "progress", reached: "votedOn", shortlisted: true });
    expect((await call(ideaRoute, "action", formPost(ideaPath, [["intent", "promote"]], cookies.member), { ideaId: idea.id })).status).toBe(403);
    expect((await call(ideaRoute, "action", formPost(ideaPath, [["intent", "promote"]], cookies.facilitator), { ideaId: idea.id })).status).toBe(303);
    const prototypes = ((await call(prototypesRoute, "loader", get(`/l/${L}/prototypes`, cookies.viewer))).data as PrototypesData).prototypes;
    expect(prototypes).toEqual([expect.objectContaining({ status: "planned", title: approved.title })]);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).status).toBe("prototyping");
    expect(await receipt()).toMatchObject({ kind: "progress", reached: "prototyping" });

    // 9. The activity log tells the story, without the contributor's words in it.
    const actions = (await t.db.auditEntry.findMany({ where: { localityId: L }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    for (const action of ["challenge.open", "idea.approve", "idea.hide", "idea.status", "idea.promote"]) expect(actions).toContain(action);
    const details = (await t.db.auditEntry.findMany({ where: { localityId: L } })).map((a) => a.detail ?? "").join("\n");
    expect(details).not.toContain(ARABIC_IDEA);
    expect(details).not.toContain(memberNote);
  });
});
