// Demo prototypes (Stage 4) for a fresh database. INVENTED content, in the spirit of the seeds:
// Sparkbrook's parents role-played a peer-mentoring service with Arabic-speaking staff and
// volunteers, then piloted it; Longbridge's parish councillors, volunteers and children's centre
// are trying FACEboard, a way for parents to talk to services and each other.
//
// Per prototype (the records prisma/demo/ideas.ts promoted from an idea): what it is and who it
// is for, the core-group people who would use or deliver it, partners and their pledges, test
// cycles with their hypothesis, method, place, languages, who took part, evidence, confidence
// before and after, cost and reach, decisions; measures with readings; and a cycle's public
// feedback questions with answers in both languages. Rows are written as the pages write them.
import crypto from "node:crypto";
import { prototypeStatusFrom } from "../../app/domain/cycles.ts";
import { newLinkCode } from "../../app/domain/ideas.ts";
import type { LocalitySlug } from "./people.ts";
import type { DemoTx, Stage2DemoContext } from "./stage2-context.ts";

const DAY = 24 * 60 * 60 * 1000;
const daysFromNow = (days: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY);

type Prompt = { en: string; ar?: string };
type DemoCycle = {
  believe: string;
  willResult: string;
  knowWhen: string;
  method: string;
  startsInDays: number;
  endsInDays: number;
  place: string;
  languages: string;
  interpreting: string;
  /** People of the core group by display name, as would use or deliver it. */
  use: string[];
  deliver: string[];
  counts: { label: string; count: number }[];
  evidence: { kind: "note" | "figure"; text: string }[];
  learned: string;
  costPence: number | null;
  peopleReached: number | null;
  /** Confidence in the hypothesis (1–5) by member account, before and after. */
  confidence: { by: string; before: number; after?: number }[];
  decision?: { decision: "continue" | "adapt" | "stop" | "scale"; reason: string; daysAgo: number };
  feedback?: {
    questions: { kind: "faces" | "yesno" | "sentence"; prompt: Prompt }[];
    /** One visitor's answers, in the order of the questions (null: not answered). */
    answers: { language: "en" | "ar"; face?: number; yes?: boolean; text?: string; pending?: boolean }[];
  };
};
type DemoPrototype = {
  title: string;
  summary: string;
  forWhom: string;
  publicSummary: string;
  use: string[];
  deliver: string[];
  partners: { name: string; role: "use" | "deliver" | "support"; pledgeKind: "time" | "room" | "money" | "staff" | "other"; pledge: string; amount?: number }[];
  cycles: DemoCycle[];
  measures: {
    name: string;
    unit: string;
    baseline: number;
    target: number;
    betterWhen: "up" | "down";
    minValue?: number;
    maxValue?: number;
    /** Readings: value, days from now, source, and the cycle (1-based) it belongs to. */
    readings: { value: number; days: number; source: string; cycle?: number }[];
  }[];
};

const FACILITATOR = "facilitator@coproduce.test";
const MEMBER = { longbridge: "member.longbridge@coproduce.test", sparkbrook: "member.sparkbrook@coproduce.test" } as const;

