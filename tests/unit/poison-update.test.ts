// Poison updates: updates each of which integrates on its own (so the server's static check,
// isAcceptableUpdate, lets it through) but that overlap clocks the document already has, which
// Yjs integrates from the first new clock on, to the right of the same client's previous struct,
// while keeping the parent the item names itself (Item.integrate with offset > 0). Found by the
// collab fuzz (`npm run fuzz:collab`, seed 424242): a good y-websocket client logged "Caught error
// while handling a Yjs update TypeError: Cannot read properties of undefined (reading 'origin')".
// The check: collab-server/protocol/overlap.ts.
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { isAcceptableUpdate } from "../../collab-server/protocol/validate";
import { newPart, overlapProblem } from "../../collab-server/protocol/overlap";
import { UpdateGate, WAIT } from "../../collab-server/rules/update-gate";
import { addNote } from "../../app/collab/board";

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));
const person = { kind: "person", userId: "u", name: "U", facilitator: false } as const;

// Client 1000 (varint e8 07). A: one GC struct, 1000:0 (what a collected item of a deleted type is).
const GC_FIRST = hex("0101e807000001" + "00");
// B: 1000:0..1, the string "ab" in the root text "t" — over A's clock 0, and one past it.
const POISON = hex("0101e8070004010174026162" + "00");
// C: 1000:0..2 "abc" in the root "t"; D: 1000:0..5 "uvwxyz" in the root map "m" under key "k".
const IN_T = hex("0101e80700040101740361626300");
const ELSEWHERE = hex("0101e807002401016d016b0675767778797a00");

/** Everything a client shows of these roots. */
const view = (doc: Y.Doc) => ({ t: doc.getText("t").toString(), m: doc.getMap("m").toJSON() });

/** A room's gate over `stored` (as the collab server has one per room). */
const gateOver = (stored: Y.Doc, kind: "board" | null = null) => new UpdateGate(kind, { doc: stored, waiting: () => [] });

describe("the poison update (an item over a GC struct of its own client)", () => {
  it("decodes to one GC struct, then one item over it and past it", () => {
    const a = Y.decodeUpdate(GC_FIRST);
    expect(a.structs).toHaveLength(1);
    expect(a.structs[0]).toBeInstanceOf(Y.GC);
    expect([a.structs[0]!.id.client, a.structs[0]!.id.clock, a.structs[0]!.length]).toEqual([1000, 0, 1]);
    const b = Y.decodeUpdate(POISON);
    const item = b.structs[0] as Y.Item;
    expect(item).toBeInstanceOf(Y.Item);
    expect([item.id.client, item.id.clock, item.length, item.parent, item.origin, item.rightOrigin]).toEqual([1000, 0, 2, "t", null, null]);
    expect((item.content as Y.ContentString).str).toBe("ab");
  });

  it("passes the static check: each integrates on its own (which is why the server used to store and send both)", () => {
    expect(isAcceptableUpdate(GC_FIRST)).toBe(true);
    expect(isAcceptableUpdate(POISON)).toBe(true);
  });

  it("without the check: every client that has the first cannot integrate the second (the error the good client logged)", () => {
    const client = new Y.Doc();
    Y.applyUpdate(client, GC_FIRST);
    // Yjs starts the item at clock 1, with the GC at 1000:0 as its left neighbour, and reads
    // `left.right` of it: a GC has none.
    expect(() => Y.applyUpdate(client, POISON)).toThrow("Cannot read properties of undefined (reading 'origin')");

    // As it reaches a y-websocket client: y-protocols catches it and only logs it.
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const other = new Y.Doc();
      Y.applyUpdate(other, GC_FIRST);
      const e = encoding.createEncoder();
      syncProtocol.writeUpdate(e, POISON);
      const d = decoding.createDecoder(encoding.toUint8Array(e));
      decoding.readVarUint(d); // messageYjsUpdate: read by readUpdate, which is readSyncStep2
      syncProtocol.readSyncStep2(d, other, "server");
    } finally {
      spy.mockRestore();
    }
    expect(logged[0]?.[0]).toBe("Caught error while handling a Yjs update");
    expect(String((logged[0]?.[1] as Error | undefined)?.message)).toContain("reading 'origin'");

    // Whereas the stored rows load (merging them keeps the item, drops the GC): newcomers and
    // the clients that were there disagree about the document.
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, Y.mergeUpdates([GC_FIRST, POISON]));
    expect(newcomer.getText("t").toString()).toBe("ab");
  });

  it("is refused by the overlap check, and by the room's gate, once the first is stored", () => {
    const stored = new Y.Doc();
    Y.applyUpdate(stored, GC_FIRST);
    expect(overlapProblem(stored, POISON)).toMatch(/overlaps stored changes/);
    const gate = gateOver(stored);
    expect(gate.check(POISON, person)).toEqual({ refused: expect.stringMatching(/overlaps stored changes/) });
  });
});

