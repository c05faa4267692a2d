// Demo analysis board and insights (Stage 2) for a fresh database. INVENTED content.
//
// Per locality: an "Analysis board" whose notes are the demo excerpts (redacted, linked to
// their excerpt, as "Send to a board" makes them), sorted into themed clusters, and two
// insights made from the first two clusters, with "How might we…?" questions. The excerpts
// come from the analysis seeder; a locality without any gets nothing here.
import * as Y from "yjs";
import { addCluster, addNote } from "../../app/collab/board.ts";
import { CONTENT_LIMITS } from "../../app/collab/limits.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import { projectBoard, projectionRecords } from "../../app/collab/projection.ts";
import { insertBoardProjection } from "../../app/data/boards.server.ts";
import { plainText } from "../../app/collab/rich-text.ts";
import { excerptNoteText, gridBelow, noteColourFor, redactedQuote } from "../../app/domain/insights.ts";
import { IDENTIFIER_KINDS, redact, redactText, type Identifier, type IdentifierKind } from "../../app/domain/redaction.ts";
import { messages } from "../../app/i18n/locales/index.ts";
import type { LocalitySlug } from "./people.ts";
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

type DemoInsight = { statement: string; confidence: "low" | "medium" | "high"; questions: string[] };
type DemoTheme = { cluster: string; keywords: string[]; insight: DemoInsight | null };

/** Per locality: the board's title, its themes (a cluster each, found by words in the excerpts), the labels' language. */
const DEMO_SYNTHESIS: Record<LocalitySlug, { title: string; language: "en" | "ar"; themes: DemoTheme[] }> = {
  longbridge: {
    title: "Analysis board",
    language: "en",
    themes: [
      {
        cluster: "Not knowing what's out there",
        keywords: ["know", "website", "list", "nobody got back", "existed", "who else", "tells you", "leaflet"],
        insight: {
          statement: "We learned that parents often find out about help that already exists only when someone they trust happens to mention it.",
          confidence: "high",
          questions: [
            "How might we put what's on locally where parents already are, like the nursery door and the school gate?",
            "How might we give parents one person they can text when they don't know who to ask?",
          ],
        },
      },
      {
        cluster: "No one to lean on",
        keywords: ["nobody", "moved", "mum", "on my own", "alone", "don't really talk", "rushing", "family"],
        insight: {
          statement: "We learned that when family moves away, a small change like a bus route can leave parents with no one nearby to lean on.",
          confidence: "medium",
          questions: [
            "How might we help parents at the same gate get to know each other?",
            "How might we spot families who have just lost their support before mornings fall apart?",
          ],
        },
      },
      { cluster: "Getting about", keywords: ["bus", "late", "walk", "rain", "pram", "route"], insight: null },
    ],
  },
  sparkbrook: {
    title: "لوحة التحليل",
    language: "ar",
    themes: [
      {
        cluster: "الرسائل واللغة",
        keywords: ["letter", "read", "english", "الرسائل", "بالإنجليزية", "يقرأ", "مترجم", "translate", "interpret"],
        insight: {
          statement: "تعلّمنا أن كثيرًا من الأهالي الناطقين بالعربية يعتمدون على أطفالهم لقراءة رسائل المدرسة والخدمات.",
          confidence: "high",
          questions: ["كيف يمكننا أن نرسل الرسائل بلغة يقرؤها الأهالي؟", "How might we make sure children no longer have to be their family's interpreters?"],
        },
      },
      {
        cluster: "A friendly face who speaks our language",
        keywords: ["العربية", "الأمهات", "وحدي", "mentor", "stay and play", "welcome", "arabic", "languages", "الشاي"],
        insight: {
          statement:
            "We learned that a friendly person who speaks their language is what first connects new parents to the children's centre and other services.",
          confidence: "medium",
          questions: [
            "How might we have someone who speaks Arabic at the school gate and the clinic once a week?",
            "كيف يمكننا أن ندعم الأمهات ليصبحن مرشدات لأمهات جدد؟",
          ],
        },
      },
      { cluster: "الوصول إلى الخدمات", keywords: ["doctor", "الطبيب", "المستشفى", "gp", "appointment", "موعد", "nursery", "الحضانة"], insight: null },
    ],
  },
};

/** "[Name 1]" / "[اسم 1]": the placeholder labels the pages use, from the same strings. */
function labelIn(language: "en" | "ar") {
  const templates = messages[language].stories.placeholder as Record<IdentifierKind, string>;
  return (kind: IdentifierKind, n: number) => templates[kind].replace("{{n}}", String(n));
}

/** A story's stored text (plain), from the collab log rows the story seeder wrote. */
async function storedPlainText(tx: DemoTx, localityId: string, documentId: string | null): Promise<string> {
  if (!documentId) return "";
  const rows = await tx.collabUpdate.findMany({
    where: { docName: formatDocumentName({ localityId, kind: "doc", documentId }) },
    orderBy: { id: "asc" },
    select: { data: true },
  });
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  const text = plainText(doc);
  doc.destroy();
  return text;
}

