import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { seedDemo } from "../../prisma/demo/seed-demo";
import { DEMO_ACCOUNTS } from "../../prisma/demo/people";
import { hash } from "@node-rs/argon2";

const cheapHash = (plain: string) => hash(plain, { memoryCost: 1024, timeCost: 1, parallelism: 1 });

describe.each(await providers())("demo seed on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
  });
  afterAll(async () => t?.drop());

  it("seeds an empty database once, and only once", async () => {
    const progress: string[] = [];
    expect(await seedDemo(t.db, cheapHash, (m) => progress.push(m))).toEqual({ seeded: true });
    expect(progress.length).toBeGreaterThan(2);
    expect(await seedDemo(t.db, cheapHash)).toEqual({ seeded: false });
    expect(await t.db.organisation.count()).toBe(1);
    const localities = await t.db.locality.findMany({ include: { _count: { select: { people: true } } }, orderBy: { name: "asc" } });
    expect(localities.map((l) => [l.name, l._count.people >= 28])).toEqual([
      ["Longbridge", true],
      ["Sparkbrook", true],
    ]);
    expect(await t.db.user.count()).toBe(DEMO_ACCOUNTS.length);
  });
});
