import * as Y from "yjs";

/**
 * Whether applying `update` to `doc` would change nothing: every struct it carries is there
 * already and every deletion in it is applied already. A client joining a room answers the
 * server's sync step 1 with such an update (often empty); storing it would add a log row per
 * join and a broadcast to everyone for nothing.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const meta = Y.parseUpdateMeta(update);
  for (const [client, clock] of meta.to) {
    if (Y.getState(doc.store, client) < clock) return false;
  }
  const { ds } = Y.decodeUpdate(update);
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) return false;
    for (const { clock, len } of ranges) {
      if (clock + len > Y.getState(doc.store, client)) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        if (!structs[i]!.deleted) return false;
      }
    }
  }
  return true;
}

/**
 * The part of the document's state vector that concerns the clients an update carried: what
 * a durable-state message needs to tell its senders, instead of the whole vector (which grows
 * with everyone who ever edited the document).
 */
export function stateVectorFor(doc: Y.Doc, update: Uint8Array): Uint8Array {
  const entries = new Map<number, number>();
  for (const client of Y.parseUpdateMeta(update).to.keys()) entries.set(client, Y.getState(doc.store, client));
  return Y.encodeStateVector(entries);
}
