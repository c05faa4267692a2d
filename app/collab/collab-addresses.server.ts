/**
 * Which collaboration addresses a page is given: every configured one (COLLAB_PUBLIC_URL), the
 * list turned by one place per request so that new connections spread over the servers; the
 * browser starts with the first and moves to the next when it cannot reach it
 * (app/collab/failover.ts). Without COLLAB_PUBLIC_URL: this server's own /collab.
 */
import { rotate } from "./failover";

let turn = 0;

export function collabSocketUrls(configured: readonly string[] | undefined, requestUrl: URL): string[] {
  if (!configured?.length) return [`${requestUrl.protocol === "https:" ? "wss:" : "ws:"}//${requestUrl.host}/collab`];
  turn = (turn + 1) % configured.length;
  return rotate(configured, turn);
}
