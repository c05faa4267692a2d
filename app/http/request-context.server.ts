/**
 * The request a piece of server code is working for, without passing it down every call: the
 * web server runs each request inside `runWithRequestId`, and calls it makes on the way (e.g.
 * to a collaboration server's internal API) send the same id, so one id finds the request's
 * lines in every process's log.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const holder = globalThis as unknown as { __coproduceRequestContext?: AsyncLocalStorage<{ requestId: string }> };
// One store per process, shared by server.ts's modules and the Remix build's copy of this one.
holder.__coproduceRequestContext ??= new AsyncLocalStorage<{ requestId: string }>();
const storage = holder.__coproduceRequestContext;

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
