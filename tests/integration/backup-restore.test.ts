// Backups that restore, on SQLite and PostgreSQL: y-websocket clients edit boards through the
// collab server (in-process, storing into the database) in a storm; `npm run backup` runs as its
// own process in the middle of it; the backup is restored with `npm run restore` into a fresh
// database, where every update the server acknowledged as stored (message type 100) before the
// backup began must be present, and every board must load and its notes read. Then what restore
// refuses: a database that holds data, an altered file, a newer schema, the other engine — each
// changing nothing.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import * as Y from "yjs";
import { freshDatabase, providers, type Provider, type TestDatabase } from "../setup/databases";
import { alive } from "../setup/real-server";
import { connect, covered, startCollab, token, until, type Client } from "../collab/harness";
import { makeLocality, makeOrganisation } from "../factories";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { addNote, listNotes, setNoteText } from "~/collab/board";
import { boardDocName } from "~/collab/names";
import { countRows, databaseIsEmpty, listTables } from "~/data/database-is-empty.server";
import { entryStream, readArchiveIndex, writeArchive } from "~/data/backup/archive";
import { MANIFEST_ENTRY } from "~/data/backup/manifest";
import { readBackupManifest } from "~/data/backup/restore-backup.server";
import { knownMigrations, latestKnownMigration } from "~/data/backup/schema-version";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BOARDS = 4;
const CLIENTS_PER_BOARD = 3;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `npm run <verb>` as npm does (tsx), as its own process; proves it gone before answering. */
function cli(verb: "backup" | "restore", args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", `app/cli/${verb}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (alive(child.pid!)) reject(new Error(`${verb} (pid ${child.pid}) still running after exit`));
      else resolve({ code, stdout, stderr });
    });
  });
}

/** A copy of `file` with its manifest changed by `edit` (the database inside untouched). */
async function withManifest(file: string, out: string, edit: (m: Record<string, unknown>) => void): Promise<void> {
  const { manifest, payload } = readBackupManifest(file);
  const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
  edit(copy);
  const extracted = `${out}.payload`;
  await new Promise<void>((resolve, reject) => entryStream(file, payload).pipe(fs.createWriteStream(extracted)).on("finish", resolve).on("error", reject));
  await writeArchive(out, [
    { name: MANIFEST_ENTRY, bytes: Buffer.from(JSON.stringify(copy)) },
    { name: payload.name, file: extracted },
  ]);
  fs.rmSync(extracted);
}

