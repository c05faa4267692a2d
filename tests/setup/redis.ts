// Whether the Redis of the project machine answers, for the suites of the multi-instance paths.
// A newcomer without Redis gets those suites skipped with a visible message; under CI=true its
// absence is an error, never a skip.
import { Redis } from "ioredis";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** True when Redis answers a PING; otherwise warns that `what` is skipped (or throws under CI=true). */
export async function redisAvailable(what: string): Promise<boolean> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let cause: Error | undefined;
  client.on("error", (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    const reason = (cause ?? (error as Error)).message;
    if (process.env.CI === "true") throw new Error(`Redis is required under CI=true: ${reason}`);
    console.warn(`\n⚠ Redis not reachable at ${TEST_REDIS_URL} (${reason}): ${what} SKIPPED.\n`);
    return false;
  } finally {
    client.disconnect();
  }
}
