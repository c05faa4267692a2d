// Several collaboration servers: a browser's connection given every address moves to the next
// when the one it uses dies, and nothing it had not seen acknowledged is lost on the way; the
// app's server-side edits try the next internal address when one cannot be reached (never after
// an answer), and carry the web request's id into the collab server's log line.
import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import * as Y from "yjs";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { createCollabServer } from "../../collab-server/server";
import { serveInternalCollabHttp } from "../../collab-server/http";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import type { CollabStore } from "../../collab-server/persistence/store";
import { connectDocument, type CollabConnection } from "~/collab/connection";
import { createRemoteCollabBackend } from "~/collab/remote-backend.server";
import { runWithRequestId } from "~/http/request-context.server";
import { freePort } from "../setup/real-server";
import { SECRET, startCollab, token, until } from "./harness";

describe("several collaboration servers", () => {
  let db: TestDatabase;
  let store: CollabStore;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    store = createStore(resolveDatabaseTarget(db.url));
  });
  afterAll(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await store?.close();
    await db?.drop();
  });

  it("a browser connection skips an address nobody answers, and moves on when its server dies, resending what was not stored", async () => {
    const DOC = "locality:loc1:doc:failover";
    const dead = `ws://127.0.0.1:${await freePort()}/collab`;
    const a = await startCollab({ store });
    const b = await startCollab({ store });
    stops.push(b.stop);
    const connections: CollabConnection[] = [];
    stops.push(async () => {
      for (const c of connections) c.destroy();
    });
    const open = async (urls: string[]) => {
      const c = await connectDocument({
        docName: DOC,
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        getToken: async () => ({ token: await token(DOC), url: urls[0]!, urls, access: "read-write" }),
      });
      connections.push(c);
      return c;
    };

    // The first address is down: the connection moves to the next and saves there.
    const first = await open([dead, a.url, b.url]);
    await until(() => first.status === "saved", 8000, "saved on the second address");
    expect(first.serverUrl).toBe(a.url);
    first.doc.getText("t").insert(0, "stored on A. ");
    await until(() => first.status === "saved", 5000, "edit saved on A");

    // A dies while the connection is in use; what is typed meanwhile reaches B, and is saved there.
    await a.stop();
    first.doc.getText("t").insert(0, "typed while A was gone. ");
    await until(() => first.serverUrl === b.url && first.status === "saved", 10_000, "reconnected to B and saved");

    // B stored both: a fresh client of B (and the stored log) has every acknowledged change.
    const reader = await open([b.url]);
    const both = "typed while A was gone. stored on A. ";
    // Its first sync may arrive after it says "saved" (it has nothing of its own to save).
    await until(() => reader.status === "saved" && reader.doc.getText("t").toString() === both, 8000, "reader synced with both edits");
    expect(reader.doc.getText("t").toString()).toBe(both);
    const stored = new Y.Doc();
    const loaded = await store.load(DOC);
    for (const u of loaded.updates) Y.applyUpdate(stored, u);
    expect(stored.getText("t").toString()).toBe("typed while A was gone. stored on A. ");
  });

  it("server-side edits try the next internal address when one cannot be reached, never after an answer, and carry the request id", async () => {
    const DOC = "locality:loc1:doc:remote-failover";
    const lines: Array<{ server: string; fields: Record<string, unknown> }> = [];
    const internal = async (name: string, secret: string) => {
      const collab = createCollabServer({ secret, store });
      const server = http.createServer((req, res) => {
        const log = { info: (fields: Record<string, unknown>) => lines.push({ server: name, fields }) };
        if (!serveInternalCollabHttp(collab, req, res, secret, { log })) res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      stops.push(async () => {
        await collab.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    const dead = `http://127.0.0.1:${await freePort()}`;
    const live = await internal("live", SECRET);
    const backend = createRemoteCollabBackend({ baseUrl: [dead, live], secret: SECRET });

    await runWithRequestId("req-failover-0001", () => backend.applyServerChange(DOC, (doc) => doc.getText("t").insert(0, "from the app")));
    expect(new TextDecoder().decode(await backend.readDocument(DOC))).toContain("from the app");
    const update = lines.find((l) => l.fields.op === "update");
    expect(update).toMatchObject({ server: "live", fields: { reqId: "req-failover-0001", op: "update", doc: DOC, statusCode: 204 } });
    expect(lines.find((l) => l.fields.op === "read")?.fields.reqId).toBe("req-failover-0001");

    // A server that answers — here refusing the token (401) — is final: the next is not asked.
    const refusing = await internal("refusing", "another-secret-0123456789abcdef012345");
    const strict = createRemoteCollabBackend({ baseUrl: [refusing, live], secret: SECRET });
    lines.length = 0;
    await expect(runWithRequestId("req-failover-0002", () => strict.readDocument(DOC))).rejects.toThrow(/read .*: 401/);
    expect(lines.map((l) => [l.server, l.fields.reqId, l.fields.statusCode])).toEqual([["refusing", "req-failover-0002", 401]]);

    // Nobody reachable: one clear error naming every address.
    const nobody = createRemoteCollabBackend({ baseUrl: [dead], secret: SECRET });
    await expect(nobody.readDocument(DOC)).rejects.toThrow(/no collab server could be reached \(http:\/\/127\.0\.0\.1:\d+: fetch failed\)/);
  });
});
