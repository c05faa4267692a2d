import * as Y from "yjs";

export type SaveStatus = "connecting" | "offline" | "saving" | "saved";

/** Whether every clock in `needed` is covered by what the server said it durably stored. */
export function isCovered(needed: ReadonlyMap<number, number>, durable: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of needed) {
    if ((durable.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/**
 * Folds one durable-state message into what is known to be stored. A message carries a state
 * vector: the whole document's when the client (re)connects, then only the entries of the
 * clients each stored batch touched. Stored state only grows, so entries merge by maximum.
 */
export function mergeDurable(known: Map<number, number>, message: Uint8Array): void {
  for (const [client, clock] of Y.decodeStateVector(message)) {
    if (clock > (known.get(client) ?? 0)) known.set(client, clock);
  }
}

/**
 * Tracks the changes made on this device (typed here, or restored from the offline cache):
 * everything not received from the server. "Saved" means all of them are covered by what
 * the server says it has durably stored — the way Liveblocks defines "synchronized".
 * Changes that came from the server are stored already, so they never count.
 */
export function trackLocalChanges(doc: Y.Doc, isFromServer: (origin: unknown) => boolean) {
  const local = new Map<number, number>();
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (isFromServer(origin)) return;
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (local.get(client) ?? 0)) local.set(client, clock);
    }
  };
  doc.on("update", onUpdate);
  return {
    local: local as ReadonlyMap<number, number>,
    covered: (durable: ReadonlyMap<number, number>) => isCovered(local, durable),
    stop: () => doc.off("update", onUpdate),
  };
}

/** The status to show, from the connection state and what the server has stored. */
export function saveStatus(state: { connected: boolean; everConnected: boolean; covered: boolean }): SaveStatus {
  if (state.covered && state.connected) return "saved";
  if (state.connected) return "saving";
  return state.everConnected ? "offline" : "connecting";
}
