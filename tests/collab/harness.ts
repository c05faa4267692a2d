import http from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { createCollabServer, type CollabServerOptions } from "../../collab-server/server";
import { serveInternalCollabHttp, servePublicCollabHttp } from "../../collab-server/http";
import { issueCollabToken, type CollabAccess } from "~/auth/collab-token.server";
import { MESSAGE } from "~/collab/protocol";
import { mergeDurable } from "~/collab/save-status";
import * as decoding from "lib0/decoding";

export const SECRET = "collab-test-secret-0123456789abcdef0123";

/** A collab server on an ephemeral loopback port. */
export async function startCollab(options: Omit<CollabServerOptions, "secret"> & { secret?: string }) {
  const collab = createCollabServer({ secret: SECRET, ...options });
  const server = http.createServer((req, res) => {
    // One port for the tests: the internal API as on the internal port, then what the public port serves.
    if (!serveInternalCollabHttp(collab, req, res, options.secret ?? SECRET) && !servePublicCollabHttp(collab, req, res)) res.writeHead(404).end();
  });
  collab.attach(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    collab,
    url: `ws://127.0.0.1:${port}/collab`,
    httpUrl: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function token(doc: string, access: CollabAccess = "read-write", ttl?: number, secret = SECRET) {
  return issueCollabToken(secret, { userId: "u1", name: "Tester", doc, access }, ttl);
}

export type Client = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  durable: () => ReadonlyMap<number, number> | null;
  /** The last durable-state message as received (a state vector). */
  lastDurable: () => Uint8Array | null;
  closes: Array<{ code: number; reason: string }>;
};

/** A real y-websocket client (the npm provider) that also records our durable-state message. */
export function connect(url: string, docName: string, tokenValue: string | null, opts: { doc?: Y.Doc } = {}): Client {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: tokenValue ? { token: tokenValue, durable: "1" } : { durable: "1" },
    disableBc: true,
    maxBackoffTime: 200,
  });
  // What the server said it stored: a full state vector on connect, then the entries each stored batch touched.
  let durable: Map<number, number> | null = null;
  let last: Uint8Array | null = null;
  provider.messageHandlers[MESSAGE.durable] = (_encoder, decoder: decoding.Decoder) => {
    durable ??= new Map();
    last = decoding.readVarUint8Array(decoder);
    mergeDurable(durable, last);
  };
  const closes: Array<{ code: number; reason: string }> = [];
  provider.on("connection-close", (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return { doc, provider, durable: () => durable, lastDurable: () => last, closes };
}

/** Whether this client's own changes are covered by the server's durable state vector. */
export function covered(doc: Y.Doc, durable: ReadonlyMap<number, number> | null): boolean {
  const own = Y.encodeStateVector(doc);
  const clock = Y.decodeStateVector(own).get(doc.clientID) ?? 0;
  if (clock === 0) return durable !== null;
  return durable !== null && (durable.get(doc.clientID) ?? 0) >= clock;
}

export async function until(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function textOf(client: Client, key = "t"): string {
  return client.doc.getText(key).toString();
}
