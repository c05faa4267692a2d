// A large locality for benchmarks (backup/restore, and pages at scale: BENCH_SCALE): by default
// 300 people, 2,000 ties, 50 stories with consent and text, 500 ideas on 5 challenges, and 50
// boards whose content is stored as a live session leaves it — one CollabUpdate row per edit
// (notes added, then their text edited), half of the boards compacted into a CollabSnapshot
// with a later log — with their note projections. Deterministic (a seeded generator), written
// in batches. One facilitator and ten members who can sign in with the factories' PASSWORD.
import crypto from "node:crypto";
import * as Y from "yjs";
import type { Db } from "~/data/db.server";
import { addNote, setNoteText } from "~/collab/board";
import { boardDocName, richTextDocName } from "~/collab/names";
import { appendRichText } from "~/collab/rich-text";
import { projectBoard, projectionRecords } from "~/collab/projection";
import { insertBoardProjection } from "~/data/boards.server";
import { newLinkCode } from "~/domain/ideas";
import { addMember, makeLocality, makeOrganisation, makeUser } from "./index";

export type LocalityScale = {
  people: number;
  ties: number;
  stories: number;
  ideas: number;
  /** Every board, the challenges' boards included. */
  boards: number;
  challenges: number;
  /** Notes added to each board, one stored update each... */
  notesPerBoard: number;
  /** ...then this many text edits per note, one stored update each. */
  editsPerNote: number;
  /** Paragraphs of each story's text (about 450 characters each). */
  storyParagraphs: number;
};

export const CITY_SCALE: LocalityScale = {
  people: 300,
  ties: 2000,
  stories: 50,
  ideas: 500,
  boards: 50,
  challenges: 5,
  notesPerBoard: 40,
  editsPerNote: 4,
  storyParagraphs: 8,
};

/**
 * The scale a benchmark asks for: BENCH_SCALE unset or "city" is CITY_SCALE; a number multiplies
 * it ("0.1" for a quick run, "2" for twice the city); "people=500,ties=4000" overrides parts.
 */
export function scaleFromEnv(value: string | undefined = process.env.BENCH_SCALE): LocalityScale {
  if (!value || value === "city") return { ...CITY_SCALE };
  if (/^\d+(\.\d+)?$/.test(value)) {
    const factor = Number(value);
    const scaled = { ...CITY_SCALE };
    for (const key of ["people", "ties", "stories", "ideas", "boards"] as const) scaled[key] = Math.max(1, Math.round(CITY_SCALE[key] * factor));
    scaled.challenges = Math.min(scaled.boards, Math.max(1, Math.round(CITY_SCALE.challenges * factor)));
    return scaled;
  }
  const scale = { ...CITY_SCALE };
  for (const part of value.split(",")) {
    const [key, raw] = part.split("=");
    if (!key || !(key in scale) || !raw || !/^\d+$/.test(raw)) throw new Error(`BENCH_SCALE: cannot read "${part}" (e.g. city, 0.1, or people=500,ties=4000)`);
    scale[key as keyof LocalityScale] = Number(raw);
  }
  return scale;
}

/** A small deterministic generator (mulberry32). */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const SECTORS = ["resident", "parent", "young_person", "local_organisation", "public_service", "councillor", "other"] as const;
const TIE_KINDS = ["works_with", "neighbours", "family", "friends", "introduced_by", "met_at_session", "other"] as const;
const FIRST = ["Amina", "Ben", "Chloe", "Dev", "Ella", "Farah", "George", "Hana", "Imran", "Jade", "Kofi", "Layla", "Mo", "Nadia", "Owen", "Priya"];
const LAST = ["Ahmed", "Brown", "Campbell", "Begum", "Evans", "Farouk", "Green", "Hussain", "Iqbal", "Jones", "Khan", "Lewis", "Mensah", "Patel"];
const WORDS =
  "parents meet library bus route school gate cafe nursery language class mentor drop-in weekend park youth club health visitor waiting list walk form translate phone volunteer".split(
    " ",
  );

const id = () => crypto.randomUUID().replaceAll("-", "");
const sentence = (rng: ReturnType<typeof generator>, words: number) => Array.from({ length: words }, () => rng.pick(WORDS)).join(" ");

