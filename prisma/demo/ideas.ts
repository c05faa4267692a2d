// Demo challenges and ideas (Stage 3) for a fresh database. INVENTED content.
//
// Per locality: one "How might we…?" question of a demo insight opened as a challenge, with its
// board (ideas members wrote in the room, phone ideas a facilitator approved, two clusters, a
// "builds on", dots from a closed vote), phone ideas still waiting in the moderation queue (one
// with spam signals), a human translation, comments, a shortlisted idea, and in Sparkbrook the
// peer-mentoring idea (Sparkbrook) and the WhatsApp idea (Longbridge, as FACEboard) promoted to prototypes. Rows are written as the pages and the collab
// server write them (the board as one stored update, ideas as records with their note ids).
import * as Y from "yjs";
import { addCluster, addNote, openVoting, closeVoting, placeDot, setBuildsOn } from "../../app/collab/board.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import { projectBoard, projectionRecords } from "../../app/collab/projection.ts";
import { insertBoardProjection } from "../../app/data/boards.server.ts";
import { ideaNoteId, newLinkCode, type SpamSignal } from "../../app/domain/ideas.ts";
import type { LocalitySlug } from "./people.ts";
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

type BoardIdea = { key: string; text: string; author: string; language: "en" | "ar"; cluster?: number; buildsOn?: string; dots: number };
type PhoneIdea = { key: string; text: string; language: "en" | "ar"; name?: string; contact?: string; signals?: SpamSignal[] };
type DemoChallenge = {
  /** The insight question to open: the n-th question (0-based) of the insight whose statement starts with this. */
  insightStarts: string;
  questionIndex: number;
  languages: string;
  closesInDays: number;
  clusters: string[];
  /** Ideas written on the board in the room (member notes; records made from them). */
  board: BoardIdea[];
  /** Ideas from the public link, approved onto the board. */
  approved: (PhoneIdea & { cluster?: number; dots: number })[];
  /** Ideas from the public link waiting in the moderation queue. */
  pending: PhoneIdea[];
  translation?: { of: string; language: "en" | "ar"; text: string; by: string };
  comments: { on: string; by: string; body: string }[];
  shortlisted: string[];
  promoted?: { idea: string; title: string };
};

const MEMBER = { longbridge: "member.longbridge@coproduce.test", sparkbrook: "member.sparkbrook@coproduce.test" } as const;
const FACILITATOR = "facilitator@coproduce.test";

const DEMO_CHALLENGES: Record<LocalitySlug, DemoChallenge> = {
  longbridge: {
    insightStarts: "We learned that when family moves away",
    questionIndex: 0,
    languages: "en",
    closesInDays: 21,
    clusters: ["Meeting at the gate", "Somewhere to go together"],
    board: [
      {
        key: "walking-bus",
        text: "A walking bus to school: parents take turns to walk the children from the estate.",
        author: MEMBER.longbridge,
        language: "en",
        cluster: 0,
        dots: 4,
      },
      { key: "coffee-gate", text: "Coffee at the gate on Friday mornings, run by the PTA.", author: MEMBER.longbridge, language: "en", cluster: 0, dots: 3 },
      {
        key: "buddy",
        text: "Pair each new family with a buddy family from the same street.",
        author: FACILITATOR,
        language: "en",
        cluster: 1,
        buildsOn: "walking-bus",
        dots: 2,
      },
    ],
    approved: [{ key: "whatsapp", text: "A WhatsApp group for each class, started by the school so nobody is left out.", language: "en", cluster: 0, dots: 5 }],
    pending: [
      {
        key: "park",
        text: "Saturday meet-ups in Cofton Park for families who have just moved here.",
        language: "en",
        name: "Dee",
        contact: "dee.parent@example.org",
      },
      { key: "spammy", text: "BEST OFFER!!! VISIT HTTPS://EXAMPLE.COM NOW", language: "en", signals: ["links", "shouting"] },
    ],
    comments: [{ on: "walking-bus", by: FACILITATOR, body: "The school said they could lend hi-vis vests." }],
    shortlisted: ["walking-bus", "whatsapp"],
    promoted: { idea: "whatsapp", title: "FACEboard" },
  },
  sparkbrook: {
    insightStarts: "We learned that a friendly person who speaks their language",
    questionIndex: 0,
    languages: "en,ar",
    closesInDays: 14,
    clusters: ["مرشدات من الأمهات", "At the clinic"],
    board: [
      {
        key: "mentors",
        text: "أمهات مررن بالسنوات الأولى يرافقن الأمهات الجدد في أول زيارة لمركز الأطفال.",
        author: MEMBER.sparkbrook,
        language: "ar",
        cluster: 0,
        dots: 6,
      },
      {
        key: "clinic-hour",
        text: "An Arabic-speaking volunteer at the baby clinic every Tuesday morning.",
        author: FACILITATOR,
        language: "en",
        cluster: 1,
        dots: 3,
      },
    ],
    approved: [{ key: "tea", text: "جلسة شاي أسبوعية في المسجد لتعريف الأمهات بخدمات الحي.", language: "ar", cluster: 0, dots: 2 }],
    pending: [{ key: "translate-letters", text: "مترجمة متطوعة تساعد في قراءة رسائل المدرسة مرة في الأسبوع.", language: "ar" }],
    translation: {
      of: "mentors",
      language: "en",
      text: "Mothers who have been through the early years go with new mothers on their first visit to the children's centre.",
      by: MEMBER.sparkbrook,
    },
    comments: [{ on: "mentors", by: FACILITATOR, body: "St Paul's can train the first mentors; role play worked well last time." }],
    shortlisted: ["mentors"],
    promoted: { idea: "mentors", title: "Peer mentors for new parents" },
  },
};

