import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { isAcceptableAwareness, isAcceptableUpdate, jsonDepth, MAX_JSON_DEPTH } from "../../collab-server/protocol/validate";

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

/** An update with one embed nested `depth` deep (found by the fuzz test: it broke loads for good). */
function deepEmbed(depth: number): Uint8Array {
  const e = encoding.createEncoder();
  for (const b of [1, 1, 1, 0, 5, 1, 1, 0x74]) encoding.writeUint8(e, b);
  encoding.writeVarString(e, "[".repeat(depth) + "]".repeat(depth));
  encoding.writeUint8(e, 0);
  return encoding.toUint8Array(e);
}

describe("update validation", () => {
  it("accepts ordinary updates", () => {
    const d = new Y.Doc();
    d.getText("t").insert(0, "ok");
    d.getMap("m").set("k", { a: [1, { b: "[[[[" }] });
    d.getText("t").delete(0, 1);
    expect(isAcceptableUpdate(Y.encodeStateAsUpdate(d))).toBe(true);
    expect(isAcceptableUpdate(deepEmbed(3))).toBe(true);
  });
  it("refuses updates found to poison documents", () => {
    expect(isAcceptableUpdate(hex("0001ffffffffffffff0f02ffffffffffffff0f80808080808080080801"))).toBe(false); // delete set of client 2^53-1
    expect(isAcceptableUpdate(deepEmbed(6000))).toBe(false);
    expect(isAcceptableUpdate(deepEmbed(MAX_JSON_DEPTH + 2))).toBe(false);
    expect(isAcceptableUpdate(hex("000206000105010000"))).toBe(false);
    expect(isAcceptableUpdate(new Uint8Array([1, 2, 3]))).toBe(false);
  });
  it("bounds awareness states", () => {
    expect(jsonDepth('{"user":{"name":"[[[["}}')).toBe(2);
    expect(isAcceptableAwareness(3, '{"user":{"name":"Amira"}}')).toBe(true);
    expect(isAcceptableAwareness(3, "[".repeat(6000) + "]".repeat(6000))).toBe(false);
    expect(isAcceptableAwareness(2 ** 53 - 1, "{}")).toBe(false);
    expect(isAcceptableAwareness(1, JSON.stringify({ x: "y".repeat(20_000) }))).toBe(false);
  });
});