describe("an item over stored clocks that names another place", () => {
  it("passes the static check and integrates without an error", () => {
    expect(isAcceptableUpdate(IN_T)).toBe(true);
    expect(isAcceptableUpdate(ELSEWHERE)).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, IN_T);
    expect(() => Y.applyUpdate(doc, ELSEWHERE)).not.toThrow();
  });

  it("without the check: the clients there, a newcomer and the stored document all differ", () => {
    const live = new Y.Doc();
    Y.applyUpdate(live, IN_T);
    Y.applyUpdate(live, ELSEWHERE);
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(live));
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.mergeUpdates([IN_T, ELSEWHERE]));
    // The rest ("xyz") is linked after "c" in the text, counted in (and shown under) the map key.
    expect(view(live)).toEqual({ t: "xyz", m: { k: "z" } });
    expect(view(newcomer)).not.toEqual(view(live));
    expect(view(reloaded)).toEqual({ t: "abcxyz", m: {} });
  });

  it("is refused by the overlap check", () => {
    const stored = new Y.Doc();
    Y.applyUpdate(stored, IN_T);
    expect(overlapProblem(stored, ELSEWHERE)).toMatch(/another place/);
  });

  it("on a board, would put a member's text into another member's note (the overlap check refuses it)", () => {
    // The good member typed into its note; its last change is the last character there.
    const good = new Y.Doc();
    good.clientID = 4242;
    addNote(good, { id: "theirs", text: "hello", authorId: "good", authorName: "Good" });
    (good.getMap<Y.Map<unknown>>("notes").get("theirs")!.get("text") as Y.Text).insert(5, "!");
    const mallory = new Y.Doc();
    mallory.clientID = 7777;
    Y.applyUpdate(mallory, Y.encodeStateAsUpdate(good));
    addNote(mallory, { id: "mine", text: "", authorId: "m", authorName: "M" });
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(mallory));
    // An item of the GOOD member's client over its last clock, naming Mallory's own note's text
    // (which Mallory may change) as its parent: Yjs links the rest after the good member's "!".
    const myText = (mallory.getMap<Y.Map<unknown>>("notes").get("mine")!.get("text") as Y.Text)._item!.id;
    const e = encoding.createEncoder();
    for (const n of [1, 1, 4242, Y.getState(stored.store, 4242) - 1]) encoding.writeVarUint(e, n);
    encoding.writeUint8(e, 4); // a string, no origins
    encoding.writeVarUint(e, 0); // parent by id
    encoding.writeVarUint(e, myText.client);
    encoding.writeVarUint(e, myText.clock);
    encoding.writeVarString(e, "~ INJECTED");
    encoding.writeVarUint(e, 0);
    const injection = encoding.toUint8Array(e);

    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(stored));
    Y.applyUpdate(live, injection);
    const noteText = (doc: Y.Doc, id: string) => String(doc.getMap<Y.Map<unknown>>("notes").get(id)!.get("text"));
    expect(noteText(live, "theirs")).toBe("hello! INJECTED");
    const newcomer = new Y.Doc();
    Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(live));
    expect(noteText(newcomer, "theirs")).toBe("hello! INJECTED");

    expect(overlapProblem(stored, injection)).toMatch(/another place/);
    expect(gateOver(stored, "board").check(injection, { ...person, userId: "m" })).toEqual({ refused: expect.stringMatching(/another place/) });
  });

  it("is refused by the room's gate of a rich-text document", () => {
    const stored = new Y.Doc();
    Y.applyUpdate(stored, IN_T);
    expect(gateOver(stored).check(ELSEWHERE, person)).toEqual({ refused: expect.stringMatching(/another place/) });
  });
});

