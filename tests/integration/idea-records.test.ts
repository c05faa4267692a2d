// Ideas as records on the server (SQLite and PostgreSQL, an in-process collab server), through the
// real route modules: notes on a challenge's board become idea records (and follow the board:
// text, removal, idempotent under concurrent runs); the ideas list and an idea's page role by role,
// with votes, builds-on, silent brainstorming and languages; translations side by side (votes count
// once); comments; details; report-to-hide at exactly 3 distinct members (also all at once);
// status changes incl. forbidden ones; promotion to a prototype (once, even twice at once).
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome, sessionCookie } from "../setup/requests";
import { addMember, makeGroup, makeUser } from "../factories";
import { makeChallenge } from "../factories/challenges";
import { applyServerChange, readDocumentState } from "~/collab/backend.server";
import { addNote, listNotes, openVoting, placeDot, removeNote, setBuildsOn, setNoteText, setSilent, closeVoting } from "~/collab/board";
import { boardDocName, richTextDocName } from "~/collab/names";
import { docFromState } from "~/collab/rich-text";
import { forgetChallengeBoards, syncChallengeIdeas } from "~/use-cases/sync-challenge-ideas.server";
import { placeIdeaNote } from "~/use-cases/place-idea-notes.server";
import * as listRoute from "~/routes/l.$localityId+/ideas+/_index";
import * as ideaRoute from "~/routes/l.$localityId+/ideas+/$ideaId._index";
import * as prototypesRoute from "~/routes/l.$localityId+/prototypes+/_index";

type ListData = Awaited<ReturnType<typeof listRoute.loader>>;
type IdeaData = Awaited<ReturnType<typeof ideaRoute.loader>>;
type PrototypeData = Awaited<ReturnType<typeof prototypesRoute.loader>>;
type Reply = { intent: string; reply: { error?: Record<string, string[] | null> } };

