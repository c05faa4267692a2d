import * as Y from "yjs";

export type SaveStatus = "connecting" | "offline" | "saving" | "saved";

/**
 * Whether everything in `doc` is covered by the server's durable state vector: the way
 * Liveblocks defines "synchronized". Only then may the interface say "Saved".
 */
export function isCovered(doc: Y.Doc, durableStateVector: Uint8Array | null): boolean {
  if (!durableStateVector) return false;
  const stored = Y.decodeStateVector(durableStateVector);
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
    if ((stored.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** The status to show, from the connection state and what the server has stored. */
export function saveStatus(state: { connected: boolean; everConnected: boolean; covered: boolean }): SaveStatus {
  if (state.covered) return "saved";
  if (state.connected) return "saving";
  return state.everConnected ? "offline" : "connecting";
}
