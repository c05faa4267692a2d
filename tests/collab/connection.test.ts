import WebSocket from "ws";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import type { CollabStore } from "../../collab-server/persistence/store";
import { connectDocument, type CollabConnection } from "~/collab/connection";
import { CLOSE } from "~/collab/protocol";
import { startCollab, token, until } from "./harness";

const DOC = "locality:loc1:doc:status";

describe("browser connection: save status and token refresh", () => {
  let db: TestDatabase;
  let store: CollabStore;
  let server: Awaited<ReturnType<typeof startCollab>>;
  let connection: CollabConnection | undefined;

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    store = createStore(resolveDatabaseTarget(db.url));
    server = await startCollab({ store });
  });
  afterAll(async () => {
    connection?.destroy();
    await server?.stop();
    await store?.close();
    await db?.drop();
  });

  it("says saved only once the server has stored every local change, and refreshes expiring tokens", async () => {
    let issued = 0;
    const statuses: string[] = [];
    connection = await connectDocument({
      docName: DOC,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      getToken: async () => {
        issued++;
        // The first token lives 2 s: the server closes the socket when it expires.
        return { token: await token(DOC, "read-write", issued === 1 ? 2 : 600), url: server.url, access: "read-write" };
      },
    });
    connection.onStatus((s) => statuses.push(s));
    await until(() => connection!.status === "saved", 5000, "saved after sync");
    connection.doc.getText("t").insert(0, "typed");
    expect(connection.status).toBe("saving"); // not yet acknowledged as stored
    await until(() => connection!.status === "saved", 5000, "saved after edit");

    const closes: number[] = [];
    connection.provider.on("connection-close", (e) => e && closes.push(e.code));
    await until(() => closes.includes(CLOSE.tokenExpired), 6000, "token expiry close");
    await until(() => issued >= 2 && connection!.provider.wsconnected, 6000, "reconnect with a fresh token");
    connection.doc.getText("t").insert(0, "more ");
    await until(() => connection!.status === "saved", 5000, "saved after refresh");
    expect(statuses).toContain("saving");

    await server.stop();
    await until(() => connection!.status === "offline" || connection!.status === "saving", 5000, "offline");
    connection.doc.getText("t").insert(0, "offline edit ");
    await until(() => connection!.status === "offline", 5000, "offline edit not saved");
    server = await startCollab({ store });
    // The provider reconnects to the same port only if it is reused; point it at the new one.
    connection.provider.serverUrl = server.url;
    await until(() => connection!.status === "saved", 8000, "offline edit saved after reconnect");
  });
});
