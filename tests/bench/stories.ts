// Stories benchmark (`npm run bench:stories`): PRINTS figures, asserts nothing.
//
// A story at the size limit (LIMITS.storyText characters, written through the collab API into a
// fresh SQLite database), with BENCH_IDENTIFIERS marked identifiers that occur throughout and
// BENCH_EXCERPTS excerpts by two coders. Measures, as medians of BENCH_RUNS runs:
//   read      the stored text only (readDocumentState + plainText): the reference
//   redact    redact() over that text
//   story     the story page's loader for a member (redacted text, metadata)
//   excerpts  the story's excerpts with their codes and coders (the query the coding loader makes)
//   coding    the coding view's loader for a member (redacted text, every excerpt placed)
// each also as a ratio to `read`, and the size of what the coding loader sends (JSON, and gzipped).
// Environment: BENCH_IDENTIFIERS=60  BENCH_EXCERPTS=500  BENCH_RUNS=15
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import { freshDatabase } from "../setup/databases";
import { startCollab } from "../collab/harness";
import { createStore } from "../../collab-server/persistence/create-store";
import { resolveDatabaseTarget } from "../../app/config/database-url.server";
import { setProcessDb } from "../../app/data/db.server";
import { applyServerChange, registerCollabBackend } from "../../app/collab/backend.server";
import { appendRichText } from "../../app/collab/rich-text";
import { richTextDocName } from "../../app/collab/names";
import { LIMITS } from "../../app/domain/limits";
import { redact, type Identifier } from "../../app/domain/redaction";
import { readStoryPlainText, storyIdentifiers } from "~/use-cases/read-story.server";
import { loadCodingPage } from "~/routes/l.$localityId+/stories+/coding-page.server";
import { storyExcerpts } from "../../app/data/coding.server";
import { loadStoryPage } from "~/routes/l.$localityId+/stories+/story-page.server";
import type { LocalityAccess } from "../../app/auth/permissions.server";

const IDENTIFIERS = Number(process.env.BENCH_IDENTIFIERS ?? 60);
const EXCERPTS = Number(process.env.BENCH_EXCERPTS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

const FIRST = ["Amina", "Kelly", "Fatima", "Darren", "Layla", "Hana", "Zainab", "Tom", "Rachel", "Bilal", "Nazia", "Omar"];
const PLACES = ["Coleman Close", "Alder Road", "Stratford Road", "Ladypool Road", "Church Lane", "Bristol Road"];
const SENTENCES = [
  "took the children to the centre before nine because the bus no longer stops near the flats",
  "said the health visitor rang twice but nobody explained what the letter meant",
  "waits at the school gate and nobody talks to her unless she starts",
  "found the stay and play through a neighbour, not through the leaflets",
  "cannot afford the second bus fare, so the clinic appointment is missed again",
];

/** Text of about `length` characters in paragraphs, naming people and places throughout. */
function storyOf(length: number, identifiers: readonly Identifier[]): string[] {
  const paragraphs: string[] = [];
  let total = 0;
  let i = 0;
  while (total < length) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++, i++) {
      const who = identifiers[i % identifiers.length]!.text;
      const where = PLACES[i % PLACES.length]!;
      sentences.push(`${who} ${SENTENCES[i % SENTENCES.length]} on ${where}.`);
    }
    const paragraph = sentences.join(" ");
    if (total + paragraph.length + 1 > length) break;
    paragraphs.push(paragraph);
    total += paragraph.length + 1;
  }
  return paragraphs;
}

