// Session plans that set up the room, on SQLite and PostgreSQL with the real collaboration server:
// a plan applied to a session makes its boards through the collab server (their columns and the
// prompt are in the stored Yjs document), the purpose document and a challenge; applying it again
// makes nothing new; running the session moves the step's board's prompt and timer for a client
// that has the board open; a saved plan goes round (saved, listed, applied to another session);
// another organisation's plan is not found; a plan longer than the session is warned about but
// kept; script typed into the agenda stays text; access role by role.
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup, makeOrganisation } from "../factories";
import { connect, until, type Client } from "../collab/harness";
import * as tokenRoute from "~/routes/l.$localityId+/collab-token";
import * as planRoute from "~/routes/l.$localityId+/workshops+/$workshopId.plan";
import * as sessionRoute from "~/routes/l.$localityId+/workshops+/$workshopId";
import * as runSheetRoute from "~/routes/l.$localityId+/workshops+/$workshopId.run-sheet";
import { boardSettings, listClusters, timerRemaining } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { readDocumentState } from "~/collab/backend.server";
import { docFromState } from "~/collab/rich-text";
import { parseSteps } from "~/domain/session-plans";
import { BASE } from "../setup/requests";

/** A form POST with repeated fields and the CSRF token (and a form key, as pages send). */
function postForm(path: string, fields: Array<[string, string]>, cookie: string, formKey = `k${Math.random().toString(36).slice(2, 12)}`): Request {
  const body = new URLSearchParams([...fields, ["_csrf", csrfToken()], ["_form", formKey]]);
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie } });
}

type PlanData = {
  intent: string;
  ok: boolean;
  made?: { boards: number; documents: number; challenges: number };
  overBy?: number;
  noQuestion?: boolean;
  laidOut?: boolean;
};

