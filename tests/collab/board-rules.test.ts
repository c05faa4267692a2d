// A board everyone can trust: hand-made y-websocket clients, each with a real token for one
// person, try every change the board's rules (app/collab/board-rules.ts) forbid. Each is refused
// whole (4403, nothing stored, nothing broadcast), an observer never sees it even briefly, and
// the allowed changes around it land exactly. On SQLite and PostgreSQL, and across two
// instances sharing rooms through Redis.
import crypto from "node:crypto";
import * as Y from "yjs";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { createStore } from "../../collab-server/persistence/create-store";
import type { CollabStore } from "../../collab-server/persistence/store";
import { resolveDatabaseTarget } from "~/config/database-url.server";
import { issueCollabToken } from "~/auth/collab-token.server";
import { CLOSE } from "~/collab/protocol";
import {
  addCluster,
  addNote,
  ballotOf,
  getNote,
  listNotes,
  openVoting,
  placeDot,
  removeDot,
  removeNote,
  setNoteText,
  closeVoting,
  moveNotes,
} from "~/collab/board";
import { connect, SECRET, startCollab, until, type Client } from "./harness";
import { TEST_REDIS_URL, redisAvailable } from "../setup/redis";

type Person = { userId: string; name: string; facilitate?: boolean };
const AMIRA: Person = { userId: "fac-amira", name: "Amira (facilitator)", facilitate: true };
const KAREN: Person = { userId: "mem-karen", name: "Karen" };
const LAYLA: Person = { userId: "mem-layla", name: "Layla" };

const REDIS_URL = TEST_REDIS_URL;
const hasRedis = await redisAvailable("the two-instance board rules test is");

/** Every change a client makes, as one update, without the provider (a hand-made client). */
function changeOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const record = (u: Uint8Array) => updates.push(u);
  doc.on("update", record);
  doc.transact(() => change(doc));
  doc.off("update", record);
  return Y.mergeUpdates(updates);
}

