// Stories and coded excerpts for the synthesis end-to-end tests, written straight into the e2e
// server's database (the same rows the story and coding pages make), in a throwaway locality.
// Playwright calls `seedExcerpts`, which runs this file as a script with tsx (so the app's
// Prisma client and collab helpers load in their own process): INSIGHTS_SEED holds the input,
// the script prints the ids it made as JSON.
import { richTextDocName } from "~/collab/names";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export type SeededExcerpts = {
  stories: { id: string; title: string; pseudonym: string }[];
  codes: { id: string; name: string }[];
  /** Each excerpt's redacted quote, as members see it. */
  excerpts: { id: string; quote: string }[];
  /** Identifier texts marked in the stories: never shown to members or viewers. */
  secrets: string[];
};

type SeedInput = { localityId: string; databaseUrl: string };

const STORIES = [
  {
    title: "Mornings at the school gate",
    pseudonym: "Parent A",
    text: ["I'm Amira Khan and we moved to Alder Road last spring.", "Nobody at the gate talks to me, and I don't know who to ask about nursery places."],
    identifiers: [
      ["Amira Khan", "name"],
      ["Alder Road", "place"],
    ],
    scope: "quotes",
    excerpts: [
      { phrase: "Nobody at the gate talks to me", redacted: "Nobody at the gate talks to me", codes: ["Isolation"] },
      { phrase: "I don't know who to ask about nursery places", redacted: "I don't know who to ask about nursery places", codes: ["Finding help"] },
    ],
  },
  {
    title: "Evenings at the children's centre",
    pseudonym: "Grandparent B",
    text: ["Rashid at the centre is the only one who rings me back, on 07700 900123."],
    identifiers: [
      ["Rashid", "name"],
      ["07700 900123", "contact"],
    ],
    scope: "core_group",
    excerpts: [
      {
        phrase: "Rashid at the centre is the only one who rings me back",
        redacted: "[Name 1] at the centre is the only one who rings me back",
        codes: ["Finding help", "Isolation"],
      },
    ],
  },
] as const;

/** Makes the stories, codes and excerpts in the locality (run in the test process). */
export function seedExcerpts(localityId: string): SeededExcerpts {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const input: SeedInput = { localityId, databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db` };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, INSIGHTS_SEED: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededExcerpts;
}

/** The script: writes the rows through the app's own database client. */
async function main(input: SeedInput): Promise<void> {
  const Y = await import("yjs");
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { appendRichText } = await import("../../../app/collab/rich-text.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  const result: SeededExcerpts = { stories: [], codes: [], excerpts: [], secrets: [] };
  const codeIds = new Map<string, string>();
  for (const name of ["Finding help", "Isolation"]) {
    const code = await db.code.create({ data: { localityId: input.localityId, name } });
    codeIds.set(name, code.id);
    result.codes.push({ id: code.id, name });
  }
  for (const story of STORIES) {
    const document = await db.sharedDocument.create({ data: { localityId: input.localityId, title: "Story text", kind: "story" } });
    const doc = new Y.Doc();
    appendRichText(
      doc,
      story.text.map((text) => ({ type: "paragraph" as const, text })),
    );
    await db.collabUpdate.create({ data: { docName: richTextDocName(input.localityId, document.id), data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    const row = await db.story.create({
      data: {
        localityId: input.localityId,
        title: story.title,
        storytellerPseudonym: story.pseudonym,
        occurredOn: new Date("2026-10-01"),
        method: "interview",
        documentId: document.id,
      },
    });
    await db.storyConsent.create({
      data: { storyId: row.id, givenBy: "The storyteller", givenAt: new Date("2026-10-01"), method: "signed_form", infoSheetVersion: "v2", scope: story.scope },
    });
    for (const [text, kind] of story.identifiers) {
      await db.storyIdentifier.create({ data: { storyId: row.id, text, kind } });
      result.secrets.push(text);
    }
    result.stories.push({ id: row.id, title: story.title, pseudonym: story.pseudonym });
    const plain = story.text.join("\n");
    for (const e of story.excerpts) {
      const start = plain.indexOf(e.phrase);
      if (start < 0) throw new Error(`"${e.phrase}" is not in the story`);
      const excerpt = await db.excerpt.create({
        data: {
          localityId: input.localityId,
          storyId: row.id,
          start,
          end: start + e.phrase.length,
          quote: e.phrase,
          codes: { create: e.codes.map((c) => ({ codeId: codeIds.get(c)! })) },
        },
      });
      result.excerpts.push({ id: excerpt.id, quote: e.redacted });
    }
  }
  await db.$disconnect();
  console.log(JSON.stringify(result));
}

if (process.env.INSIGHTS_SEED) await main(JSON.parse(process.env.INSIGHTS_SEED) as SeedInput);