const firstWords = (text: string) => (text.length <= 80 ? text : `${text.slice(0, 79).replace(/\s+\S*$/, "")}…`);

export async function seedDemoIdeas(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  for (const [slug, demo] of Object.entries(DEMO_CHALLENGES) as Array<[LocalitySlug, DemoChallenge]>) {
    const localityId = ctx.localityIdFor(slug);
    const insight = await tx.insight.findFirst({
      where: { localityId, statement: { startsWith: demo.insightStarts } },
      select: { id: true, questions: { orderBy: { position: "asc" }, select: { id: true, text: true } } },
    });
    const question = insight?.questions[demo.questionIndex];
    if (!insight || !question) {
      ctx.report(`${slug}: no demo insight question, so no challenge`);
      continue;
    }
    const board = await tx.board.create({
      data: { localityId, title: question.text.slice(0, 120), purpose: "ideas", createdById: ctx.actorId },
      select: { id: true },
    });
    const challenge = await tx.challenge.create({
      data: {
        localityId,
        question: question.text,
        insightId: insight.id,
        questionId: question.id,
        boardId: board.id,
        languages: demo.languages,
        closesAt: new Date(Date.now() + demo.closesInDays * 24 * 3600 * 1000),
        linkCode: newLinkCode(),
        createdById: ctx.actorId,
      },
      select: { id: true },
    });

    // The records first (phone ideas' note ids come from their ids).
    const ideaIds = new Map<string, string>();
    const noteIds = new Map<string, string>();
    const common = { localityId, challengeId: challenge.id, insights: { create: [{ insightId: insight.id }] } };
    for (const idea of demo.board) {
      const noteId = `demo-idea-note-${slug}-${idea.key}`;
      const row = await tx.idea.create({
        data: {
          ...common,
          source: "board",
          moderation: "published",
          title: firstWords(idea.text),
          text: idea.text,
          language: idea.language,
          noteId,
          createdById: ctx.userIdFor(idea.author),
        },
        select: { id: true },
      });
      ideaIds.set(idea.key, row.id);
      noteIds.set(idea.key, noteId);
    }
    for (const idea of demo.approved) {
      const row = await tx.idea.create({
        data: {
          ...common,
          source: "phone",
          moderation: "published",
          title: firstWords(idea.text),
          text: idea.text,
          language: idea.language,
          moderatedById: ctx.actorId,
          moderatedAt: new Date(),
        },
        select: { id: true },
      });
      await tx.idea.update({ where: { id: row.id }, data: { noteId: ideaNoteId(row.id) } });
      ideaIds.set(idea.key, row.id);
      noteIds.set(idea.key, ideaNoteId(row.id));
    }
    for (const idea of demo.pending) {
      await tx.idea.create({
        data: {
          localityId,
          challengeId: challenge.id,
          source: "phone",
          title: firstWords(idea.text),
          text: idea.text,
          language: idea.language,
          contributorName: idea.name ?? null,
          contributorContact: idea.contact ?? null,
          spamSignals: JSON.stringify(idea.signals ?? []),
        },
      });
    }

    // The board: clusters, the notes, a builds-on, and a closed vote's dots.
    const doc = new Y.Doc();
    const now = Date.now();
    const clusterIds = demo.clusters.map((name, i) => addCluster(doc, { id: `demo-idea-cluster-${slug}-${i + 1}`, name, x: 40 + i * 600, y: 40 }));
    const inCluster = new Map<number, number>();
    const place = (cluster: number | undefined) => {
      if (cluster === undefined) return { clusterId: null, x: 40, y: 520 };
      const n = inCluster.get(cluster) ?? 0;
      inCluster.set(cluster, n + 1);
      return { clusterId: clusterIds[cluster]!, x: 40 + cluster * 600 + 16 + (n % 3) * 176, y: 88 + Math.floor(n / 3) * 136 };
    };
    const names = new Map<string, string>();
    for (const u of await tx.user.findMany({ where: { email: { in: demo.board.map((b) => b.author) } }, select: { id: true, name: true } }))
      names.set(u.id, u.name);
    for (const idea of demo.board) {
      const authorId = ctx.userIdFor(idea.author);
      addNote(doc, { id: noteIds.get(idea.key)!, text: idea.text, authorId, authorName: names.get(authorId) ?? null, now, ...place(idea.cluster) });
    }
    for (const idea of demo.approved) {
      addNote(doc, {
        id: noteIds.get(idea.key)!,
        text: idea.text,
        authorId: null,
        authorName: null,
        colour: "green",
        link: { type: "idea", id: ideaIds.get(idea.key)! },
        now,
        ...place(idea.cluster),
      });
    }
    for (const idea of demo.board) if (idea.buildsOn) setBuildsOn(doc, noteIds.get(idea.key)!, noteIds.get(idea.buildsOn)!);
    openVoting(doc, 20, false);
    let voter = 0;
    for (const idea of [...demo.board, ...demo.approved])
      for (let d = 0; d < idea.dots; d++) placeDot(doc, `demo-voter-${voter++ % 7}`, noteIds.get(idea.key)!);
    closeVoting(doc);
    const docName = formatDocumentName({ localityId, kind: "board", documentId: board.id });
    await tx.collabUpdate.create({ data: { docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    await insertBoardProjection(tx, projectionRecords(docName, localityId, projectBoard(doc)));
    doc.destroy();

    // What the group did with them.
    if (demo.translation) {
      const by = ctx.userIdFor(demo.translation.by);
      const translator = await tx.user.findUnique({ where: { id: by }, select: { name: true } });
      await tx.ideaTranslation.create({
        data: {
          ideaId: ideaIds.get(demo.translation.of)!,
          language: demo.translation.language,
          text: demo.translation.text,
          translatorId: by,
          translatorName: translator?.name ?? "",
        },
      });
    }
    for (const c of demo.comments) {
      const author = await tx.user.findUnique({ where: { id: ctx.userIdFor(c.by) }, select: { id: true, name: true } });
      await tx.ideaComment.create({ data: { ideaId: ideaIds.get(c.on)!, authorId: author?.id ?? null, authorName: author?.name ?? "", body: c.body } });
    }
    for (const key of demo.shortlisted) await tx.idea.update({ where: { id: ideaIds.get(key)! }, data: { status: "shortlisted" } });
    if (demo.promoted) {
      const ideaId = ideaIds.get(demo.promoted.idea)!;
      await tx.prototype.create({ data: { localityId, ideaId, title: demo.promoted.title, status: "planned", createdById: ctx.actorId } });
      await tx.idea.update({ where: { id: ideaId }, data: { status: "prototyping" } });
    }
    await tx.auditEntry.create({
      data: {
        localityId,
        actorId: ctx.actorId,
        action: "challenge.open",
        targetType: "challenge",
        targetId: challenge.id,
        detail: JSON.stringify({ demo: true }),
      },
    });
    ctx.report(`${slug}: challenge with ${demo.board.length + demo.approved.length} ideas on its board, ${demo.pending.length} waiting for moderation`);
  }
}
