import * as Y from "yjs";

/**
 * Whether an update refers to changes `doc` does not have yet: it starts a client's changes past
 * where the document has them, its items sit next to (or inside) items that are neither in the
 * document nor in the update, or it deletes changes the document has not seen. Yjs would keep such
 * an update waiting ("pending") until the rest arrives. A reconnecting browser does this as a
 * matter of course: the edit it makes now reaches the server before its reply to the sync, which
 * carries the earlier edits the server lost or never got. The server holds such an update back
 * (stored nowhere, sent to nobody) until the rest arrives from the same connection, so that the
 * rules are only ever applied to changes that integrate whole.
 */
export function hasMissingDependencies(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const ranges = new Map<number, { start: number; end: number }>();
  for (const s of structs) {
    if (s instanceof Y.Skip) return true; // a gap inside the update itself
    const client = s.id.client;
    const range = ranges.get(client);
    const end = s.id.clock + s.length;
    if (!range) ranges.set(client, { start: s.id.clock, end });
    else {
      if (s.id.clock < range.start) range.start = s.id.clock;
      if (end > range.end) range.end = end;
    }
  }
  const known = (id: Y.ID | null): boolean => {
    if (!id) return true;
    if (id.clock < Y.getState(doc.store, id.client)) return true;
    const range = ranges.get(id.client);
    return range !== undefined && id.clock >= range.start && id.clock < range.end;
  };
  // A client's changes must continue where the document has them.
  for (const [client, range] of ranges) if (range.start > Y.getState(doc.store, client)) return true;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (!known(s.origin) || !known(s.rightOrigin)) return true;
    if (s.parent instanceof Y.ID && !known(s.parent)) return true;
  }
  for (const [client, deletes] of ds.clients) {
    const state = Y.getState(doc.store, client);
    const range = ranges.get(client);
    for (const { clock, len } of deletes) {
      const end = clock + len;
      if (end <= state) continue;
      const from = Math.max(clock, state);
      if (!range || from < range.start || end > range.end) return true;
    }
  }
  return false;
}
