// A challenge with published ideas already on its board, for the idea-record end-to-end tests,
// written straight into the e2e server's database (the rows and the board notes that approving a
// phone idea makes) in a throwaway locality. The test process runs this file as a script with tsx
// (so the app's Prisma client loads in its own process): IDEA_RECORDS_SEED holds the input; the
// script prints what it made as JSON. The board must be new (not yet opened by anyone): its
// notes are stored as the board's first update.
import { boardDocName } from "~/collab/names";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export type SeedIdea = { text: string; language: string; title?: string };
export type SeededIdeas = { challengeId: string; boardId: string; question: string; ideas: { id: string; noteId: string; title: string; text: string }[] };
type SeedInput = { localityId: string; databaseUrl: string; question?: string; languages?: string; ideas: SeedIdea[] };

/** Makes a challenge in the locality with these ideas published on its board (as approved phone ideas). */
export function seedIdeas(localityId: string, ideas: SeedIdea[], options: { question?: string; languages?: string } = {}): SeededIdeas {
  const port = Number(process.env.E2E_PORT ?? 3199);
  const input: SeedInput = {
    localityId,
    databaseUrl: `file:./tests/.tmp/e2e-${port}/coproduce.db`,
    question: options.question,
    languages: options.languages,
    ideas,
  };
  const out = execFileSync("npx", ["tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, IDEA_RECORDS_SEED: JSON.stringify(input) },
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as SeededIdeas;
}

async function main(input: SeedInput): Promise<void> {
  const Y = await import("yjs");
  const { createDb } = await import("../../../app/data/db.server.ts");
  const { resolveDatabaseTarget } = await import("../../../app/config/database-url.server.ts");
  const { addNote, nextNotePosition } = await import("../../../app/collab/board.ts");
  const { ideaNoteId } = await import("../../../app/domain/ideas.ts");
  const { titleFromText } = await import("../../../app/domain/idea-records.ts");
  const { makeChallenge } = await import("../../factories/challenges.ts");
  const db = await createDb(resolveDatabaseTarget(input.databaseUrl));
  const challenge = await makeChallenge(db, { localityId: input.localityId, question: input.question, languages: input.languages });
  const doc = new Y.Doc();
  const ideas: SeededIdeas["ideas"] = [];
  for (const seed of input.ideas) {
    const title = seed.title ?? titleFromText(seed.text);
    const idea = await db.idea.create({
      data: {
        localityId: input.localityId,
        challengeId: challenge.id,
        source: "phone",
        moderation: "published",
        title,
        text: seed.text,
        language: seed.language,
        moderatedAt: new Date(),
      },
    });
    const noteId = ideaNoteId(idea.id);
    addNote(doc, {
      id: noteId,
      text: seed.text,
      authorId: null,
      authorName: null,
      colour: "green",
      link: { type: "idea", id: idea.id },
      ...nextNotePosition(doc),
    });
    await db.idea.update({ where: { id: idea.id }, data: { noteId } });
    ideas.push({ id: idea.id, noteId, title, text: seed.text });
  }
  const docName = boardDocName(input.localityId, challenge.boardId);
  await db.collabUpdate.create({ data: { docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
  console.log(JSON.stringify({ challengeId: challenge.id, boardId: challenge.boardId, question: challenge.question, ideas } satisfies SeededIdeas));
  await db.$disconnect();
}

if (process.env.IDEA_RECORDS_SEED) await main(JSON.parse(process.env.IDEA_RECORDS_SEED) as SeedInput);
