// Cost of validating one small client update: a probe Y.Doc per update (what collab-server does
// in isAcceptableUpdate / isWellFormedUpdate) versus decoding it. Usage: tsx tests/bench/repro/validate-cost.ts
import * as Y from "yjs";
const d = new Y.Doc();
let u: Uint8Array = new Uint8Array();
d.on("update", (x: Uint8Array) => (u = x));
const t = d.getText("t1");
t.insert(0, "00000000");
t.insert(8, "00000001");
function isWellFormedUpdate(update: Uint8Array): boolean {
  const probe = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(probe, update);
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}
const bench = (name: string, f: () => void) => {
  for (let i = 0; i < 2000; i++) f();
  const n = 20000,
    t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(`${name}: ${(((performance.now() - t0) / n) * 1000).toFixed(1)} µs per ${u.byteLength}-byte update`);
};
bench("isWellFormedUpdate (new Y.Doc + applyUpdate)", () => isWellFormedUpdate(u));
bench("Y.decodeUpdate (previous check)", () => Y.decodeUpdate(u));
bench("new Y.Doc() + destroy alone", () => new Y.Doc({ gc: false }).destroy());
bench("Y.parseUpdateMeta", () => Y.parseUpdateMeta(u));