describe.each(await providers())("backup and restore on %s", (provider: Provider) => {
  let src: TestDatabase;
  let collab: Awaited<ReturnType<typeof startCollab>>;
  const clients: Array<Client & { board: string }> = [];
  const others: TestDatabase[] = [];
  let dir: string;
  let backupFile = "";
  const docNames: string[] = [];

  beforeAll(async () => {
    src = await freshDatabase(provider);
    dir = fs.mkdtempSync(path.join(ROOT, "tests", ".tmp", "backup-"));
    const org = await makeOrganisation(src.db);
    const loc = await makeLocality(src.db, org.id);
    for (let b = 0; b < BOARDS; b++) {
      const board = await src.db.board.create({ data: { localityId: loc.id, title: `Storm ${b}` } });
      docNames.push(boardDocName(loc.id, board.id));
    }
    collab = await startCollab({ store: createStore(resolveDatabaseTarget(src.url)) });
  });

  afterAll(async () => {
    for (const c of clients) c.provider.destroy();
    await collab?.stop();
    for (const t of others) await t.drop();
    await src?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a backup taken during an edit storm holds every update acknowledged before it began, and every board loads", async () => {
    for (const docName of docNames) {
      const t = await token(docName);
      for (let i = 0; i < CLIENTS_PER_BOARD; i++) clients.push({ ...connect(collab.url, docName, t), board: docName });
    }
    await until(() => clients.every((c) => c.provider.synced), 20_000, "all synced");

    // What the server acknowledged as stored, per client: the highest clock of its own edits.
    const acknowledged = new Map<number, number>();
    let acknowledgements = 0;
    const record = () => {
      for (const c of clients) {
        const clock = c.durable()?.get(c.doc.clientID) ?? 0;
        if (clock > (acknowledged.get(c.doc.clientID) ?? 0)) {
          acknowledged.set(c.doc.clientID, clock);
          acknowledgements++;
        }
      }
    };
    let editing = true;
    let round = 0;
    const storm = (async () => {
      while (editing) {
        for (const c of clients) {
          const id = `n-${c.doc.clientID}-${round}`;
          addNote(c.doc, { id, text: `note ${round} from ${c.doc.clientID}`, authorId: "u1", authorName: "Tester" });
          if (round > 0) setNoteText(c.doc, `n-${c.doc.clientID}-${round - 1}`, `note ${round - 1} from ${c.doc.clientID}, edited`);
        }
        round++;
        record();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await new Promise((r) => setTimeout(r, 800));
    // One board's log folded into its snapshot mid-storm: the backup must carry both tables.
    expect(await collab.collab.compact(docNames[0]!)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));

    record();
    const beforeBackup = new Map(acknowledged);
    const acknowledgementsBefore = acknowledgements;
    const backup = await cli("backup", ["--out", dir], { DATABASE_URL: src.url });
    record();
    const acknowledgedDuringBackup = acknowledgements - acknowledgementsBefore;
    editing = false;
    await storm;
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    // The writers were busy while the backup ran.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);
    backupFile = /Backup written: (.+)$/m.exec(backup.stdout)![1]!;

    const { manifest } = readBackupManifest(backupFile);
    expect(manifest.engine).toBe(provider);
    expect(manifest.schemaVersion).toBe(latestKnownMigration(provider));
    expect(manifest.rowCounts.Board).toBe(BOARDS);
    expect(manifest.collab.snapshots).toBeGreaterThanOrEqual(1);
    expect(manifest.collab.documents).toBe(BOARDS);
    expect(manifest.collab.updates).toBe(manifest.rowCounts.CollabUpdate);

    const target = await freshDatabase(provider);
    others.push(target);
    const restore = await cli("restore", [backupFile, "--database-url", target.url]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(await countRows(target.db, provider)).toEqual(manifest.rowCounts);

    // Every acknowledged update is present, and every board (each Board row's document) loads.
    const store = createStore(resolveDatabaseTarget(target.url));
    try {
      const boards = await target.db.board.findMany({ orderBy: { title: "asc" } });
      expect(boards.map((b) => b.title)).toEqual(Array.from({ length: BOARDS }, (_, b) => `Storm ${b}`));
      const missing: string[] = [];
      let notesRead = 0;
      for (const board of boards) {
        const docName = boardDocName(board.localityId, board.id);
        const loaded = await store.load(docName);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.mergeUpdates(loaded.updates));
        const clocks = Y.decodeStateVector(Y.encodeStateVector(doc));
        for (const c of clients.filter((x) => x.board === docName)) {
          const wanted = beforeBackup.get(c.doc.clientID) ?? 0;
          if ((clocks.get(c.doc.clientID) ?? 0) < wanted) missing.push(`${docName} client ${c.doc.clientID}: ${clocks.get(c.doc.clientID) ?? 0} < ${wanted}`);
        }
        const notes = listNotes(doc);
        expect(notes.length).toBeGreaterThan(0);
        for (const note of notes) expect(note.text).toMatch(/^note \d+ from \d+(, edited)?$/);
        notesRead += notes.length;
      }
      expect(missing).toEqual([]);
      // Every client had edits acknowledged before the backup began (so the check above checked something).
      expect(clients.every((c) => (beforeBackup.get(c.doc.clientID) ?? 0) > 0)).toBe(true);
      console.log(
        `backup-restore (${provider}): ${clients.length} clients on ${BOARDS} boards, ${round} rounds; ${acknowledgedDuringBackup} acknowledgements while the backup ran; ` +
          `backup ${manifest.collab.updates} log updates + ${manifest.collab.snapshots} snapshots, ${notesRead} notes read back after restore`,
      );
    } finally {
      await store.close();
    }
    await until(() => clients.every((c) => covered(c.doc, c.durable())), 20_000, "every client durable");
  }, 60_000);

  it("refuses to restore into a database that holds data, and leaves it as it was", async () => {
    expect(backupFile).not.toBe("");
    const before = await countRows(src.db, provider);
    const lastUpdate = await src.db.collabUpdate.findFirst({ orderBy: { id: "desc" } });
    const run = await cli("restore", [backupFile, "--database-url", src.url]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/Restore refused: the target database is not empty \(rows in .*Board.*\)/);
    expect(await countRows(src.db, provider)).toEqual(before);
    expect(await src.db.collabUpdate.findFirst({ orderBy: { id: "desc" } })).toEqual(lastUpdate);
  }, 30_000);

  it("refuses an altered backup, one of a newer schema and one of the other engine, changing nothing", async () => {
    expect(backupFile).not.toBe("");
    const empty = await freshDatabase(provider);
    others.push(empty);
    const tablesBefore = await listTables(empty.db, provider);

    // A byte of the database changed.
    const damaged = path.join(dir, "damaged.tar");
    fs.copyFileSync(backupFile, damaged);
    const payload = readArchiveIndex(damaged)[1]!;
    const fd = fs.openSync(damaged, "r+");
    const at = payload.offset + Math.floor(payload.size / 2);
    const byte = Buffer.alloc(1);
    fs.readSync(fd, byte, 0, 1, at);
    fs.writeSync(fd, Buffer.from([byte[0]! ^ 0xff]), 0, 1, at);
    fs.closeSync(fd);
    const damagedRun = await cli("restore", [damaged, "--database-url", empty.url]);
    expect(damagedRun.code).toBe(3);
    expect(damagedRun.stderr).toMatch(/damaged or was altered: its database does not match the checksum/);

    // A schema newer than this code.
    const newer = path.join(dir, "newer.tar");
    await withManifest(backupFile, newer, (m) => (m.schemaVersion = "29991231235959_from_the_future"));
    const newerRun = await cli("restore", [newer, "--database-url", empty.url]);
    expect(newerRun.code).toBe(3);
    expect(newerRun.stderr).toMatch(/schema version 29991231235959_from_the_future is newer than this code knows/);

    // A manifest that claims an older schema than the database in it holds.
    const lying = path.join(dir, "lying.tar");
    await withManifest(backupFile, lying, (m) => (m.schemaVersion = knownMigrations(provider)[0]));
    const lyingRun = await cli("restore", [lying, "--database-url", empty.url]);
    expect(lyingRun.code).toBe(3);
    expect(lyingRun.stderr).toMatch(/was altered: its manifest says schema \S+, the database in it is at /);

    // The other engine: pointed to export/import, the target not even opened.
    const elsewhere = provider === "sqlite" ? "postgresql://postgres@127.0.0.1:5432/coproduce_backup_never_created" : `file:${path.join(dir, "never.db")}`;
    const engineRun = await cli("restore", [backupFile, "--database-url", elsewhere]);
    expect(engineRun.code).toBe(3);
    expect(engineRun.stderr).toMatch(/restores only onto the same engine.*`npm run export`.*`npm run import`/);
    expect(fs.existsSync(path.join(dir, "never.db"))).toBe(false);

    expect(await databaseIsEmpty(empty.db, provider)).toEqual({ empty: true });
    expect(await listTables(empty.db, provider)).toEqual(tablesBefore);
  }, 40_000);
});

describe("backup and restore commands", () => {
  it("explains its arguments", async () => {
    const help = await cli("restore", ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run restore -- <backup file>/);
    const none = await cli("restore", []);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Which backup\? Give its file\./);
    const bad = await cli("backup", ["--outt", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--outt'/);
  }, 30_000);
});
