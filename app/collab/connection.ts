import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import { CLOSE, MESSAGE } from "./protocol";
import { COLLAB_LIMITS } from "./limits";
import { saveStatus, trackLocalChanges, type SaveStatus } from "./save-status";

export type CollabToken = { token: string; url: string; access: "read-write" | "read-only" };

export type CollabConnection = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  readonly access: CollabToken["access"];
  readonly status: SaveStatus;
  onStatus(listener: (status: SaveStatus) => void): () => void;
  destroy(): void;
};

/**
 * Connects a Y.Doc to the collab server: fetches a token (and a fresh one before it expires
 * or when the server says it has), tracks the server's durable state, and reports
 * connecting / offline / saving / saved.
 */
export async function connectDocument(options: {
  docName: string;
  getToken: () => Promise<CollabToken>;
  doc?: Y.Doc;
  WebSocketPolyfill?: typeof WebSocket;
}): Promise<CollabConnection> {
  const doc = options.doc ?? new Y.Doc();
  let current = await options.getToken();
  const provider = new WebsocketProvider(current.url, options.docName, doc, {
    params: { token: current.token, durable: "1" },
    WebSocketPolyfill: options.WebSocketPolyfill,
    // Permanent refusals (bad message, too large, rate limited) stop; the rest reconnect.
    shouldReconnect: (event: CloseEvent) => event.code < 4400 || event.code > 4499,
  });
  let durable: Uint8Array | null = null;
  const changes = trackLocalChanges(doc, (origin) => origin === provider);
  let everConnected = false;
  let status: SaveStatus = "connecting";
  const listeners = new Set<(s: SaveStatus) => void>();

  const update = () => {
    const next = saveStatus({ connected: provider.wsconnected, everConnected, covered: changes.covered(durable) });
    if (next !== status) {
      status = next;
      for (const l of listeners) l(status);
    }
  };
  provider.messageHandlers[MESSAGE.durable] = (_encoder: unknown, decoder: decoding.Decoder) => {
    durable = decoding.readVarUint8Array(decoder);
    update();
  };
  provider.on("status", ({ status: s }: { status: string }) => {
    if (s === "connected") everConnected = true;
    update();
  });
  doc.on("update", update);

  const refresh = async () => {
    try {
      current = await options.getToken();
      provider.params = { token: current.token, durable: "1" };
    } catch {
      // Offline or signed out: the next close or timer tries again.
    }
  };
  // Refresh well before the ≤ 10-minute expiry; the server closes expired sockets with 4004.
  const timer = setInterval(refresh, (COLLAB_LIMITS.tokenSeconds * 1000 * 2) / 3);
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event && (event.code === CLOSE.tokenExpired || event.code === CLOSE.unauthorized)) void refresh();
    update();
  });

  return {
    doc,
    provider,
    get access() {
      return current.access;
    },
    get status() {
      return status;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      clearInterval(timer);
      changes.stop();
      doc.off("update", update);
      provider.destroy();
    },
  };
}

/** Warns before a tab with unsaved changes closes (browser only). */
export function warnBeforeUnload(connection: CollabConnection): () => void {
  const handler = (event: BeforeUnloadEvent) => {
    if (connection.status !== "saved") {
      event.preventDefault();
      event.returnValue = "";
    }
  };
  window.addEventListener("beforeunload", handler);
  return () => window.removeEventListener("beforeunload", handler);
}
