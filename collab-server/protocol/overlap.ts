// Updates that repeat clocks the document already has. Each integrates on its own (so the static
// check, validate.ts, lets it through); against the stored document it does not integrate the
// same way for everyone. Two checks, for the room's gate (collab-server/rules/update-gate.ts):
//   overlapProblem — refuse an item that goes on past the stored clocks where Yjs would not put it
//                    (over a GC: every client throws; in another type: the clients disagree);
//   newPart        — keep (check, store, send) only the clocks the document does not have, so the
//                    stored log, merged on load, is the document the clients have.
import * as Y from "yjs";

type Place = { type: Y.AbstractType<unknown> | string; sub: string | null };

/**
 * Why an update would not integrate the same way in every client, or null: it holds an item
 * that starts at a clock the document already has and goes on past it (it overlaps what is
 * stored), and its continuation would not sit where Yjs puts it.
 *
 * Yjs integrates such an item from the first new clock on, to the right of the same client's
 * struct just before it (`Item.integrate`, `offset > 0`), but keeps the parent the item names
 * itself. A client that sends an update of its own never does this (an item's clocks all have
 * one parent), so the two agree; a hostile update need not:
 *   - the struct before it is a GC (its type was deleted and collected), the item's own parent
 *     is alive: Yjs reads `left.right` of the GC (undefined) and throws `Cannot read properties
 *     of undefined (reading 'origin')`, in the server and in every client the update reaches;
 *   - the struct before it is an item in another type (or another key of a map): the new part is
 *     linked into that type's list but counted in, and shown by, the type it names — and a client
 *     that loads the stored document later puts it after that struct, in that struct's type. The
 *     clients disagree about the document, and a rule checked on the named type is bypassed.
 * Both are refused; an overlap that continues the struct before it in its own type is what
 * Yjs expects (e.g. a client re-sending changes the server has from elsewhere) and passes.
 *
 * `doc` is the document as it will be once everything accepted so far is stored. Cheap: one
 * decode of the update and a lookup per overlapping item (rare).
 */
export function overlapProblem(doc: Y.Doc, update: Uint8Array): string | null {
  let structs: ReturnType<typeof Y.decodeUpdate>["structs"];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return "malformed update";
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    const state = Y.getState(doc.store, client);
    // New (or after a gap: it waits, and the gate refuses that), or all of it there already (skipped).
    if (clock >= state || clock + struct.length <= state) continue;
    const place = placeOf(doc, struct);
    if (place === null) continue; // Yjs stores it as a GC everywhere: nothing is placed
    if (place === "unknown") return "the update overlaps stored changes and depends on what the server does not have";
    const before = structAt(doc, client, state - 1);
    if (!(before instanceof Y.Item)) return "the update overlaps stored changes whose type was deleted";
    const type = typeof place.type === "string" ? doc.share.get(place.type) : place.type;
    if (before.parent !== type || before.parentSub !== place.sub) return "the update overlaps stored changes in another place";
  }
  return null;
}

function structAt(doc: Y.Doc, client: number, clock: number): Y.Item | Y.GC | undefined {
  if (clock < 0 || clock >= Y.getState(doc.store, client)) return undefined;
  try {
    return Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC;
  } catch {
    return undefined;
  }
}

/**
 * Where Yjs would put an item of an update (as `Item.getMissing` decides, from the document):
 * its type and map key; null when it would become a GC; "unknown" when it refers to structs the
 * document does not have (an overlapping item always refers to stored ones: its start is stored).
 */
function placeOf(doc: Y.Doc, item: Y.Item): Place | null | "unknown" {
  const left = item.origin ? structAt(doc, item.origin.client, item.origin.clock) : null;
  const right = item.rightOrigin ? structAt(doc, item.rightOrigin.client, item.rightOrigin.clock) : null;
  if (left === undefined || right === undefined) return "unknown";
  if (left instanceof Y.GC || right instanceof Y.GC) return null;
  const parent = item.parent as unknown;
  if (!parent) {
    const neighbour = left ?? right;
    return neighbour ? { type: neighbour.parent as Y.AbstractType<unknown>, sub: neighbour.parentSub } : null;
  }
  if (typeof parent === "string") return { type: parent, sub: item.parentSub };
  if (parent instanceof Y.ID) {
    const owner = structAt(doc, parent.client, parent.clock);
    if (owner === undefined) return "unknown";
    if (!(owner instanceof Y.Item) || !(owner.content instanceof Y.ContentType)) return null;
    return { type: owner.content.type as Y.AbstractType<unknown>, sub: item.parentSub };
  }
  return "unknown";
}

/**
 * The part of an update the document does not have yet: every struct cut to the clocks past the
 * document's state vector (deletions kept whole). An update that repeats stored clocks with
 * other content (a hostile one; an honest client repeats them only with the same content) would
 * otherwise be stored as it came: clients that have the document skip the repeated clocks, but a
 * log that holds both versions of a clock is merged on load keeping one or the other, so the
 * document loaded from the store (after a restart, a compaction) is not the one the clients
 * have. Stored and sent trimmed, every copy integrates the same structs in the same place.
 * Throws on an update that does not decode.
 */
export function newPart(doc: Y.Doc, update: Uint8Array): Uint8Array {
  const { from } = Y.parseUpdateMeta(update);
  for (const [client, clock] of from) if (clock < Y.getState(doc.store, client)) return Y.diffUpdate(update, Y.encodeStateVector(doc));
  return update;
}
