// `npm run export` / `npm run import`: an organisation moves from SQLite to a fresh database of
// either kind and back out identical; the file's refusals; every model of the schema is either
// carried or deliberately left out.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { spawnSync } from "node:child_process";
import { hash } from "@node-rs/argon2";
import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { seedDemo } from "../../prisma/demo/seed-demo";
import { createStore } from "../../collab-server/persistence/create-store";
import { addNote, listNotes, removeNote, setNoteText } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { databaseIsEmpty } from "~/data/database-is-empty.server";
import { Prisma } from "~/generated/prisma-sqlite/client.ts";
import { EXCLUDED_MODELS } from "~/data/transfer/coverage";
import { exportOrganisation } from "~/data/transfer/export-organisation.server";
import { type ExportFile, parseExport, sealExport, serializeExport } from "~/data/transfer/export-file";
import { catalogueQuery, importOrganisation } from "~/data/transfer/import-organisation.server";
import { appDataModel, columnFields, delegateName, parseSchema, SCHEMA_PATH } from "~/data/transfer/schema-model";
import { currentSchemaVersion, knownMigrations } from "~/data/transfer/schema-version";
import { planTransfer } from "~/data/transfer/transfer-plan";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const TMP = path.join(ROOT, "tests", ".tmp");
const cheapHash = (plain: string) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
type Counting = Record<string, { count: () => Promise<number> }>;

/** The file without its export time: what two exports of the same content must share. */
function content(file: ExportFile): Omit<ExportFile, "exportedAt"> {
  const { exportedAt: _time, ...rest } = file;
  return rest;
}

/** A board's notes as stored (snapshot and log), through the collab server's own store. */
async function storedNotes(url: string, docName: string): Promise<Array<[string, string]>> {
  const store = createStore(resolveDatabaseTarget(url));
  try {
    const { updates } = await store.load(docName);
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return listNotes(doc)
      .map((n): [string, string] => [n.id, n.text])
      .sort();
  } finally {
    await store.close();
  }
}

async function rowCounts(db: TestDatabase["db"]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of appDataModel().models) counts[model.name] = await (db as unknown as Counting)[delegateName(model)]!.count();
  return counts;
}

describe("export coverage of the data model", () => {
  const dataModel = appDataModel();
  const plan = planTransfer(dataModel);

  it("reads the schema as the generated client has it: the same models and columns", () => {
    expect(dataModel.models.map((m) => m.name).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const model of dataModel.models) {
      const scalars = (Prisma as unknown as Record<string, Record<string, string>>)[`${model.name}ScalarFieldEnum`]!;
      expect([model.name, columnFields(model).map((f) => f.name)]).toEqual([model.name, Object.values(scalars)]);
    }
  });

  it("exports every model of prisma/schema.prisma, or excludes it with a reason", () => {
    expect(
      plan.uncovered,
      `not covered by the export: ${plan.uncovered.join(", ")} — relate them to the organisation or list them in app/data/transfer/coverage.ts`,
    ).toEqual([]);
    const byKind: Record<string, string[]> = {};
    for (const model of dataModel.models) {
      const kind = plan.scopes.get(model.name)!.kind;
      byKind[kind] = [...(byKind[kind] ?? []), model.name];
    }
    expect(byKind.excluded!.sort()).toEqual(["FormSubmission", "Session"]);
    expect(byKind.documents!.sort()).toEqual(["CollabSnapshot", "CollabUpdate"]);
    expect(byKind.referenced).toEqual(["User"]);
    expect(byKind.keyed).toEqual(["BoardNoteProjection", "BoardProjection"]);
    for (const reason of Object.values(EXCLUDED_MODELS)) expect(reason.length).toBeGreaterThan(20);
    // Everything else hangs from the organisation through its relations.
    expect(byKind.owned!.length + 1).toBe(dataModel.models.length - 7);
    expect(plan.insertOrder.indexOf("Organisation")).toBeLessThan(plan.insertOrder.indexOf("Locality"));
    expect(plan.insertOrder.indexOf("Story")).toBeLessThan(plan.insertOrder.indexOf("StoryPhoto"));
    // The cycle Locality → agreed DocumentVersion → SharedDocument → Locality, and ideas merged into ideas.
    expect(plan.deferred.get("Locality")).toEqual(["agreedPurposeVersionId"]);
    expect(plan.deferred.get("Idea")).toEqual(["mergedIntoId"]);
  });

  it("takes in a model added later through its relations, and names one it cannot place", () => {
    const schema = fs.readFileSync(SCHEMA_PATH, "utf8");
    const related = planTransfer(
      parseSchema(`${schema}\nmodel Added {\n  id String @id\n  storyId String\n  story Story @relation(fields: [storyId], references: [id])\n}\n`),
    );
    expect(related.scopes.get("Added")).toMatchObject({ kind: "owned", parent: "Story" });
    expect(related.insertOrder).toContain("Added");
    const unrelated = planTransfer(parseSchema(`${schema}\nmodel Loose {\n  id String @id\n  note String\n}\n`));
    expect(unrelated.uncovered).toEqual(["Loose"]);
  });
});

