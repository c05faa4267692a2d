import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { seedDemo } from "../../prisma/demo/seed-demo";
import { DEMO_ACCOUNTS } from "../../prisma/demo/people";
import { hash } from "@node-rs/argon2";
import * as Y from "yjs";
import { DEMO_BOARDS } from "../../prisma/demo/boards";
import { listClusters, listNotes } from "~/collab/board";
import { LINK_CODE } from "~/domain/ideas";

const cheapHash = (plain: string) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 });

describe.each(await providers())("demo seed on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("two processes starting together on an empty database: one seeds, the other finds it seeded (no crash)", async () => {
    const empty = await freshDatabase(provider);
    try {
      const both = await Promise.all([seedDemo(empty.db, cheapHash), seedDemo(empty.db, cheapHash)]);
      expect(both.map((r) => r.seeded).sort()).toEqual([false, true]);
      expect(await empty.db.organisation.count()).toBe(1);
      expect(await empty.db.user.count()).toBe(DEMO_ACCOUNTS.length);
    } finally {
      await empty.drop();
    }
  });

  it("seeds an empty database once, and only once", async () => {
    const progress: string[] = [];
    expect(await seedDemo(t.db, cheapHash, (m) => progress.push(m))).toEqual({ seeded: true });
    expect(progress.length).toBeGreaterThan(2);
    expect(await seedDemo(t.db, cheapHash)).toEqual({ seeded: false });
    expect(await t.db.organisation.count()).toBe(1);
    const localities = await t.db.locality.findMany({ include: { _count: { select: { people: true } } }, orderBy: { name: "asc" } });
    expect(localities.map((l) => [l.name, l._count.people >= 28])).toEqual([
      ["Longbridge", true],
      ["Sparkbrook", true],
    ]);
    expect(await t.db.user.count()).toBe(DEMO_ACCOUNTS.length);

    // Each locality has its exercise board: a record, its stored Yjs state, and its read model.
    const boards = await t.db.board.findMany({ where: { purpose: "exercise" }, include: { locality: true }, orderBy: { title: "asc" } });
    expect(boards.map((b) => [b.locality.name, b.title])).toEqual([
      ["Sparkbrook", DEMO_BOARDS.sparkbrook.title],
      ["Longbridge", DEMO_BOARDS.longbridge.title],
    ]);
    for (const board of boards) {
      const docName = `locality:${board.localityId}:board:${board.id}`;
      const rows = await t.db.collabUpdate.findMany({ where: { docName } });
      expect(rows).toHaveLength(1);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(rows[0]!.data));
      const demo = board.locality.slug === "longbridge" ? DEMO_BOARDS.longbridge : DEMO_BOARDS.sparkbrook;
      const expected: Array<[string, string | null]> = [
        ...demo.clusters.flatMap((c) => c.notes.map((n): [string, string | null] => [n.text, c.name])),
        ...demo.loose.map((n): [string, string | null] => [n.text, null]),
      ];
      const clusters = new Map(listClusters(doc).map((c) => [c.id, c.name]));
      expect(listNotes(doc).map((n) => [n.text, n.clusterId ? clusters.get(n.clusterId) : null])).toEqual(expected);
      expect(await t.db.boardNoteProjection.count({ where: { docName } })).toBe(expected.length);
    }

    // Stage 3: each locality has a challenge from an insight's question, whose board holds exactly
    // its published ideas (each record's note is on the board, and each note has a record).
    const challenges = await t.db.challenge.findMany({
      include: { locality: true, ideas: true, sourceQuestion: true },
      orderBy: { locality: { name: "asc" } },
    });
    expect(challenges.map((c) => [c.locality.name, c.question === c.sourceQuestion?.text])).toEqual([
      ["Longbridge", true],
      ["Sparkbrook", true],
    ]);
    for (const challenge of challenges) {
      const rows = await t.db.collabUpdate.findMany({ where: { docName: `locality:${challenge.localityId}:board:${challenge.boardId}` } });
      const doc = new Y.Doc();
      for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
      const published = challenge.ideas.filter((i) => i.moderation === "published");
      expect(new Set(listNotes(doc).map((n) => n.id))).toEqual(new Set(published.map((i) => i.noteId)));
      expect(challenge.ideas.some((i) => i.moderation === "pending")).toBe(true);
    }
    expect(await t.db.prototype.count()).toBe(2);
  });

  it("gives Sparkbrook's peer mentors two cycles (a role play decided 'adapt', a pilot under way) and Longbridge's FACEboard one under way, with measures and feedback in both languages", async () => {
    const prototypes = await t.db.prototype.findMany({
      include: {
        locality: true,
        people: true,
        partners: true,
        measures: { include: { readings: true } },
        cycles: { orderBy: { number: "asc" }, include: { participants: true, counts: true, ratings: true, answers: true, questions: true } },
      },
    });
    const byPlace = new Map(prototypes.map((p) => [p.locality.name, p]));
    const mentors = byPlace.get("Sparkbrook")!;
    expect(mentors.status).toBe("testing");
    expect(mentors.cycles.map((c) => [c.method, c.decision, c.languages])).toEqual([
      ["role-play", "adapt", "ar,en"],
      ["pilot", null, "ar,en"],
    ]);
    expect(mentors.cycles[0]!.decisionReason).toMatch(/training .* crèche place/);
    expect(mentors.cycles[0]!.feedbackOpen).toBe(false);
    expect(mentors.cycles[1]!.feedbackOpen).toBe(true);
    expect(new Set(mentors.cycles[1]!.answers.map((a) => a.language))).toEqual(new Set(["ar", "en"]));
    expect(mentors.people.map((p) => p.role).sort()).toEqual(["deliver", "deliver", "use", "use"]);
    expect(mentors.measures.flatMap((m) => m.readings).every((r) => r.cycleId !== null)).toBe(true);
    const faceboard = byPlace.get("Longbridge")!;
    expect(faceboard.title).toBe("FACEboard");
    expect(faceboard.status).toBe("testing");
    expect(faceboard.cycles).toHaveLength(1);
    expect(faceboard.cycles[0]!.feedbackCode).toMatch(LINK_CODE);
    expect(faceboard.cycles[0]!.feedbackOpen).toBe(true);
    expect(faceboard.cycles[0]!.answers.length).toBeGreaterThan(0);
  });
});
