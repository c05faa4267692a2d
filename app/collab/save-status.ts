import * as Y from "yjs";

export type SaveStatus = "connecting" | "offline" | "saving" | "saved";

/** Whether every clock in `needed` is covered by the server's durable state vector. */
export function isCovered(needed: ReadonlyMap<number, number>, durableStateVector: Uint8Array | null): boolean {
  if (needed.size === 0) return true;
  if (!durableStateVector) return false;
  const stored = Y.decodeStateVector(durableStateVector);
  for (const [client, clock] of needed) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
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
    covered: (durable: Uint8Array | null) => isCovered(local, durable),
    stop: () => doc.off("update", onUpdate),
  };
}

/** The status to show, from the connection state and what the server has stored. */
export function saveStatus(state: { connected: boolean; everConnected: boolean; covered: boolean }): SaveStatus {
  if (state.covered && state.connected) return "saved";
  if (state.connected) return "saving";
  return state.everConnected ? "offline" : "connecting";
}