const DEMO_PROTOTYPES: Record<LocalitySlug, DemoPrototype> = {
  sparkbrook: {
    title: "Peer mentors for new parents",
    summary:
      "Mothers who have been through the early years go with a newly arrived mother on her first visits to the children's centre, the GP and the school, in Arabic or English.",
    forWhom: "Newly arrived parents of babies and toddlers, especially Arabic-speaking mothers who do not yet know the services.",
    publicSummary:
      "In a role play and a four-week pilot, parents who had a mentor said they knew where to go for help. Mentors asked for a short training and a crèche place during sessions; the group changed the plan to include both.",
    use: ["Layla Mansour", "Fadumo Warsame"],
    deliver: ["Hana Al-Sayed", "Zainab Farouk"],
    partners: [
      {
        name: "Sparkbrook Children's Centre",
        role: "deliver",
        pledgeKind: "room",
        pledge: "The family room on Tuesday mornings, and two crèche places per session.",
      },
      {
        name: "Early Help, Birmingham City Council",
        role: "deliver",
        pledgeKind: "staff",
        pledge: "A family support worker to train the mentors.",
        amount: 12,
      },
      { name: "Sparkbrook Mosque women's group", role: "support", pledgeKind: "time", pledge: "Volunteers to welcome families and interpret.", amount: 20 },
      { name: "Local ward budget", role: "support", pledgeKind: "money", pledge: "Travel and refreshments for the pilot.", amount: 60000 },
    ],
    cycles: [
      {
        believe: "newly arrived Arabic-speaking mothers, paired with a mother who has been through the early years,",
        willResult: "will go to the children's centre and register with a GP sooner, and feel less alone",
        knowWhen: "mothers in the role play can say where they would go for help, and mentors feel able to do it",
        method: "role-play",
        startsInDays: -56,
        endsInDays: -56,
        place: "Sparkbrook Children's Centre, family room",
        languages: "ar,en",
        interpreting: "An Arabic-speaking volunteer from the mosque women's group interpreted for the staff.",
        use: ["Layla Mansour", "Fadumo Warsame"],
        deliver: ["Hana Al-Sayed", "Zainab Farouk"],
        counts: [
          { label: "Parents", count: 9 },
          { label: "Staff", count: 3 },
          { label: "Volunteers", count: 2 },
        ],
        evidence: [
          {
            kind: "note",
            text: "Role play of a first visit: the 'new mother' did not know she could bring her baby's red book; the mentor explained in Arabic and the receptionist slowed down.",
          },
          { kind: "note", text: "Mentors worried about what to say about benefits and housing. They want a list of who to send people to." },
          { kind: "figure", text: "7 of 9 parents said they would like a mentor." },
        ],
        learned:
          "Parents wanted a mentor, and the first visit is the hardest part. Mentors need a short training and a list of services to point to; sessions need a crèche place or mothers with toddlers cannot come.",
        costPence: 18000,
        peopleReached: 14,
        confidence: [
          { by: FACILITATOR, before: 3, after: 4 },
          { by: MEMBER.sparkbrook, before: 2, after: 4 },
        ],
        decision: {
          decision: "adapt",
          reason: "Keep the idea; add two training sessions for mentors and a crèche place, then pilot it for four weeks.",
          daysAgo: 50,
        },
      },
      {
        believe: "mentors with a short training and a crèche place,",
        willResult: "will each support two or three new mothers over four weeks",
        knowWhen: "at least twelve mothers are matched and most of them say they know where to get help",
        method: "pilot",
        startsInDays: -21,
        endsInDays: 7,
        place: "Sparkbrook Children's Centre and home visits",
        languages: "ar,en",
        interpreting: "Mentors speak Arabic; staff sessions are interpreted by a volunteer.",
        use: ["Layla Mansour"],
        deliver: ["Hana Al-Sayed", "Zainab Farouk"],
        counts: [
          { label: "Parents", count: 11 },
          { label: "Mentors", count: 4 },
        ],
        evidence: [{ kind: "note", text: "Week 2: seven mothers matched; two mentors asked to swap days because of school pick-up." }],
        learned: "",
        costPence: 64000,
        peopleReached: 23,
        confidence: [
          { by: FACILITATOR, before: 4 },
          { by: MEMBER.sparkbrook, before: 4 },
        ],
        feedback: {
          questions: [
            { kind: "faces", prompt: { en: "How did meeting your mentor feel?", ar: "كيف كان شعورك عند لقاء مرشدتك؟" } },
            { kind: "yesno", prompt: { en: "Do you know where to go for help now?", ar: "هل تعرفين الآن إلى أين تذهبين لطلب المساعدة؟" } },
            { kind: "sentence", prompt: { en: "What one thing should we change?", ar: "ما الشيء الواحد الذي يجب أن نغيّره؟" } },
          ],
          answers: [
            { language: "ar", face: 5, yes: true, text: "أن تكون الجلسة بعد توصيل الأطفال إلى المدرسة." },
            { language: "ar", face: 4, yes: true },
            { language: "ar", face: 5, yes: true, text: "مرشدة تتكلم الصومالية أيضًا." },
            { language: "ar", face: 3, yes: false },
            { language: "en", face: 4, yes: true, text: "More sessions in the school holidays." },
            { language: "en", face: 5, yes: true },
            { language: "en", face: 2, yes: false, text: "Call me before you come, please", pending: true },
          ],
        },
      },
    ],
    measures: [
      {
        name: "Mothers matched with a mentor",
        unit: "mothers",
        baseline: 0,
        target: 12,
        betterWhen: "up",
        minValue: 0,
        readings: [
          { value: 3, days: -56, source: "Role play sign-up sheet", cycle: 1 },
          { value: 7, days: -7, source: "Pilot register, week 2", cycle: 2 },
        ],
      },
      {
        name: "Parents who know where to get help",
        unit: "%",
        baseline: 35,
        target: 70,
        betterWhen: "up",
        minValue: 0,
        maxValue: 100,
        readings: [
          { value: 48, days: -56, source: "Show of hands at the role play", cycle: 1 },
          { value: 61, days: -5, source: "Feedback page answers", cycle: 2 },
        ],
      },
    ],
  },
  longbridge: {
    title: "FACEboard",
    summary:
      "A shared noticeboard, online and on the wall of the children's centre, where parents ask questions and services and other parents answer — Families And Community Exchange.",
    forWhom: "Parents on the estate who feel alone now that family has moved away, and the services that want to reach them.",
    publicSummary: "",
    use: ["Leanne Pritchard", "Agnieszka Nowicka"],
    deliver: ["Helen Marsh", "Janet Spurling"],
    partners: [
      {
        name: "Longbridge Town Council",
        role: "support",
        pledgeKind: "money",
        pledge: "A small grant from the community pot for printing and a tablet.",
        amount: 25000,
      },
      { name: "Longbridge Children's Centre", role: "deliver", pledgeKind: "room", pledge: "The family notice board and a corner of the reception area." },
      { name: "Lickey Road Community Church", role: "deliver", pledgeKind: "time", pledge: "Volunteers to answer questions on Saturday mornings.", amount: 8 },
    ],
    cycles: [
      {
        believe: "parents who can ask a question on a shared board, on paper or online,",
        willResult: "will get an answer from a service or another parent within two days",
        knowWhen: "most questions are answered within two days and parents come back to ask more",
        method: "pop-up",
        startsInDays: -5,
        endsInDays: 9,
        place: "Longbridge Children's Centre reception and the school gate",
        languages: "en",
        interpreting: "",
        use: ["Leanne Pritchard"],
        deliver: ["Helen Marsh", "Janet Spurling"],
        counts: [
          { label: "Parents", count: 14 },
          { label: "Volunteers", count: 3 },
        ],
        evidence: [{ kind: "note", text: "First morning: eleven questions on the board, most about holiday clubs and the bus." }],
        learned: "",
        costPence: 4500,
        peopleReached: 17,
        confidence: [
          { by: FACILITATOR, before: 3 },
          { by: MEMBER.longbridge, before: 4 },
        ],
        feedback: {
          questions: [
            { kind: "faces", prompt: { en: "How useful was FACEboard today?" } },
            { kind: "yesno", prompt: { en: "Did you get an answer to your question?" } },
          ],
          answers: [
            { language: "en", face: 4, yes: true },
            { language: "en", face: 5, yes: true },
            { language: "en", face: 3, yes: false },
          ],
        },
      },
    ],
    measures: [
      {
        name: "Questions answered within two days",
        unit: "%",
        baseline: 0,
        target: 80,
        betterWhen: "up",
        minValue: 0,
        maxValue: 100,
        readings: [{ value: 64, days: -1, source: "Count from the board", cycle: 1 }],
      },
    ],
  },
};

