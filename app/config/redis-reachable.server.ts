/**
 * At start: when REDIS_URL is set, Redis must answer. A process that cannot reach it refuses to
 * start instead of silently keeping its own counts, live updates and signals — which would let
 * sign-in limits be got round and pages go stale on the other instances.
 */
import { Redis } from "ioredis";

/** The URL as it may be printed: without its password. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
}

/** Resolves when Redis at `url` answers a PING within `timeoutMs` (at once when `url` is unset); otherwise throws a message for the operator. */
export async function requireRedis(url: string | undefined, timeoutMs = 5000): Promise<void> {
  if (!url) return;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let cause: Error | undefined;
  client.on("error", (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = (cause ?? (error as Error)).message;
    throw new Error(
      `REDIS_URL is set but Redis at ${shown(url)} does not answer (${reason}). Start Redis, fix REDIS_URL, or unset it to run a single instance.`,
    );
  } finally {
    client.disconnect();
  }
}
