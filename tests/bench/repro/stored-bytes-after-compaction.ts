// Bug repro: a loaded room counts every stored byte forever (compaction does not lower
// room.storedBytes), so a small document with edit churn is refused with 4413 while loaded.
// Usage: tsx tests/bench/repro/stored-bytes-after-compaction.ts
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import * as Y from "yjs";
import { createStore } from "../../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "../../../app/config/database-url.server";
import { startCollab, connect, covered, token, until, textOf } from "../../collab/harness";
const ROOT = path.resolve(import.meta.dirname, "../../..");
fs.mkdirSync(path.join(ROOT, "tests", "bench", ".tmp"), { recursive: true });
const db = path.join(ROOT, "tests", "bench", ".tmp", "stored-bytes.db");
for (const s of ["", "-wal", "-shm"]) fs.rmSync(db + s, { force: true });
execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: `file:${db}` },
  stdio: "pipe",
});
const store = createStore(resolveDatabaseTarget(`file:${db}`));
const server = await startCollab({ store, limits: { maxDocumentBytes: 100 * 1024 } });
const DOC = "locality:bench:doc:churn";
const c = connect(server.url, DOC, await token(DOC));
await until(() => c.provider.synced, 5000, "sync");
const t = c.doc.getText("t");
for (let round = 1; round <= 8; round++) {
  t.insert(0, "x".repeat(20 * 1024));
  t.delete(0, t.length);
  await until(() => covered(c.doc, c.durable()) || c.closes.length > 0, 5000, "durable");
  if (c.closes.length) {
    console.log(`round ${round}: CLOSED ${JSON.stringify(c.closes[0])} although the live document is ${textOf(c).length} chars`);
    break;
  }
  const folded = await server.collab.compact(DOC);
  const loaded = await store.load(DOC);
  console.log(
    `round ${round}: text length ${t.length}; compacted ${folded} rows; stored now ${loaded.storedBytes} B (snapshot ${loaded.updates[0]?.byteLength ?? 0} B), state ${Y.encodeStateAsUpdate(c.doc).byteLength} B`,
  );
}
c.provider.destroy();
await server.stop();
await store.close();
for (const s of ["", "-wal", "-shm"]) fs.rmSync(db + s, { force: true });
process.exit(0);
