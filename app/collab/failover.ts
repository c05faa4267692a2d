/**
 * Moving between collaboration servers (shared by the browser's connection and the app's
 * internal calls): a list of addresses, the one in use, and when to give it up for the next.
 */

/** The list starting at index `start` (wrapping around). */
export function rotate<T>(list: readonly T[], start: number): T[] {
  if (!list.length) return [];
  const at = ((start % list.length) + list.length) % list.length;
  return [...list.slice(at), ...list.slice(0, at)];
}

/**
 * Whether a closed socket means "this server is not there" (move to the next address) rather
 * than an answer from a working server (reconnect to the same one, or stop):
 * - it never opened (refused, unreachable, timed out while connecting), or
 * - it was open and dropped without a closing handshake (1006: the server died or the network
 *   broke), or the server said it is going away, is restarting or is overloaded (1001, 1012,
 *   1013) or failed (1011).
 * Our own closes (4001–4429: a bad or expired token, changed access, a refused change, too large,
 * too many messages) and a normal close (1000) are answers from a server that works.
 */
export function serverUnreachable(close: { opened: boolean; code: number | null }): boolean {
  if (!close.opened) return true;
  return close.code === null || close.code === 1006 || close.code === 1001 || close.code === 1011 || close.code === 1012 || close.code === 1013;
}

/**
 * The addresses to use after a new token: the new list, keeping the address in use when it is
 * still listed (a token refresh must not move a working connection).
 */
export function keepCurrent(list: readonly string[], current: string): { list: string[]; index: number } {
  const at = list.indexOf(current);
  return { list: [...list], index: at === -1 ? 0 : at };
}
