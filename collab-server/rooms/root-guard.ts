import * as Y from "yjs";

type DecodedStruct = ReturnType<typeof Y.decodeUpdate>["structs"][number];

/**
 * Whether an update would create, change or delete anything inside one of the document's
 * top-level types (e.g. a board's `settings`, which only facilitators may change).
 *
 * An item in an update names its parent only when it has no neighbour; otherwise its parent
 * is its origin's parent, which may be in the update or already in the document. Items whose
 * origin is in neither (the update is missing a dependency and would wait, unapplied) are not
 * counted: they change nothing until their dependency arrives through this same check.
 */
export function touchesRoot(doc: Y.Doc, update: Uint8Array, rootNames: ReadonlySet<string>): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const rootName = rootNamer(doc);
  const byClient = new Map<number, DecodedStruct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  const findInUpdate = (id: Y.ID): DecodedStruct | undefined =>
    byClient.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);

  /** The root a struct of the update lives under (null when unknown). */
  const rootOfUpdateStruct = (start: DecodedStruct): string | null => {
    let s: DecodedStruct | undefined = start;
    for (let hops = 0; s && hops < 10_000; hops++) {
      if (!(s instanceof Y.Item)) return null;
      if (typeof s.parent === "string") return s.parent;
      const next: Y.ID | null = s.parent instanceof Y.ID ? s.parent : (s.origin ?? s.rightOrigin);
      if (!next) return null;
      const inUpdate = findInUpdate(next);
      if (inUpdate) {
        // A parent named by id is a type item: the root is that item's root. An origin shares our parent.
        s = inUpdate;
        continue;
      }
      const stored = itemInDoc(doc, next);
      if (!stored) return null;
      // A stored parent (a type item) or origin (a sibling): either way, the same root.
      return rootOfItem(stored, rootName);
    }
    return null;
  };

  for (const s of structs) {
    const root = rootOfUpdateStruct(s);
    if (root !== null && rootNames.has(root)) return true;
  }
  for (const [client, ranges] of ds.clients) {
    const stored = doc.store.clients.get(client);
    if (!stored) continue;
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(doc.store, client)) continue;
      for (let i = Y.findIndexSS(stored, clock); i < stored.length && stored[i]!.id.clock < clock + len; i++) {
        const item = stored[i];
        if (item instanceof Y.Item && !item.deleted) {
          const root = rootOfItem(item, rootName);
          if (root !== null && rootNames.has(root)) return true;
        }
      }
    }
  }
  return false;
}

function itemInDoc(doc: Y.Doc, id: Y.ID): Y.Item | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const struct = Y.getItem(doc.store, id);
  return struct instanceof Y.Item ? struct : null;
}

/** The name of the top-level type an integrated item lives under. */
function rootOfItem(item: Y.Item, rootName: (type: Y.AbstractType<unknown>) => string | null): string | null {
  let type = item.parent as Y.AbstractType<unknown> | null;
  for (let hops = 0; type && hops < 10_000; hops++) {
    if (!type._item) return rootName(type);
    type = type._item.parent as Y.AbstractType<unknown> | null;
  }
  return null;
}

function rootNamer(doc: Y.Doc): (type: Y.AbstractType<unknown>) => string | null {
  let names: Map<Y.AbstractType<unknown>, string> | null = null;
  return (type) => {
    names ??= new Map([...doc.share.entries()].map(([name, t]) => [t as Y.AbstractType<unknown>, name]));
    return names.get(type) ?? null;
  };
}
