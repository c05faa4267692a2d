import * as Y from "yjs";

/** Yjs client ids are unsigned 32-bit; clocks and lengths far beyond any real document are hostile. */
const MAX_CLIENT_ID = 2 ** 32 - 1;
const MAX_CLOCK = 2 ** 31;
/** JSON and embedded values nested deeper than this are refused (they overflow the stack later). */
export const MAX_JSON_DEPTH = 32;
/** Largest awareness state (presence: a name, a colour, a cursor). */
export const MAX_AWARENESS_STATE_BYTES = 16 * 1024;

/** Nesting depth of a JSON text, without recursion (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

function valueDepth(value: unknown, limit: number): number {
  // Iterative, so a hostile value cannot overflow the stack here.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (v && typeof v === "object" && !(v instanceof Uint8Array)) {
      for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return max;
}

function idOk(id: { client: number; clock: number } | null | undefined): boolean {
  return !id || (id.client >= 0 && id.client <= MAX_CLIENT_ID && id.clock >= 0 && id.clock <= MAX_CLOCK);
}

/**
 * Whether an update from a client may be stored: it decodes and applies on its own, its ids,
 * clocks and lengths are within sane bounds, and no embedded value is nested too deeply.
 * Anything else could be stored and then break the document for everyone.
 */
export function isAcceptableUpdate(update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  for (const struct of decoded.structs) {
    if (!idOk(struct.id) || struct.length < 0 || struct.id.clock + struct.length > MAX_CLOCK) return false;
    if (struct instanceof Y.Item) {
      if (!idOk(struct.origin) || !idOk(struct.rightOrigin)) return false;
      if (struct.parent instanceof Y.ID || (struct.parent && typeof struct.parent === "object" && "client" in struct.parent)) {
        if (!idOk(struct.parent as unknown as Y.ID)) return false;
      }
      const content = struct.content as unknown as { arr?: unknown[]; embed?: unknown; value?: unknown; opts?: unknown };
      for (const value of [content.arr, content.embed, content.value, content.opts]) {
        if (value !== undefined && valueDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return false;
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    if (client < 0 || client > MAX_CLIENT_ID) return false;
    for (const r of ranges) if (r.clock < 0 || r.len < 0 || r.clock + r.len > MAX_CLOCK) return false;
  }
  // A fixed guid: the default draws a uuid, which cost more than the whole check.
  const probe = new Y.Doc({ gc: false, guid: "probe" });
  try {
    Y.applyUpdate(probe, update);
    return true;
  } catch {
    return false;
  } finally {
    probe.destroy();
  }
}

/** Whether an awareness clock and state are acceptable. */
export function isAcceptableAwareness(clock: number, state: string): boolean {
  return clock <= MAX_CLOCK && state.length <= MAX_AWARENESS_STATE_BYTES && jsonDepth(state) <= MAX_JSON_DEPTH;
}
