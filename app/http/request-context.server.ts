/**
 * The request a piece of server code is working for, without passing it down every call: the
 * web server runs each request inside `runWithRequestId`, and calls it makes on the way (e.g.
 * to a collaboration server's internal API) send the same id, so one id finds the request's
 * lines in every process's log.
 */
import { AsyncLocalStorage } from "node:async_hooks";

type RequestContext = { requestId: string; memo?: Map<string, unknown> };
const holder = globalThis as unknown as { __coproduceRequestContext?: AsyncLocalStorage<RequestContext> };
// One store per process, shared by server.ts's modules and the Remix build's copy of this one.
holder.__coproduceRequestContext ??= new AsyncLocalStorage<RequestContext>();
const storage = holder.__coproduceRequestContext;

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * `compute()` once per request served (inside `runWithRequestId`) for a key, e.g. the session
 * lookup that the root loader, the language detection and the route's loader all need. Outside
 * a request (tests, jobs) it simply computes. Only what cannot change during the request belongs
 * here: callers memoise reads of GET/HEAD requests only, never across an action.
 */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = storage.getStore();
  if (!store) return compute();
  store.memo ??= new Map();
  if (store.memo.has(key)) return store.memo.get(key) as T;
  const value = compute();
  store.memo.set(key, value);
  return value;
}