describe.each(await providers())("ideas as records on %s", (provider) => {
  const t = useAppServer(provider);

  async function setup() {
    forgetChallengeBoards();
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook test",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Outsider",
    });
    // Two more members, for three reporters besides the author.
    const [member3, member4] = await Promise.all([makeUser(t.db, { name: "Huda Member" }), makeUser(t.db, { name: "Sam Member" })]);
    await addMember(t.db, g.loc.id, member3.id, "member");
    await addMember(t.db, g.loc.id, member4.id, "member");
    const cookies = { ...g.cookies, member3: await sessionCookie(member3.id), member4: await sessionCookie(member4.id), anon: "" };
    const insight = await t.db.insight.create({
      data: {
        localityId: g.loc.id,
        statement: "Parents new to the area know nobody",
        questions: { create: [{ text: "How might we help new parents meet?" }] },
      },
    });
    const otherInsight = await t.db.insight.create({ data: { localityId: g.other.id, statement: "Elsewhere's insight" } });
    const challenge = await makeChallenge(t.db, {
      localityId: g.loc.id,
      question: "How might we help new parents meet?",
      languages: "en,ar",
      insightId: insight.id,
      actorId: g.facilitator.id,
    });
    const board = { localityId: g.loc.id, boardId: challenge.boardId };
    const docName = boardDocName(g.loc.id, challenge.boardId);
    const base = `/l/${g.loc.id}`;
    const params = { localityId: g.loc.id };

    const note = (id: string, text: string, authorId: string | null) =>
      applyServerChange(docName, (doc) => addNote(doc, { id, text, authorId, authorName: null }));
    const change = (fn: Parameters<typeof applyServerChange>[1]) => applyServerChange(docName, fn);
    const sync = async (name = docName) => syncChallengeIdeas(t.db, name, docFromState(await readDocumentState(name)));
    const notes = async () => listNotes(docFromState(await readDocumentState(docName)));
    const ideaOf = (noteId: string) => t.db.idea.findUnique({ where: { challengeId_noteId: { challengeId: challenge.id, noteId } } });

    const run = (loader: (args: never) => Promise<unknown>, path: string, cookie: string, extra: Record<string, string> = {}) =>
      outcome(() =>
        (loader as (args: unknown) => Promise<unknown>)({ request: get(path, cookie || undefined), params: { ...params, ...extra }, context: context() }),
      );
    const act = (path: string, cookie: string, fields: Array<[string, string]>, ideaId: string) => {
      const body = new URLSearchParams([...fields, ["_csrf", csrfToken()]]);
      const request = new Request(`http://localhost:3000${path}`, {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      });
      return outcome(() => (ideaRoute.action as (args: unknown) => Promise<unknown>)({ request, params: { ...params, ideaId }, context: context() }));
    };
    const list = async (cookie: string, query = "") => (await run(listRoute.loader, `${base}/ideas${query}`, cookie)).data as ListData;
    const page = async (cookie: string, ideaId: string) => (await run(ideaRoute.loader, `${base}/ideas/${ideaId}`, cookie, { ideaId })).data as IdeaData;
    return { ...g, member3, member4, cookies, insight, otherInsight, challenge, board, docName, base, note, change, sync, notes, ideaOf, run, act, list, page };
  }

  /** A published board idea written by `authorId`, through the board and the sync. */
  async function boardIdea(s: Awaited<ReturnType<typeof setup>>, noteId: string, text: string, authorId: string) {
    await s.note(noteId, text, authorId);
    await s.sync();
    return (await s.ideaOf(noteId))!;
  }

  it("makes each member's note on a challenge board an idea record, follows its text, and deletes or keeps it when the note goes", async () => {
    const s = await setup();
    // Not a challenge's board: nothing happens, cheaply.
    const plain = await t.db.board.create({ data: { localityId: s.loc.id, title: "Exercise", purpose: "exercise" } });
    const plainName = boardDocName(s.loc.id, plain.id);
    await applyServerChange(plainName, (doc) => addNote(doc, { id: "p1", text: "Not an idea", authorId: s.member.id, authorName: null }));
    expect(await s.sync(plainName)).toBeNull();
    expect(await s.sync(richTextDocName(s.loc.id, plain.id))).toBeNull();
    expect(await syncChallengeIdeas(t.db, "nonsense", docFromState(new Uint8Array([0, 0])))).toBeNull();

    // A phone idea approved onto the board is a linked note: not a second record.
    const phone = await t.db.idea.create({
      data: {
        localityId: s.loc.id,
        challengeId: s.challenge.id,
        source: "phone",
        moderation: "published",
        title: "Phone idea",
        text: "Phone idea",
        language: "en",
      },
    });
    const phoneNote = await placeIdeaNote(s.board, { id: phone.id, localityId: s.loc.id, text: phone.text });
    await t.db.idea.update({ where: { id: phone.id }, data: { noteId: phoneNote } });

    await s.note("n1", "A walking bus to school", s.member.id);
    await s.note("n2", "مجموعة للأمهات الجدد في المركز", s.member2.id);
    await s.note("n3", "", s.member.id); // being written: not an idea yet
    expect(await s.sync()).toEqual({ created: 2, updated: 0, relinked: 0, deleted: 0, detached: 0 });
    expect(await s.sync()).toEqual({ created: 0, updated: 0, relinked: 0, deleted: 0, detached: 0 });
    const n1 = (await s.ideaOf("n1"))!;
    expect(n1).toMatchObject({
      source: "board",
      moderation: "published",
      status: "new",
      title: "A walking bus to school",
      text: "A walking bus to school",
      language: "en",
      createdById: s.member.id,
      localityId: s.loc.id,
    });
    expect(await s.ideaOf("n2")).toMatchObject({ language: "ar", createdById: s.member2.id });
    expect(await t.db.idea.count({ where: { challengeId: s.challenge.id } })).toBe(3);

    // Several runs at once (two collab instances) make each record once.
    await s.note("n4", "Coffee morning at the library", s.member.id);
    const runs = await Promise.all([s.sync(), s.sync(), s.sync()]);
    expect(runs.reduce((n, r) => n + (r?.created ?? 0), 0)).toBe(1);
    expect(await t.db.idea.count({ where: { challengeId: s.challenge.id, noteId: "n4" } })).toBe(1);

    // The record follows the note's text (title too, while automatic), and the empty note once it has text.
    await s.change((doc) => {
      setNoteText(doc, "n1", "A walking bus to school on Fridays");
      setNoteText(doc, "n3", "Swap shop for baby clothes");
    });
    expect(await s.sync()).toMatchObject({ created: 1, updated: 1 });
    expect(await s.ideaOf("n1")).toMatchObject({ id: n1.id, text: "A walking bus to school on Fridays", title: "A walking bus to school on Fridays" });

    // Removed with nobody engaged: the record goes. Removed after a comment: kept, off the board.
    const n2 = (await s.ideaOf("n2"))!;
    expect(
      (
        await s.act(
          `${s.base}/ideas/${n2.id}`,
          s.cookies.member,
          [
            ["intent", "comment"],
            ["body", "Yes please"],
          ],
          n2.id,
        )
      ).status,
    ).toBe(303);
    await s.change((doc) => {
      removeNote(doc, "n4");
      removeNote(doc, "n2");
    });
    expect(await s.sync()).toMatchObject({ deleted: 1, detached: 1 });
    expect(await s.ideaOf("n4")).toBeNull();
    const kept = await t.db.idea.findUniqueOrThrow({ where: { id: n2.id } });
    expect(kept.noteId).toBeNull();
    const listed = (await s.list(s.cookies.member)).ideas.find((i) => i.id === n2.id)!;
    expect(listed).toMatchObject({ onBoard: false, votes: null, comments: 1 });
    expect((await s.list(s.cookies.member)).ideas.map((i) => i.title).sort()).toEqual(
      ["A walking bus to school on Fridays", "Phone idea", "Swap shop for baby clothes", "مجموعة للأمهات الجدد في المركز"].sort(),
    );
  });

  it("shows the list and an idea's page role by role, with languages, votes, builds-on, filters and silent brainstorming", async () => {
    const s = await setup();
    const mine = await boardIdea(s, "n1", "A walking bus to school", s.member.id);
    const theirs = await boardIdea(s, "n2", "مجموعة للأمهات الجدد", s.member2.id);
    const pending = await t.db.idea.create({
      data: { localityId: s.loc.id, challengeId: s.challenge.id, source: "phone", moderation: "pending", title: "Waiting", text: "Waiting" },
    });

    // Who may see what.
    for (const [path, loader, extra] of [
      [`${s.base}/ideas`, listRoute.loader, {}],
      [`${s.base}/ideas/${mine.id}`, ideaRoute.loader, { ideaId: mine.id }],
      [`${s.base}/prototypes`, prototypesRoute.loader, {}],
    ] as const) {
      expect((await s.run(loader, path, "", extra)).status, path).toBe(302);
      expect((await s.run(loader, path, s.cookies.outsider, extra)).status, path).toBe(404);
      for (const who of ["viewer", "member", "facilitator"] as const)
        expect((await s.run(loader, path, s.cookies[who], extra)).status, `${path} ${who}`).toBe(200);
    }
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/${pending.id}`, s.cookies.member, { ideaId: pending.id })).status).toBe(404);
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/${pending.id}`, s.cookies.facilitator, { ideaId: pending.id })).status).toBe(200);
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/nope`, s.cookies.facilitator, { ideaId: "nope" })).status).toBe(404);
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/bad id!`, s.cookies.facilitator, { ideaId: "bad id!" })).status).toBe(404);
    // Another locality's idea is not found from this one.
    const elsewhere = await makeChallenge(t.db, { localityId: s.other.id });
    const foreign = await t.db.idea.create({
      data: { localityId: s.other.id, challengeId: elsewhere.id, source: "board", moderation: "published", title: "Far", text: "Far" },
    });
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/${foreign.id}`, s.cookies.facilitator, { ideaId: foreign.id })).status).toBe(404);

    // Published ideas only; language and direction of each text; the source; the insight by default.
    let data = await s.list(s.cookies.viewer);
    expect(data.ideas.map((i) => i.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(data.ideas.find((i) => i.id === theirs.id)).toMatchObject({
      language: "ar",
      dir: "rtl",
      source: "board",
      status: "new",
      onBoard: true,
      votes: 0,
      buildsOn: null,
    });
    expect(data.ideas.find((i) => i.id === mine.id)).toMatchObject({ language: "en", dir: "ltr" });
    const record = await s.page(s.cookies.viewer, theirs.id);
    expect(record.idea.insights).toEqual([{ id: s.insight.id, statement: s.insight.statement }]);
    expect(record.idea.insightsAreDefault).toBe(true);
    expect(record.may).toEqual({ contribute: false, report: false, shortlist: false, promote: false });
    expect((await s.page(s.cookies.member, theirs.id)).may).toEqual({ contribute: true, report: true, shortlist: false, promote: false });
    expect((await s.page(s.cookies.member, mine.id)).may.report).toBe(false); // not your own

    // Votes from the board's dots; builds-on from the note.
    await s.change((doc) => {
      openVoting(doc, 3, false);
      placeDot(doc, s.member.id, "n2");
      placeDot(doc, s.member.id, "n2");
      placeDot(doc, s.viewer.id, "n1");
      setBuildsOn(doc, "n2", "n1");
    });
    data = await s.list(s.cookies.member);
    expect(data.ideas.find((i) => i.id === theirs.id)).toMatchObject({ votes: 2, buildsOn: { id: mine.id, title: mine.title } });
    expect(data.ideas.find((i) => i.id === mine.id)).toMatchObject({ votes: 1 });
    // An open vote that hides its results hides the counts here too.
    await s.change((doc) => openVoting(doc, 3, true));
    data = await s.list(s.cookies.member);
    expect(data.ideas.find((i) => i.id === theirs.id)).toMatchObject({ votes: null, votesHidden: true });
    await s.change((doc) => closeVoting(doc));
    expect((await s.list(s.cookies.member)).ideas.find((i) => i.id === theirs.id)?.votes).toBe(2);

    // Filters.
    await t.db.idea.update({ where: { id: mine.id }, data: { status: "shortlisted" } });
    expect((await s.list(s.cookies.member, "?status=shortlisted")).ideas.map((i) => i.id)).toEqual([mine.id]);
    expect((await s.list(s.cookies.member, `?challenge=${elsewhere.id}`)).ideas).toEqual([]);
    expect((await s.list(s.cookies.member, `?challenge=${s.challenge.id}&status=bogus`)).ideas.length).toBe(2);

    // Silent brainstorming: the notes already on the board stay everyone's ideas (new notes wait in
    // people's drafts, which are not ideas until the reveal); the list says silence is on.
    await s.change((doc) => setSilent(doc, true));
    data = await s.list(s.cookies.member);
    expect(data.ideas.map((i) => i.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(data.silentNow).toBe(true);
    expect((await s.list(s.cookies.viewer)).ideas.length).toBe(2);
    expect((await s.run(ideaRoute.loader, `${s.base}/ideas/${theirs.id}`, s.cookies.member, { ideaId: theirs.id })).status).toBe(200);
    await s.change((doc) => setSilent(doc, false));
    expect((await s.list(s.cookies.member)).silentNow).toBe(false);
  });

  it("lists fifty ideas a page, newest first, keeping the filters in the page links' address", async () => {
    const s = await setup();
    const start = Date.UTC(2026, 10, 1);
    await t.db.idea.createMany({
      data: Array.from({ length: 61 }, (_, i) => ({
        localityId: s.loc.id,
        challengeId: s.challenge.id,
        source: "phone",
        moderation: "published",
        title: `Phone idea ${i + 1}`,
        text: `Phone idea ${i + 1}: a warm space on Saturdays`,
        language: "en",
        createdAt: new Date(start + i * 60_000),
      })),
    });
    const first = await s.list(s.cookies.member);
    expect(first.ideas).toHaveLength(50);
    expect(first.ideas[0]!.title).toBe("Phone idea 61");
    expect(first.ideasPage).toEqual({ page: 1, pages: 2, total: 61, from: 1, to: 50 });
    const second = await s.list(s.cookies.member, "?page=2");
    expect(second.ideas.map((i) => i.title)).toEqual(Array.from({ length: 11 }, (_, i) => `Phone idea ${11 - i}`));
    expect(second.ideasPage).toMatchObject({ page: 2, from: 51, to: 61 });
    // Filtered, the count is the filter's; a page past the end shows the last one.
    const filtered = await s.list(s.cookies.member, `?challenge=${s.challenge.id}&status=new&page=9`);
    expect(filtered.ideasPage).toMatchObject({ page: 2, total: 61 });
    expect((await s.list(s.cookies.member, "?status=shortlisted")).ideasPage).toEqual({ page: 1, pages: 1, total: 0, from: 0, to: 0 });
  });

  it("adds translations side by side, one per language; votes count once whatever the language", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "مجموعة للأمهات الجدد في المركز", s.member.id);
    await s.change((doc) => {
      openVoting(doc, 3, false);
      placeDot(doc, s.member2.id, "n1");
    });
    const path = `${s.base}/ideas/${idea.id}`;
    const translate = (cookie: string, language: string, text: string) =>
      s.act(
        path,
        cookie,
        [
          ["intent", "translate"],
          ["language", language],
          ["text", text],
        ],
        idea.id,
      );

    expect((await translate(s.cookies.viewer, "en", "A group")).status).toBe(403);
    expect((await translate(s.cookies.outsider, "en", "A group")).status).toBe(404);
    expect((await translate("", "en", "A group")).status).toBe(302);
    const same = await translate(s.cookies.member2, "ar", "نص");
    expect(same.status).toBe(400);
    expect((same.data as Reply).reply.error).toEqual({ language: ["ideas.errors.sameLanguage"] });
    const long = await translate(s.cookies.member2, "en", "x".repeat(501));
    expect((long.data as Reply).reply.error).toEqual({ text: ["ideas.errors.translationLong"] });
    expect((await translate(s.cookies.member2, "en", "A group for new mums at the centre")).location).toBe(`${path}?done=translate`);
    expect((await translate(s.cookies.member3, "en", "A group for new mothers at the centre")).status).toBe(303); // replaces
    expect((await translate(s.cookies.member3, "pl", "Grupa dla nowych mam")).status).toBe(303);

    const record = await s.page(s.cookies.member, idea.id);
    expect(record.idea).toMatchObject({ text: "مجموعة للأمهات الجدد في المركز", language: "ar", dir: "rtl", votes: 1 });
    expect(record.idea.translations.map((tr) => ({ language: tr.language, dir: tr.dir, text: tr.text, translatorName: tr.translatorName }))).toEqual([
      { language: "en", dir: "ltr", text: "A group for new mothers at the centre", translatorName: "Huda Member" },
      { language: "pl", dir: "ltr", text: "Grupa dla nowych mam", translatorName: "Huda Member" },
    ]);
    // Votes are per idea: no note was added, the dot still counts once.
    expect((await s.notes()).map((n) => n.id)).toEqual(["n1"]);
    expect((await s.list(s.cookies.viewer)).ideas.map((i) => ({ id: i.id, votes: i.votes }))).toEqual([{ id: idea.id, votes: 1 }]);
    expect(await s.sync()).toEqual({ created: 0, updated: 0, relinked: 0, deleted: 0, detached: 0 });

    // The translator or a facilitator removes a translation; another member cannot.
    const [en, pl] = record.idea.translations;
    expect((await s.page(s.cookies.member, idea.id)).idea.translations.every((tr) => !tr.mayRemove)).toBe(true);
    expect(
      (
        await s.act(
          path,
          s.cookies.member,
          [
            ["intent", "remove-translation"],
            ["translationId", en!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(
          path,
          s.cookies.member3,
          [
            ["intent", "remove-translation"],
            ["translationId", en!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(
          path,
          s.cookies.facilitator,
          [
            ["intent", "remove-translation"],
            ["translationId", pl!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(
          path,
          s.cookies.facilitator,
          [
            ["intent", "remove-translation"],
            ["translationId", pl!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(404);
    expect(await t.db.ideaTranslation.count({ where: { ideaId: idea.id } })).toBe(0);
  });

  it("takes comments and details, with errors beside the fields, and audits the edit without content", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "A walking bus to school", s.member.id);
    const path = `${s.base}/ideas/${idea.id}`;

    const empty = await s.act(
      path,
      s.cookies.member2,
      [
        ["intent", "comment"],
        ["body", "  "],
      ],
      idea.id,
    );
    expect(empty.status).toBe(400);
    expect(empty.data as Reply).toMatchObject({ intent: "comment", reply: { error: { body: ["ideas.errors.comment"] } } });
    expect(
      (
        (
          await s.act(
            path,
            s.cookies.member2,
            [
              ["intent", "comment"],
              ["body", "c".repeat(1001)],
            ],
            idea.id,
          )
        ).data as Reply
      ).reply.error,
    ).toEqual({ body: ["ideas.errors.commentLong"] });
    expect(
      (
        await s.act(
          path,
          s.cookies.viewer,
          [
            ["intent", "comment"],
            ["body", "Hi"],
          ],
          idea.id,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(
          path,
          s.cookies.member2,
          [
            ["intent", "comment"],
            ["body", "I could walk on Tuesdays"],
          ],
          idea.id,
        )
      ).location,
    ).toBe(`${path}?done=comment#comments`);
    expect(
      (
        await s.act(
          path,
          s.cookies.member3,
          [
            ["intent", "comment"],
            ["body", "Me too"],
          ],
          idea.id,
        )
      ).status,
    ).toBe(303);
    let record = await s.page(s.cookies.member2, idea.id);
    expect(record.comments.map((c) => ({ authorName: c.authorName, body: c.body, mayDelete: c.mayDelete }))).toEqual([
      { authorName: "Darren Member", body: "I could walk on Tuesdays", mayDelete: true },
      { authorName: "Huda Member", body: "Me too", mayDelete: false },
    ]);
    const [first, second] = record.comments;
    expect(
      (
        await s.act(
          path,
          s.cookies.member2,
          [
            ["intent", "delete-comment"],
            ["commentId", second!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await s.act(
          path,
          s.cookies.member2,
          [
            ["intent", "delete-comment"],
            ["commentId", first!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await s.act(
          path,
          s.cookies.facilitator,
          [
            ["intent", "delete-comment"],
            ["commentId", second!.id],
          ],
          idea.id,
        )
      ).status,
    ).toBe(303);
    expect(await t.db.ideaComment.count({ where: { ideaId: idea.id } })).toBe(0);

    // Details.
    const details = (cookie: string, fields: Array<[string, string]>) => s.act(path, cookie, [["intent", "details"], ...fields], idea.id);
    expect((await details(s.cookies.viewer, [["title", "X"]])).status).toBe(403);
    const bad = await details(s.cookies.member2, [
      ["title", ""],
      ["description", "Kept"],
      ["whoWouldUse", "w".repeat(501)],
    ]);
    expect(bad.status).toBe(400);
    expect((bad.data as Reply).reply.error).toEqual({ title: ["ideas.errors.title"], whoWouldUse: ["ideas.errors.fieldLong"] });
    expect((bad.data as { reply: { initialValue: Record<string, unknown> } }).reply.initialValue).toMatchObject({ description: "Kept" }); // input kept
    const foreign = await details(s.cookies.member2, [
      ["title", "Walking bus"],
      ["insights", s.otherInsight.id],
    ]);
    expect((foreign.data as Reply).reply.error).toEqual({ insights: ["ideas.errors.unknown"] });
    const saved = await details(s.cookies.member2, [
      ["title", "Walking bus"],
      ["description", "Parents take turns"],
      ["whoWouldUse", "Families on Alder Road"],
      ["whoCouldDeliver", "The school and parent volunteers"],
      ["insights", s.insight.id],
    ]);
    expect(saved.location).toBe(`${path}?done=details`);
    record = await s.page(s.cookies.viewer, idea.id);
    expect(record.idea).toMatchObject({
      title: "Walking bus",
      text: "A walking bus to school",
      description: "Parents take turns",
      whoWouldUse: "Families on Alder Road",
      whoCouldDeliver: "The school and parent volunteers",
      insightsAreDefault: false,
    });
    const audit = await t.db.auditEntry.findMany({ where: { localityId: s.loc.id, action: "idea.edit" } });
    expect(audit.map((a) => ({ actorId: a.actorId, targetId: a.targetId, detail: JSON.parse(a.detail) }))).toEqual([
      { actorId: s.member2.id, targetId: idea.id, detail: { fields: ["title", "description", "whoWouldUse", "whoCouldDeliver", "insights"] } },
    ]);
    expect(audit[0]!.detail).not.toContain("Alder");
    // A hand-written title stays when the note's text changes; the text follows.
    await s.change((doc) => setNoteText(doc, "n1", "A walking bus to school, twice a week"));
    await s.sync();
    expect(await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).toMatchObject({
      title: "Walking bus",
      text: "A walking bus to school, twice a week",
    });
    // Engaged (details written): removing the note keeps the record.
    await s.change((doc) => removeNote(doc, "n1"));
    expect(await s.sync()).toMatchObject({ deleted: 0, detached: 1 });
  });

  it("hides an idea on the third distinct member's report, once, and takes its note off the board", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "Something unkind", s.member.id);
    await s.note("n2", "Stays", s.member.id);
    expect(await s.sync()).toMatchObject({ created: 1 });
    const path = `${s.base}/ideas/${idea.id}`;
    const report = (cookie: string, reason = "") =>
      s.act(
        path,
        cookie,
        [
          ["intent", "report"],
          ["reason", reason],
        ],
        idea.id,
      );

    expect((await report(s.cookies.viewer)).status).toBe(403);
    expect((await report("")).status).toBe(302);
    const own = await report(s.cookies.member);
    expect((own.data as Reply).reply.error).toEqual({ "": ["ideas.errors.ownIdea"] });
    expect(((await report(s.cookies.member2, "r".repeat(301))).data as Reply).reply.error).toEqual({ reason: ["ideas.errors.reasonLong"] });

    expect((await report(s.cookies.member2, "Rude")).location).toBe(`${path}?done=report`);
    expect(await s.page(s.cookies.member2, idea.id)).toMatchObject({ reportedByMe: true, may: { report: false } });
    expect(await s.page(s.cookies.member3, idea.id)).toMatchObject({ reportedByMe: false, may: { report: true } });
    const again = await report(s.cookies.member2);
    expect((again.data as Reply).reply.error).toEqual({ "": ["ideas.errors.alreadyReported"] });
    expect((await report(s.cookies.member3)).status).toBe(303);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).moderation).toBe("published");
    expect((await s.notes()).map((n) => n.id).sort()).toEqual(["n1", "n2"]);
    // The third distinct member: hidden, the note leaves the board, the reporter goes back to the list with thanks.
    expect((await report(s.cookies.member4)).location).toBe(`${s.base}/ideas?reported=1`);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).moderation).toBe("hidden");
    expect((await s.notes()).map((n) => n.id)).toEqual(["n2"]);
    const hides = await t.db.auditEntry.findMany({ where: { action: "idea.hide", targetId: idea.id } });
    expect(hides.map((h) => ({ actorId: h.actorId, detail: JSON.parse(h.detail) }))).toEqual([{ actorId: s.member4.id, detail: { reports: 3 } }]);
    // Gone for members and viewers; a facilitator still opens it (hidden, pending review); the sync leaves it alone.
    expect((await s.list(s.cookies.member)).ideas.map((i) => i.id)).not.toContain(idea.id);
    expect((await s.list(s.cookies.facilitator)).ideas.map((i) => i.id)).not.toContain(idea.id);
    expect((await s.run(ideaRoute.loader, path, s.cookies.member2, { ideaId: idea.id })).status).toBe(404);
    const seen = await s.page(s.cookies.facilitator, idea.id);
    expect(seen.idea).toMatchObject({ moderation: "hidden", reports: 3 });
    expect(seen.may.report).toBe(false);
    expect(await s.sync()).toEqual({ created: 0, updated: 0, relinked: 0, deleted: 0, detached: 0 });
    expect(await t.db.idea.findUnique({ where: { id: idea.id } })).not.toBeNull();
  });

  it("hides exactly once when three members report at the same moment", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "Spam spam spam", s.member.id);
    const path = `${s.base}/ideas/${idea.id}`;
    const results = await Promise.all(
      [s.cookies.member2, s.cookies.member3, s.cookies.member4].map((c) =>
        s.act(
          path,
          c,
          [
            ["intent", "report"],
            ["reason", "Spam"],
          ],
          idea.id,
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).moderation).toBe("hidden");
    expect(await t.db.ideaReport.count({ where: { ideaId: idea.id } })).toBe(3);
    expect(await t.db.auditEntry.count({ where: { action: "idea.hide", targetId: idea.id } })).toBe(1);
    expect((await s.notes()).length).toBe(0);
  });

  it("changes status only along the allowed paths and promotes a shortlisted idea to one prototype", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "A walking bus to school", s.member.id);
    const other = await boardIdea(s, "n2", "Coffee morning", s.member.id);
    const path = `${s.base}/ideas/${idea.id}`;
    const status = (cookie: string, to: string, id = idea.id) =>
      s.act(
        `${s.base}/ideas/${id}`,
        cookie,
        [
          ["intent", "status"],
          ["status", to],
        ],
        id,
      );
    const promote = (cookie: string, id = idea.id) => s.act(`${s.base}/ideas/${id}`, cookie, [["intent", "promote"]], id);

    for (const who of ["member", "viewer"] as const) {
      expect((await status(s.cookies[who], "shortlisted")).status).toBe(403);
      expect((await promote(s.cookies[who])).status).toBe(403);
    }
    expect((await status(s.cookies.outsider, "shortlisted")).status).toBe(404);
    expect(((await status(s.cookies.facilitator, "prototyping")).data as Reply).reply.error).toEqual({ status: ["ideas.errors.transition"] });
    expect(((await status(s.cookies.facilitator, "nonsense")).data as Reply).reply.error).toEqual({ status: ["ideas.errors.status"] });
    const early = await promote(s.cookies.facilitator);
    expect(early.status).toBe(400);
    expect((early.data as Reply).reply.error).toEqual({ "": ["ideas.errors.promoteShortlisted"] });
    expect(await t.db.prototype.count({ where: { localityId: s.loc.id } })).toBe(0);

    expect((await status(s.cookies.facilitator, "parked")).location).toBe(`${path}?done=status`);
    expect((await status(s.cookies.facilitator, "parked")).status).toBe(400); // parked → parked
    expect((await status(s.cookies.facilitator, "shortlisted")).status).toBe(303); // back from parked
    let record = await s.page(s.cookies.facilitator, idea.id);
    expect(record.idea.status).toBe("shortlisted");
    expect(record.may.promote).toBe(true);
    expect(record.statusChoices).toEqual(["new", "parked"]);

    // Promoted twice at once: one prototype.
    const promoted = await Promise.all([promote(s.cookies.facilitator), promote(s.cookies.facilitator)]);
    expect(promoted.map((p) => p.status)).toEqual([303, 303]);
    expect(promoted[0]!.location).toBe(`${path}?done=promote`);
    const prototypes = await t.db.prototype.findMany({ where: { localityId: s.loc.id } });
    expect(prototypes.map((p) => ({ ideaId: p.ideaId, title: p.title, status: p.status, createdById: p.createdById }))).toEqual([
      { ideaId: idea.id, title: idea.title, status: "planned", createdById: s.facilitator.id },
    ]);
    expect((await t.db.idea.findUniqueOrThrow({ where: { id: idea.id } })).status).toBe("prototyping");
    expect(await t.db.auditEntry.count({ where: { action: "idea.promote", targetId: idea.id } })).toBe(1);
    expect((await promote(s.cookies.facilitator)).status).toBe(303); // again: the same prototype
    expect(await t.db.prototype.count({ where: { localityId: s.loc.id } })).toBe(1);

    // The history from the audit log; the prototypes list links back to the idea, its challenge and insight.
    record = await s.page(s.cookies.viewer, idea.id);
    expect(record.history.map((h) => [h.action, h.detail.from, h.detail.to, h.actor])).toEqual([
      ["idea.status", "new", "parked", "Amal Facilitator"],
      ["idea.status", "parked", "shortlisted", "Amal Facilitator"],
      ["idea.promote", "shortlisted", "prototyping", "Amal Facilitator"],
    ]);
    expect(record.idea.prototype).toMatchObject({ title: idea.title, status: "planned" });
    const list = (await s.run(prototypesRoute.loader, `${s.base}/prototypes`, s.cookies.viewer)).data as PrototypeData;
    expect(list.prototypes.map((p) => ({ title: p.title, status: p.status, idea: p.idea, challenge: p.challenge?.id, insight: p.insight?.id }))).toEqual([
      { title: idea.title, status: "planned", idea: { id: idea.id, title: idea.title }, challenge: s.challenge.id, insight: s.insight.id },
    ]);
    // A promoted idea on the board is engaged: removing its note keeps the record (and the prototype's link).
    await s.change((doc) => removeNote(doc, "n1"));
    expect(await s.sync()).toMatchObject({ detached: 1 });
    expect((await t.db.prototype.findFirstOrThrow({ where: { localityId: s.loc.id } })).ideaId).toBe(idea.id);
    // The other idea: new → shortlisted → new is allowed; prototyping → parked too.
    expect((await status(s.cookies.facilitator, "shortlisted", other.id)).status).toBe(303);
    expect((await status(s.cookies.facilitator, "new", other.id)).status).toBe(303);
    expect((await status(s.cookies.facilitator, "parked")).status).toBe(303);
  });

  it("refuses a form with an unknown intent, or without its CSRF token", async () => {
    const s = await setup();
    const idea = await boardIdea(s, "n1", "Anything", s.member.id);
    expect((await s.act(`${s.base}/ideas/${idea.id}`, s.cookies.member, [["intent", "explode"]], idea.id)).status).toBe(400);
    const request = new Request(`http://localhost:3000${s.base}/ideas/${idea.id}`, {
      method: "POST",
      body: new URLSearchParams([
        ["intent", "comment"],
        ["body", "x"],
      ]),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: s.cookies.member },
    });
    const res = await outcome(() =>
      (ideaRoute.action as (args: unknown) => Promise<unknown>)({
        request,
        params: { localityId: s.loc.id, ideaId: idea.id },
        context: context({ originVerified: false }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await t.db.ideaComment.count({ where: { ideaId: idea.id } })).toBe(0);
  });
});