describe.each(await providers())("session plans on %s", (provider) => {
  const app = useAppServer(provider);
  let group: Awaited<ReturnType<typeof makeGroup>>;
  const clients: Client[] = [];
  beforeAll(async () => {
    group = await makeGroup(app.db, { locality: "Sparkbrook", facilitator: "Fatima", member: "Mo", member2: "Mia", viewer: "Vic", outsider: "Otto" });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });

  const newSession = (title: string, durationMinutes: number | null = null) =>
    app.db.workshop.create({ data: { localityId: group.loc.id, title, startsAt: new Date("2026-07-15T17:30:00Z"), languages: "en,ar", durationMinutes } });
  const plan = (workshopId: string, fields: Array<[string, string]>, cookie = group.cookies.facilitator, formKey?: string) =>
    outcome(() =>
      planRoute.action({
        request: postForm(`/l/${group.loc.id}/workshops/${workshopId}/plan`, fields, cookie, formKey),
        params: { localityId: group.loc.id, workshopId },
        context: context(),
      }),
    );
  const run = (workshopId: string, move: string) =>
    outcome(() =>
      sessionRoute.action({
        request: postForm(
          `/l/${group.loc.id}/workshops/${workshopId}`,
          [
            ["intent", "run"],
            ["move", move],
          ],
          group.cookies.facilitator,
        ),
        params: { localityId: group.loc.id, workshopId },
        context: context(),
      }),
    );
  const stepsOf = async (workshopId: string) => parseSteps((await app.db.workshop.findUniqueOrThrow({ where: { id: workshopId } })).planSteps);
  const storedBoard = async (boardId: string) => docFromState(await readDocumentState(boardDocName(group.loc.id, boardId)));
  async function open(cookie: string, doc: string): Promise<Client> {
    const res = (await tokenRoute.loader({
      request: get(`/l/${group.loc.id}/collab-token?doc=${encodeURIComponent(doc)}`, cookie),
      params: { localityId: group.loc.id },
      context: context(),
    })) as Response;
    const { token } = (await res.json()) as { token: string };
    const client = connect(app.collabUrl, doc, token);
    clients.push(client);
    await until(() => client.provider.synced, 5000, `synced ${doc}`);
    return client;
  }

  it("a plan makes its boards through the collaboration server, laid out with columns and prompt, and the purpose document; applied again it makes nothing; over time is warned", async () => {
    const session = await newSession("First evening", 45);
    const before = await app.db.board.count({ where: { localityId: group.loc.id } });
    const applied = await plan(session.id, [
      ["intent", "apply"],
      ["plan", "builtin:getting_to_know"],
    ]);
    expect(applied.status).toBe(200);
    const result = applied.data as PlanData;
    expect(result).toMatchObject({ ok: true, made: { boards: 1, documents: 1, challenges: 0 }, laidOut: true });
    // 70 minutes of steps in a 45-minute session: warned, and still applied.
    expect(result.overBy).toBe(25);

    const steps = await stepsOf(session.id);
    expect(steps.map((s) => s.tool)).toEqual(["none", "none", "board", "purpose", "none"]);
    // The board step names the one board the plan made; the other steps name none.
    expect(steps.map((s) => Boolean(s.boardId))).toEqual([false, false, true, false, false]);
    const boardId = steps[2]!.boardId!;
    expect(await app.db.board.count({ where: { localityId: group.loc.id } })).toBe(before + 1);
    const board = await app.db.board.findUniqueOrThrow({ where: { id: boardId } });
    expect(board).toMatchObject({ localityId: group.loc.id, purpose: "exercise", title: "First evening — Hopes and fears" });
    // The session's board is the plan's first board.
    expect((await app.db.workshop.findUniqueOrThrow({ where: { id: session.id } })).boardId).toBe(boardId);
    // Laid out in the stored Yjs document, not just in the database.
    const doc = await storedBoard(boardId);
    expect(listClusters(doc).map((c) => c.name)).toEqual(["Hopes", "Fears"]);
    expect(boardSettings(doc).prompt).toBe(steps[2]!.prompt);
    expect(boardSettings(doc).prompt).toContain("What do you hope");
    const purpose = await app.db.sharedDocument.findFirstOrThrow({ where: { localityId: group.loc.id, kind: "purpose" } });
    expect(steps[3]!.documentId).toBe(purpose.id);
    expect(await app.db.workshop.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ planRef: "builtin:getting_to_know", currentStep: null });

    // Applying the same plan again (a new form load) makes nothing new: same board, no second cluster set.
    const again = await plan(session.id, [
      ["intent", "apply"],
      ["plan", "builtin:getting_to_know"],
    ]);
    expect(again.data).toMatchObject({ ok: true, made: { boards: 0, documents: 0, challenges: 0 } });
    expect((await stepsOf(session.id))[2]!.boardId).toBe(boardId);
    expect(await app.db.board.count({ where: { localityId: group.loc.id } })).toBe(before + 1);
    expect(listClusters(await storedBoard(boardId)).map((c) => c.name)).toEqual(["Hopes", "Fears"]);
    expect(await app.db.sharedDocument.count({ where: { localityId: group.loc.id, kind: "purpose" } })).toBe(1);

    const audit = await app.db.auditEntry.findMany({ where: { localityId: group.loc.id, action: "workshop.plan.apply", targetId: session.id } });
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ planRef: "builtin:getting_to_know" });

    // The session page and the run sheet show the warning's figures and the times from the start.
    const page = await outcome(() =>
      runSheetRoute.loader({
        request: get(`/l/${group.loc.id}/workshops/${session.id}/run-sheet`, group.cookies.facilitator),
        params: { localityId: group.loc.id, workshopId: session.id },
        context: context(),
      }),
    );
    const sheet = page.data as { agenda: { totalMinutes: number; overBy: number; steps: Array<{ from: number; to: number; title: string }> } };
    expect(sheet.agenda).toMatchObject({ totalMinutes: 70, overBy: 25 });
    expect(sheet.agenda.steps.map((s) => [s.from, s.to])).toEqual([
      [0, 10],
      [10, 25],
      [25, 50],
      [50, 65],
      [65, 70],
    ]);
  });

  it("Ideas day opens a challenge from an insight's question; running it moves the board's prompt and timer for a connected client", async () => {
    const insight = await app.db.insight.create({
      data: {
        localityId: group.loc.id,
        statement: "We learned that parents miss letters",
        questions: { create: [{ text: "How might we reach parents who do not read English?", position: 0 }] },
      },
      include: { questions: true },
    });
    const session = await newSession("Ideas day", 60);
    const applied = await plan(session.id, [
      ["intent", "apply"],
      ["plan", "builtin:ideas_day"],
      ["questionId", ""],
    ]);
    expect(applied.data).toMatchObject({ ok: true, made: { boards: 0, challenges: 1 }, overBy: 0, noQuestion: false });
    const steps = await stepsOf(session.id);
    const challenge = await app.db.challenge.findFirstOrThrow({ where: { localityId: group.loc.id, questionId: insight.questions[0]!.id } });
    expect(challenge.languages).toBe("en,ar");
    expect(steps.filter((s) => s.tool === "challenge").every((s) => s.challengeId === challenge.id && s.boardId === challenge.boardId)).toBe(true);

    // A member has the challenge's board open.
    const member = await open(group.cookies.member, boardDocName(group.loc.id, challenge.boardId));
    expect((await run(session.id, "start")).status).toBe(303);
    expect((await app.db.workshop.findUniqueOrThrow({ where: { id: session.id } })).currentStep).toBe(0);
    // Step 1 works on no board; step 2 is the silent brainstorm on the challenge's board.
    const t0 = Date.now();
    expect((await run(session.id, "next")).status).toBe(303);
    await until(() => boardSettings(member.doc).prompt === steps[1]!.prompt, 5000, "the silent brainstorm's prompt");
    const first = boardSettings(member.doc).timer!;
    expect(first.durationMs).toBe(10 * 60_000);
    expect(first.startedAt).toBeGreaterThanOrEqual(t0);
    expect(timerRemaining(first, first.startedAt!)).toBe(10 * 60_000);

    expect((await run(session.id, "next")).status).toBe(303);
    await until(() => boardSettings(member.doc).prompt === steps[2]!.prompt, 5000, "the build step's prompt");
    expect(boardSettings(member.doc).timer!.durationMs).toBe(20 * 60_000);
    expect(boardSettings(member.doc).timer!.startedAt).not.toBeNull();

    // The member's own client cannot write the prompt: the server refuses the update whole.
    member.provider.shouldConnect = false;
    member.doc.getMap("settings").set("prompt", "Forged");
    await until(() => member.closes.some((c) => c.code === 4403), 5000, "forged prompt refused");
    expect(boardSettings(await storedBoard(challenge.boardId)).prompt).toBe(steps[2]!.prompt);

    // Leaving the board's steps pauses its timer; the end is recorded.
    expect((await run(session.id, "next")).status).toBe(303);
    expect((await run(session.id, "next")).status).toBe(303);
    expect(boardSettings(await storedBoard(challenge.boardId)).timer!.startedAt).toBeNull();
    expect((await run(session.id, "end")).status).toBe(303);
    expect((await app.db.workshop.findUniqueOrThrow({ where: { id: session.id } })).currentStep).toBeNull();
    const actions = (await app.db.auditEntry.findMany({ where: { targetId: session.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("workshop.run."))).toEqual(["workshop.run.start", "workshop.run.end"]);

    // No question left to open: a second Ideas day says so and makes no challenge.
    const other = await newSession("Second ideas day");
    const second = await plan(other.id, [
      ["intent", "apply"],
      ["plan", "builtin:ideas_day"],
    ]);
    expect(second.data).toMatchObject({ ok: true, noQuestion: true, made: { challenges: 0 } });
    expect((await stepsOf(other.id)).some((s) => s.challengeId)).toBe(false);
    // A question already opened cannot be chosen: a clear error, nothing changes.
    const gone = await plan(other.id, [
      ["intent", "apply"],
      ["plan", "builtin:ideas_day"],
      ["questionId", insight.questions[0]!.id],
    ]);
    expect(gone.status).toBe(400);
    expect(JSON.stringify(gone.data)).toContain("plans.errors.questionGone");
    // A session without an agenda cannot start.
    const empty = await newSession("Empty");
    expect((await run(empty.id, "start")).status).toBe(409);
  });

  it("a session's agenda saved as a plan goes round; another organisation's plan is not found; script stays text", async () => {
    const session = await newSession("Our own evening", 30);
    const script = `<script>alert("x")</script>`;
    const saved = await plan(session.id, [
      ["intent", "agenda"],
      ["steps[0].title", script],
      ["steps[0].minutes", "20"],
      ["steps[0].tool", "board"],
      ["steps[0].prompt", `<img src=x onerror=alert(1)>`],
      ["steps[0].columns", "Now\n<b>Next</b>"],
      ["steps[1].title", "Talk"],
      ["steps[1].minutes", "15"],
      ["steps[1].tool", "none"],
    ]);
    expect(saved.data).toMatchObject({ ok: true, made: { boards: 1 }, overBy: 5 });
    const steps = await stepsOf(session.id);
    expect(steps[0]).toMatchObject({ title: script, prompt: `<img src=x onerror=alert(1)>`, columns: ["Now", "<b>Next</b>"] });
    expect(listClusters(await storedBoard(steps[0]!.boardId!)).map((c) => c.name)).toEqual(["Now", "<b>Next</b>"]);

    // Bad rows: the reply keeps what was typed and nothing is stored.
    const refused = await plan(session.id, [
      ["intent", "agenda"],
      ["steps[0].title", "Kept words"],
      ["steps[0].minutes", "999"],
    ]);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("Kept words");
    expect((await stepsOf(session.id))[0]!.title).toBe(script);

    const keep = await plan(session.id, [
      ["intent", "save-plan"],
      ["title", "Now and next"],
      ["description", "Two steps"],
      ["stage", "1"],
    ]);
    expect(keep.data).toMatchObject({ ok: true });
    const row = await app.db.sessionPlan.findFirstOrThrow({ where: { organisationId: group.org.id, title: "Now and next" } });
    expect(row.stage).toBe(1);
    expect(row.steps).not.toContain("boardId");
    expect(JSON.parse(row.steps)).toEqual([
      { title: script, minutes: 20, prompt: `<img src=x onerror=alert(1)>`, tool: "board", columns: ["Now", "<b>Next</b>"] },
      { title: "Talk", minutes: 15, prompt: "", tool: "none", columns: [] },
    ]);

    // The plan page lists it for the organisation's sessions, and it applies to another session (its own new board).
    const next = await newSession("Next time");
    const page = await outcome(() =>
      planRoute.loader({
        request: get(`/l/${group.loc.id}/workshops/${next.id}/plan`, group.cookies.facilitator),
        params: { localityId: group.loc.id, workshopId: next.id },
        context: context(),
      }),
    );
    const plans = (page.data as { plans: Array<{ ref: string; title: string; builtin: boolean }> }).plans;
    expect(plans.filter((p) => p.builtin)).toHaveLength(5);
    expect(plans.find((p) => p.ref === `saved:${row.id}`)).toMatchObject({ title: "Now and next", builtin: false });
    const reused = await plan(next.id, [
      ["intent", "apply"],
      ["plan", `saved:${row.id}`],
    ]);
    expect(reused.data).toMatchObject({ ok: true, made: { boards: 1 } });
    const copied = await stepsOf(next.id);
    expect(copied.map((s) => s.title)).toEqual([script, "Talk"]);
    expect(copied[0]!.boardId).not.toBe(steps[0]!.boardId);

    // Another organisation's saved plan: not found, and nothing changes.
    const elsewhere = await makeOrganisation(app.db);
    const foreign = await app.db.sessionPlan.create({
      data: {
        organisationId: elsewhere.id,
        stage: 1,
        title: "Theirs",
        steps: JSON.stringify([{ title: "X", minutes: 5, prompt: "", tool: "none", columns: [] }]),
      },
    });
    const refusedForeign = await plan(next.id, [
      ["intent", "apply"],
      ["plan", `saved:${foreign.id}`],
    ]);
    expect(refusedForeign.status).toBe(404);
    expect((await stepsOf(next.id)).map((s) => s.title)).toEqual([script, "Talk"]);
    // Nor is it listed.
    expect(plans.some((p) => p.title === "Theirs")).toBe(false);
  });

  it("only the locality's facilitators plan, run and print; other localities' people get 404", async () => {
    const session = await newSession("Guarded");
    const params = { localityId: group.loc.id, workshopId: session.id };
    const asRole = async (cookie: string) => ({
      plan: (await outcome(() => planRoute.loader({ request: get(`/l/${group.loc.id}/workshops/${session.id}/plan`, cookie), params, context: context() })))
        .status,
      sheet: (
        await outcome(() => runSheetRoute.loader({ request: get(`/l/${group.loc.id}/workshops/${session.id}/run-sheet`, cookie), params, context: context() }))
      ).status,
      apply: (
        await plan(
          session.id,
          [
            ["intent", "apply"],
            ["plan", "builtin:ideas_day"],
          ],
          cookie,
        )
      ).status,
      run: (
        await outcome(() =>
          sessionRoute.action({
            request: postForm(
              `/l/${group.loc.id}/workshops/${session.id}`,
              [
                ["intent", "run"],
                ["move", "start"],
              ],
              cookie,
            ),
            params,
            context: context(),
          }),
        )
      ).status,
    });
    expect(await asRole(group.cookies.member)).toEqual({ plan: 403, sheet: 403, apply: 403, run: 403 });
    expect(await asRole(group.cookies.viewer)).toEqual({ plan: 403, sheet: 403, apply: 403, run: 403 });
    expect(await asRole(group.cookies.outsider)).toEqual({ plan: 404, sheet: 404, apply: 404, run: 404 });
    expect((await stepsOf(session.id)).length).toBe(0);
    // A session of another locality, by a facilitator of this one: 404.
    const theirs = await app.db.workshop.create({ data: { localityId: group.other.id, title: "Theirs", startsAt: new Date() } });
    const foreign = await outcome(() =>
      planRoute.loader({
        request: get(`/l/${group.loc.id}/workshops/${theirs.id}/plan`, group.cookies.facilitator),
        params: { localityId: group.loc.id, workshopId: theirs.id },
        context: context(),
      }),
    );
    expect(foreign.status).toBe(404);
  });
});