async function inBatches<T>(rows: T[], size: number, write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export type ScaledLocality = {
  organisationId: string;
  localityId: string;
  facilitator: { id: string; email: string };
  members: Array<{ id: string; email: string }>;
  boardIds: string[];
  challengeIds: string[];
  storyIds: string[];
  scale: LocalityScale;
};

/** Seeds one large locality (in a new organisation) into `db`. */
export async function seedScaledLocality(
  db: Db,
  scale: LocalityScale = CITY_SCALE,
  onProgress: (message: string) => void = () => {},
  seed = 18,
): Promise<ScaledLocality> {
  const rng = generator(seed);
  const org = await makeOrganisation(db);
  const loc = await makeLocality(db, org.id, "Scaled locality");
  const facilitator = await makeUser(db, { name: "Scale Facilitator" });
  await addMember(db, loc.id, facilitator.id, "facilitator");
  const members = [];
  for (let i = 0; i < 10; i++) {
    const user = await makeUser(db, { name: `Scale Member ${i + 1}` });
    await addMember(db, loc.id, user.id, "member");
    members.push({ id: user.id, email: user.email });
  }

  // People and who knows whom (one row per pair, personAId < personBId).
  const personIds = Array.from({ length: scale.people }, id);
  await inBatches(
    personIds.map((pid, i) => ({
      id: pid,
      localityId: loc.id,
      displayName: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i + 1}`,
      sector: rng.pick(SECTORS),
      brings: sentence(rng, 12),
      bringsKinds: "skills,networks",
      caresAbout: sentence(rng, 10),
      languages: rng.pick(["en", "en,ar", "en,ur", "so,en", "bn,en"]),
      email: `person${i + 1}@example.test`,
      addedById: facilitator.id,
    })),
    200,
    (batch) => db.person.createMany({ data: batch }),
  );
  const pairs = new Set<string>();
  const maxTies = (scale.people * (scale.people - 1)) / 2;
  while (pairs.size < Math.min(scale.ties, maxTies)) {
    const a = personIds[rng.int(personIds.length)]!;
    const b = personIds[rng.int(personIds.length)]!;
    if (a !== b) pairs.add(a < b ? `${a}|${b}` : `${b}|${a}`);
  }
  await inBatches(
    [...pairs].map((pair) => {
      const [personAId, personBId] = pair.split("|") as [string, string];
      return {
        localityId: loc.id,
        personAId,
        personBId,
        kind: rng.pick(TIE_KINDS),
        strength: 1 + rng.int(3),
        since: new Date(Date.UTC(2020 + rng.int(6), rng.int(12), 1 + rng.int(28))),
        note: sentence(rng, 6),
        createdById: facilitator.id,
      };
    }),
    500,
    (batch) => db.tie.createMany({ data: batch }),
  );
  onProgress(`${scale.people} people, ${pairs.size} ties`);

  // Stories: the text as the editor stores it, consent and the storyteller's identity.
  const storyIds: string[] = [];
  for (let s = 0; s < scale.stories; s++) {
    const document = await db.sharedDocument.create({ data: { localityId: loc.id, title: "Story text", kind: "story", createdById: facilitator.id } });
    const doc = new Y.Doc();
    appendRichText(
      doc,
      Array.from({ length: scale.storyParagraphs }, () => ({ type: "paragraph" as const, text: sentence(rng, 70) })),
    );
    await db.collabUpdate.create({ data: { docName: richTextDocName(loc.id, document.id), data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    doc.destroy();
    const story = await db.story.create({
      data: {
        localityId: loc.id,
        title: `Story ${s + 1}: ${sentence(rng, 4)}`,
        storytellerPseudonym: `Parent ${String.fromCharCode(65 + (s % 26))}${s >= 26 ? Math.floor(s / 26) : ""}`,
        occurredOn: new Date(Date.UTC(2026, rng.int(11), 1 + rng.int(28))),
        method: "interview",
        documentId: document.id,
        createdById: facilitator.id,
        identity: { create: { realName: `Storyteller ${s + 1}`, contact: `storyteller${s + 1}@example.test` } },
        consent: {
          create: { givenBy: `Storyteller ${s + 1}`, givenAt: new Date(Date.UTC(2026, 9, 1)), method: "signed_form", infoSheetVersion: "v2", scope: "quotes" },
        },
      },
    });
    storyIds.push(story.id);
  }
  onProgress(`${scale.stories} stories`);

  // Boards: the challenges' boards first, then exercise boards; each stored edit by edit.
  const boardIds: string[] = [];
  const challengeIds: string[] = [];
  const boardDocs = new Map<string, Y.Doc>();
  for (let b = 0; b < scale.boards; b++) {
    const isChallenge = b < scale.challenges;
    const board = await db.board.create({
      data: {
        localityId: loc.id,
        title: isChallenge ? `Challenge board ${b + 1}` : `Board ${b + 1}`,
        purpose: isChallenge ? "ideas" : "exercise",
        createdById: facilitator.id,
      },
    });
    boardIds.push(board.id);
    if (isChallenge) {
      const challenge = await db.challenge.create({
        data: { localityId: loc.id, question: `How might we ${sentence(rng, 6)}?`, boardId: board.id, linkCode: newLinkCode(), createdById: facilitator.id },
      });
      challengeIds.push(challenge.id);
    }
    const docName = boardDocName(loc.id, board.id);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const authors = [facilitator, ...members.slice(0, 4)];
    const noteIds: string[] = [];
    for (let n = 0; n < scale.notesPerBoard; n++) {
      const author = authors[n % authors.length]!;
      noteIds.push(
        addNote(doc, {
          id: id(),
          text: sentence(rng, 8),
          authorId: author.id,
          authorName: `Author ${n % authors.length}`,
          x: (n % 8) * 180,
          y: Math.floor(n / 8) * 140,
        }),
      );
    }
    for (let e = 0; e < scale.editsPerNote; e++) for (const noteId of noteIds) setNoteText(doc, noteId, sentence(rng, 9));
    // Half of the boards were compacted once: a snapshot of the first half of their log, the rest after it.
    const compacted = b % 2 === 1;
    const cut = compacted ? Math.floor(updates.length / 2) : 0;
    let upToId = 0;
    if (compacted) {
      const first = await db.collabUpdate.create({ data: { docName, data: Buffer.from(Y.mergeUpdates(updates.slice(0, cut))) } });
      upToId = first.id;
      await db.collabSnapshot.create({ data: { docName, data: Buffer.from(Y.mergeUpdates(updates.slice(0, cut))), upToId } });
      await db.collabUpdate.delete({ where: { id: first.id } });
    }
    await inBatches(updates.slice(cut), 500, (batch) => db.collabUpdate.createMany({ data: batch.map((u) => ({ docName, data: Buffer.from(u) })) }));
    boardDocs.set(board.id, doc);
  }

  // Ideas, spread over the challenges: most published (a note on the challenge's board), some pending or rejected.
  const ideaRows = [];
  for (let i = 0; i < scale.ideas; i++) {
    const c = i % Math.max(1, challengeIds.length);
    const roll = rng.next();
    const moderation = roll < 0.6 ? "published" : roll < 0.9 ? "pending" : "rejected";
    ideaRows.push({
      id: id(),
      localityId: loc.id,
      challengeId: challengeIds[c]!,
      source: "phone",
      moderation,
      title: sentence(rng, 4),
      text: sentence(rng, 25),
      language: rng.pick(["en", "ar", "ur"]),
      contributorName: rng.next() < 0.3 ? `Contributor ${i + 1}` : null,
      contributorContact: rng.next() < 0.3 ? `0770090${String(i).padStart(4, "0")}` : null,
      noteId: moderation === "published" ? id() : null,
      boardIndex: c,
    });
  }
  for (const idea of ideaRows) {
    if (!idea.noteId) continue;
    const doc = boardDocs.get(boardIds[idea.boardIndex]!)!;
    const before = Y.encodeStateVector(doc);
    addNote(doc, { id: idea.noteId, text: idea.text.slice(0, 200), authorId: null, authorName: null, link: { type: "idea", id: idea.id } });
    await db.collabUpdate.create({
      data: { docName: boardDocName(loc.id, boardIds[idea.boardIndex]!), data: Buffer.from(Y.encodeStateAsUpdate(doc, before)) },
    });
  }
  await inBatches(
    ideaRows.map(({ boardIndex: _, ...row }) => row),
    200,
    (batch) => db.idea.createMany({ data: batch }),
  );
  onProgress(`${scale.ideas} ideas on ${challengeIds.length} challenges`);

  // The boards' read model, as the projector leaves it.
  for (const [boardId, doc] of boardDocs) {
    const docName = boardDocName(loc.id, boardId);
    await insertBoardProjection(db, projectionRecords(docName, loc.id, projectBoard(doc)));
    doc.destroy();
  }
  onProgress(`${scale.boards} boards (${scale.notesPerBoard} notes, ${scale.notesPerBoard * (1 + scale.editsPerNote)} stored edits each)`);

  return {
    organisationId: org.id,
    localityId: loc.id,
    facilitator: { id: facilitator.id, email: facilitator.email },
    members,
    boardIds,
    challengeIds,
    storyIds,
    scale,
  };
}
