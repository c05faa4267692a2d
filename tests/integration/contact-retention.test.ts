// Retention of phone contributors' contact details (SQLite and PostgreSQL): cleared once the
// window after their challenge closed has passed and not before, counted per locality in the
// activity log (without the details) once; the daily schedule runs once a day, and with Redis
// only one of two instances runs it.
import crypto from "node:crypto";
import { Redis } from "ioredis";
import { pino } from "pino";
import { providers } from "../setup/databases";
import { useAppServer } from "../setup/app-server";
import { redisAvailable, TEST_REDIS_URL } from "../setup/redis";
import { makeLocality, makeOrganisation } from "../factories";
import { makeChallenge } from "../factories/challenges";
import type { Db } from "~/data/db.server";
import { clearExpiredContacts } from "~/use-cases/clear-expired-contacts.server";
import { scheduleContactRetention } from "~/use-cases/schedule-contact-retention.server";
import { parseEnv } from "~/config/env.server";

const DAY = 86_400_000;
const NOW = new Date("2026-06-01T09:00:00Z");
const daysBefore = (n: number) => new Date(NOW.getTime() - n * DAY);
const silent = pino({ level: "silent" });

async function phoneIdea(db: Db, localityId: string, challengeId: string, who: string) {
  return db.idea.create({
    data: {
      localityId,
      challengeId,
      source: "phone",
      title: `Idea of ${who}`,
      text: "More benches",
      contributorName: who,
      contributorContact: `${who.toLowerCase()}@example.test`,
    },
  });
}

describe("CONTACT_RETENTION_DAYS", () => {
  it("defaults to 90 and refuses what is not a whole number of days", () => {
    expect(parseEnv({ NODE_ENV: "test" }).CONTACT_RETENTION_DAYS).toBe(90);
    expect(parseEnv({ NODE_ENV: "test", CONTACT_RETENTION_DAYS: "30" }).CONTACT_RETENTION_DAYS).toBe(30);
    for (const bad of ["0", "-3", "1.5", "ninety"])
      expect(() => parseEnv({ NODE_ENV: "test", CONTACT_RETENTION_DAYS: bad }), bad).toThrow(/CONTACT_RETENTION_DAYS/);
  });
});

describe.each(await providers())("contact retention on %s", (provider) => {
  const t = useAppServer(provider);

  it("clears contact details after the window, not before, and logs it once per locality", async () => {
    const db = t.db;
    const org = await makeOrganisation(db);
    const north = await makeLocality(db, org.id, "North");
    const south = await makeLocality(db, org.id, "South");
    const long = await makeChallenge(db, { localityId: north.id, closesAt: daysBefore(100) });
    const recent = await makeChallenge(db, { localityId: north.id, closesAt: daysBefore(30) });
    const open = await makeChallenge(db, { localityId: south.id, closesAt: new Date(NOW.getTime() + 10 * DAY) });
    // Closed by hand 95 days ago (the closing date is still to come).
    const closedByHand = await makeChallenge(db, { localityId: south.id, closesAt: null });
    await db.challenge.update({ where: { id: closedByHand.id }, data: { linkOpen: false } });
    await db.auditEntry.create({
      data: { localityId: south.id, action: "challenge.link.close", targetType: "challenge", targetId: closedByHand.id, createdAt: daysBefore(95) },
    });

    const expired = [
      await phoneIdea(db, north.id, long.id, "Amal"),
      await phoneIdea(db, north.id, long.id, "Bilal"),
      await phoneIdea(db, south.id, closedByHand.id, "Cara"),
    ];
    const kept = [await phoneIdea(db, north.id, recent.id, "Dina"), await phoneIdea(db, south.id, open.id, "Eman")];

    // 89 days after the long one closed: nothing yet.
    const early = await clearExpiredContacts(db, { retentionDays: 90, now: new Date(long.closesAt!.getTime() + 89 * DAY) });
    expect(early.cleared).toBe(0);
    expect(await db.idea.count({ where: { contributorContact: { not: null } } })).toBe(5);

    const run = await clearExpiredContacts(db, { retentionDays: 90, now: NOW });
    expect(run.cleared).toBe(3);
    expect(Object.fromEntries(run.localities.map((l) => [l.localityId, l.cleared]))).toEqual({ [north.id]: 2, [south.id]: 1 });
    for (const idea of expired) {
      expect(await db.idea.findUniqueOrThrow({ where: { id: idea.id }, select: { contributorName: true, contributorContact: true, text: true } })).toEqual({
        contributorName: null,
        contributorContact: null,
        text: "More benches",
      });
    }
    for (const idea of kept) expect((await db.idea.findUniqueOrThrow({ where: { id: idea.id } })).contributorContact).toBe(idea.contributorContact);

    // Once: a second run clears and logs nothing more.
    expect((await clearExpiredContacts(db, { retentionDays: 90, now: NOW })).cleared).toBe(0);
    const entries = await db.auditEntry.findMany({ where: { action: "ideas.contact.expire" }, orderBy: { localityId: "asc" } });
    expect(entries.map((e) => [e.localityId, JSON.parse(e.detail)])).toEqual(
      [
        [north.id, { cleared: 2, retentionDays: 90 }],
        [south.id, { cleared: 1, retentionDays: 90 }],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    for (const e of entries) for (const who of ["Amal", "Bilal", "Cara", "amal@"]) expect(e.detail).not.toContain(who);
  });

  it("the daily schedule runs once a day in one process", async () => {
    const db = t.db;
    const schedule = scheduleContactRetention({ db: async () => db, retentionDays: 90, log: silent, everyMs: 0 });
    try {
      expect(await schedule.tick(NOW)).not.toBeNull();
      expect(await schedule.tick(new Date(NOW.getTime() + 3_600_000))).toBeNull();
      expect(await schedule.tick(new Date(NOW.getTime() + DAY))).not.toBeNull();
    } finally {
      await schedule.stop();
    }
  });
});

describe("contact retention across instances (Redis)", async () => {
  const hasRedis = await redisAvailable("the retention job's daily Redis key");
  const [provider] = await providers();
  const t = useAppServer(provider!);

  it.runIf(hasRedis)("two instances, one run a day", async () => {
    const db = t.db;
    const org = await makeOrganisation(db);
    const loc = await makeLocality(db, org.id, "Shared");
    const challenge = await makeChallenge(db, { localityId: loc.id, closesAt: daysBefore(200) });
    await phoneIdea(db, loc.id, challenge.id, "Farah");
    const prefix = `coproduce-test:retention:${crypto.randomBytes(6).toString("hex")}`;
    const make = () =>
      scheduleContactRetention({ db: async () => db, retentionDays: 90, redisUrl: TEST_REDIS_URL, redisPrefix: prefix, log: silent, everyMs: 0 });
    const [a, b] = [make(), make()];
    try {
      const results = await Promise.all([a.tick(NOW), b.tick(NOW)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(results.find((r) => r !== null)?.cleared).toBe(1);
      // The next day, again exactly one of them runs.
      const next = new Date(NOW.getTime() + DAY);
      expect((await Promise.all([a.tick(next), b.tick(next)])).filter((r) => r !== null)).toHaveLength(1);
      expect(await db.auditEntry.count({ where: { action: "ideas.contact.expire", localityId: loc.id } })).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
