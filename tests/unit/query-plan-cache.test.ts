// The plan memory's own rules (app/data/query-plan-cache.server.ts), on a stand-in compiler that
// records what it was asked: per instance, reads only, short requests only, least recently used
// dropped first, plans frozen. tests/integration/query-plan-cache.test.ts runs Prisma's real one.
import { PLANS_KEPT, plansHeld, queryPlanCounts, rememberQueryPlans } from "~/data/query-plan-cache.server";

function compilerClass() {
  const asked: string[] = [];
  class Compiler {
    constructor(readonly schema: string) {}
    compile(request: string) {
      asked.push(request);
      return { schema: this.schema, sql: { text: `plan for ${request}` } };
    }
  }
  rememberQueryPlans(Compiler);
  return { Compiler, asked };
}
const read = (id: string) => JSON.stringify({ modelName: "Person", action: "findMany", query: { arguments: { where: { id } } } });
const write = (id: string) => JSON.stringify({ modelName: "Person", action: "createOne", query: { arguments: { data: { id } } } });

it("reuses a read's plan per compiler instance, frozen", () => {
  const { Compiler, asked } = compilerClass();
  const main = new Compiler("main");
  const other = new Compiler("public");
  const plan = main.compile(read("a"));
  expect(main.compile(read("a"))).toBe(plan);
  expect(Object.isFrozen(plan) && Object.isFrozen(plan.sql)).toBe(true);
  expect(() => {
    (plan.sql as { text: string }).text = "changed";
  }).toThrow(TypeError);
  expect(other.compile(read("a")).schema).toBe("public");
  expect(main.compile(read("b"))).not.toBe(plan);
  expect(asked).toEqual([read("a"), read("a"), read("b")]);
  expect(plansHeld(main)).toBe(2);
});

it("installs once however often it is asked to", () => {
  const { Compiler, asked } = compilerClass();
  rememberQueryPlans(Compiler);
  new Compiler("main").compile(read("x"));
  expect(asked).toHaveLength(1);
});

it("compiles writes and long requests every time", () => {
  const { Compiler, asked } = compilerClass();
  const c = new Compiler("main");
  const before = queryPlanCounts.notKept;
  c.compile(write("a"));
  c.compile(write("a"));
  const long = read("x".repeat(9_000));
  c.compile(long);
  c.compile(long);
  expect(asked).toHaveLength(4);
  expect(plansHeld(c)).toBe(0);
  expect(queryPlanCounts.notKept - before).toBe(4);
});

it("keeps at most PLANS_KEPT plans, dropping the least recently used", () => {
  const { Compiler, asked } = compilerClass();
  const c = new Compiler("main");
  for (let i = 0; i < PLANS_KEPT; i++) c.compile(read(`p${i}`));
  c.compile(read("p0")); // used again: now the most recent
  c.compile(read("new")); // drops p1, the least recent
  expect(plansHeld(c)).toBe(PLANS_KEPT);
  asked.length = 0;
  c.compile(read("p0"));
  c.compile(read("p1"));
  expect(asked).toEqual([read("p1")]);
});