async function median(run: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function main(): Promise<void> {
  const database = await freshDatabase("sqlite");
  setProcessDb(database.db);
  const store = createStore(resolveDatabaseTarget(database.url));
  const collab = await startCollab({ store });
  registerCollabBackend(collab.collab);
  const db = database.db;
  try {
    const org = await db.organisation.create({ data: { slug: "bench", name: "Bench" } });
    const locality = await db.locality.create({ data: { organisationId: org.id, slug: "bench", name: "Bench" } });
    const [member, coder] = await Promise.all([
      db.user.create({ data: { email: "member@bench.test", name: "Member", passwordHash: "x" } }),
      db.user.create({ data: { email: "coder@bench.test", name: "Coder", passwordHash: "x" } }),
    ]);
    await db.membership.create({ data: { localityId: locality.id, userId: member.id, role: "member" } });

    const identifiers: Identifier[] = Array.from({ length: IDENTIFIERS }, (_, i) =>
      i < PLACES.length ? { text: PLACES[i]!, kind: "place" } : { text: `${FIRST[i % FIRST.length]} ${String.fromCharCode(65 + (i % 26))}${i}`, kind: "name" },
    );
    const paragraphs = storyOf(
      LIMITS.storyText,
      identifiers.filter((x) => x.kind === "name"),
    );
    const document = await db.sharedDocument.create({ data: { localityId: locality.id, title: "Story text", kind: "story" } });
    await applyServerChange(richTextDocName(locality.id, document.id), (doc) =>
      appendRichText(
        doc,
        paragraphs.map((text) => ({ type: "paragraph" as const, text })),
      ),
    );
    const story = await db.story.create({
      data: {
        localityId: locality.id,
        title: "At the limit",
        storytellerPseudonym: "Parent A",
        occurredOn: new Date("2026-10-01"),
        method: "interview",
        documentId: document.id,
      },
    });
    await db.storyConsent.create({
      data: { storyId: story.id, givenBy: "x", givenAt: new Date("2026-10-01"), method: "signed_form", infoSheetVersion: "v1", scope: "quotes" },
    });
    for (const identifier of identifiers) await db.storyIdentifier.create({ data: { storyId: story.id, text: identifier.text, kind: identifier.kind } });

    const text = await readStoryPlainText({ localityId: locality.id, documentId: document.id });
    const code = await db.code.create({ data: { localityId: locality.id, name: "Getting about" } });
    const step = Math.floor(text.length / EXCERPTS);
    for (let i = 0; i < EXCERPTS; i++) {
      const start = i * step;
      const end = Math.min(text.length, start + 120);
      const excerpt = await db.excerpt.create({
        data: {
          localityId: locality.id,
          storyId: story.id,
          start,
          end,
          quote: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
          coderId: i % 2 ? coder.id : member.id,
        },
      });
      await db.excerptCode.create({ data: { excerptId: excerpt.id, codeId: code.id } });
    }

    const access = {
      user: { id: member.id, email: member.email, name: member.name, preferredLanguage: "en" },
      role: "member",
      locality: {
        id: locality.id,
        name: locality.name,
        slug: locality.slug,
        description: "",
        currentStage: 2,
        organisation: { id: org.id, slug: org.slug, name: org.name },
      },
    } satisfies LocalityAccess;
    const marked = await storyIdentifiers(db, story.id);
    const occurrences = redact(text, marked).segments.filter((s) => s.type === "placeholder").length;

    const read = await median(() => readStoryPlainText({ localityId: locality.id, documentId: document.id }));
    const redacting = await median(() => redact(text, marked));
    const storyPage = await median(() => loadStoryPage(access, story.id, "en", false));
    const excerptRows = await median(() => storyExcerpts(db, story.id));
    const coding = await median(() => loadCodingPage(access, story.id, "en"));
    const json = JSON.stringify(await loadCodingPage(access, story.id, "en"));
    const bytes = Buffer.byteLength(json);
    const gzipped = zlib.gzipSync(json).byteLength;

    const row = (name: string, ms: number) => `${name.padEnd(8)} ${ms.toFixed(1).padStart(8)} ms   ${(ms / read).toFixed(1).padStart(6)} × read`;
    console.log(
      `Story: ${text.length.toLocaleString("en-GB")} characters in ${paragraphs.length} paragraphs, ${marked.length} identifiers (${occurrences.toLocaleString("en-GB")} occurrences hidden), ${EXCERPTS} excerpts; medians of ${RUNS} runs`,
    );
    console.log(row("read", read));
    console.log(row("redact", redacting));
    console.log(row("story", storyPage));
    console.log(`${row("excerpts", excerptRows)}   (the excerpts query alone, part of coding)`);
    console.log(row("coding", coding));
    console.log(
      `coding loader data: ${(bytes / 1024).toFixed(0)} KB of JSON, ${(gzipped / 1024).toFixed(0)} KB gzipped (${(bytes / text.length).toFixed(2)} bytes per character of the story)`,
    );
  } finally {
    await collab.stop();
    await store.close();
    await database.drop();
  }
}

await main();