/** Fills in the prototypes that prisma/demo/ideas.ts promoted (found by their title). */
export async function seedDemoPrototypes(tx: DemoTx, ctx: Stage2DemoContext): Promise<void> {
  for (const [slug, demo] of Object.entries(DEMO_PROTOTYPES) as Array<[LocalitySlug, DemoPrototype]>) {
    const localityId = ctx.localityIdFor(slug);
    const prototype = await tx.prototype.findFirst({ where: { localityId, title: demo.title }, select: { id: true } });
    if (!prototype) {
      ctx.report(`${slug}: no prototype "${demo.title}" to fill in (was its idea promoted?)`);
      continue;
    }
    const people = await tx.person.findMany({ where: { localityId }, select: { id: true, displayName: true } });
    const personId = (name: string) => {
      const found = people.find((p) => p.displayName === name);
      if (!found) throw new Error(`Demo person ${name} is not in ${slug}`);
      return found.id;
    };
    // The status the cycles below make (the same rule as the pages').
    const status = prototypeStatusFrom(
      demo.cycles.map((c, i) => ({
        number: i + 1,
        decision: c.decision?.decision ?? null,
        decidedAt: c.decision ? daysFromNow(-c.decision.daysAgo) : null,
        startsOn: daysFromNow(c.startsInDays),
      })),
    );
    await tx.prototype.update({
      where: { id: prototype.id },
      data: { summary: demo.summary, forWhom: demo.forWhom, publicSummary: demo.publicSummary, status },
    });
    await tx.prototypePerson.createMany({
      data: [
        ...demo.use.map((name) => ({ prototypeId: prototype.id, personId: personId(name), role: "use" })),
        ...demo.deliver.map((name) => ({ prototypeId: prototype.id, personId: personId(name), role: "deliver" })),
      ],
    });
    await tx.prototypePartner.createMany({ data: demo.partners.map((p) => ({ prototypeId: prototype.id, ...p })) });

    const cycleIds: string[] = [];
    for (const [i, c] of demo.cycles.entries()) {
      const cycle = await tx.testCycle.create({
        data: {
          prototypeId: prototype.id,
          localityId,
          number: i + 1,
          believe: c.believe,
          willResult: c.willResult,
          knowWhen: c.knowWhen,
          method: c.method,
          startsOn: daysFromNow(c.startsInDays),
          endsOn: daysFromNow(c.endsInDays),
          place: c.place,
          languages: c.languages,
          interpreting: c.interpreting,
          learned: c.learned,
          costPence: c.costPence,
          peopleReached: c.peopleReached,
          decision: c.decision?.decision ?? null,
          decisionReason: c.decision?.reason ?? null,
          decidedAt: c.decision ? daysFromNow(-c.decision.daysAgo) : null,
          decidedById: c.decision ? ctx.userIdFor(FACILITATOR) : null,
          feedbackCode: c.feedback ? newLinkCode() : null,
          feedbackOpen: Boolean(c.feedback) && !c.decision,
          createdById: ctx.actorId,
        },
        select: { id: true },
      });
      cycleIds.push(cycle.id);
      await tx.cycleParticipant.createMany({
        data: [
          ...c.use.map((name) => ({ cycleId: cycle.id, personId: personId(name), role: "use" })),
          ...c.deliver.map((name) => ({ cycleId: cycle.id, personId: personId(name), role: "deliver" })),
        ],
      });
      await tx.cycleCount.createMany({ data: c.counts.map((n) => ({ cycleId: cycle.id, ...n })) });
      await tx.cycleEvidence.createMany({ data: c.evidence.map((e) => ({ cycleId: cycle.id, kind: e.kind, text: e.text, createdById: ctx.actorId })) });
      await tx.confidenceRating.createMany({
        data: c.confidence.flatMap((r) => [
          { cycleId: cycle.id, userId: ctx.userIdFor(r.by), moment: "before", rating: r.before },
          ...(r.after ? [{ cycleId: cycle.id, userId: ctx.userIdFor(r.by), moment: "after", rating: r.after }] : []),
        ]),
      });
      if (c.feedback) {
        const questionIds: string[] = [];
        for (const [position, q] of c.feedback.questions.entries()) {
          const question = await tx.feedbackQuestion.create({
            data: { cycleId: cycle.id, position: position + 1, kind: q.kind, prompts: JSON.stringify(q.prompt) },
            select: { id: true },
          });
          questionIds.push(question.id);
        }
        for (const a of c.feedback.answers) {
          const submissionKey = crypto.randomUUID();
          type Answer = {
            cycleId: string;
            questionId: string;
            language: string;
            submissionKey: string;
            face?: number;
            yes?: boolean;
            text?: string;
            moderation?: string;
          };
          const rows = c.feedback.questions.flatMap((q, n): Answer[] => {
            const base = { cycleId: cycle.id, questionId: questionIds[n]!, language: a.language, submissionKey };
            if (q.kind === "faces" && a.face !== undefined) return [{ ...base, face: a.face }];
            if (q.kind === "yesno" && a.yes !== undefined) return [{ ...base, yes: a.yes }];
            if (q.kind === "sentence" && a.text) return [{ ...base, text: a.text, moderation: a.pending ? "pending" : "published" }];
            return [];
          });
          await tx.feedbackAnswer.createMany({ data: rows });
        }
      }
      if (c.decision)
        await tx.auditEntry.create({
          data: {
            localityId,
            actorId: ctx.userIdFor(FACILITATOR),
            action: "cycle.decide",
            targetType: "TestCycle",
            targetId: cycle.id,
            detail: JSON.stringify({ demo: true, decision: c.decision.decision }),
          },
        });
    }

    for (const m of demo.measures) {
      const measure = await tx.measure.create({
        data: {
          prototypeId: prototype.id,
          name: m.name,
          unit: m.unit,
          baseline: m.baseline,
          target: m.target,
          betterWhen: m.betterWhen,
          minValue: m.minValue ?? null,
          maxValue: m.maxValue ?? null,
        },
        select: { id: true },
      });
      await tx.measureReading.createMany({
        data: m.readings.map((r) => ({
          measureId: measure.id,
          cycleId: r.cycle ? cycleIds[r.cycle - 1]! : null,
          value: r.value,
          takenOn: daysFromNow(r.days),
          source: r.source,
          createdById: ctx.actorId,
        })),
      });
    }
    ctx.report(`${slug}: prototype "${demo.title}" with ${demo.cycles.length} test cycle(s) and ${demo.measures.length} measure(s)`);
  }
}
