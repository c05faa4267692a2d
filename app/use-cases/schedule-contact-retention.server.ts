/**
 * The daily retention job in the web process. Every hour it asks whether today's run (a UTC
 * calendar day) has happened; the first tick of a day runs `clearExpiredContacts`. With
 * REDIS_URL, instances agree through one Redis key per day (SET NX with a TTL longer than a day),
 * so only one of them runs it; when Redis does not answer, the tick is skipped (never a run per
 * process when Redis was asked for) and the next tick tries again.
 */
import crypto from "node:crypto";
import { Redis } from "ioredis";
import type { pino } from "pino";
import type { Db } from "~/data/db.server";
import { retentionDay } from "~/domain/data-rights";
import { clearExpiredContacts, type RetentionResult } from "./clear-expired-contacts.server";

const HOUR_MS = 3_600_000;
/** A day's key outlives the day, so a late instance cannot run it again. */
const DAY_KEY_TTL_MS = 36 * HOUR_MS;

export type RetentionSchedule = {
  /** Runs today's job now if nobody has (the timer calls this); resolves with what it did, or null when it did not run. */
  tick(now?: Date): Promise<RetentionResult | null>;
  stop(): Promise<void>;
};

export function scheduleContactRetention(options: {
  db: () => Promise<Db>;
  retentionDays: number;
  redisUrl?: string;
  /** Prefix of the Redis key (`<prefix>:<YYYY-MM-DD>`). */
  redisPrefix?: string;
  log: Pick<pino.Logger, "info" | "warn" | "error">;
  /** How often to check (default hourly); 0: no timer (tests and the CLI call tick themselves). */
  everyMs?: number;
  /** The first check, after start (default one minute: let the process settle). */
  firstAfterMs?: number;
}): RetentionSchedule {
  const prefix = options.redisPrefix ?? "coproduce:retention";
  const instance = crypto.randomBytes(8).toString("hex");
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: true,
        maxRetriesPerRequest: 1,
        commandTimeout: 2000,
        connectionName: "coproduce-retention",
        retryStrategy: (times: number) => Math.min(times * 200, 5000),
      })
    : null;
  redis?.on("error", () => {}); // reported by the tick that needs it
  let lastDay: string | null = null;
  let running: Promise<RetentionResult | null> | null = null;

  async function claim(day: string): Promise<boolean> {
    if (!redis) return true;
    const answer = await redis.set(`${prefix}:${day}`, instance, "PX", DAY_KEY_TTL_MS, "NX");
    return answer === "OK";
  }

  async function run(now: Date): Promise<RetentionResult | null> {
    const day = retentionDay(now);
    if (lastDay === day) return null;
    let mine: boolean;
    try {
      mine = await claim(day);
    } catch (error) {
      options.log.warn({ err: error }, "contact retention: Redis did not answer; trying again at the next check");
      return null;
    }
    lastDay = day;
    if (!mine) {
      options.log.info({ day }, "contact retention: another instance runs today's job");
      return null;
    }
    let result: RetentionResult;
    try {
      result = await clearExpiredContacts(await options.db(), { retentionDays: options.retentionDays, now });
    } catch (error) {
      // Give the day back, so this or another instance tries again at the next check.
      await redis?.del(`${prefix}:${day}`).catch(() => {});
      throw error;
    }
    options.log.info({ day, cleared: result.cleared, localities: result.localities.length }, "contact retention: done");
    return result;
  }

  const tick = (now = new Date()) => {
    running ??= run(now)
      .catch((error) => {
        options.log.error({ err: error }, "contact retention failed; trying again at the next check");
        lastDay = null;
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const every = options.everyMs ?? HOUR_MS;
  const timers: NodeJS.Timeout[] = [];
  if (every > 0) {
    timers.push(setTimeout(() => void tick(), options.firstAfterMs ?? 60_000));
    timers.push(setInterval(() => void tick(), every));
    for (const t of timers) t.unref();
  }

  return {
    tick,
    async stop() {
      for (const t of timers) clearTimeout(t);
      await running;
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
