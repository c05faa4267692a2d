import * as Y from "yjs";
import WebSocket from "ws";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import type { CollabStore } from "../../collab-server/persistence/store";
import { CLOSE } from "~/collab/protocol";
import { SECRET, connect, covered, startCollab, textOf, token, until, type Client } from "./harness";
import { issueCollabToken } from "~/auth/collab-token.server";
import { addNote, closeVoting, getNote, openVoting, votingSettings } from "~/collab/board";

const DOC = "locality:loc1:doc:b1";

describe.each(await providers())("collab server on %s", (provider) => {
  let db: TestDatabase;
  let store: CollabStore;
  let server: Awaited<ReturnType<typeof startCollab>>;
  const clients: Client[] = [];
  const open = (doc: string, t: string | null) => {
    const c = connect(server.url, doc, t);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await freshDatabase(provider);
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

  it("two clients converge, and each is told when its edits are durable", async () => {
    const a = open(DOC, await token(DOC));
    const b = open(DOC, await token(DOC));
    await until(() => a.provider.synced && b.provider.synced, 5000, "sync");
    a.doc.getText("t").insert(0, "hello ");
    b.doc.getText("t").insert(0, "world ");
    await until(() => textOf(a) === textOf(b) && textOf(a).length === 12, 5000, "convergence");
    await until(() => covered(a.doc, a.durable()) && covered(b.doc, b.durable()), 5000, "durable acks");
    // Durable means stored: a fresh load from the database has both edits.
    const loaded = await store.load(DOC);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.mergeUpdates(loaded.updates));
    expect(check.getText("t").toString()).toBe(textOf(a));
  });

  it("a read-only client receives changes but cannot make any", async () => {
    const doc = "locality:loc1:doc:readonly";
    const writer = open(doc, await token(doc));
    const reader = open(doc, await token(doc, "read-only"));
    await until(() => writer.provider.synced && reader.provider.synced, 5000, "sync");
    writer.doc.getText("t").insert(0, "from writer");
    await until(() => textOf(reader) === "from writer", 5000, "reader receives");
    reader.doc.getText("t").insert(0, "SPOOF ");
    await new Promise((r) => setTimeout(r, 300));
    expect(textOf(writer)).toBe("from writer");
    const loaded = await store.load(doc);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.mergeUpdates(loaded.updates));
    expect(check.getText("t").toString()).toBe("from writer");
  });

  it("only a facilitator's connection changes a board's settings; members still add notes", async () => {
    const doc = "locality:loc1:board:guarded";
    const facilitator = open(doc, await issueCollabToken(SECRET, { userId: "f", name: "F", doc, access: "read-write", facilitate: true }));
    const member = open(doc, await token(doc));
    await until(() => facilitator.provider.synced && member.provider.synced, 5000, "sync");
    openVoting(facilitator.doc, 3, false);
    await until(() => votingSettings(member.doc).open, 5000, "settings reach the member");
    addNote(member.doc, { id: "n1", text: "a note", authorId: "u1", authorName: "Tester" });
    await until(() => getNote(facilitator.doc, "n1")?.text === "a note", 5000, "notes still work");
    member.provider.shouldConnect = false;
    closeVoting(member.doc); // a hand-made client: the UI never offers this
    await until(() => member.closes.some((c) => c.code === CLOSE.forbiddenChange), 5000, "refused");
    await new Promise((r) => setTimeout(r, 100));
    expect(votingSettings(facilitator.doc).open).toBe(true);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.mergeUpdates((await store.load(doc)).updates));
    expect(votingSettings(check).open).toBe(true);
    expect(getNote(check, "n1")?.text).toBe("a note");
  });

  it("refuses missing, invalid, expired and other-document tokens with a close code", async () => {
    const cases: Array<[string | null, number, string]> = [
      [null, CLOSE.unauthorized, "missing token"],
      ["not-a-jwt", CLOSE.unauthorized, "invalid token"],
      [await token(DOC, "read-write", 10, "another-secret-0123456789abcdefghijkl"), CLOSE.unauthorized, "invalid token"],
      [await token("locality:loc1:doc:other"), CLOSE.forbidden, "token is for another document"],
      [await token(DOC, "read-write", -1), CLOSE.tokenExpired, "token expired"],
    ];
    for (const [t, code, reason] of cases) {
      const c = open(DOC, t);
      await until(() => c.closes.length > 0, 5000, reason);
      expect(c.closes[0]).toEqual({ code, reason });
      c.provider.destroy();
    }
    const bad = open("locality:../etc:board:x", await token(DOC));
    await until(() => bad.closes.length > 0, 5000, "bad name");
    expect(bad.closes[0]!.code).toBe(CLOSE.forbidden);
  });

  it("refuses a foreign Origin", async () => {
    const ws = new WebSocket(`${server.url}/${DOC}?token=${await token(DOC)}`, { origin: "https://evil.example" });
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed).toEqual({ code: CLOSE.forbidden, reason: "origin not allowed" });
  });

  it("a restarted server serves every document intact", async () => {
    const doc = "locality:loc1:doc:restart";
    const a = open(doc, await token(doc));
    await until(() => a.provider.synced, 5000, "sync");
    for (let i = 0; i < 20; i++) a.doc.getText("t").insert(0, `${i},`);
    await until(() => covered(a.doc, a.durable()), 5000, "durable");
    const expected = textOf(a);
    a.provider.destroy();
    await server.stop();
    server = await startCollab({ store });
    const b = open(doc, await token(doc));
    await until(() => textOf(b) === expected, 5000, "reload");
  });

  it("server-side changes are stored, broadcast and survive compaction", async () => {
    const doc = "locality:loc1:doc:server";
    const a = open(doc, await token(doc));
    await until(() => a.provider.synced, 5000, "sync");
    await server.collab.applyServerChange(doc, (d) => d.getMap("notes").set("n1", "approved idea"));
    await until(() => a.doc.getMap("notes").get("n1") === "approved idea", 5000, "broadcast");
    a.doc.getMap("notes").set("n2", "client idea");
    await until(() => covered(a.doc, a.durable()), 5000, "durable");
    expect(await server.collab.compact(doc)).toBeGreaterThanOrEqual(2);
    const loaded = await store.load(doc);
    expect(loaded.logCount).toBe(0);
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.mergeUpdates(loaded.updates));
    expect(check.getMap("notes").toJSON()).toEqual({ n1: "approved idea", n2: "client idea" });

    // Erasing deletes the snapshot and the log, on this store too; other documents stay.
    a.doc.getMap("notes").set("n3", "after compaction");
    await until(() => covered(a.doc, a.durable()), 5000, "durable again");
    expect((await store.load(doc)).logCount).toBe(1);
    await server.collab.erase(doc);
    expect((await store.load(doc)).updates).toEqual([]);
    expect((await store.load("locality:loc1:doc:never")).updates).toEqual([]);
  });

  it("closes a connection that sends garbage, without touching the document or others", async () => {
    const doc = "locality:loc1:doc:garbage";
    const good = open(doc, await token(doc));
    await until(() => good.provider.synced, 5000, "sync");
    good.doc.getText("t").insert(0, "safe");
    await until(() => covered(good.doc, good.durable()), 5000, "durable");
    const frames = [
      Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]), // update whose length is 2^32
      Buffer.from([0, 9]), // unknown sync step
      Buffer.from([77]), // unknown message type
      Buffer.from([0, 2, 3, 1, 2, 3]), // an update that is not a Yjs update
      Buffer.from([1, 5, 1, 1, 1, 1, 0xc3]), // awareness with invalid UTF-8
    ];
    for (const frame of frames) {
      const ws = new WebSocket(`${server.url}/${doc}?token=${await token(doc)}`);
      await new Promise((r) => ws.on("open", r));
      ws.send(frame);
      const code = await new Promise<number>((resolve) => ws.on("close", (c) => resolve(c)));
      expect(code, frame.toString("hex")).toBe(CLOSE.badMessage);
    }
    good.doc.getText("t").insert(4, "!");
    await until(() => covered(good.doc, good.durable()), 5000, "still working");
    expect(textOf(good)).toBe("safe!");
  });

  it("closes oversize frames and documents, leaving the document as it was", async () => {
    const small = await startCollab({ store, limits: { maxFrameBytes: 64 * 1024, maxDocumentBytes: 200 * 1024 } });
    try {
      const doc = "locality:loc1:doc:limits";
      const c = connect(small.url, doc, await token(doc));
      clients.push(c);
      await until(() => c.provider.synced, 5000, "sync");
      c.doc.getText("t").insert(0, "x".repeat(100 * 1024)); // one frame over 64 KiB
      await until(() => c.closes.length > 0, 5000, "frame limit");
      expect(c.closes[0]!.code).toBe(1009);
      c.provider.destroy();
      const d = connect(small.url, doc, await token(doc));
      clients.push(d);
      await until(() => d.provider.synced, 5000, "sync");
      expect(textOf(d)).toBe("");
      for (let i = 0; i < 5; i++) d.doc.getText("t").insert(0, "y".repeat(50 * 1024));
      await until(() => d.closes.some((e) => e.code === CLOSE.documentTooLarge), 5000, "document limit");
      const stored = await store.load(doc);
      expect(stored.storedBytes).toBeLessThanOrEqual(200 * 1024);
    } finally {
      await small.stop();
    }
  });
});
