// For integration suites that drive the app's routes: a fresh database of one provider, made the
// app's database, and an in-process collab server registered as the app's collaboration backend.
// Set up before the suite's tests, torn down after; read the fields inside tests.
import { freshDatabase, type Provider, type TestDatabase } from "./databases";
import { startCollab } from "../collab/harness";
import { createStore } from "../../collab-server/persistence/create-store";
import type { CollabStore } from "../../collab-server/persistence/store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { setProcessDb, type Db } from "~/data/db.server";
import { registerCollabBackend } from "~/collab/backend.server";
import { afterDocumentStored } from "~/collab/after-store.server";
import { env } from "~/config/env.server";

export type AppServer = {
  /** The suite's database. */
  db: Db;
  /** What the collab server stores (its log and snapshots), to look at directly. */
  store: CollabStore;
  /** Where y-websocket clients reach the collab server (`ws://…/collab`). */
  collabUrl: string;
};

/** `followUp`: run what follows a stored change as the app does (read models, idea records, live signals), a second after it. */
export function useAppServer(provider: Provider, options: { followUp?: boolean } = {}): AppServer {
  let database: TestDatabase | undefined;
  let store: CollabStore | undefined;
  let collab: Awaited<ReturnType<typeof startCollab>> | undefined;
  beforeAll(async () => {
    database = await freshDatabase(provider);
    setProcessDb(database.db);
    store = createStore(resolveDatabaseTarget(database.url));
    // Signed like the app's tokens (collab-token route), so a test can connect with them.
    collab = await startCollab({ store, secret: env().SESSION_SECRET, ...(options.followUp ? { afterStore: afterDocumentStored } : {}) });
    registerCollabBackend(collab.collab);
  });
  afterAll(async () => {
    await collab?.stop();
    await store?.close();
    await database?.drop();
  });
  return {
    get db() {
      if (!database) throw new Error("useAppServer: the database is ready only inside tests");
      return database.db;
    },
    get store() {
      if (!store) throw new Error("useAppServer: the store is ready only inside tests");
      return store;
    },
    get collabUrl() {
      if (!collab) throw new Error("useAppServer: the collab server is ready only inside tests");
      return collab.url;
    },
  };
}
