// Prototypes for tests/e2e/prototypes.spec.ts, written straight into the e2e server's database in a
// throwaway locality: core-group people, a prototype with the evidence chain behind it (consented
// stories with excerpts → insight → challenge → published idea) and two test cycles (one decided,
// one running, with who took part), an adopted one and a planned one with an Arabic title. The
// test process runs this file as a script with tsx (so the app's Prisma client loads in its own
// process): PROTOTYPES_SEED holds the input; the script prints what it made as JSON. The access
// table's prototype (accessPrototype) is a bare one in Longbridge, made once per test process.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export type SeededPrototypes = { prototypeId: string; adoptedId: string; arabicId: string; ideaId: string; insightId: string; people: string[] };
type SeedInput = { localityId: string; databaseUrl: string; title: string; bare?: boolean; receiptHashes?: [string, string] };

function runSeed<T>(input: Omit<SeedInput, "databaseUrl">): T {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const full: SeedInput = { ...input, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, PROTOTYPES_SEED: JSON.stringify(full) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}

/**
 * The locality's prototypes and people for the spec (see the file's comment); the ideas behind
 * the testing and the adopted prototype came from phones, with these receipts' hashes.
 */
export function seedPrototypes(localityId: string, title: string, receiptHashes: [string, string]): SeededPrototypes {
  return runSeed<SeededPrototypes>({ localityId, title, receiptHashes });
}

const accessPrototypes = new Map<string, string>();

/** The access table's prototype in locality `L`: a bare one (no people, no cycles), made on first use. */
export function accessPrototype(localityId: string): string {
  let id = accessPrototypes.get(localityId);
  if (!id) {
    id = runSeed<{ prototypeId: string }>({ localityId, title: "Access table prototype (page)", bare: true }).prototypeId;
    accessPrototypes.set(localityId, id);
  }
  return id;
}

async function main(input: SeedInput): Promise<void> {
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { makeChainedPrototype, makePerson, makeTestCycle } = await import("../../factories/prototypes.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  try {
    if (input.bare) {
      const bare = await db.prototype.create({ data: { localityId: input.localityId, title: input.title } });
      console.log(JSON.stringify({ prototypeId: bare.id }));
      return;
    }
    const localityId = input.localityId;
    const layla = await makePerson(db, { localityId, displayName: "Layla Mansour", organisation: "St Paul's" });
    const huda = await makePerson(db, { localityId, displayName: "Huda Ali" });
    const fadumo = await makePerson(db, { localityId, displayName: "Fadumo Warsame", organisation: "Sparkbrook Children's Centre" });
    const chain = await makeChainedPrototype(db, {
      localityId,
      title: input.title,
      status: "testing",
      writeText: false,
      receiptHash: input.receiptHashes?.[0] ?? null,
      insight: "New parents do not know where to go for help",
      question: "How might we help new parents find their way to services?",
      idea: "Parents who have been there go with new parents on their first visits",
      stories: [
        {
          title: "Mornings at the gate",
          pseudonym: "Parent A",
          text: "I asked Amira at the gate where the clinic was and nobody knew.",
          phrase: "I asked Amira at the gate where the clinic was and nobody knew.",
          identifiers: [["Amira", "name"]],
        },
        { title: "Evenings alone", pseudonym: "Parent B", text: "We moved here in winter and I knew no one at all.", phrase: "I knew no one at all." },
      ],
    });
    await db.prototype.update({
      where: { id: chain.prototype.id },
      data: {
        summary: "Mothers who have been through the early years go with a new mother on her first visits to the children's centre, the GP and the school.",
        forWhom: "Newly arrived parents of babies and toddlers.",
      },
    });
    await makeTestCycle(db, {
      prototypeId: chain.prototype.id,
      localityId,
      number: 1,
      participants: [
        { personId: layla.id, role: "deliver" },
        { personId: huda.id, role: "use" },
      ],
      counts: [
        { label: "parents", count: 12 },
        { label: "staff", count: 3 },
      ],
      decision: { decision: "adapt", reason: "Mentors asked for a crèche place" },
    });
    await makeTestCycle(db, {
      prototypeId: chain.prototype.id,
      localityId,
      number: 2,
      startsOn: new Date(Date.now() - 3 * 86_400_000),
      participants: [{ personId: fadumo.id, role: "use" }],
      counts: [{ label: "parents", count: 9 }],
    });
    const adoptedChain = await makeChainedPrototype(db, {
      localityId,
      title: "Saturday drop-in at the library",
      status: "adopted",
      writeText: false,
      insight: "Parents who work all week cannot reach services",
      question: "How might we meet working parents at the weekend?",
      idea: "A Saturday morning drop-in at the library",
      receiptHash: input.receiptHashes?.[1] ?? null,
      stories: [],
    });
    const adopted = await db.prototype.update({
      where: { id: adoptedChain.prototype.id },
      data: { publicSummary: "Twenty parents came to the first four Saturdays; most had not used the centre before." },
    });
    await makeTestCycle(db, {
      prototypeId: adopted.id,
      localityId,
      number: 1,
      counts: [{ label: "parents", count: 20 }],
      decision: { decision: "continue", reason: "It works" },
    });
    const arabic = await db.prototype.create({ data: { localityId, title: "جلسة شاي أسبوعية للأمهات في المسجد", status: "planned" } });
    console.log(
      JSON.stringify({
        prototypeId: chain.prototype.id,
        adoptedId: adopted.id,
        arabicId: arabic.id,
        ideaId: chain.idea.id,
        insightId: chain.insight.id,
        people: [layla.id, huda.id, fadumo.id],
      } satisfies SeededPrototypes),
    );
  } finally {
    await db.$disconnect();
  }
}

if (process.env.PROTOTYPES_SEED) await main(JSON.parse(process.env.PROTOTYPES_SEED) as SeedInput);
