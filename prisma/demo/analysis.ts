// Demo codebook and coded excerpts (Stage 2) for a fresh database. INVENTED content.
//
// Each locality gets a codebook of eight codes, and its consented demo stories get excerpts by
// two coders (the demo facilitator and the locality's demo member), including one deliberate
// disagreement (overlapping passages coded differently) for the "where coders disagree" view.
// Stories are found in the database by locality and title; each quote is searched in the
// story's stored text, so the offsets are right whatever the text is (a quote not found is
// skipped and reported).
import * as Y from "yjs";
import { docFromState, plainText } from "../../app/collab/rich-text.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import { anchorFor } from "../../app/domain/coding.ts";
import type { LocalitySlug } from "./people.ts";
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

const FACILITATOR = "facilitator@coproduce.test";

type DemoExcerpt = { story: string; coder: string; quote: string; codes: string[]; comment?: string };
export type DemoAnalysis = { codes: Array<{ name: string; description: string }>; excerpts: DemoExcerpt[] };

export const DEMO_ANALYSIS: Record<LocalitySlug, DemoAnalysis> = {
  longbridge: {
    codes: [
      { name: "Transport and getting about", description: "Buses, walking, distance: how people get to the places they need." },
      { name: "Not knowing what help exists", description: "Help that was there but people did not know about it, or found out by chance." },
      { name: "Isolation and loneliness", description: "Being on your own, nobody to ask, not talking to others." },
      { name: "Trusted people", description: "A person (not a leaflet) who helped: staff, volunteers, neighbours." },
      { name: "Language and forms", description: "Official English, forms and letters that are hard to use." },
      { name: "Work and money pressures", description: "Jobs, hours, lateness, costs." },
      { name: "Family support far away", description: "Family who used to help and now cannot, or is in another country." },
      { name: "Ideas from families", description: "What the storyteller says would help." },
    ],
    excerpts: [
      {
        story: "Mornings after the bus route changed",
        coder: FACILITATOR,
        quote: "Since they changed the 47 we've got no bus from Coleman Close before half eight",
        codes: ["Transport and getting about"],
      },
      {
        story: "Mornings after the bus route changed",
        coder: "member.longbridge@coproduce.test",
        quote:
          "Since they changed the 47 we've got no bus from Coleman Close before half eight, so getting Jayden to nursery and me to work is a nightmare every single morning.",
        codes: ["Transport and getting about", "Work and money pressures"],
        comment: "It's about keeping her job as much as the bus.",
      },
      {
        story: "Mornings after the bus route changed",
        coder: FACILITATOR,
        quote: "My mum used to help but she moved to Redditch last year.",
        codes: ["Family support far away"],
      },
      {
        story: "Mornings after the bus route changed",
        coder: "member.longbridge@coproduce.test",
        quote: "There's nobody round here I'd ask. You see the same faces at the gate but you don't really talk, everyone's rushing.",
        codes: ["Isolation and loneliness"],
      },
      {
        story: "Mornings after the bus route changed",
        coder: FACILITATOR,
        quote: "It was Helen at the centre who told me about the breakfast club, and I didn't even know it existed.",
        codes: ["Not knowing what help exists", "Trusted people"],
      },
      {
        story: "Mornings after the bus route changed",
        coder: "member.longbridge@coproduce.test",
        quote: "It was Helen at the centre who told me about the breakfast club, and I didn't even know it existed.",
        codes: ["Not knowing what help exists", "Trusted people"],
      },
      {
        story: "Mornings after the bus route changed",
        coder: "member.longbridge@coproduce.test",
        quote: "Honestly, just knowing what's out there. A list on the nursery door, or someone you can text.",
        codes: ["Ideas from families", "Not knowing what help exists"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: FACILITATOR,
        quote: "for forms, for the doctor, for the school, it is different English",
        codes: ["Language and forms"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: "member.longbridge@coproduce.test",
        quote: "Later a neighbour told me there is a pharmacy that could have helped. Nobody tells you this.",
        codes: ["Not knowing what help exists"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: FACILITATOR,
        quote: "My wife was very lonely the first two years.",
        codes: ["Isolation and loneliness"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: "member.longbridge@coproduce.test",
        quote: "She says the worst was the weekends, when everybody has family.",
        codes: ["Isolation and loneliness", "Family support far away"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: FACILITATOR,
        quote: "Somebody was speaking Polish and also English, and they helped with the forms for the nursery hours.",
        codes: ["Trusted people", "Language and forms"],
      },
      {
        story: "Nobody tells you where the help is",
        coder: "member.longbridge@coproduce.test",
        quote: "put people like that in the places where we already go. Not a leaflet. A person who understands both sides.",
        codes: ["Ideas from families", "Trusted people"],
      },
    ],
  },
  sparkbrook: {
    codes: [
      { name: "Language barriers", description: "Not being understood, or not understanding, because of language." },
      { name: "Children translating for parents", description: "Children reading letters or interpreting for their parents." },
      { name: "Isolation", description: "Being alone at home, nobody to talk to." },
      { name: "Health services", description: "GP, hospital, health visitor, appointments." },
      { name: "Letters and forms", description: "Official letters and forms, and what happens when they are not understood." },
      { name: "Peer support", description: "Other parents or mentors who speak your language and help." },
      { name: "Not knowing where to go", description: "Not knowing which service to use or whom to ask." },
      { name: "Ideas from families", description: "What the storyteller says would help." },
    ],
    excerpts: [
      { story: "الشتاء الأول في برمنغهام", coder: FACILITATOR, quote: "كنت أبقى في البيت أيامًا كاملة دون أن أكلّم أحدًا غير ابني", codes: ["Isolation"] },
      {
        story: "الشتاء الأول في برمنغهام",
        coder: "member.sparkbrook@coproduce.test",
        quote: "وانتظرنا ست ساعات، ولم يكن هناك مترجم",
        codes: ["Health services", "Language barriers"],
        comment: "ست ساعات بلا مترجم — هذا يتكرر في قصص أخرى.",
      },
      {
        story: "الشتاء الأول في برمنغهام",
        coder: "member.sparkbrook@coproduce.test",
        quote: "ابني يقرأها لي الآن، وهو في السابعة",
        codes: ["Children translating for parents"],
      },
      {
        story: "الشتاء الأول في برمنغهام",
        coder: FACILITATOR,
        quote: "هناك امرأة تتكلم العربية والإنجليزية، وساعدتني في تسجيل يوسف في الحضانة المجانية",
        codes: ["Peer support", "Language barriers"],
      },
      {
        story: "Reading the letters for my mum",
        coder: "member.sparkbrook@coproduce.test",
        quote: "I've been reading the letters for my mum since I was about nine.",
        codes: ["Children translating for parents", "Letters and forms"],
      },
      {
        story: "Reading the letters for my mum",
        coder: FACILITATOR,
        quote: "I have to miss school to go with them. The school says it's unauthorised.",
        codes: ["Children translating for parents", "Health services"],
      },
      {
        story: "Reading the letters for my mum",
        coder: "member.sparkbrook@coproduce.test",
        quote: "someone at the children's centre who could just sit with mums and go through the letters once a week",
        codes: ["Ideas from families", "Peer support"],
      },
      {
        story: "A peer mentor's diary: stay and play in two languages",
        coder: FACILITATOR,
        quote: "She had missed two appointments because the letters came in English and she didn't know what they were.",
        codes: ["Letters and forms", "Health services"],
      },
      {
        story: "A peer mentor's diary: stay and play in two languages",
        coder: "member.sparkbrook@coproduce.test",
        quote: "She had missed two appointments because the letters came in English",
        codes: ["Letters and forms", "Health services"],
      },
    ],
  },
};

/** A story's stored text, as the collab server would load it (every stored update, merged). */
async function storedText(tx: DemoTx, docName: string): Promise<string> {
  const rows = await tx.collabUpdate.findMany({ where: { docName }, orderBy: { id: "asc" }, select: { data: true } });
  if (rows.length === 0) return "";
  const doc = docFromState(Y.mergeUpdates(rows.map((r) => new Uint8Array(r.data))));
  try {
    return plainText(doc);
  } finally {
    doc.destroy();
  }
}

/** Codes and excerpts over the demo stories (run after seedDemoStories). */
export async function seedDemoAnalysis(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  for (const [slug, demo] of Object.entries(DEMO_ANALYSIS) as Array<[LocalitySlug, DemoAnalysis]>) {
    const localityId = ctx.localityIdFor(slug);
    const codeIds = new Map<string, string>();
    for (const code of demo.codes) {
      const created = await tx.code.create({
        data: { localityId, name: code.name, description: code.description, createdById: ctx.actorId },
        select: { id: true },
      });
      codeIds.set(code.name, created.id);
      await tx.auditEntry.create({
        data: {
          localityId,
          actorId: ctx.actorId,
          action: "code.create",
          targetType: "code",
          targetId: created.id,
          detail: JSON.stringify({ name: code.name, source: "demo-seed" }),
        },
      });
    }
    // Only consented stories are coded: the others cannot be opened by members.
    const stories = await tx.story.findMany({
      where: { localityId, withdrawnAt: null, consent: { isNot: null } },
      select: { id: true, title: true, documentId: true },
    });
    const texts = new Map<string, { id: string; text: string }>();
    for (const story of stories) {
      if (!story.documentId) continue;
      texts.set(story.title, { id: story.id, text: await storedText(tx, formatDocumentName({ localityId, kind: "doc", documentId: story.documentId })) });
    }
    let created = 0;
    for (const [i, excerpt] of demo.excerpts.entries()) {
      const story = texts.get(excerpt.story);
      const start = story ? story.text.indexOf(excerpt.quote) : -1;
      if (!story || start < 0) {
        ctx.report(`${slug}: demo excerpt not found, skipped: “${excerpt.quote.slice(0, 40)}…”`);
        continue;
      }
      const coderId = ctx.userIdFor(excerpt.coder);
      const row = await tx.excerpt.create({
        data: {
          localityId,
          storyId: story.id,
          ...anchorFor(story.text, start, start + excerpt.quote.length),
          comment: excerpt.comment ?? "",
          coderId,
          // A few minutes apart, in the listed order, so "who coded what" reads naturally.
          createdAt: new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + i * 240_000),
          codes: { create: excerpt.codes.map((name) => ({ codeId: codeIds.get(name)! })) },
        },
        select: { id: true },
      });
      await tx.auditEntry.create({
        data: {
          localityId,
          actorId: coderId,
          action: "excerpt.create",
          targetType: "excerpt",
          targetId: row.id,
          detail: JSON.stringify({ storyId: story.id, source: "demo-seed" }),
        },
      });
      created++;
    }
    ctx.report(`${slug}: ${demo.codes.length} codes, ${created} excerpts`);
  }
}
