import * as Y from "yjs";
import type { CollabBackend } from "./backend.server";
import { issueServiceToken, type ServiceOperation } from "~/auth/collab-token.server";

const TIMEOUT_MS = 10_000;

/**
 * The app's side of a collab server in another process (COLLAB_INTERNAL_URL): the same three
 * operations as the in-process server, over its internal HTTP API with one-minute service
 * tokens. A server-side change is made on the stored state and sent as one update, which the
 * collab server stores before it broadcasts it — concurrent edits merge as any Yjs edits do.
 */
export function createRemoteCollabBackend(options: { baseUrl: string; secret: string; fetch?: typeof fetch }): CollabBackend {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;

  async function call(op: ServiceOperation, docName: string, init: { method: string; body?: Uint8Array }): Promise<Response> {
    const token = await issueServiceToken(options.secret, { doc: docName, op });
    const response = await doFetch(`${base}/collab/internal/${op}?doc=${encodeURIComponent(docName)}`, {
      method: init.method,
      body: init.body,
      headers: { Authorization: `Bearer ${token}`, ...(init.body ? { "Content-Type": "application/octet-stream" } : {}) },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`collab server ${op} ${docName}: ${response.status} ${await response.text()}`);
    return response;
  }

  async function readDocument(docName: string): Promise<Uint8Array> {
    return new Uint8Array(await (await call("read", docName, { method: "GET" })).arrayBuffer());
  }

  return {
    readDocument,
    async applyServerChange(docName, change) {
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, await readDocument(docName));
      const captured: Uint8Array[] = [];
      scratch.on("update", (u: Uint8Array) => captured.push(u));
      scratch.transact(() => change(scratch), "server");
      scratch.destroy();
      if (!captured.length) return;
      await call("update", docName, { method: "POST", body: Y.mergeUpdates(captured) });
    },
    async reauthorize(docName) {
      await call("reauthorize", docName, { method: "POST" });
    },
    async compact(docName) {
      const body = (await (await call("compact", docName, { method: "POST" })).json()) as { folded?: unknown };
      return typeof body.folded === "number" ? body.folded : 0;
    },
    async erase(docName) {
      await call("erase", docName, { method: "POST" });
    },
  };
}
