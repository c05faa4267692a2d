/**
 * The wire protocol: y-websocket's message types plus our durable-state message, and the
 * close codes the server uses. Shared by the server and the browser.
 */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Ours: the state vector of everything the server has durably stored. */
  durable: 100,
} as const;

export const CLOSE = {
  /** Going away for a restart: reconnect (to another instance). */
  restart: 1012,
  loadFailed: 1011,
  tooBig: 1009,
  unauthorized: 4001,
  forbidden: 4003,
  tokenExpired: 4004,
  /** Access changed (a board locked, a member removed): fetch a new token and reconnect. */
  accessChanged: 4005,
  badMessage: 4400,
  /** A change to a part of the document this connection may not change (e.g. a board's settings). */
  forbiddenChange: 4403,
  documentTooLarge: 4413,
  rateLimited: 4429,
} as const;
