import * as Y from "yjs";
import type { CollabBackend } from "./backend.server";
import { issueServiceToken, type ServiceOperation } from "~/auth/collab-token.server";
import { currentRequestId } from "~/http/request-context.server";

const TIMEOUT_MS = 10_000;

/**
 * The app's side of collab servers in other processes (COLLAB_INTERNAL_URL, one address or
 * several): the same operations as the in-process server, over their internal HTTP API with
 * one-minute service tokens. A server-side change is made on the stored state and sent as one
 * update, which the collab server stores before it broadcasts it — concurrent edits merge as
 * any Yjs edits do. Every collab server shares the database and Redis, so any of them will do:
 * when one cannot be reached (no answer at all) the next is tried, and the one that answered is
 * tried first next time. An answer, even a refusal (4xx) or a failure (5xx), is final: another
 * server would answer the same. Retrying after a timeout is safe: each operation can run twice
 * (applying a Yjs update twice changes nothing). The request being served travels as
 * `X-Request-Id`, so the collab server's log line carries it.
 */
export function createRemoteCollabBackend(options: { baseUrl: string | readonly string[]; secret: string; fetch?: typeof fetch }): CollabBackend {
  const bases = (typeof options.baseUrl === "string" ? [options.baseUrl] : [...options.baseUrl]).map((b) => b.replace(/\/+$/, ""));
  if (!bases.length) throw new Error("createRemoteCollabBackend: no collab server address");
  const doFetch = options.fetch ?? fetch;
  let preferred = 0;

  async function call(op: ServiceOperation, docName: string, init: { method: string; body?: Uint8Array }): Promise<Response> {
    const token = await issueServiceToken(options.secret, { doc: docName, op });
    const requestId = currentRequestId();
    const failures: string[] = [];
    for (let i = 0; i < bases.length; i++) {
      const at = (preferred + i) % bases.length;
      let response: Response;
      try {
        response = await doFetch(`${bases[at]}/collab/internal/${op}?doc=${encodeURIComponent(docName)}`, {
          method: init.method,
          body: init.body,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(requestId ? { "X-Request-Id": requestId } : {}),
            ...(init.body ? { "Content-Type": "application/octet-stream" } : {}),
          },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        failures.push(`${bases[at]}: ${(error as Error).message}`);
        continue;
      }
      preferred = at;
      if (!response.ok) throw new Error(`collab server ${op} ${docName}: ${response.status} ${await response.text()}`);
      return response;
    }
    throw new Error(`collab server ${op} ${docName}: no collab server could be reached (${failures.join("; ")})`);
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