describe("export and import", async () => {
  const targets = await providers();
  let source: TestDatabase;
  let file1: ExportFile;
  let bytes1: Buffer;
  let boardName: string;
  const ARABIC = "نحتاج مكانًا هادئًا للأمهات";

  beforeAll(async () => {
    source = await freshDatabase("sqlite");
    expect(await seedDemo(source.db, cheapHash)).toEqual({ seeded: true });
    const db = source.db;
    const org = await db.organisation.findUniqueOrThrow({ where: { slug: "birmingham" } });
    const longbridge = await db.locality.findFirstOrThrow({ where: { organisationId: org.id, slug: "longbridge" } });

    // A board edited after the seed as the collab server stores edits: updates appended, folded
    // into a snapshot, then more updates after it (snapshot + log).
    const board = await db.board.findFirstOrThrow({ where: { localityId: longbridge.id, purpose: "exercise" } });
    boardName = boardDocName(longbridge.id, board.id);
    const store = createStore(resolveDatabaseTarget(source.url));
    try {
      const doc = new Y.Doc();
      for (const u of (await store.load(boardName)).updates) Y.applyUpdate(doc, u);
      const edit = async (change: () => void) => {
        const before = Y.encodeStateVector(doc);
        change();
        await store.appendBatch([{ docName: boardName, update: Y.encodeStateAsUpdate(doc, before) }]);
      };
      await edit(() => addNote(doc, { id: "moved-1", text: ARABIC, authorId: null, authorName: "Amal", x: 10, y: 10 }));
      await edit(() => addNote(doc, { id: "moved-2", text: "to be removed", authorId: null, authorName: null, x: 20, y: 20 }));
      await edit(() => removeNote(doc, "moved-2"));
      await store.compact(boardName, (updates) => {
        const folded = new Y.Doc();
        for (const u of updates) Y.applyUpdate(folded, u);
        return Y.encodeStateAsUpdate(folded);
      });
      await edit(() => setNoteText(doc, "moved-1", `${ARABIC} — وروضة للأطفال`));
      await edit(() => addNote(doc, { id: "moved-3", text: "After the snapshot", authorId: null, authorName: "Dev", x: 30, y: 30 }));
    } finally {
      await store.close();
    }
    expect(await db.collabSnapshot.count({ where: { docName: boardName } })).toBe(1);
    expect(await db.collabUpdate.count({ where: { docName: boardName } })).toBe(2);

    // Bytes: photos of a story, an idea and a cycle (every byte value, so nothing is text-mangled).
    const allBytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const story = await db.story.findFirstOrThrow({ where: { localityId: longbridge.id } });
    await db.storyPhoto.create({ data: { storyId: story.id, data: allBytes, mime: "image/webp", width: 2, height: 2, alt: "صورة" } });
    const idea = await db.idea.findFirstOrThrow({ where: { localityId: longbridge.id } });
    await db.ideaPhoto.create({ data: { ideaId: idea.id, mimeType: "image/webp", bytes: crypto.randomBytes(2048), width: 8, height: 8 } });
    const cycle = await db.testCycle.findFirstOrThrow();
    await db.cycleEvidence.create({ data: { cycleId: cycle.id, kind: "photo", mimeType: "image/webp", bytes: crypto.randomBytes(300), width: 4, height: 4 } });

    // Someone who left (no membership) but whose action stays in the activity log: travels with it.
    const former = await db.user.create({ data: { email: "former@example.org", name: "Former Member", passwordHash: "x" } });
    await db.auditEntry.create({ data: { localityId: longbridge.id, actorId: former.id, action: "note.added", targetType: "board", targetId: board.id } });

    // Another organisation in the same database, sharing one member: none of it may travel.
    const shared = await db.user.findFirstOrThrow({ where: { memberships: { some: { localityId: longbridge.id } } } });
    const other = await db.organisation.create({ data: { slug: "elsewhere", name: "Elsewhere" } });
    const otherPlace = await db.locality.create({ data: { organisationId: other.id, slug: "otherplace", name: "Otherplace" } });
    await db.membership.create({ data: { localityId: otherPlace.id, userId: shared.id, role: "member" } });
    const otherBoard = await db.board.create({ data: { localityId: otherPlace.id, title: "Not ours" } });
    const otherDoc = new Y.Doc();
    addNote(otherDoc, { id: "n", text: "Elsewhere's note", authorId: null, authorName: null });
    await db.collabUpdate.create({ data: { docName: boardDocName(otherPlace.id, otherBoard.id), data: Y.encodeStateAsUpdate(otherDoc) } });

    const started = performance.now();
    file1 = await exportOrganisation(source.db, { slug: "birmingham", provider: "sqlite" });
    bytes1 = serializeExport(file1, true);
    console.log(`export of the demo organisation from SQLite: ${Math.round(performance.now() - started)} ms, ${bytes1.length} bytes gzipped`);
  });
  afterAll(async () => source?.drop());

  it("writes the organisation's rows and documents, and nothing of the other organisation", async () => {
    expect(file1.organisation).toBe("birmingham");
    expect(file1.schemaVersion).toBe(currentSchemaVersion());
    expect(file1.tables.Organisation!.map((o) => o.slug)).toEqual(["birmingham"]);
    expect(file1.tables.Locality!.map((l) => l.slug).sort()).toEqual(["longbridge", "sparkbrook"]);
    expect(file1.tables.Session).toBeUndefined();
    expect(file1.tables.CollabUpdate).toBeUndefined();
    const text = JSON.stringify(file1);
    expect(text).not.toContain("otherplace");
    expect(text).not.toContain("Elsewhere");
    // Members' accounts, and the former member named in the activity log.
    const emails = file1.tables.User!.map((u) => u.email);
    expect(emails).toContain("former@example.org");
    expect(file1.tables.User!.every((u) => typeof u.passwordHash === "string" && (u.passwordHash as string).length > 0)).toBe(true);
    // Every count is the source's, table by table.
    const org = await source.db.organisation.findUniqueOrThrow({ where: { slug: "birmingham" } });
    const inOrg = { locality: { organisationId: org.id } };
    expect(file1.counts.Person).toBe(await source.db.person.count({ where: inOrg }));
    expect(file1.counts.Tie).toBe(await source.db.tie.count({ where: inOrg }));
    expect(file1.counts.FeedbackAnswer).toBe(await source.db.feedbackAnswer.count({ where: { cycle: { prototype: inOrg } } }));
    expect(file1.counts.StoryPhoto).toBe(1);
    expect(file1.counts.IdeaPhoto).toBe(1);
    const docNames = new Set([
      ...(await source.db.collabUpdate.findMany({ select: { docName: true } })).map((r) => r.docName),
      ...(await source.db.collabSnapshot.findMany({ select: { docName: true } })).map((r) => r.docName),
    ]);
    const ours = [...docNames].filter((n) => file1.tables.Locality!.some((l) => n.startsWith(`locality:${l.id}:`)));
    expect(ours.length).toBe(docNames.size - 1);
    expect(file1.documents.map((d) => d.name)).toEqual(ours.sort());
    expect(file1.counts.documents).toBeGreaterThan(10);
  });

  describe.each(targets)("into a fresh %s database", (provider) => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await freshDatabase(provider);
    });
    afterAll(async () => target?.drop());

    it("loads the file, and exports it again identical (apart from the export time)", async () => {
      let started = performance.now();
      const result = await importOrganisation(target.db, bytes1, { provider });
      console.log(`import of the demo organisation into ${provider}: ${Math.round(performance.now() - started)} ms`);
      expect(result.organisation).toBe("birmingham");
      started = performance.now();
      const file2 = await exportOrganisation(target.db, { provider });
      console.log(`export of the demo organisation from ${provider}: ${Math.round(performance.now() - started)} ms`);
      expect(file2.exportedAt).not.toBe(file1.exportedAt);
      expect(content(file2)).toEqual(content(file1));
      expect(file2.checksum).toBe(file1.checksum);

      // The database holds exactly the file: every table's count, documents as one log row each.
      const counts = await rowCounts(target.db);
      for (const [model, n] of Object.entries(file1.counts)) if (model !== "documents") expect([model, counts[model]]).toEqual([model, n]);
      expect(counts.CollabUpdate).toBe(file1.documents.length);
      expect([counts.CollabSnapshot, counts.Session, counts.FormSubmission]).toEqual([0, 0, 0]);
      expect(await target.db.membership.count({ where: { locality: { slug: "otherplace" } } })).toBe(0);
    });

    it("boards load from the collab store on the new database, with their notes readable", async () => {
      const boards = await target.db.board.findMany();
      expect(boards.length).toBe(file1.counts.Board);
      let notes = 0;
      for (const board of boards) {
        const name = boardDocName(board.localityId, board.id);
        const there = await storedNotes(target.url, name);
        expect([name, there]).toEqual([name, await storedNotes(source.url, name)]);
        notes += there.length;
      }
      expect(notes).toBeGreaterThan(30);
      const edited = await storedNotes(target.url, boardName);
      expect(edited).toContainEqual(["moved-1", `${ARABIC} — وروضة للأطفال`]);
      expect(edited).toContainEqual(["moved-3", "After the snapshot"]);
      expect(edited.map(([id]) => id)).not.toContain("moved-2");
      // Bytes arrive byte for byte.
      const photo = await target.db.storyPhoto.findFirstOrThrow();
      expect(Buffer.from(photo.data)).toEqual(Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)));
    });

    it("refuses a database that is not empty, and changes nothing", async () => {
      const before = await rowCounts(target.db);
      await expect(importOrganisation(target.db, bytes1, { provider })).rejects.toThrow(
        /target database is not empty \(rows in Attendance, AuditEntry, .* more\)/,
      );
      expect(await rowCounts(target.db)).toEqual(before);
    });

    it("loads all or nothing: a row that fails at the very end leaves the database empty", async () => {
      const empty = await freshDatabase(provider);
      try {
        const last = file1.tables.FeedbackAnswer!;
        const { checksum: _c, ...rest } = file1;
        const broken = sealExport({
          ...rest,
          tables: { ...file1.tables, FeedbackAnswer: [...last, last[0]!] },
          counts: { ...file1.counts, FeedbackAnswer: last.length + 1 },
        });
        await expect(importOrganisation(empty.db, serializeExport(broken, false), { provider })).rejects.toThrow();
        expect(await databaseIsEmpty(catalogueQuery(empty.db, provider), provider)).toEqual({ empty: true });
      } finally {
        await empty.drop();
      }
    });
  });

  describe("refuses a file it cannot trust, before touching the database", () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await freshDatabase("sqlite");
    });
    afterAll(async () => target?.drop());
    afterEach(async () => {
      expect(await databaseIsEmpty(catalogueQuery(target.db, "sqlite"), "sqlite")).toEqual({ empty: true });
    });
    const resealed = (change: Partial<ExportFile>) => {
      const { checksum: _c, ...rest } = file1;
      return serializeExport(sealExport({ ...rest, ...change }), false);
    };

    it("from a newer version of the app (schema)", async () => {
      await expect(importOrganisation(target.db, resealed({ schemaVersion: "99991231235959_from_the_future" }), { provider: "sqlite" })).rejects.toThrow(
        /newer version of Coproduce \(schema 99991231235959_from_the_future; this one is at \d+_\w+\)/,
      );
    });

    it("of a format version it does not know", async () => {
      await expect(importOrganisation(target.db, resealed({ formatVersion: 2 }), { provider: "sqlite" })).rejects.toThrow(
        /format version 2 is not one this version of Coproduce reads/,
      );
    });

    it("cut short (gzip or plain JSON)", async () => {
      await expect(importOrganisation(target.db, bytes1.subarray(0, Math.floor(bytes1.length / 2)), { provider: "sqlite" })).rejects.toThrow(
        /not a complete gzip file/,
      );
      const plain = serializeExport(file1, false);
      await expect(importOrganisation(target.db, plain.subarray(0, plain.length - 10), { provider: "sqlite" })).rejects.toThrow(/truncated/);
    });

    it("changed after the export (checksum)", async () => {
      const person = file1.tables.Person![0]!;
      const text = serializeExport(file1, false)
        .toString("utf8")
        .replace(JSON.stringify(person.displayName), JSON.stringify(`${person.displayName}x`));
      expect(text).not.toBe(serializeExport(file1, false).toString("utf8"));
      await expect(importOrganisation(target.db, Buffer.from(text), { provider: "sqlite" })).rejects.toThrow(/checksum does not match/);
      // Gzipped the same way: the checksum is of the content, not of the bytes.
      await expect(importOrganisation(target.db, zlib.gzipSync(Buffer.from(text)), { provider: "sqlite" })).rejects.toThrow(/checksum does not match/);
    });

    it("accepts its own file unchanged (the checks above are not refusing everything)", () => {
      expect(parseExport(bytes1, knownMigrations()).checksum).toBe(file1.checksum);
    });
  });

  it("the commands: export to a .gz file, import it into an empty database, refuse a second import", async () => {
    const target = await freshDatabase("sqlite");
    const out = path.join(TMP, `export_${process.pid}_${crypto.randomBytes(3).toString("hex")}.json.gz`);
    const run = (script: string, args: string[]) =>
      spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "app", "cli", script), ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env },
      });
    try {
      const exported = run("export.ts", ["--org", "birmingham", "--out", out, "--database-url", source.url]);
      expect([exported.status, exported.stderr]).toEqual([0, ""]);
      expect(exported.stdout).toMatch(/Wrote .*organisation "birmingham"/);
      expect(content(parseExport(fs.readFileSync(out), knownMigrations()))).toEqual(content(file1));
      const imported = run("import.ts", [out, "--database-url", target.url]);
      expect([imported.status, imported.stdout]).toEqual([0, expect.stringMatching(/Imported organisation "birmingham"/)]);
      const again = run("import.ts", [out, "--database-url", target.url]);
      expect([again.status, again.stderr.trim()]).toEqual([1, expect.stringMatching(/^Import refused, nothing was changed: The target database is not empty/)]);
      const help = run("import.ts", ["--help"]);
      expect([help.status, help.stdout]).toEqual([0, expect.stringContaining("EMPTY database")]);
    } finally {
      fs.rmSync(out, { force: true });
      await target.drop();
    }
  }, 60_000); // four tsx processes one after another (each starts Node, tsx and Prisma)
});
