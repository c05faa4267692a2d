// What the app asks of the collab server — server-side edits, reading a document, changing
// access — in-process and over the internal HTTP API of a server in another process; and
// what the server no longer stores (joining clients' empty replies).
import * as Y from "yjs";
import { freshDatabase, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import type { CollabStore } from "../../collab-server/persistence/store";
import { createRemoteCollabBackend } from "~/collab/remote-backend.server";
import { issueServiceToken } from "~/auth/collab-token.server";
import { CLOSE } from "~/collab/protocol";
import { SECRET, connect, covered, startCollab, textOf, token, until, type Client } from "./harness";

const DOC = "locality:loc1:doc:backend";

describe("the collab server's app-facing API", () => {
  let db: TestDatabase;
  let store: CollabStore;
  let server: Awaited<ReturnType<typeof startCollab>>;
  const clients: Client[] = [];
  const open = async (doc = DOC, t?: string) => {
    const c = connect(server.url, doc, t ?? (await token(doc)));
    clients.push(c);
    await until(() => c.provider.synced, 5000, "sync");
    return c;
  };

  beforeAll(async () => {
    db = await freshDatabase("sqlite");
    store = createStore(resolveDatabaseTarget(db.url));
    server = await startCollab({ store });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.provider.destroy();
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await db?.drop();
  });

  it("does not store or broadcast what joining clients already share", async () => {
    const doc = "locality:loc1:doc:joins";
    const a = await open(doc);
    a.doc.getText("t").insert(0, "hello");
    a.doc.getText("t").delete(0, 1);
    await until(() => covered(a.doc, a.durable()), 5000, "durable");
    const before = (await store.load(doc)).logCount;
    // Ten clients join (each answers the server's sync step 1), and the writer reconnects: its
    // reply carries its whole delete set, already stored.
    const joiners = await Promise.all(Array.from({ length: 10 }, () => open(doc)));
    a.provider.disconnect();
    a.provider.connect();
    await until(() => a.provider.synced, 5000, "resync");
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.load(doc)).logCount).toBe(before);
    expect(joiners.every((j) => textOf(j) === "ello")).toBe(true);
    // A real change still is stored.
    joiners[0]!.doc.getText("t").insert(0, "H");
    await until(() => textOf(a) === "Hello", 5000, "broadcast");
    expect((await store.load(doc)).logCount).toBe(before + 1);
  });

  it("tells a writer only about its own clients once it has stored their edits", async () => {
    const doc = "locality:loc1:doc:durable-delta";
    const writers = await Promise.all(Array.from({ length: 12 }, () => open(doc)));
    for (const [i, w] of writers.entries()) w.doc.getText("t").insert(0, String(i));
    await until(() => writers.every((w) => covered(w.doc, w.durable())), 5000, "durable");
    const last = writers[5]!;
    last.doc.getText("t").insert(0, "x");
    await until(() => covered(last.doc, last.durable()), 5000, "durable again");
    const message = Y.decodeStateVector(last.lastDurable()!);
    expect([...message.keys()]).toEqual([last.doc.clientID]);
    // A newcomer is told the whole stored state vector at once.
    const newcomer = await open(doc);
    await until(() => newcomer.durable() !== null, 5000, "first durable message");
    expect(newcomer.durable()!.size).toBe(12);
  });

  for (const where of ["in-process", "remote"] as const) {
    it(`${where}: server-side changes are stored then broadcast; the document can be read`, async () => {
      const backend = where === "remote" ? createRemoteCollabBackend({ baseUrl: server.httpUrl, secret: SECRET }) : server.collab;
      const doc = `locality:loc1:doc:server-${where}`;
      const a = await open(doc);
      a.doc.getText("t").insert(0, "client ");
      await until(() => covered(a.doc, a.durable()), 5000, "durable");
      await backend.applyServerChange(doc, (d) => d.getText("t").insert(d.getText("t").length, "server"));
      await until(() => textOf(a) === "client server", 5000, "broadcast");
      const stored = new Y.Doc();
      Y.applyUpdate(stored, Y.mergeUpdates((await store.load(doc)).updates));
      expect(stored.getText("t").toString()).toBe("client server");
      const read = new Y.Doc();
      Y.applyUpdate(read, await backend.readDocument(doc));
      expect(read.getText("t").toString()).toBe("client server");
      // A change that changes nothing stores nothing.
      const count = (await store.load(doc)).logCount;
      await backend.applyServerChange(doc, () => {});
      expect((await store.load(doc)).logCount).toBe(count);
      // An unloaded document reads from the store.
      const unloaded = `locality:loc1:doc:never-opened-${where}`;
      await backend.applyServerChange(unloaded, (d) => d.getMap("m").set("k", 1));
      const again = new Y.Doc();
      Y.applyUpdate(again, await backend.readDocument(unloaded));
      expect(again.getMap("m").get("k")).toBe(1);
    });

    it(`${where}: a change of access closes connections and refuses older tokens`, async () => {
      const backend = where === "remote" ? createRemoteCollabBackend({ baseUrl: server.httpUrl, secret: SECRET }) : server.collab;
      const doc = `locality:loc1:doc:access-${where}`;
      const other = await open("locality:loc1:doc:unrelated");
      const oldToken = await token(doc);
      const a = await open(doc, oldToken);
      a.provider.shouldConnect = false; // keep it closed: we reconnect by hand
      await backend.reauthorize(doc);
      await until(() => a.closes.some((c) => c.code === CLOSE.accessChanged), 5000, "closed for access change");
      const stale = connect(server.url, doc, oldToken);
      clients.push(stale);
      await until(() => stale.closes.some((c) => c.code === CLOSE.accessChanged), 5000, "old token refused");
      await new Promise((r) => setTimeout(r, 5)); // a token issued after the change
      await open(doc, await token(doc));
      expect(other.provider.wsconnected).toBe(true);
    });
  }

  for (const where of ["in-process", "remote"] as const) {
    it(`${where}: compaction drops deleted content from storage; erasing deletes a document for good`, async () => {
      const backend = where === "remote" ? createRemoteCollabBackend({ baseUrl: server.httpUrl, secret: SECRET }) : server.collab;
      const secret = `Fatima Begum, 07700 900123 (${where})`;
      const storedBytes = async (name: string) => Buffer.concat((await store.load(name)).updates.map((u) => Buffer.from(u)));

      // A board note removed from the document is gone from storage once compacted.
      const board = `locality:loc1:doc:compact-${where}`;
      const reader = await open(board);
      await backend.applyServerChange(board, (d) => d.getMap("notes").set("n1", new Y.Text(secret)));
      await backend.applyServerChange(board, (d) => d.getMap("notes").set("n2", new Y.Text("keep me")));
      await backend.applyServerChange(board, (d) => d.getMap("notes").delete("n1"));
      await until(() => !reader.doc.getMap("notes").has("n1") && reader.doc.getMap("notes").has("n2"), 5000, "deleted live");
      expect((await storedBytes(board)).includes(Buffer.from(secret))).toBe(true); // still in the log
      expect(await backend.compact(board)).toBe(3); // the three changes above, folded into one snapshot
      expect((await storedBytes(board)).includes(Buffer.from(secret))).toBe(false);
      expect((await storedBytes(board)).includes(Buffer.from("keep me"))).toBe(true);

      // An erased document: connections closed, nothing stored, and it reads as empty.
      const story = `locality:loc1:doc:erase-${where}`;
      const editor = await open(story);
      editor.provider.shouldConnect = false;
      editor.doc.getText("t").insert(0, secret);
      await until(() => covered(editor.doc, editor.durable()), 5000, "durable");
      await backend.erase(story);
      await until(() => editor.closes.some((c) => c.code === CLOSE.accessChanged), 5000, "closed on erase");
      expect((await store.load(story)).updates).toEqual([]);
      const read = new Y.Doc();
      Y.applyUpdate(read, await backend.readDocument(story));
      expect(read.getText("t").toString()).toBe("");
    });
  }

  it("the internal API refuses wrong tokens, methods, operations and bodies", async () => {
    const base = `${server.httpUrl}/collab/internal`;
    const doc = "locality:loc1:doc:internal";
    const auth = async (op: "read" | "update" | "reauthorize", d = doc) => ({ Authorization: `Bearer ${await issueServiceToken(SECRET, { doc: d, op })}` });
    const q = `?doc=${encodeURIComponent(doc)}`;
    expect((await fetch(`${base}/read${q}`)).status).toBe(401);
    expect(
      (
        await fetch(`${base}/read${q}`, {
          headers: { Authorization: `Bearer ${await issueServiceToken("another-secret-0123456789abcdef", { doc, op: "read" })}` },
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${base}/read${q}`, { headers: await auth("update") })).status).toBe(401); // wrong operation
    expect((await fetch(`${base}/read${q}`, { headers: await auth("read", "locality:loc1:doc:other") })).status).toBe(401); // wrong document
    expect((await fetch(`${base}/update${q}`, { headers: await auth("update") })).status).toBe(405);
    expect((await fetch(`${base}/delete${q}`, { method: "POST", headers: await auth("update") })).status).toBe(404);
    const garbage = await fetch(`${base}/update${q}`, {
      method: "POST",
      headers: await auth("update"),
      body: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]),
    });
    expect(garbage.status).toBe(400);
    const huge = await fetch(`${base}/update${q}`, {
      method: "POST",
      headers: await auth("update"),
      body: new Uint8Array(server.collab.limits.maxFrameBytes + 1),
    });
    expect(huge.status).toBe(413);
    const bad = `?doc=${encodeURIComponent("not a document")}`;
    expect(
      (await fetch(`${base}/read${bad}`, { headers: { Authorization: `Bearer ${await issueServiceToken(SECRET, { doc: "not a document", op: "read" })}` } }))
        .status,
    ).toBe(400);
    // Nothing was stored by any of that.
    expect((await store.load(doc)).logCount).toBe(0);
  });
});