describe.each(await providers())("board rules on %s", (provider) => {
  let db: TestDatabase;
  let store: CollabStore;
  let server: Awaited<ReturnType<typeof startCollab>>;
  const clients: Client[] = [];
  let counter = 0;
  const newBoard = () => `locality:loc1:board:rules${++counter}`;

  async function join(doc: string, who: Person, url = server.url): Promise<Client> {
    const t = await issueCollabToken(SECRET, { userId: who.userId, name: who.name, doc, access: "read-write", facilitate: who.facilitate === true });
    const client = connect(url, doc, t);
    clients.push(client);
    await until(() => client.provider.synced, 5000, `${who.name} synced`);
    return client;
  }
  /** The document as stored (a fresh load from the database). */
  async function stored(doc: string): Promise<Y.Doc> {
    const loaded = await store.load(doc);
    const check = new Y.Doc();
    if (loaded.updates.length) Y.applyUpdate(check, Y.mergeUpdates(loaded.updates));
    return check;
  }
  const refused = (c: Client) => until(() => c.closes.some((x) => x.code === CLOSE.forbiddenChange), 5000, "a 4403 close");
  /** Makes a change as a hand-made client would, and expects it refused whole. */
  async function tryForbidden(c: Client, change: (doc: Y.Doc) => void): Promise<string> {
    c.provider.shouldConnect = false; // the refused client does not come back with its bad copy
    change(c.doc);
    await refused(c);
    return c.closes.find((x) => x.code === CLOSE.forbiddenChange)!.reason;
  }
  /** A client that records, after every update it receives, whether the forbidden thing is visible. */
  function watch(c: Client, forbidden: (doc: Y.Doc) => boolean): { seen: () => boolean } {
    let seen = false;
    c.doc.on("update", () => {
      if (forbidden(c.doc)) seen = true;
    });
    return { seen: () => seen || forbidden(c.doc) };
  }

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

  it("a member changes and removes only their own notes; nobody sees another's attempt", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    addNote(karen.doc, { id: "k1", text: "Stay and play on Saturdays", authorId: KAREN.userId, authorName: KAREN.name });
    const layla = await join(doc, LAYLA);
    const observer = await join(doc, AMIRA);
    await until(() => getNote(layla.doc, "k1") !== null && getNote(observer.doc, "k1") !== null, 5000, "note reaches everyone");
    const spy = watch(observer, (d) => getNote(d, "k1")?.text !== "Stay and play on Saturdays");

    expect(await tryForbidden(layla, (d) => setNoteText(d, "k1", "Layla's words instead"))).toMatch(/only your own notes/);
    const again = await join(doc, LAYLA);
    expect(await tryForbidden(again, (d) => removeNote(d, "k1"))).toMatch(/only your own notes/);
    await new Promise((r) => setTimeout(r, 200));
    expect(spy.seen()).toBe(false);
    expect(getNote(await stored(doc), "k1")?.text).toBe("Stay and play on Saturdays");

    // Her own note she may change and remove; anyone may move anyone's.
    const layla2 = await join(doc, LAYLA);
    addNote(layla2.doc, { id: "l1", text: "Interpreters at the drop-in", authorId: LAYLA.userId, authorName: LAYLA.name });
    setNoteText(layla2.doc, "l1", "Arabic interpreters at the drop-in");
    moveNotes(layla2.doc, [{ id: "k1", x: 400, y: 300 }]);
    await until(
      () => getNote(observer.doc, "l1")?.text === "Arabic interpreters at the drop-in" && getNote(observer.doc, "k1")?.x === 400,
      5000,
      "allowed changes land",
    );
    removeNote(layla2.doc, "l1");
    await until(() => getNote(observer.doc, "l1") === null, 5000, "her own note removed");
    expect(layla2.closes).toEqual([]);
  });

  it("a note is added only as oneself: a forged author or a link is refused, for facilitators too", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    expect(
      await tryForbidden(karen, (d) => addNote(d, { id: "f1", text: "Signed by the facilitator", authorId: AMIRA.userId, authorName: AMIRA.name })),
    ).toMatch(/must be yours/);
    const karen2 = await join(doc, KAREN);
    expect(await tryForbidden(karen2, (d) => addNote(d, { id: "f2", text: "My id, her name", authorId: KAREN.userId, authorName: AMIRA.name }))).toMatch(
      /must be yours/,
    );
    const amira = await join(doc, AMIRA);
    expect(
      await tryForbidden(amira, (d) =>
        addNote(d, { id: "f3", text: "Looks like a phone idea", authorId: null, authorName: null, link: { type: "idea", id: "x" } }),
      ),
    ).toMatch(/must be yours/);
    const check = await stored(doc);
    expect(listNotes(check)).toEqual([]);
  });

  it("a facilitator edits and removes any member's note but never an approved phone idea's text; its author never changes", async () => {
    const doc = newBoard();
    // An approved phone idea, placed by the server as moderation does.
    await server.collab.applyServerChange(doc, (d) =>
      addNote(d, { id: "idea-1", text: "A walking bus", authorId: null, authorName: null, colour: "green", link: { type: "idea", id: "i1" } }),
    );
    const karen = await join(doc, KAREN);
    addNote(karen.doc, { id: "k1", text: "A toy library", authorId: KAREN.userId, authorName: KAREN.name });
    const amira = await join(doc, AMIRA);
    await until(() => getNote(amira.doc, "k1") !== null && getNote(amira.doc, "idea-1") !== null, 5000, "notes reach the facilitator");
    setNoteText(amira.doc, "k1", "A toy library at the children's centre");
    await until(() => getNote(karen.doc, "k1")?.text === "A toy library at the children's centre", 5000, "facilitator's edit lands");
    moveNotes(amira.doc, [{ id: "idea-1", x: 80, y: 80 }]);
    await until(() => getNote(karen.doc, "idea-1")?.x === 80, 5000, "the phone idea may be moved");
    expect(await tryForbidden(amira, (d) => setNoteText(d, "idea-1", "Rewritten after moderation"))).toMatch(/only your own notes/);
    const amira2 = await join(doc, AMIRA);
    expect(await tryForbidden(amira2, (d) => d.getMap<Y.Map<unknown>>("notes").get("k1")!.set("authorName", "Someone else"))).toMatch(/never change/);
    const amira3 = await join(doc, AMIRA);
    expect(await tryForbidden(amira3, (d) => removeNote(d, "idea-1"))).toMatch(/only your own notes/);
    const check = await stored(doc);
    expect(getNote(check, "idea-1")?.text).toBe("A walking bus");
    expect(getNote(check, "k1")?.authorName).toBe(KAREN.name);
  });

  it("dots: one's own, within the budget, while voting is open; never another's, never a made-up voter's", async () => {
    const doc = newBoard();
    const amira = await join(doc, AMIRA);
    addNote(amira.doc, { id: "n1", text: "Coffee mornings", authorId: AMIRA.userId, authorName: AMIRA.name });
    addNote(amira.doc, { id: "n2", text: "A WhatsApp group", authorId: AMIRA.userId, authorName: AMIRA.name });
    const karen = await join(doc, KAREN);
    const layla = await join(doc, LAYLA);
    await until(() => getNote(karen.doc, "n2") !== null && getNote(layla.doc, "n2") !== null, 5000, "notes reach members");

    // Voting closed: even one's own dot is refused.
    expect(
      await tryForbidden(karen, (d) => {
        const ballot = new Y.Map<number>();
        d.getMap<Y.Map<number>>("votes").set(KAREN.userId, ballot);
        ballot.set("n1", 1);
      }),
    ).toMatch(/while voting is open/);
    openVoting(amira.doc, 3, false);
    const karen2 = await join(doc, KAREN);
    await until(() => karen2.doc.getMap("settings").get("voting") !== undefined, 5000, "voting open reaches Karen");
    for (let i = 0; i < 3; i++) expect(placeDot(karen2.doc, KAREN.userId, i === 2 ? "n2" : "n1")).toBe(true);
    expect(placeDot(layla.doc, LAYLA.userId, "n2")).toBe(true);
    await until(() => ballotOf(amira.doc, KAREN.userId).get("n1") === 2 && ballotOf(amira.doc, LAYLA.userId).get("n2") === 1, 5000, "dots land");

    // 50 dots when the budget is 3 (written straight into the ballot, as a hand-made client would).
    expect(await tryForbidden(karen2, (d) => (d.getMap("votes").get(KAREN.userId) as Y.Map<number>).set("n1", 50))).toMatch(/at most 3 dots/);
    const karen3 = await join(doc, KAREN);
    expect(await tryForbidden(karen3, (d) => removeDot(d, LAYLA.userId, "n2"))).toMatch(/only your own dots/);
    const karen4 = await join(doc, KAREN);
    // A ballot for a made-up voter, even an empty one.
    expect(await tryForbidden(karen4, (d) => d.getMap<Y.Map<number>>("votes").set("ghost-voter", new Y.Map()))).toMatch(/only your own dots/);
    // A dot on a note that is not there.
    const layla2 = await join(doc, LAYLA);
    expect(await tryForbidden(layla2, (d) => (d.getMap("votes").get(LAYLA.userId) as Y.Map<number>).set("no-such-note", 1))).toMatch(/note that is there/);

    // Closing the vote: members' dots stay as they are; the facilitator may clear anyone's.
    closeVoting(amira.doc);
    const karen5 = await join(doc, KAREN);
    await until(() => (karen5.doc.getMap("settings").get("voting") as { open?: boolean } | undefined)?.open === false, 5000, "vote closed");
    expect(await tryForbidden(karen5, (d) => removeDot(d, KAREN.userId, "n1") || (d.getMap("votes").get(KAREN.userId) as Y.Map<number>).delete("n1"))).toMatch(
      /while voting is open/,
    );
    const check = await stored(doc);
    expect(Object.fromEntries(ballotOf(check, KAREN.userId))).toEqual({ n1: 2, n2: 1 });
    expect(Object.fromEntries(ballotOf(check, LAYLA.userId))).toEqual({ n2: 1 });
    expect(check.getMap("votes").has("ghost-voter")).toBe(false);
  });

  it("removing one's own note takes everyone's dots on it with it", async () => {
    const doc = newBoard();
    const amira = await join(doc, AMIRA);
    openVoting(amira.doc, 3, false);
    const karen = await join(doc, KAREN);
    addNote(karen.doc, { id: "k1", text: "Mine", authorId: KAREN.userId, authorName: KAREN.name });
    const layla = await join(doc, LAYLA);
    await until(() => getNote(layla.doc, "k1") !== null && layla.doc.getMap("settings").get("voting") !== undefined, 5000, "sync");
    placeDot(layla.doc, LAYLA.userId, "k1");
    await until(() => ballotOf(karen.doc, LAYLA.userId).get("k1") === 1, 5000, "Layla's dot reaches Karen");
    removeNote(karen.doc, "k1");
    await until(() => getNote(layla.doc, "k1") === null, 5000, "note removed");
    expect(karen.closes).toEqual([]);
    expect(ballotOf(await stored(doc), LAYLA.userId).size).toBe(0);
  });

  it("settings are the facilitator's; the lock and silent brainstorming are the server's; unknown parts nobody's", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    expect(await tryForbidden(karen, (d) => d.getMap("settings").set("hideAuthors", true))).toMatch(/only facilitators/);
    const amira = await join(doc, AMIRA);
    amira.doc.getMap("settings").set("hideAuthors", true);
    await until(
      () => karen.doc.getMap("settings").get("hideAuthors") === true || clients.some((c) => c.doc.getMap("settings").get("hideAuthors") === true),
      5000,
      "setting lands",
    );
    expect(await tryForbidden(amira, (d) => d.getMap("settings").set("silent", false))).toMatch(/only facilitators/);
    const amira2 = await join(doc, AMIRA);
    expect(await tryForbidden(amira2, (d) => d.getMap("settings").set("locked", false))).toMatch(/only facilitators/);
    const amira3 = await join(doc, AMIRA);
    expect(await tryForbidden(amira3, (d) => d.getText("graffiti").insert(0, "hello"))).toMatch(/not yours to change/);
    const amira4 = await join(doc, AMIRA);
    expect(await tryForbidden(amira4, (d) => d.getMap("drafts").set("someone", 9))).toMatch(/not yours to change/);
    const check = await stored(doc);
    expect(check.getMap("settings").get("hideAuthors")).toBe(true);
    expect(check.share.has("graffiti") && check.getText("graffiti").length > 0).toBe(false);
  });

  it("clusters are everyone's: create, rename, move, remove", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    const layla = await join(doc, LAYLA);
    addCluster(karen.doc, { id: "c1", name: "Places" });
    await until(() => layla.doc.getMap("clusters").has("c1"), 5000, "cluster reaches Layla");
    (layla.doc.getMap("clusters").get("c1") as Y.Map<unknown>).set("x", 300);
    layla.doc.getMap("clusters").delete("c1");
    await until(() => !karen.doc.getMap("clusters").has("c1"), 5000, "removed");
    expect([...karen.closes, ...layla.closes]).toEqual([]);
  });

  it("a burst of allowed and forbidden changes: the document ends exactly as the allowed ones make it", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    addNote(karen.doc, { id: "k1", text: "Karen's", authorId: KAREN.userId, authorName: KAREN.name });
    const observer = await join(doc, AMIRA);
    await until(() => getNote(observer.doc, "k1") !== null, 5000, "sync");
    const spy = watch(observer, (d) => listNotes(d).some((n) => n.text.includes("FORBIDDEN")));
    // Hand-made: a raw socket that sends prepared updates one after another, allowed ones first.
    const layla = await join(doc, LAYLA);
    layla.provider.shouldConnect = false;
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(layla.doc));
    const allowed: Uint8Array[] = [];
    for (let i = 0; i < 5; i++)
      allowed.push(changeOf(scratch, (d) => addNote(d, { id: `l${i}`, text: `Layla ${i}`, authorId: LAYLA.userId, authorName: LAYLA.name })));
    const forbidden = changeOf(scratch, (d) => setNoteText(d, "k1", "FORBIDDEN rewrite"));
    const after = changeOf(scratch, (d) => addNote(d, { id: "l-after", text: "sent after the forbidden one", authorId: LAYLA.userId, authorName: LAYLA.name }));
    for (const u of [...allowed, forbidden, after]) Y.applyUpdate(layla.doc, u);
    await refused(layla);
    await new Promise((r) => setTimeout(r, 300));
    expect(spy.seen()).toBe(false);
    const check = await stored(doc);
    const notes = listNotes(check);
    expect(notes.find((n) => n.id === "k1")?.text).toBe("Karen's");
    expect(notes.some((n) => n.text.includes("FORBIDDEN"))).toBe(false);
    // Nothing after the refusal either (the connection closed on it).
    expect(notes.some((n) => n.id === "l-after")).toBe(false);
  });

  it("a deletion set covering another person's text, a replay and an update with missing parts", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    const creation = changeOf(karen.doc, (d) => addNote(d, { id: "k1", text: "Karen's words", authorId: KAREN.userId, authorName: KAREN.name }));
    const layla = await join(doc, LAYLA);
    await until(() => getNote(layla.doc, "k1") !== null, 5000, "sync");

    // A replay of Karen's own creation from Layla's connection adds nothing: accepted, changes nothing.
    Y.applyUpdate(layla.doc, creation);
    await new Promise((r) => setTimeout(r, 200));
    expect(layla.closes).toEqual([]);

    // A delete-only update covering Karen's text (built from Layla's copy: Karen's client and clocks).
    const text = (layla.doc.getMap("notes").get("k1") as Y.Map<unknown>).get("text") as Y.Text;
    const ds = new Y.Doc();
    Y.applyUpdate(ds, Y.encodeStateAsUpdate(layla.doc));
    const deleteOnly = changeOf(ds, (d) => ((d.getMap("notes").get("k1") as Y.Map<unknown>).get("text") as Y.Text).delete(0, text.length));
    layla.provider.shouldConnect = false;
    Y.applyUpdate(layla.doc, deleteOnly);
    await refused(layla);

    // An update that builds on changes the server never got: held back, never stored or shown.
    const ghost = new Y.Doc();
    Y.applyUpdate(ghost, Y.encodeStateAsUpdate(karen.doc));
    changeOf(ghost, (d) => addNote(d, { id: "unsent", text: "never sent", authorId: KAREN.userId, authorName: KAREN.name }));
    const dependent = changeOf(ghost, (d) => setNoteText(d, "unsent", "depends on the unsent note"));
    const karen2 = await join(doc, KAREN);
    karen2.provider.ws?.send(syncUpdateFrame(dependent));
    await new Promise((r) => setTimeout(r, 300));
    expect(getNote(karen.doc, "unsent")).toBeNull();
    const check = await stored(doc);
    expect(getNote(check, "k1")?.text).toBe("Karen's words");
    expect(getNote(check, "unsent")).toBeNull();
  });

  it("presence carries the name and colour of the token, whatever the client says", async () => {
    const doc = newBoard();
    const karen = await join(doc, KAREN);
    const layla = await join(doc, LAYLA);
    karen.provider.awareness.setLocalStateField("user", { id: AMIRA.userId, name: "The facilitator", colour: "#000000" });
    const seen = () => layla.provider.awareness.getStates().get(karen.doc.clientID) as { user?: { id: string; name: string; colour: string } } | undefined;
    await until(() => seen()?.user !== undefined, 5000, "presence reaches Layla");
    expect(seen()!.user).toMatchObject({ id: KAREN.userId, name: KAREN.name });
    expect(seen()!.user!.colour).not.toBe("#000000");
  });

  it.skipIf(!hasRedis)("across two instances: a refused change on one never reaches the other; allowed ones do", async () => {
    const prefix = `coproduce-test:${process.pid}:${crypto.randomBytes(4).toString("hex")}:${provider}`;
    const storeB = createStore(resolveDatabaseTarget(db.url));
    const storeC = createStore(resolveDatabaseTarget(db.url));
    const a = await startCollab({ store: storeB, redis: { url: REDIS_URL, prefix } });
    const b = await startCollab({ store: storeC, redis: { url: REDIS_URL, prefix } });
    try {
      const doc = newBoard();
      const karen = await join(doc, KAREN, a.url);
      addNote(karen.doc, { id: "k1", text: "Karen's on A", authorId: KAREN.userId, authorName: KAREN.name });
      const observer = await join(doc, AMIRA, b.url);
      await until(() => getNote(observer.doc, "k1") !== null, 5000, "A's note reaches B");
      const spy = watch(observer, (d) => getNote(d, "k1")?.text !== "Karen's on A");
      const layla = await join(doc, LAYLA, b.url);
      expect(await tryForbidden(layla, (d) => setNoteText(d, "k1", "rewritten on B"))).toMatch(/only your own notes/);
      const laylaOnA = await join(doc, LAYLA, a.url);
      expect(await tryForbidden(laylaOnA, (d) => removeNote(d, "k1"))).toMatch(/only your own notes/);
      const layla2 = await join(doc, LAYLA, a.url);
      addNote(layla2.doc, { id: "l1", text: "Layla's on A", authorId: LAYLA.userId, authorName: LAYLA.name });
      await until(() => getNote(observer.doc, "l1") !== null, 5000, "allowed note crosses to B");
      expect(spy.seen()).toBe(false);
    } finally {
      for (const c of clients.splice(0)) c.provider.destroy();
      await a.stop();
      await b.stop();
      await storeB.close();
      await storeC.close();
    }
  });
});

/** A y-websocket sync "update" message (type 0, step 2) carrying an update, as a raw frame. */
function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const out = [0, 2];
  let n = update.length;
  const len: number[] = [];
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return new Uint8Array([...out, ...len, ...update]);
}
