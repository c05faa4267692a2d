// Remembered query plans (app/data/query-plan-cache.server.ts) on both databases: a read asked
// again reuses its plan and gives the same rows; the same read with other arguments gets its
// own plan and its own rows (one person's query never answers with another's); writes and
// interactive transactions keep working, and their plans are not kept.
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { makeLocality, makeOrganisation, makeUser } from "../factories";
import { makePerson } from "../factories/cycles";
import { queryPlanCounts } from "~/data/query-plan-cache.server";

describe.each(await providers())("remembered query plans on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(provider);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reuses a read's plan when it is asked again, and gives the same rows", async () => {
    const { db } = database;
    const user = await makeUser(db, { name: "Amal" });
    const read = () => db.user.findUnique({ where: { id: user.id }, select: { id: true, name: true } });
    const first = await read();
    const before = { ...queryPlanCounts };
    const again = await read();
    expect(again).toEqual(first);
    expect(again).toEqual({ id: user.id, name: "Amal" });
    expect(queryPlanCounts.reused).toBe(before.reused + 1);
    expect(queryPlanCounts.compiled).toBe(before.compiled);
  });

  it("gives the same read with other arguments its own plan and its own rows", async () => {
    const { db } = database;
    const organisation = await makeOrganisation(db);
    const a = await makeLocality(db, organisation.id, "Longbridge");
    const b = await makeLocality(db, organisation.id, "Sparkbrook");
    await makePerson(db, { localityId: a.id, displayName: "Bushra" });
    await makePerson(db, { localityId: b.id, displayName: "Chloe" });
    await makePerson(db, { localityId: b.id, displayName: "Dev" });
    const people = (localityId: string) => db.person.findMany({ where: { localityId }, select: { displayName: true }, orderBy: { displayName: "asc" } });
    const before = { ...queryPlanCounts };
    // Interleaved, many times over: each answer is its own locality's.
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => people(i % 2 ? b.id : a.id)));
    answers.forEach((rows, i) => {
      expect(rows.map((p) => p.displayName)).toEqual(i % 2 ? ["Chloe", "Dev"] : ["Bushra"]);
    });
    expect(queryPlanCounts.compiled - before.compiled).toBe(2);
    expect(queryPlanCounts.reused - before.reused).toBe(10);
  });

  it("compiles writes every time and keeps reads inside a transaction working", async () => {
    const { db } = database;
    const before = { ...queryPlanCounts };
    const first = await makeUser(db, { name: "Farida" });
    const second = await makeUser(db, { name: "Farida" });
    expect(queryPlanCounts.notKept - before.notKept).toBeGreaterThanOrEqual(2);
    const renamed = await db.$transaction(async (tx) => {
      const found = await tx.user.findUnique({ where: { id: first.id }, select: { name: true } });
      await tx.user.update({ where: { id: first.id }, data: { name: `${found!.name} K.` } });
      return tx.user.findUnique({ where: { id: first.id }, select: { name: true } });
    });
    expect(renamed).toEqual({ name: "Farida K." });
    const both = await db.user.findMany({ where: { id: { in: [first.id, second.id] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    expect(both.map((u) => u.name)).toEqual(["Farida", "Farida K."]);
  });
});