describe("an update that repeats stored clocks with other content", () => {
  // A: 1000:0 "a" in "t"; B: 1000:1 "b" after it; C: 1000:0..1 "uv" in the map "m", key "k".
  const A = hex("0101e8070004010174016100");
  const B = hex("0101e8070184e80700016200");
  const C = hex("0101e807002401016d016b02757600");

  it("without trimming: the clients skip it, the stored log loads with it (the document changes on a restart)", () => {
    expect(isAcceptableUpdate(C)).toBe(true);
    const live = new Y.Doc();
    for (const u of [A, B, C]) Y.applyUpdate(live, u);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.mergeUpdates([A, B, C]));
    expect(live.getText("t").toString()).toBe("ab");
    expect(loaded.getText("t").toString()).toBe("av");
  });

  it("is not an overlap past the stored clocks (nothing new), and trims to nothing", () => {
    const stored = new Y.Doc();
    Y.applyUpdate(stored, A);
    Y.applyUpdate(stored, B);
    expect(overlapProblem(stored, C)).toBeNull();
    const part = newPart(stored, C);
    expect(Y.decodeUpdate(part).structs).toHaveLength(0);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.mergeUpdates([A, B, part]));
    expect(loaded.getText("t").toString()).toBe("ab");
  });

  it("trims an honest re-send to its new part, and leaves an update without stored clocks as it is", () => {
    const a = new Y.Doc();
    a.clientID = 79;
    a.getText("t").insert(0, "hello");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(a));
    a.getText("t").insert(5, " world");
    const whole = Y.encodeStateAsUpdate(a);
    const part = newPart(stored, whole);
    expect(part.length).toBeLessThan(whole.length);
    Y.applyUpdate(stored, part);
    expect(stored.getText("t").toString()).toBe("hello world");
    const other = new Y.Doc();
    other.getText("t").insert(0, "new");
    const update = Y.encodeStateAsUpdate(other);
    expect(newPart(stored, update)).toBe(update);
  });

  it("is cut by the room's gate to its new part, which is what is stored and sent", () => {
    const stored = new Y.Doc();
    Y.applyUpdate(stored, A);
    Y.applyUpdate(stored, B);
    const verdict = gateOver(stored).check(C, person);
    if (verdict === WAIT || !("accept" in verdict)) throw new Error(`expected accepted, got ${String(verdict)}`);
    expect(Y.decodeUpdate(verdict.accept).structs).toHaveLength(0);
    const fresh = hex("0101e8070284e80701016300"); // 1000:2 "c" after 1000:1: new, passed as it came
    const next = gateOver(stored).check(fresh, person);
    expect(next).toEqual({ accept: fresh });
  });
});

describe("overlaps a client sends as a matter of course", () => {
  it("pass: re-sending changes the server has, merged or whole", () => {
    const a = new Y.Doc();
    a.clientID = 77;
    const updates: Uint8Array[] = [];
    a.on("update", (u: Uint8Array) => updates.push(u));
    a.getText("t").insert(0, "hello");
    a.getText("t").insert(5, " world");
    const inner = new Y.Map<unknown>();
    a.getMap("m").set("k", inner);
    inner.set("x", "1");
    a.getText("t").delete(0, 2);
    const server = new Y.Doc();
    Y.applyUpdate(server, updates[0]!);
    expect(overlapProblem(server, Y.encodeStateAsUpdate(a))).toBeNull();
    expect(overlapProblem(server, Y.mergeUpdates(updates.slice(0, 2)))).toBeNull();
    expect(overlapProblem(server, updates[1]!)).toBeNull();
  });

  it("pass: an item over clocks whose type was deleted meanwhile (it is collected everywhere)", () => {
    const a = new Y.Doc();
    a.clientID = 78;
    const updates: Uint8Array[] = [];
    a.on("update", (u: Uint8Array) => updates.push(u));
    const inner = new Y.Text();
    a.getMap("m").set("k", inner);
    inner.insert(0, "abc");
    inner.insert(3, "def");
    // The server has the first part, then someone deletes the type (and it is collected).
    const server = new Y.Doc();
    Y.applyUpdate(server, updates[0]!);
    Y.applyUpdate(server, updates[1]!);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    const deletion: Uint8Array[] = [];
    other.on("update", (u: Uint8Array) => deletion.push(u));
    other.getMap("m").delete("k");
    Y.applyUpdate(server, deletion[0]!);
    // The client, not knowing, sends "abcdef" as one item over "abc".
    const whole = Y.encodeStateAsUpdate(a);
    expect(overlapProblem(server, whole)).toBeNull();
    expect(() => Y.applyUpdate(server, whole)).not.toThrow();
  });
});
