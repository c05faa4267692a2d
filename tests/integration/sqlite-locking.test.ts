// One SQLite file, two connections in one process: the app's (Prisma) and the collab store's
// (better-sqlite3). The app's interactive transactions hold the write lock across awaits; the
// collab store must wait for it without blocking the event loop, and must not be able to slip a
// write between an app transaction's read and its write (which SQLite would answer with "busy").
import * as Y from "yjs";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import type { CollabStore } from "../../collab-server/persistence/store";
import { resolveDatabaseTarget } from "~/config/database-url.server";

const DOC = "locality:loc1:doc:locking";
const update = (text: string) => {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};

describe("SQLite: the app's transactions and the collab store share one file", () => {
  let t: TestDatabase;
  let store: CollabStore;
  beforeAll(async () => {
    t = await freshDatabase("sqlite");
    store = createStore(resolveDatabaseTarget(t.url));
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it("a transaction that reads, then writes, is not overtaken by the collab store; the store waits without blocking", async () => {
    let stored = false;
    let pending: Promise<void> | undefined;
    const ticks: number[] = [];
    await t.db.$transaction(async (tx) => {
      await tx.organisation.findMany(); // read first
      pending = store.appendBatch([{ docName: DOC, update: update("edit made meanwhile") }]).then(() => {
        stored = true;
      });
      // The event loop keeps running while the store waits for the lock.
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        ticks.push(i);
      }
      expect(stored).toBe(false);
      await tx.organisation.create({ data: { slug: "locking", name: "Locking" } }); // then write
    });
    expect(ticks).toEqual([0, 1, 2, 3, 4]);
    await pending;
    expect(stored).toBe(true);
    expect(await t.db.organisation.count({ where: { slug: "locking" } })).toBe(1);
    expect((await store.load(DOC)).logCount).toBe(1);
  });
});
