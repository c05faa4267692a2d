import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import type { CollabStore } from "../../collab-server/persistence/store";
import { refreshProjection } from "~/collab/projector.server";
import { addNote } from "~/collab/board";
import { connect, covered, startCollab, token, until } from "./harness";

describe("read models follow stored boards", () => {
  let db: TestDatabase;
  let store: CollabStore;
  let server: Awaited<ReturnType<typeof startCollab>>;
  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    store = createStore(resolveDatabaseTarget(db.url));
    server = await startCollab({ store, afterStore: (name, doc) => refreshProjection(db.db, name, doc) });
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await db?.drop();
  });

  it("projects note rows after notes are stored, and again when the board unloads", async () => {
    const name = "locality:proj:board:b1";
    const client = connect(server.url, name, await token(name));
    await until(() => client.provider.synced, 5000, "sync");
    addNote(client.doc, { id: "n1", text: "Stay-and-play on Saturdays", authorId: "u1", authorName: "Tester" });
    await until(() => covered(client.doc, client.durable()), 5000, "durable");
    const rows = async () => db.db.boardNoteProjection.findMany({ where: { docName: name } });
    const start = Date.now();
    while ((await rows()).length === 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    expect((await rows()).map((r) => r.text)).toEqual(["Stay-and-play on Saturdays"]);

    addNote(client.doc, { id: "n2", text: "Interpreters at the drop-in", authorId: "u1", authorName: "Tester" });
    await until(() => covered(client.doc, client.durable()), 5000, "durable");
    client.provider.destroy(); // the room unloads and projects at once
    const until2 = Date.now();
    while ((await rows()).length < 2 && Date.now() - until2 < 5000) await new Promise((r) => setTimeout(r, 50));
    expect((await rows()).map((r) => r.noteId).sort()).toEqual(["n1", "n2"]);
  });
});
