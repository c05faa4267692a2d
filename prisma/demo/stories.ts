// Demo stories (Stage 2) for a fresh database. INVENTED content: the storytellers, their
// families, streets and numbers are made up (phone numbers from Ofcom's drama range).
import * as Y from "yjs";
import { appendRichText } from "../../app/collab/rich-text.ts";
import { formatDocumentName } from "../../app/collab/names.ts";
import type { LocalitySlug } from "./people.ts";
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

export type DemoStory = {
  locality: LocalitySlug;
  title: string;
  pseudonym: string;
  interviewer: string;
  occurredOn: string;
  place: string;
  language: "en" | "ar";
  method: "interview" | "observation" | "diary" | "photo_story";
  paragraphs: string[];
  identity: { realName: string; contact: string };
  /** null: the story still needs consent (members cannot open it). */
  consent: {
    givenBy: string;
    givenAt: string;
    method: "signed_form" | "verbal_recorded";
    infoSheetVersion: string;
    scope: "core_group" | "quotes" | "other_localities";
  } | null;
  /** Marked in this order (placeholder numbers follow it); each occurs in the text. */
  identifiers: Array<{ text: string; kind: "name" | "place" | "contact" | "other" }>;
};

/** The demo stories, by title (the analysis and insight seeders find them by it). */
export const DEMO_STORIES: readonly DemoStory[] = [
  {
    locality: "longbridge",
    title: "Mornings after the bus route changed",
    pseudonym: "Storyteller A",
    interviewer: "Helen Marsh",
    occurredOn: "2026-09-17",
    place: "Children's centre",
    language: "en",
    method: "interview",
    paragraphs: [
      "I'm Kelly, I've got two, Jayden who's four and the baby. Since they changed the 47 we've got no bus from Coleman Close before half eight, so getting Jayden to nursery and me to work is a nightmare every single morning.",
      "Before, I'd drop him at the children's centre and be at the shop for nine. Now I walk him down in the pram with the baby strapped to me, and if it's raining we're all soaked before the day's even started. Twice this month I've been late and my manager's been alright about it, but I can tell she's getting fed up.",
      "My mum used to help but she moved to Redditch last year. There's nobody round here I'd ask. You see the same faces at the gate but you don't really talk, everyone's rushing.",
      "I did ring the council once, 07700 900412 is my number and I left it, but nobody got back to me. I didn't know who else to ask. It was Helen at the centre who told me about the breakfast club, and I didn't even know it existed. It's been going two years apparently.",
      "What would help? Honestly, just knowing what's out there. A list on the nursery door, or someone you can text. I'm not going to go looking on a website at six in the morning.",
    ],
    identity: { realName: "Kelly Dawson", contact: "07700 900412" },
    consent: { givenBy: "Kelly Dawson", givenAt: "2026-09-17", method: "signed_form", infoSheetVersion: "v2, September 2026", scope: "quotes" },
    identifiers: [
      { text: "Kelly", kind: "name" },
      { text: "Jayden", kind: "name" },
      { text: "Coleman Close", kind: "place" },
      { text: "07700 900412", kind: "contact" },
      { text: "Redditch", kind: "place" },
    ],
  },
  {
    locality: "longbridge",
    title: "Nobody tells you where the help is",
    pseudonym: "Storyteller B",
    interviewer: "Agnieszka Nowicka",
    occurredOn: "2026-10-02",
    place: "Community café",
    language: "en",
    method: "interview",
    paragraphs: [
      "My name is Piotr, we came from Kraków six years ago. My English for work is fine, but for forms, for the doctor, for the school, it is different English. When Ola started reception they gave us a pack with maybe twenty pages. I read it three times with a dictionary.",
      "When Ola was ill in the winter, the surgery said to ring at eight. At eight it is engaged, at ten past there are no appointments. We went to the walk-in on Bristol Road South and waited four hours. Later a neighbour told me there is a pharmacy that could have helped. Nobody tells you this.",
      "My wife was very lonely the first two years. She was at home with the baby and she did not know anybody. She is a nurse in Poland but here she could not work. She says the worst was the weekends, when everybody has family.",
      "The thing that changed it was the Saturday group at the library. Somebody was speaking Polish and also English, and they helped with the forms for the nursery hours. After that my wife started to volunteer there. Now she helps other mums.",
      "If the council wants to help, put people like that in the places where we already go. Not a leaflet. A person who understands both sides.",
    ],
    identity: { realName: "Piotr Zając", contact: "via the library group" },
    consent: { givenBy: "Piotr Zając", givenAt: "2026-10-02", method: "verbal_recorded", infoSheetVersion: "v2, September 2026", scope: "core_group" },
    identifiers: [
      { text: "Piotr", kind: "name" },
      { text: "Ola", kind: "name" },
      { text: "Kraków", kind: "place" },
      { text: "Bristol Road South", kind: "place" },
    ],
  },
  {
    locality: "longbridge",
    title: "Saturday morning at the library",
    pseudonym: "Storyteller C",
    interviewer: "Darren Hollis",
    occurredOn: "2026-11-14",
    place: "Library",
    language: "en",
    method: "observation",
    paragraphs: [
      "Observation, 10:00 to 12:00. Fourteen adults and about twenty children came through the library's family space during the two hours. Most arrived between 10:15 and 10:45, just after the swimming lessons at the leisure centre finish.",
      "Sharon, who runs the rhyme time, knew almost every family by name. Three parents asked her questions that had nothing to do with books: one about a letter from the housing association, one about free school meals, one about where to get a cot.",
      "Two fathers sat apart from the others for the whole session and did not join the singing. One of them later told me he only comes because it is warm and free, and that he lives on Lickey Road with his son at his mother's since the separation.",
      "The noticeboard by the door has eleven leaflets, four of them out of date. Nobody I watched looked at it. When parents needed something they asked a person.",
    ],
    identity: { realName: "Group observation, Saturday session", contact: "" },
    consent: null,
    identifiers: [
      { text: "Sharon", kind: "name" },
      { text: "Lickey Road", kind: "place" },
    ],
  },
  {
    locality: "sparkbrook",
    title: "الشتاء الأول في برمنغهام",
    pseudonym: "راوٍ أ",
    interviewer: "Layla Mansour",
    occurredOn: "2026-10-08",
    place: "مركز الأطفال",
    language: "ar",
    method: "interview",
    paragraphs: [
      "اسمي سميرة، وصلنا إلى برمنغهام قبل سنتين مع زوجي وابني يوسف. في الشتاء الأول كنت أبقى في البيت أيامًا كاملة دون أن أكلّم أحدًا غير ابني. زوجي يعمل في المطعم حتى منتصف الليل.",
      "لم أكن أعرف كيف أحجز موعدًا عند الطبيب. في المرة الأولى أخذت يوسف إلى المستشفى لأنه كان يسعل طوال الليل، وانتظرنا ست ساعات، ولم يكن هناك مترجم. كنت خائفة أن أفهم الدواء خطأ.",
      "في المدرسة يرسلون الرسائل بالإنجليزية فقط. ابني يقرأها لي الآن، وهو في السابعة. لا أحب أن يعرف كل شيء عن مشاكلنا، لكن ليس عندي خيار.",
      "تغيّر كل شيء عندما دعتني جارتي في شارع ستوني لين إلى مجموعة الأمهات في مركز الأطفال. هناك امرأة تتكلم العربية والإنجليزية، وساعدتني في تسجيل يوسف في الحضانة المجانية. شربنا الشاي وضحكنا، وشعرت لأول مرة أنني لست وحدي.",
      "أتمنى أن يكون هناك من يتكلم لغتنا عند باب المدرسة وفي العيادة، ولو مرة في الأسبوع. ليس فقط للترجمة، بل لكي نعرف أين نذهب ومن نسأل.",
    ],
    identity: { realName: "سميرة حداد", contact: "07700 900871" },
    consent: {
      givenBy: "سميرة حداد",
      givenAt: "2026-10-08",
      method: "signed_form",
      infoSheetVersion: "الإصدار 2 (بالعربية)، سبتمبر 2026",
      scope: "other_localities",
    },
    identifiers: [
      { text: "سميرة", kind: "name" },
      { text: "يوسف", kind: "name" },
      { text: "ستوني لين", kind: "place" },
    ],
  },
  {
    locality: "sparkbrook",
    title: "Reading the letters for my mum",
    pseudonym: "Storyteller B",
    interviewer: "Hana Al-Sayed",
    occurredOn: "2026-10-21",
    place: "Youth club",
    language: "en",
    method: "interview",
    paragraphs: [
      "I'm Amina, I'm fifteen. I've been reading the letters for my mum since I was about nine. Council tax, the school, the GP, the benefits. Sometimes I don't understand them either but I pretend I do so she doesn't worry.",
      "The worst was when a letter said we owed money and I read it wrong. We thought we had to pay it all in one week. My mum didn't sleep. It turned out it was a payment plan. My teacher explained it to me after.",
      "When my little brother Bilal goes to the nurse, I have to miss school to go with them. The school says it's unauthorised. But who else is going to translate?",
      "My mum's email is amina.mum@example.org but she never checks it, so everything official goes to nobody. We live on Ladypool Road above the shop and the post comes to the shop first sometimes.",
      "I'd like it if there was someone at the children's centre who could just sit with mums and go through the letters once a week. Then I could be a kid for a bit.",
    ],
    identity: { realName: "Amina Hussain", contact: "through her youth worker" },
    consent: {
      givenBy: "Fatima Hussain (her mother), with Amina's agreement",
      givenAt: "2026-10-21",
      method: "signed_form",
      infoSheetVersion: "v2, September 2026 (young people's version)",
      scope: "quotes",
    },
    identifiers: [
      { text: "Amina", kind: "name" },
      { text: "Bilal", kind: "name" },
      { text: "amina.mum@example.org", kind: "contact" },
      { text: "Ladypool Road", kind: "place" },
    ],
  },
  {
    locality: "sparkbrook",
    title: "A peer mentor's diary: stay and play in two languages",
    pseudonym: "Storyteller C",
    interviewer: "Shazia Begum",
    occurredOn: "2026-11-05",
    place: "Children's centre",
    language: "en",
    method: "diary",
    paragraphs: [
      "Week three of the stay and play. Nine mums came today, six of them speak Arabic at home, two Urdu, one Somali. I did the welcome in Arabic and English and Noor did it in Urdu. The room felt different straight away, people sat down instead of standing by the door.",
      "One mum asked me quietly about the health visitor. She had missed two appointments because the letters came in English and she didn't know what they were. We rang together from the office and booked a new one for next Tuesday.",
      "The staff are lovely but they are rushed. When a mum doesn't understand, they say it again louder or slower. What works is when someone explains why, not just what. Why the two-year check matters. Why you should register with a dentist even if nothing hurts.",
      "I was isolated too when I came. I know the feeling of sitting in a flat on Walford Road looking at the rain. That is why I do this. I want the mums to leave with one new phone number in their phone, a real person they can ask.",
      "Idea for next week: a board by the door with photos of the staff and which languages they speak, so mums know who to go to.",
    ],
    identity: { realName: "Rania Khalil", contact: "peer mentor rota" },
    consent: { givenBy: "Rania Khalil", givenAt: "2026-11-05", method: "signed_form", infoSheetVersion: "v2, September 2026", scope: "quotes" },
    identifiers: [
      { text: "Noor", kind: "name" },
      { text: "Walford Road", kind: "place" },
    ],
  },
];