export async function seedDemoInsights(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  for (const [slug, demo] of Object.entries(DEMO_SYNTHESIS) as Array<[LocalitySlug, (typeof DEMO_SYNTHESIS)[LocalitySlug]]>) {
    const localityId = ctx.localityIdFor(slug);
    const excerpts = await tx.excerpt.findMany({
      where: { localityId, story: { withdrawnAt: null, consent: { isNot: null } } },
      orderBy: [{ story: { createdAt: "asc" } }, { start: "asc" }, { id: "asc" }],
      select: {
        id: true,
        storyId: true,
        start: true,
        end: true,
        quote: true,
        anchored: true,
        story: { select: { storytellerPseudonym: true, documentId: true } },
        codes: { select: { codeId: true } },
      },
    });
    if (excerpts.length === 0) {
      ctx.report(`${slug}: no excerpts yet, so no analysis board or insights`);
      continue;
    }
    const codebook = (await tx.code.findMany({ where: { localityId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true } })).map((c) => c.id);
    const label = labelIn(demo.language);

    // Each excerpt's redacted quote, from its story's own redaction.
    const stories = new Map<string, { text: string; identifiers: Identifier[] }>();
    const notes: Array<{ excerptId: string; storyId: string; text: string; colour: ReturnType<typeof noteColourFor>; quote: string }> = [];
    for (const e of excerpts) {
      let story = stories.get(e.storyId);
      if (!story) {
        const identifiers = (
          await tx.storyIdentifier.findMany({
            where: { storyId: e.storyId },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: { text: true, kind: true },
          })
        ).map((r): Identifier => ({ text: r.text, kind: (IDENTIFIER_KINDS as readonly string[]).includes(r.kind) ? (r.kind as IdentifierKind) : "other" }));
        story = { text: await storedPlainText(tx, localityId, e.story.documentId), identifiers };
        stories.set(e.storyId, story);
      }
      const { text, identifiers } = story;
      const quote = redactedQuote({ text, redaction: redact(text, identifiers) }, e, label, (q) => redactText(q, identifiers, label));
      notes.push({
        excerptId: e.id,
        storyId: e.storyId,
        quote: e.quote.toLocaleLowerCase(),
        text: excerptNoteText(quote, e.story.storytellerPseudonym, CONTENT_LIMITS.noteText),
        colour: noteColourFor(
          "byCode",
          e.codes.map((c) => c.codeId),
          codebook,
        ),
      });
    }

    // Sort the notes into the themes by their words; a theme left empty takes a loose note.
    const members = demo.themes.map(() => [] as typeof notes);
    const loose: typeof notes = [];
    for (const note of notes) {
      const theme = demo.themes.findIndex((t) => t.keywords.some((k) => note.quote.includes(k.toLocaleLowerCase())));
      (theme >= 0 ? members[theme]! : loose).push(note);
    }
    for (const list of members) {
      if (list.length > 0) continue;
      const donor = loose.length > 0 ? loose : members.find((m) => m.length > 1);
      if (donor) list.push(donor === loose ? loose.shift()! : donor.pop()!);
    }

    const board = await tx.board.create({ data: { localityId, title: demo.title, purpose: "analysis", createdById: ctx.actorId }, select: { id: true } });
    const docName = formatDocumentName({ localityId, kind: "board", documentId: board.id });
    const doc = new Y.Doc();
    const now = Date.now();
    const clusterIds: Array<string | null> = [];
    demo.themes.forEach((theme, i) => {
      if (members[i]!.length === 0) {
        clusterIds.push(null);
        return;
      }
      const x = 40 + i * 600;
      const clusterId = addCluster(doc, { id: `demo-analysis-cluster-${i + 1}`, name: theme.cluster, x, y: 40 });
      clusterIds.push(clusterId);
      members[i]!.forEach((note, j) =>
        addNote(doc, {
          id: `demo-analysis-note-${note.excerptId}`,
          text: note.text,
          colour: note.colour,
          authorId: null,
          authorName: null,
          clusterId,
          x: x + 16 + (j % 3) * 176,
          y: 88 + Math.floor(j / 3) * 136,
          link: { type: "excerpt", id: note.excerptId },
          now,
        }),
      );
    });
    const spots = gridBelow([{ y: 88 + 3 * 136 }], loose.length);
    loose.forEach((note, j) =>
      addNote(doc, {
        id: `demo-analysis-note-${note.excerptId}`,
        text: note.text,
        colour: note.colour,
        authorId: null,
        authorName: null,
        link: { type: "excerpt", id: note.excerptId },
        now,
        ...spots[j]!,
      }),
    );
    await tx.collabUpdate.create({ data: { docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    await insertBoardProjection(tx, projectionRecords(docName, localityId, projectBoard(doc)));
    doc.destroy();

    let made = 0;
    for (const [i, theme] of demo.themes.entries()) {
      if (!theme.insight || members[i]!.length === 0) continue;
      const insight = await tx.insight.create({
        data: {
          localityId,
          statement: theme.insight.statement,
          confidence: theme.insight.confidence,
          boardId: board.id,
          clusterId: clusterIds[i],
          createdById: ctx.actorId,
          questions: { create: theme.insight.questions.map((text, position) => ({ text, position })) },
          evidence: { create: members[i]!.map((n) => ({ excerptId: n.excerptId, storyId: n.storyId })) },
        },
        select: { id: true },
      });
      await tx.auditEntry.create({
        data: {
          localityId,
          actorId: ctx.actorId,
          action: "insight.create",
          targetType: "insight",
          targetId: insight.id,
          detail: JSON.stringify({ evidence: members[i]!.length, demo: true }),
        },
      });
      made++;
    }
    ctx.report(`${slug}: analysis board with ${notes.length} excerpts in ${clusterIds.filter(Boolean).length} clusters, ${made} insights`);
  }
}
