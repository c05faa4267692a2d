import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import { WebsocketProvider } from "y-websocket";
import { CLOSE, MESSAGE } from "./protocol";
import { COLLAB_LIMITS } from "./limits";
import { mergeDurable, saveStatus, trackLocalChanges, type SaveStatus } from "./save-status";
import { keepCurrent, serverUnreachable } from "./failover";

/** `urls`: every collaboration server's address, the one to try first first (`url` is that one). */
export type CollabToken = { token: string; url: string; urls?: string[]; access: "read-write" | "read-only" };

/** Refusals that reconnecting cannot fix: bad message, too large, rate limited. */
const PERMANENT = (code: number) => code >= 4400 && code <= 4499;
/** Closes that a new token fixes. */
const NEEDS_TOKEN = (code: number) => code === CLOSE.tokenExpired || code === CLOSE.unauthorized || code === CLOSE.accessChanged;
/** A socket still connecting after this long is given up (and the next server tried). */
const CONNECT_TIMEOUT_MS = 8_000;

/** Asks the app for a token for one document of a locality (`GET /l/<locality>/collab-token?doc=…`). */
export async function fetchCollabToken(localityId: string, docName: string): Promise<CollabToken> {
  const res = await fetch(`/l/${encodeURIComponent(localityId)}/collab-token?doc=${encodeURIComponent(docName)}`, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!res.ok) throw new Error(`collab token: ${res.status}`);
  return (await res.json()) as CollabToken;
}

export type CollabConnection = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  readonly access: CollabToken["access"];
  readonly status: SaveStatus;
  onStatus(listener: (status: SaveStatus) => void): () => void;
  /** The collaboration server's address in use now. */
  readonly serverUrl: string;
  /** The access changed on a new token (e.g. a facilitator locked the board: read-only now). */
  onAccessChange(listener: (access: CollabToken["access"]) => void): () => void;
  /**
   * The server refused a change of this device whole (close 4403: it breaks who-may-change-what,
   * app/collab/board-rules.ts) and stored none of it. The connection stays closed: the caller
   * drops its local copy (the refused change is in it, and would be sent again on every
   * reconnect) and connects a fresh document to read the true one.
   */
  onRefused(listener: (reason: string) => void): () => void;
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
  // Every collab server's address; the provider's `serverUrl` is the one in use.
  let addresses = keepCurrent(current.urls?.length ? current.urls : [current.url], "");
  const provider = new WebsocketProvider(addresses.list[addresses.index]!, options.docName, doc, {
    params: { token: current.token, durable: "1" },
    WebSocketPolyfill: options.WebSocketPolyfill,
    // Permanent refusals (bad message, too large, rate limited) stop; token trouble is handled
    // below (a new token first, then reconnect); the rest reconnect by themselves.
    shouldReconnect: (event: CloseEvent) => !PERMANENT(event.code) && !NEEDS_TOKEN(event.code),
  });
  const durable = new Map<number, number>();
  const changes = trackLocalChanges(doc, (origin) => origin === provider);
  let everConnected = false;
  let status: SaveStatus = "connecting";
  const listeners = new Set<(s: SaveStatus) => void>();
  const accessListeners = new Set<(a: CollabToken["access"]) => void>();
  const refusedListeners = new Set<(reason: string) => void>();
  let destroyed = false;

  const update = () => {
    const next = saveStatus({ connected: provider.wsconnected, everConnected, covered: changes.covered(durable) });
    if (next !== status) {
      status = next;
      for (const l of listeners) l(status);
    }
  };
  provider.messageHandlers[MESSAGE.durable] = (_encoder: unknown, decoder: decoding.Decoder) => {
    mergeDurable(durable, decoding.readVarUint8Array(decoder));
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
      addresses = keepCurrent(current.urls?.length ? current.urls : [current.url], provider.serverUrl);
      provider.serverUrl = addresses.list[addresses.index]!;
    } catch {
      // Offline or signed out: the next close or timer tries again.
    }
  };
  // Refresh well before the ≤ 10-minute expiry; the server closes expired sockets with 4004.
  const timer = setInterval(refresh, (COLLAB_LIMITS.tokenSeconds * 1000 * 2) / 3);
  provider.on("connection-close", (event: CloseEvent | null) => {
    // Failover: a server that cannot be reached (or died under us) is left for the next address
    // before the provider's backed-off reconnect. Whatever the old server had not stored is sent
    // again by the sync with the new one (it answers with what it lacks), and "saved" waits for
    // the new server's durable state, so nothing unacknowledged is lost on the way.
    if (addresses.list.length > 1 && serverUnreachable({ opened: provider.wsconnected, code: event ? event.code : null })) {
      addresses = { ...addresses, index: (addresses.index + 1) % addresses.list.length };
      provider.serverUrl = addresses.list[addresses.index]!;
    }
    update();
  });
  // A socket that neither opens nor fails (a server that does not answer) is closed after a
  // while, which counts as unreachable above.
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  provider.on("status", ({ status: s }: { status: string }) => {
    clearTimeout(connectTimer);
    if (s !== "connecting") return;
    const socket = provider.ws;
    connectTimer = setTimeout(() => {
      if (socket && provider.ws === socket && provider.wsconnecting) socket.close();
    }, CONNECT_TIMEOUT_MS);
  });
  // Expired, refused or changed access: fetch a new token, then reconnect (backing off, so a
  // revoked membership does not spin).
  let tokenRetries = 0;
  provider.on("sync", (synced: boolean) => {
    if (synced) tokenRetries = 0;
  });
  provider.on("closed", ({ code, reason }: { code: number; reason: string }) => {
    if (code === CLOSE.forbiddenChange) {
      for (const l of refusedListeners) l(reason);
      return;
    }
    if (!NEEDS_TOKEN(code)) return;
    const before = current.access;
    const wait = Math.min(2 ** tokenRetries++ * 250, 10_000);
    void refresh()
      .then(() => new Promise((r) => setTimeout(r, tokenRetries > 1 ? wait : 0)))
      .then(() => {
        if (current.access !== before) for (const l of accessListeners) l(current.access);
        if (!destroyed) provider.connect();
      });
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
    get serverUrl() {
      return provider.serverUrl;
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAccessChange(listener) {
      accessListeners.add(listener);
      return () => accessListeners.delete(listener);
    },
    onRefused(listener) {
      refusedListeners.add(listener);
      return () => refusedListeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      clearInterval(timer);
      clearTimeout(connectTimer);
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
