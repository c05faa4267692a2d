/**
 * Prisma 6's query compiler turns every call's request (a JSON text naming the model, the
 * action and every argument) into a query plan — SQL text and how to shape its rows — on the
 * main thread, in WebAssembly: 0.1–0.5 ms a call, about a sixth of a page's CPU. The plan is a
 * pure function of that text and of the compiler (the schema, the database and its schema
 * name), and the interpreter only reads it. Pages read the same things again and again (every
 * member of a locality opening its home page asks for its people, its ties, its prototypes by
 * status with the same arguments), so the plans of reads are remembered per compiler instance,
 * keyed by the whole request text: two requests share a plan only if every argument is the same,
 * so a plan never carries one request's values into another's. No data is kept, only SQL.
 * Prisma 7 caches plans itself; decision 0017 says why this is here instead.
 */
type Compiler = { compile(request: string): unknown };
export type QueryCompilerClass = { prototype: Compiler };

/** Plans kept per compiler (least recently used dropped first). */
export const PLANS_KEPT = 2_000;
/** A longer request (a big `in` list, a long text) is compiled every time: it is rarely asked again. */
const LONGEST_REQUEST = 8_192;
/** Reads only: a write's arguments (new ids, times, texts) almost never repeat. */
const READ = /^\{(?:"modelName":"[A-Za-z0-9_]+",)?"action":"(?:find[A-Za-z]*|aggregate|groupBy|count|queryRaw)"/;

type PlanState = {
  installed: WeakSet<Compiler>;
  plansOf: WeakMap<object, Map<string, unknown>>;
  /** Since the process started: plans reused, compiled and kept, and compiled without keeping (writes, long requests). */
  counts: { reused: number; compiled: number; notKept: number };
};
const holder = globalThis as unknown as { __coproduceQueryPlans?: PlanState };
// One state per process, shared by server.ts's modules and the Remix build's copy of this one
// (each would otherwise wrap the compiler again and count apart).
holder.__coproduceQueryPlans ??= { installed: new WeakSet(), plansOf: new WeakMap(), counts: { reused: 0, compiled: 0, notKept: 0 } };
const { installed, plansOf } = holder.__coproduceQueryPlans;
export const queryPlanCounts = holder.__coproduceQueryPlans.counts;

/** Makes `compiler`'s instances remember the plans of the reads they compile (once per class). */
export function rememberQueryPlans(compiler: QueryCompilerClass): void {
  const proto = compiler.prototype;
  if (installed.has(proto)) return;
  installed.add(proto);
  const compile = proto.compile;
  proto.compile = function (this: object, request: string) {
    if (request.length > LONGEST_REQUEST || !READ.test(request)) {
      queryPlanCounts.notKept++;
      return compile.call(this, request);
    }
    let plans = plansOf.get(this);
    if (!plans) {
      plans = new Map();
      plansOf.set(this, plans);
    }
    const known = plans.get(request);
    if (known !== undefined) {
      plans.delete(request); // most recently used last
      plans.set(request, known);
      queryPlanCounts.reused++;
      return known;
    }
    // Frozen: a plan is shared by every request that asks the same, so nothing may change it.
    const plan = deepFreeze(compile.call(this, request));
    if (plans.size >= PLANS_KEPT) plans.delete(plans.keys().next().value as string);
    plans.set(request, plan);
    queryPlanCounts.compiled++;
    return plan;
  };
}

/** How many plans a compiler instance holds (tests). */
export function plansHeld(instance: object): number {
  return plansOf.get(instance)?.size ?? 0;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
