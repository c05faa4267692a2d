/**
 * Liveness and readiness for load balancers and orchestrators. Live: the process answers.
 * Ready: it should be sent requests — its database answers, its Redis answers when REDIS_URL is
 * set, and it is not shutting down (a draining instance answers 503 so the balancer moves on
 * while its in-flight requests finish).
 */
import { Redis } from "ioredis";
import { getDb, pingDatabase } from "~/data/db.server";

export type Readiness = { status: "ok" | "unavailable" | "draining"; database: "ok" | "down"; redis: "ok" | "down" | "off" };

export function createReadiness(options: { redisUrl?: string }) {
  let draining = false;
  // One connection for the checks, never a new one per request; a command fails at once when it is down.
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false, connectionName: "coproduce-readiness" })
    : null;
  redis?.on("error", () => {});
  return {
    /** From now on, not ready (the process is shutting down). */
    drain(): void {
      draining = true;
    },
    async check(): Promise<Readiness> {
      const [database, cache] = await Promise.all([
        getDb()
          .then(pingDatabase)
          .then(
            () => "ok" as const,
            () => "down" as const,
          ),
        redis
          ? redis.ping().then(
              () => "ok" as const,
              () => "down" as const,
            )
          : Promise.resolve("off" as const),
      ]);
      const status = draining ? "draining" : database === "ok" && cache !== "down" ? "ok" : "unavailable";
      return { status, database, redis: cache };
    },
    close(): void {
      redis?.disconnect();
    },
  };
}
