// A prototype with the evidence chain behind it, written directly as the earlier stages' pages
// leave it: a consented story (its text through the collab API, an identifier marked) with an
// excerpt, an insight with that excerpt as evidence and a question, a challenge opened from it,
// a published idea on the challenge, and the prototype promoted from the idea; plus core-group
// people, and test cycles with who took part (the cycle pages are built apart).
import type { Db } from "~/data/db.server";
import { applyServerChange } from "~/collab/backend.server";
import { richTextDocName } from "~/collab/names";
import { appendRichText } from "~/collab/rich-text";
import { makeChallenge } from "./challenges";

/** A story of the locality with consent (unless `consented: false`), its text written through the collab API, and an excerpt of `phrase`. */
export async function makeStoryWithExcerpt(
  db: Db,
  input: {
    localityId: string;
    title: string;
    pseudonym: string;
    text: string;
    phrase: string;
    identifiers?: Array<[string, string]>;
    consented?: boolean;
    /** false: no text document (outside a process with the collab API; quotes are then redacted by themselves). */
    writeText?: boolean;
  },
) {
  let document: { id: string } | null = null;
  if (input.writeText !== false) {
    document = await db.sharedDocument.create({ data: { localityId: input.localityId, title: input.title, kind: "story" } });
    await applyServerChange(richTextDocName(input.localityId, document.id), (doc) => appendRichText(doc, [{ type: "paragraph", text: input.text }]));
  }
  const story = await db.story.create({
    data: {
      localityId: input.localityId,
      title: input.title,
      storytellerPseudonym: input.pseudonym,
      occurredOn: new Date("2026-03-02"),
      method: "interview",
      documentId: document?.id ?? null,
    },
  });
  if (input.consented !== false)
    await db.storyConsent.create({
      data: { storyId: story.id, givenBy: "The storyteller", givenAt: new Date("2026-03-02"), method: "signed_form", infoSheetVersion: "v2", scope: "quotes" },
    });
  for (const [text, kind] of input.identifiers ?? []) await db.storyIdentifier.create({ data: { storyId: story.id, text, kind } });
  const start = input.text.indexOf(input.phrase);
  if (start < 0) throw new Error(`"${input.phrase}" is not in the story's text`);
  const excerpt = await db.excerpt.create({
    data: { localityId: input.localityId, storyId: story.id, start, end: start + input.phrase.length, quote: input.phrase },
  });
  return { story, excerpt };
}

export type ChainInput = {
  localityId: string;
  actorId?: string | null;
  /** Stories behind the insight: each gives one excerpt. */
  stories: Array<{ title: string; pseudonym: string; text: string; phrase: string; identifiers?: Array<[string, string]> }>;
  insight?: string;
  question?: string;
  idea?: string;
  title?: string;
  status?: string;
  /** The idea's receipt's hash (a phone idea), if any. */
  receiptHash?: string | null;
  /** false: stories without a text document (see makeStoryWithExcerpt). */
  writeText?: boolean;
};

/** Stories → insight → challenge → idea → prototype, as Stages 2–4 leave them. */
export async function makeChainedPrototype(db: Db, input: ChainInput) {
  const stories = [];
  for (const s of input.stories) stories.push(await makeStoryWithExcerpt(db, { localityId: input.localityId, writeText: input.writeText, ...s }));
  const insight = await db.insight.create({
    data: {
      localityId: input.localityId,
      statement: input.insight ?? "New parents do not know where to go for help",
      createdById: input.actorId ?? null,
      questions: { create: [{ text: input.question ?? "How might we help new parents find their way?" }] },
      evidence: { create: stories.map((s) => ({ excerptId: s.excerpt.id, storyId: s.story.id })) },
    },
  });
  const challenge = await makeChallenge(db, {
    localityId: input.localityId,
    actorId: input.actorId,
    question: input.question ?? "How might we help new parents find their way?",
    insightId: insight.id,
  });
  const ideaTitle = input.idea ?? "Parents who have been there go with new parents";
  const idea = await db.idea.create({
    data: {
      localityId: input.localityId,
      challengeId: challenge.id,
      source: input.receiptHash ? "phone" : "board",
      moderation: "published",
      status: "prototyping",
      title: ideaTitle,
      text: ideaTitle,
      language: "en",
      receiptHash: input.receiptHash ?? null,
      createdById: input.receiptHash ? null : (input.actorId ?? null),
    },
  });
  const prototype = await db.prototype.create({
    data: {
      localityId: input.localityId,
      ideaId: idea.id,
      title: input.title ?? "Peer mentors for new parents",
      status: input.status ?? "planned",
      createdById: input.actorId ?? null,
    },
  });
  return { stories, insight, challenge, idea, prototype };
}

/** A person of the locality's core group. */
export function makePerson(db: Db, input: { localityId: string; displayName: string; organisation?: string; sector?: string }) {
  return db.person.create({
    data: { localityId: input.localityId, displayName: input.displayName, sector: input.sector ?? "parent", organisation: input.organisation ?? "" },
  });
}

/** A test cycle of a prototype with who took part (core-group people by role, and counts of others), decided or not. */
export async function makeTestCycle(
  db: Db,
  input: {
    prototypeId: string;
    localityId: string;
    number: number;
    startsOn?: Date | null;
    participants?: Array<{ personId: string; role: "use" | "deliver" }>;
    counts?: Array<{ label: string; count: number }>;
    decision?: { decision: string; reason: string } | null;
  },
) {
  return db.testCycle.create({
    data: {
      prototypeId: input.prototypeId,
      localityId: input.localityId,
      number: input.number,
      believe: "We believe parents who have been through it can guide new parents",
      willResult: "new parents will come back to the centre",
      knowWhen: "half of them come back within a month",
      method: "role-play",
      startsOn: input.startsOn === undefined ? new Date("2026-03-01T00:00:00Z") : input.startsOn,
      decision: input.decision?.decision ?? null,
      decisionReason: input.decision?.reason ?? null,
      decidedAt: input.decision ? new Date() : null,
      participants: { create: input.participants ?? [] },
      counts: { create: input.counts ?? [] },
    },
  });
}