const day = (value: string) => new Date(`${value}T00:00:00Z`);

/** Stories with consent, identities and marked identifiers, their text stored as the editor stores it. */
export async function seedDemoStories(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  const counts = new Map<LocalitySlug, number>();
  for (const story of DEMO_STORIES) {
    const localityId = ctx.localityIdFor(story.locality);
    const document = await tx.sharedDocument.create({
      data: { localityId, title: "Story text", kind: "story", createdById: ctx.actorId },
      select: { id: true },
    });
    const doc = new Y.Doc();
    appendRichText(
      doc,
      story.paragraphs.map((text) => ({ type: "paragraph" as const, text })),
    );
    const docName = formatDocumentName({ localityId, kind: "doc", documentId: document.id });
    await tx.collabUpdate.create({ data: { docName, data: Buffer.from(Y.encodeStateAsUpdate(doc)) } });
    doc.destroy();
    const person = await tx.person.findFirst({ where: { localityId, displayName: story.identity.realName }, select: { id: true } });
    const created = await tx.story.create({
      data: {
        localityId,
        title: story.title,
        storytellerPseudonym: story.pseudonym,
        interviewer: story.interviewer,
        occurredOn: day(story.occurredOn),
        place: story.place,
        language: story.language,
        method: story.method,
        documentId: document.id,
        createdById: ctx.actorId,
        identity: { create: { realName: story.identity.realName, contact: story.identity.contact, personId: person?.id ?? null } },
        consent: story.consent ? { create: { ...story.consent, givenAt: day(story.consent.givenAt), recordedById: ctx.actorId } } : undefined,
      },
      select: { id: true },
    });
    // One at a time, so the marking order (and the placeholder numbers) is the listed order.
    for (const [i, identifier] of story.identifiers.entries()) {
      await tx.storyIdentifier.create({
        data: {
          storyId: created.id,
          text: identifier.text,
          kind: identifier.kind,
          createdById: ctx.actorId,
          createdAt: new Date(day(story.occurredOn).getTime() + 3_600_000 + i * 1000),
        },
      });
    }
    await tx.auditEntry.create({
      data: {
        localityId,
        actorId: ctx.actorId,
        action: "story.create",
        targetType: "story",
        targetId: created.id,
        detail: JSON.stringify({ method: story.method, language: story.language }),
      },
    });
    counts.set(story.locality, (counts.get(story.locality) ?? 0) + 1);
  }
  for (const [slug, n] of counts) ctx.report(`${slug}: ${n} stories`);
}
