// Board → idea records benchmark (`npx tsx tests/bench/idea-sync.ts`): PRINTS figures, asserts nothing.
// The sync runs after every stored update of every board (at most once a second per board). Measures,
// as medians of BENCH_RUNS runs, on a fresh database (BENCH_PROVIDER=sqlite|postgresql):
//   skip       a board that is not a challenge's (answer cached)
//   lookup     the same, cache cold (one indexed query)
//   steady     a challenge board with BENCH_NOTES idea notes, nothing changed (one query + the plan)
//   edit       the same with one note's text changed (one more update)
// Environment: BENCH_NOTES=200  BENCH_RUNS=25  BENCH_PROVIDER=sqlite
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { freshDatabase, type Provider } from "../setup/databases";
import { addNote, setNoteText } from "../../app/collab/board";
import { boardDocName } from "../../app/collab/names";
import { forgetChallengeBoards, syncChallengeIdeas } from "~/use-cases/sync-challenge-ideas.server";
import { makeChallenge } from "../factories/challenges";
import { makeLocality, makeOrganisation } from "../factories";

const NOTES = Number(process.env.BENCH_NOTES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const PROVIDER = (process.env.BENCH_PROVIDER ?? "sqlite") as Provider;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>, before?: () => void): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    const t0 = performance.now();
    await fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

const database = await freshDatabase(PROVIDER);
try {
  const db = database.db;
  const org = await makeOrganisation(db);
  const loc = await makeLocality(db, org.id);
  const plain = await db.board.create({ data: { localityId: loc.id, title: "Exercise" } });
  const challenge = await makeChallenge(db, { localityId: loc.id });
  const plainName = boardDocName(loc.id, plain.id);
  const name = boardDocName(loc.id, challenge.boardId);
  const doc = new Y.Doc();
  for (let i = 0; i < NOTES; i++)
    addNote(doc, { id: `n${i}`, text: `Idea number ${i}: a walking bus, a swap shop, a coffee morning`, authorId: "u1", authorName: null });
  const plainDoc = new Y.Doc();
  addNote(plainDoc, { id: "p", text: "Not an idea", authorId: "u1", authorName: null });

  const first = performance.now();
  const created = await syncChallengeIdeas(db, name, doc);
  const firstMs = performance.now() - first;
  await syncChallengeIdeas(db, plainName, plainDoc);
  const skip = await time(() => syncChallengeIdeas(db, plainName, plainDoc));
  const lookup = await time(() => syncChallengeIdeas(db, plainName, plainDoc), forgetChallengeBoards);
  const steady = await time(() => syncChallengeIdeas(db, name, doc));
  let n = 0;
  const edit = await time(
    () => syncChallengeIdeas(db, name, doc),
    () => setNoteText(doc, "n7", `Idea number 7, edited ${n++}`),
  );
  console.log(`provider ${PROVIDER}, ${NOTES} notes, median of ${RUNS} runs`);
  console.log(`first sync (creates ${created?.created} records): ${firstMs.toFixed(1)} ms`);
  console.log(`skip (not a challenge board, cached): ${(skip * 1000).toFixed(1)} µs`);
  console.log(`lookup (not a challenge board, cache cold): ${lookup.toFixed(2)} ms`);
  console.log(`steady (challenge board, nothing changed): ${steady.toFixed(2)} ms`);
  console.log(`edit (one note's text changed): ${edit.toFixed(2)} ms`);
} finally {
  await database.drop();
}
