/**
 * The request a piece of server code is working for, without passing it down every call: the
 * web server runs each request inside `runWithRequestId`, and calls it makes on the way (e.g.
 * to a collaboration server's internal API) send the same id, so one id finds the request's
 * lines in every process's log.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The database work a request caused: how many queries and their summed duration (ms). */
export type DatabaseWork = { queries: number; ms: number };
type RequestContext = { requestId: string; memo?: Map<string, unknown>; db: DatabaseWork };
const holder = globalThis as unknown as { __coproduceRequestContext?: AsyncLocalStorage<RequestContext> };
// One store per process, shared by server.ts's modules and the Remix build's copy of this one.
holder.__coproduceRequestContext ??= new AsyncLocalStorage<RequestContext>();
const storage = holder.__coproduceRequestContext;

/** Runs `fn` as the request `requestId`; `db` (if given) is filled in as its queries finish. */
export function runWithRequestId<T>(requestId: string, fn: () => T, db: DatabaseWork = { queries: 0, ms: 0 }): T {
  return storage.run({ requestId, db }, fn);
}

/** Counts one finished database query against the request being served (none outside one). */
export function countQuery(ms: number): void {
  const db = storage.getStore()?.db;
  if (!db) return;
  db.queries++;
  db.ms += ms;
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
