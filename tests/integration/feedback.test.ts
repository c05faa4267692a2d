// Feedback from phones on a test cycle, through the real route modules (the facilitator's page
// /l/L/prototypes/P/cycles/C/feedback, its poster, and the public page /f/<code>) on SQLite and
// PostgreSQL: questions 1–3 with a prompt in each of the cycle's languages; the public link
// opened, closed, replaced, and closed with the cycle's decision (410), an unknown code (404);
// answers counted by language and by question; sentences moderated (only published ones count);
// a repeated send stores nothing new; empty, oversized, binary and forged answers refused with
// everything kept; the honeypot; a stale form token; the 429 limits per device and per address;
// and who may see and change what, role by role. Test cycles are written directly
// (tests/factories/feedback.ts): the cycle pages are built apart.
import crypto from "node:crypto";
import { freshDatabase, providers, type TestDatabase } from "../setup/databases";
import { BASE, context, csrfToken, get, outcome } from "../setup/requests";
import { makeGroup } from "../factories";
import { makeFeedbackCycle, type QuestionSeed } from "../factories/feedback";
import { setProcessDb } from "~/data/db.server";
import { cookieName } from "~/http/cookies.server";
import { DEVICE_COOKIE } from "~/routes/_phone+/device-cookie.server";
import { FEEDBACK_LIMITS, answerField, type AnswerError } from "~/domain/feedback";
import { translator } from "~/i18n/translate";
import type { FeedbackFormState } from "~/components/phone/feedback-form";
import * as publicRoute from "~/routes/_phone+/f.$code";
import * as pageRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.cycles.$cycleId.feedback._index";
import * as posterRoute from "~/routes/l.$localityId+/prototypes+/$prototypeId.cycles.$cycleId.feedback.poster";

type PageData = Awaited<ReturnType<typeof pageRoute.loader>>;
type Refusal = {
  intent: string | null;
  answerId: string | null;
  errors: Record<string, string>;
  slots: { id: string; kind: string; prompts: Record<string, string> }[] | null;
  text: string | null;
};
type Refused = { outcome: "refused"; form: FeedbackFormState };

const newDevice = () => crypto.randomBytes(24).toString("base64url");
const newAddress = () => `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(256)}`;
const newKey = () => crypto.randomBytes(18).toString("base64url");

describe.each(await providers())("feedback from phones on %s", (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    setProcessDb(t.db);
  });
  afterAll(async () => t?.drop());

  async function setup(input: { questions?: QuestionSeed[]; open?: boolean; languages?: string } = {}) {
    const g = await makeGroup(t.db, {
      locality: "Sparkbrook",
      facilitator: "Amal Facilitator",
      member: "Karen Member",
      member2: "Darren Member",
      viewer: "Tom Viewer",
      outsider: "Olu Outsider",
    });
    const made = await makeFeedbackCycle(t.db, { localityId: g.loc.id, title: "Peer mentors for new parents", ...input });
    const params = { localityId: g.loc.id, prototypeId: made.prototypeId, cycleId: made.cycle.id };
    const path = `/l/${g.loc.id}/prototypes/${made.prototypeId}/cycles/${made.cycle.id}/feedback`;

    const load = (cookie?: string, over: Partial<typeof params> = {}) =>
      outcome(() =>
        (pageRoute.loader as (args: unknown) => Promise<unknown>)({ request: get(path, cookie), params: { ...params, ...over }, context: context() }),
      );
    const pageOf = async (cookie: string) => {
      const res = await load(cookie);
      expect(res.status).toBe(200);
      return res.data as PageData;
    };
    const act = (cookie: string | undefined, fields: Record<string, string>, over: Partial<typeof params> = {}) =>
      outcome(() =>
        pageRoute.action({
          request: new Request(`${BASE}${path}`, {
            method: "POST",
            body: new URLSearchParams({ _csrf: csrfToken(), ...fields }),
            headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
          }),
          params: { ...params, ...over },
          context: context(),
        }),
      );
    const poster = (cookie?: string) =>
      outcome(() => (posterRoute.loader as (args: unknown) => Promise<unknown>)({ request: get(`${path}/poster`, cookie), params, context: context() }));
    const cycle = () => t.db.testCycle.findUniqueOrThrow({ where: { id: made.cycle.id }, include: { questions: { orderBy: { position: "asc" } } } });
    return { g, made, params, path, load, pageOf, act, poster, cycle };
  }

  type SendOptions = { device?: string; address?: string; key?: string | null; lng?: string; csrf?: "ok" | "stale" };

  /** A POST of the public form, as a browser without JavaScript sends it (Origin: null: the form token decides). */
  function send(code: string, answers: Record<string, string>, options: SendOptions = {}) {
    const body = new URLSearchParams({ website: "", ...answers });
    if (options.key !== null) body.set("submissionKey", options.key ?? newKey());
    body.set("_csrf", options.csrf === "stale" ? "not-the-token" : csrfToken());
    const device = options.device ?? newDevice();
    const request = new Request(`${BASE}/f/${code}?lng=${options.lng ?? "en"}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${cookieName(DEVICE_COOKIE)}=${device}` },
    });
    return outcome(() =>
      publicRoute.action({ request, params: { code }, context: context({ originVerified: false, clientAddress: options.address ?? newAddress() }) }),
    );
  }
  const open = (code: string, query = "?lng=en") =>
    outcome(() => publicRoute.loader({ request: get(`/f/${code}${query}`), params: { code }, context: context() }));
  const answersOf = (cycleId: string) => t.db.feedbackAnswer.findMany({ where: { cycleId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const q = (ids: string[], n: number) => answerField(ids[n - 1]!);

  it("lets a facilitator write one to three questions with a prompt in every language of the cycle, keeping everything typed when refused", async () => {
    const s = await setup({ questions: [], open: false });
    const fields = (slots: Record<string, string>) => ({ intent: "questions", ...slots });

    // Nothing written: one question at least.
    const none = await s.act(s.g.cookies.facilitator, fields({ "q1-kind": "faces", "q1-en": " ", "q1-ar": "" }));
    expect(none.status).toBe(400);
    expect((none.data as Refusal).errors).toEqual({ form: "feedback.errors.noQuestions" });

    // A prompt missing in Arabic, one too long, an unknown kind: each named at its field, all typed kept.
    const long = "w".repeat(FEEDBACK_LIMITS.prompt + 1);
    const bad = await s.act(
      s.g.cookies.facilitator,
      fields({
        "q1-kind": "faces",
        "q1-en": "How did it feel?",
        "q1-ar": "",
        "q2-kind": "stars",
        "q2-en": "Again?",
        "q2-ar": "مرة أخرى؟",
        "q3-kind": "sentence",
        "q3-en": long,
        "q3-ar": "لماذا؟",
      }),
    );
    expect(bad.status).toBe(400);
    const refusal = bad.data as Refusal;
    expect(refusal.errors).toEqual({
      "q1-ar": "feedback.errors.promptRequired",
      "q2-kind": "feedback.errors.kindUnknown",
      "q3-en": "feedback.errors.promptLong",
    });
    expect(refusal.slots?.map((x) => [x.kind, x.prompts.en, x.prompts.ar])).toEqual([
      ["faces", "How did it feel?", ""],
      ["stars", "Again?", "مرة أخرى؟"],
      ["sentence", long, "لماذا؟"],
    ]);
    expect((await s.cycle()).questions).toHaveLength(0);

    // Three good questions (the second slot left blank is no question; a script is kept as text).
    const xss = `<script>alert("q")</script> Would you come again?`;
    const ok = await s.act(
      s.g.cookies.facilitator,
      fields({
        "q1-kind": "faces",
        "q1-en": "  How did   the session feel? ",
        "q1-ar": "كيف كان شعورك في الجلسة؟",
        "q2-kind": "faces",
        "q2-en": "",
        "q2-ar": "",
        "q3-kind": "yesno",
        "q3-en": xss,
        "q3-ar": "هل ستأتين مرة أخرى؟",
      }),
    );
    expect(ok).toMatchObject({ status: 303, location: `${s.path}?done=questions` });
    let stored = (await s.cycle()).questions;
    expect(stored.map((x) => [x.position, x.kind, JSON.parse(x.prompts)])).toEqual([
      [1, "faces", { en: "How did the session feel?", ar: "كيف كان شعورك في الجلسة؟" }],
      [2, "yesno", { en: xss, ar: "هل ستأتين مرة أخرى؟" }],
    ]);

    // Reordered, one edited, one added: the same question rows keep their ids.
    const [faces, yesno] = stored;
    const again = await s.act(
      s.g.cookies.facilitator,
      fields({
        "q1-id": yesno!.id,
        "q1-kind": "yesno",
        "q1-en": "Would you come again?",
        "q1-ar": "هل ستأتين مرة أخرى؟",
        "q2-id": faces!.id,
        "q2-kind": "faces",
        "q2-en": "How did the session feel?",
        "q2-ar": "كيف كان شعورك في الجلسة؟",
        "q3-kind": "sentence",
        "q3-en": "What one thing should we change?",
        "q3-ar": "ما الشيء الواحد الذي يجب أن نغيّره؟",
      }),
    );
    expect(again.status).toBe(303);
    stored = (await s.cycle()).questions;
    expect(stored.map((x) => [x.id, x.position, x.kind])).toEqual([
      [yesno!.id, 1, "yesno"],
      [faces!.id, 2, "faces"],
      [expect.any(String), 3, "sentence"],
    ]);
    const audit = await t.db.auditEntry.findMany({ where: { targetId: s.made.cycle.id, action: "feedback.questions" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorId).toBe(s.g.facilitator.id);

    // Members and viewers read the questions but may not change them.
    for (const who of ["member", "viewer"] as const)
      expect((await s.act(s.g.cookies[who], fields({ "q1-kind": "faces", "q1-en": "x", "q1-ar": "y" }))).status).toBe(403);
    expect((await s.pageOf(s.g.cookies.viewer)).questions.map((x) => x.prompts.en)).toEqual([
      "Would you come again?",
      "How did the session feel?",
      "What one thing should we change?",
    ]);
  });

  it("keeps the kind of a question that has answers, and keeps the question", async () => {
    const s = await setup();
    const ids = s.made.questions.map((x) => x.id);
    expect((await send(s.made.cycle.feedbackCode!, { [q(ids, 1)]: "4" })).status).toBe(303);
    const slots = {
      intent: "questions",
      "q1-id": ids[0]!,
      "q1-kind": "yesno",
      "q1-en": "How did the session feel?",
      "q1-ar": "كيف كان شعورك في الجلسة؟",
      "q2-id": ids[1]!,
      "q2-kind": "yesno",
      "q2-en": "Would you come again?",
      "q2-ar": "هل ستأتين مرة أخرى؟",
    };
    const changed = await s.act(s.g.cookies.facilitator, slots);
    expect(changed.status).toBe(409);
    expect((changed.data as Refusal).errors).toEqual({ "q1-kind": "feedback.errors.answeredKind" });
    const removed = await s.act(s.g.cookies.facilitator, { ...slots, "q1-id": ids[1]!, "q1-kind": "yesno", "q2-id": "", "q2-en": "", "q2-ar": "" });
    expect((removed.data as Refusal).errors).toEqual({ form: "feedback.errors.answeredRemoved" });
    // An unanswered question may go, and the answered one may be reworded.
    const fine = await s.act(s.g.cookies.facilitator, { ...slots, "q1-kind": "faces", "q1-en": "How was it?", "q2-id": "", "q2-en": "", "q2-ar": "" });
    expect(fine.status).toBe(303);
    expect((await s.cycle()).questions.map((x) => [x.id, JSON.parse(x.prompts).en])).toEqual([[ids[0], "How was it?"]]);
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(1);
  });

  it("opens, closes, reopens and replaces the public link; the page says closed (410) or unknown (404) in the visitor's language", async () => {
    const s = await setup({ questions: [], open: false });
    expect((await s.pageOf(s.g.cookies.facilitator)).link).toEqual({ state: "none", url: null });
    // No question yet: nothing to open.
    const early = await s.act(s.g.cookies.facilitator, { intent: "open" });
    expect(early.status).toBe(400);
    expect((early.data as Refusal).errors).toEqual({ form: "feedback.errors.noQuestionsToOpen" });
    await t.db.feedbackQuestion.create({
      data: { cycleId: s.made.cycle.id, position: 1, kind: "faces", prompts: JSON.stringify({ en: "How was it?", ar: "كيف كان؟" }) },
    });

    expect(await s.act(s.g.cookies.member, { intent: "open" })).toMatchObject({ status: 403 });
    expect(await s.act(s.g.cookies.facilitator, { intent: "open" })).toMatchObject({ status: 303, location: `${s.path}?done=opened` });
    const code = (await s.cycle()).feedbackCode!;
    expect(code).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{8}$/);
    expect((await s.pageOf(s.g.cookies.viewer)).link).toEqual({ state: "open", url: `${BASE}/f/${code}` });

    const shown = await open(code, "?lng=ar");
    expect(shown.status).toBe(200);
    expect(shown.headers?.get("Cache-Control")).toBe("no-store");
    expect(shown.headers?.get("Referrer-Policy")).toBe("no-referrer");
    expect(shown.headers?.get("Set-Cookie")).toContain(`${cookieName(DEVICE_COOKIE)}=`);
    expect(shown.data).toMatchObject({
      state: "open",
      locale: "ar",
      languages: ["en", "ar"],
      localityName: "Sparkbrook",
      prototypeTitle: "Peer mentors for new parents",
      questions: [{ kind: "faces", prompt: "كيف كان؟" }],
    });
    expect((await open(code.toUpperCase())).status).toBe(200);

    // Closed: the code stays, the page says so (410) and takes nothing.
    expect(await s.act(s.g.cookies.facilitator, { intent: "close" })).toMatchObject({ status: 303, location: `${s.path}?done=closed` });
    expect(await open(code, "?lng=ar")).toMatchObject({ status: 410, data: { state: "closed", pageTitle: translator("ar")("feedback.phone.closed.title") } });
    const questionId = (await s.cycle()).questions[0]!.id;
    expect(await send(code, { [answerField(questionId)]: "5" })).toMatchObject({ status: 410, data: { outcome: "closed" } });
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(0);

    // Reopened: the same code works again.
    expect(await s.act(s.g.cookies.facilitator, { intent: "open" })).toMatchObject({ status: 303 });
    expect((await s.cycle()).feedbackCode).toBe(code);
    expect((await open(code)).status).toBe(200);

    // Replaced: only after confirming; the old code is unknown now, the new one works.
    expect((await s.act(s.g.cookies.facilitator, { intent: "rotate" })).status).toBe(400);
    expect(await s.act(s.g.cookies.facilitator, { intent: "rotate", confirm: "yes" })).toMatchObject({ status: 303, location: `${s.path}?done=rotated` });
    const fresh = (await s.cycle()).feedbackCode!;
    expect(fresh).not.toBe(code);
    // Unknown: 404, with the page's title in the visitor's language.
    const unknown = (await publicRoute
      .loader({ request: get(`/f/${code}?lng=ar`), params: { code }, context: context() })
      .catch((r: unknown) => r)) as Response;
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ pageTitle: translator("ar")("feedback.phone.notFound.title") });
    expect((await send(code, { [answerField(questionId)]: "5" })).status).toBe(404);
    expect((await open(fresh)).status).toBe(200);
    expect((await open("zzzzzzzz")).status).toBe(404);
    expect((await open("not-a-code!")).status).toBe(404);

    const actions = (await t.db.auditEntry.findMany({ where: { targetId: s.made.cycle.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["feedback.link.open", "feedback.link.close", "feedback.link.open", "feedback.link.rotate"]);
  });

  it("closes the link with the cycle: a decided cycle answers 410 even if the link was left open, and cannot be reopened or edited", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    expect((await open(code)).status).toBe(200);
    // The cycles page's decision closes the link; even a cycle decided with the flag still on is closed.
    await t.db.testCycle.update({
      where: { id: s.made.cycle.id },
      data: { decision: "adapt", decisionReason: "Parents asked for Arabic first", decidedAt: new Date() },
    });
    expect(await open(code, "?lng=ar")).toMatchObject({ status: 410, data: { state: "closed" } });
    expect(await send(code, { [q(ids, 1)]: "5" }, { lng: "ar" })).toMatchObject({ status: 410 });
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(0);

    expect((await s.pageOf(s.g.cookies.facilitator)).link.state).toBe("ended");
    const reopen = await s.act(s.g.cookies.facilitator, { intent: "open" });
    expect(reopen.status).toBe(409);
    expect((reopen.data as Refusal).errors).toEqual({ form: "feedback.errors.cycleClosed" });
    expect((await s.act(s.g.cookies.facilitator, { intent: "rotate", confirm: "yes" })).status).toBe(409);
    expect((await s.act(s.g.cookies.facilitator, { intent: "questions", "q1-kind": "faces", "q1-en": "x", "q1-ar": "y" })).status).toBe(409);
    expect((await s.cycle()).feedbackCode).toBe(code);
  });

  it("counts answers by language and by question; sentences wait for moderation and only published ones count", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    const sends: [string, Record<string, string>][] = [
      ["en", { [q(ids, 1)]: "5", [q(ids, 2)]: "yes", [q(ids, 3)]: "More sessions after school, please." }],
      ["en", { [q(ids, 1)]: "4", [q(ids, 2)]: "no" }],
      ["ar", { [q(ids, 1)]: "5", [q(ids, 2)]: "yes", [q(ids, 3)]: "  أتمنى أن تكون الجلسات باللغة العربية أيضًا، مع أم أحمد  " }],
      ["ar", { [q(ids, 1)]: "2" }],
      ["ar", { [q(ids, 3)]: `<img src=x onerror=alert(1)> اشتري الآن` }],
    ];
    for (const [lng, answers] of sends) expect(await send(code, answers, { lng })).toMatchObject({ status: 303, location: `/f/${code}?lng=${lng}&sent=1` });
    const stored = await answersOf(s.made.cycle.id);
    expect(stored).toHaveLength(10);
    expect(stored.filter((a) => a.text !== null).map((a) => [a.language, a.moderation])).toEqual([
      ["en", "pending"],
      ["ar", "pending"],
      ["ar", "pending"],
    ]);
    expect(stored.every((a) => a.deviceHash && a.addressHash && a.deviceHash.length === 43)).toBe(true);

    let page = await s.pageOf(s.g.cookies.facilitator);
    // The sentence-only submission does not count as a person until its sentence is published.
    expect(page.people).toEqual({ byLanguage: { en: 2, ar: 2 }, total: 4 });
    expect(page.pendingCount).toBe(3);
    const [faces, yesno, sentence] = page.tallies;
    expect(faces!.faces).toEqual({ byLanguage: { en: [0, 0, 0, 1, 1], ar: [0, 1, 0, 0, 1] }, total: [0, 1, 0, 1, 2], mean: 4 });
    expect(yesno!.yesno).toEqual({ byLanguage: { en: { yes: 1, no: 1 }, ar: { yes: 1, no: 0 } }, total: { yes: 2, no: 1 } });
    expect(sentence).toMatchObject({ kind: "sentence", published: { byLanguage: { en: 0, ar: 0 }, total: 0 }, pending: 3 });
    expect(page.published).toEqual([]);
    expect(page.pending.map((p) => p.language)).toEqual(["en", "ar", "ar"]);

    // Viewers and members see the counts and the pending count, not the pending words.
    for (const who of ["viewer", "member"] as const) {
      const seen = await s.pageOf(s.g.cookies[who]);
      expect(seen.pendingCount).toBe(3);
      expect(seen.pending).toEqual([]);
      expect(seen.may.manage).toBe(false);
      expect(JSON.stringify(seen)).not.toContain("أم أحمد");
    }

    // Approve the English sentence as sent; approve the Arabic one edited for anonymity; reject the spam.
    const [english, arabic, spam] = page.pending;
    expect(await s.act(s.g.cookies.member, { intent: "approve", answerId: english!.id, text: english!.text })).toMatchObject({ status: 403 });
    expect(await s.act(s.g.cookies.facilitator, { intent: "approve", answerId: english!.id, text: english!.text })).toMatchObject({
      status: 303,
      location: `${s.path}?done=approve`,
    });
    const empty = await s.act(s.g.cookies.facilitator, { intent: "approve", answerId: arabic!.id, text: "   " });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ answerId: arabic!.id, errors: { text: "feedback.errors.sentenceRequired" }, text: "   " });
    const edited = "أتمنى أن تكون الجلسات باللغة العربية أيضًا";
    expect((await s.act(s.g.cookies.facilitator, { intent: "approve", answerId: arabic!.id, text: edited })).status).toBe(303);
    expect((await s.act(s.g.cookies.facilitator, { intent: "reject", answerId: spam!.id })).status).toBe(303);
    // Decided already: a second decision is refused.
    const twice = await s.act(s.g.cookies.facilitator, { intent: "approve", answerId: spam!.id, text: spam!.text });
    expect(twice.status).toBe(409);
    expect((twice.data as Refusal).errors).toEqual({ form: "feedback.errors.alreadyDecided" });
    // A sentence of another cycle is not found here.
    const other = await makeFeedbackCycle(t.db, { localityId: s.g.loc.id, prototypeId: s.made.prototypeId });
    await send(other.cycle.feedbackCode!, { [answerField(other.questions[2]!.id)]: "Elsewhere" });
    const elsewhere = await t.db.feedbackAnswer.findFirstOrThrow({ where: { cycleId: other.cycle.id } });
    expect((await s.act(s.g.cookies.facilitator, { intent: "reject", answerId: elsewhere.id })).status).toBe(404);

    page = await s.pageOf(s.g.cookies.viewer);
    expect(page.pendingCount).toBe(0);
    expect(page.people).toEqual({ byLanguage: { en: 2, ar: 2 }, total: 4 });
    expect(page.tallies[2]).toMatchObject({ published: { byLanguage: { en: 1, ar: 1 }, total: 2 }, pending: 0, rejected: 1 });
    expect(page.published.map((p) => [p.language, p.text])).toEqual([
      ["en", "More sessions after school, please."],
      ["ar", edited],
    ]);
    expect(JSON.stringify(page)).not.toContain("أم أحمد");
    const audits = await t.db.auditEntry.findMany({ where: { action: { in: ["feedback.approve", "feedback.reject"] }, localityId: s.g.loc.id } });
    expect(audits.map((a) => a.action).sort()).toEqual(["feedback.approve", "feedback.approve", "feedback.reject"]);
    expect(JSON.stringify(audits)).not.toContain("أم أحمد");

    // Taken out of the evidence again.
    expect((await s.act(s.g.cookies.facilitator, { intent: "reject", answerId: english!.id })).status).toBe(303);
    page = await s.pageOf(s.g.cookies.facilitator);
    expect(page.tallies[2]!.published).toEqual({ byLanguage: { en: 0, ar: 1 }, total: 1 });
    expect(page.people.total).toBe(4);
  });

  it("stores a repeated send once, also when the copies race, and thanks every copy", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    const key = newKey();
    const device = newDevice();
    const first = await send(code, { [q(ids, 1)]: "3", [q(ids, 3)]: "Good" }, { key, device });
    expect(first).toMatchObject({ status: 303, location: `/f/${code}?lng=en&sent=1` });
    const again = await send(code, { [q(ids, 1)]: "1", [q(ids, 2)]: "no" }, { key, device });
    expect(again).toMatchObject({ status: 303, location: `/f/${code}?lng=en&sent=1` });
    expect((await answersOf(s.made.cycle.id)).map((a) => [a.face, a.text])).toEqual([
      [3, null],
      [null, "Good"],
    ]);

    const raceKey = newKey();
    const results = await Promise.all(Array.from({ length: 5 }, () => send(code, { [q(ids, 2)]: "yes" }, { key: raceKey })));
    for (const r of results) expect(r.status).toBe(303);
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id, submissionKey: raceKey } })).toBe(1);

    // The thanks page after the redirect, in the visitor's language.
    expect(await open(code, "?lng=ar&sent=1")).toMatchObject({
      status: 200,
      data: { state: "sent", pageTitle: translator("ar")("feedback.phone.thanks.title") },
    });
  });

  it("refuses empty, oversized, binary and forged answers with everything kept, and stores script as text", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    const key = newKey();
    const refused = async (answers: Record<string, string>, lng = "en") => {
      const res = await send(code, answers, { key, lng });
      expect(res.status).toBe(400);
      const form = (res.data as Refused).form;
      expect(form.submissionKey).toBe(key);
      return form;
    };
    // Nothing answered at all (a blank sentence is no answer).
    const empty = await refused({ [q(ids, 3)]: "   \n " }, "ar");
    expect(empty).toMatchObject({ empty: true, errors: {} });
    expect(translator("ar")("feedback.phone.errors.empty")).toMatch(/[\u0600-\u06ff]/);

    const long = "ك".repeat(FEEDBACK_LIMITS.sentence + 1);
    const tooLong = await refused({ [q(ids, 1)]: "4", [q(ids, 2)]: "yes", [q(ids, 3)]: long });
    expect(tooLong.errors).toEqual({ [ids[2]!]: "tooLong" satisfies AnswerError });
    expect(tooLong.values).toEqual({ [ids[0]!]: "4", [ids[1]!]: "yes", [ids[2]!]: long });
    expect((await refused({ [q(ids, 3)]: "ok \u0000\u0001 PK" })).errors).toEqual({ [ids[2]!]: "binary" });
    expect((await refused({ [q(ids, 1)]: "7", [q(ids, 2)]: "maybe" })).errors).toEqual({ [ids[0]!]: "face", [ids[1]!]: "yesno" });
    expect((await refused({ [q(ids, 1)]: "<script>alert(1)</script>" })).errors).toEqual({ [ids[0]!]: "face" });
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(0);

    // Answers to another cycle's questions are ignored: only this cycle's fields are read.
    const other = await makeFeedbackCycle(t.db, { localityId: s.g.loc.id });
    expect((await refused({ [answerField(other.questions[0]!.id)]: "5" })).empty).toBe(true);

    // Script in a sentence is stored as the text it is.
    const script = `<script>alert("feedback")</script> "quotes" & <b>bold</b>`;
    expect((await send(code, { [q(ids, 3)]: script }, { key })).status).toBe(303);
    expect((await answersOf(s.made.cycle.id)).map((a) => a.text)).toEqual([script]);
  });

  it("thanks a robot that filled the honeypot and stores nothing; asks a browser with a stale form token to send again, keeping the answers", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    expect(await send(code, { [q(ids, 1)]: "5", website: "http://buy.example" })).toMatchObject({ status: 303, location: `/f/${code}?lng=en&sent=1` });
    const stale = await send(code, { [q(ids, 1)]: "2", [q(ids, 3)]: "Keep me" }, { csrf: "stale" });
    expect(stale.status).toBe(403);
    expect((stale.data as Refused).form).toMatchObject({ sendAgain: true, values: { [ids[0]!]: "2", [ids[2]!]: "Keep me" } });
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(0);
  });

  it("answers 429 after 10 sends from one device in an hour and after 60 from one address (Retry-After, answers kept)", async () => {
    const s = await setup();
    const code = s.made.cycle.feedbackCode!;
    const ids = s.made.questions.map((x) => x.id);
    const device = newDevice();
    // Refused sends do not count.
    for (let i = 0; i < 3; i++) expect((await send(code, {}, { device })).status).toBe(400);
    for (let i = 0; i < 10; i++) expect((await send(code, { [q(ids, 1)]: String((i % 5) + 1) }, { device })).status).toBe(303);
    const limited = await send(code, { [q(ids, 2)]: "yes", [q(ids, 3)]: "One more" }, { device, lng: "ar" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers?.get("Retry-After"))).toBeGreaterThan(3000);
    expect((limited.data as Refused).form).toMatchObject({ limitedMinutes: 60, values: { [ids[1]!]: "yes", [ids[2]!]: "One more" } });
    expect(await t.db.feedbackAnswer.count({ where: { cycleId: s.made.cycle.id } })).toBe(10);
    // Another phone on the same wifi is not held back.
    expect((await send(code, { [q(ids, 1)]: "3" })).status).toBe(303);

    const address = newAddress();
    for (let i = 0; i < 60; i++) expect((await send(code, { [q(ids, 2)]: i % 2 ? "yes" : "no" }, { address })).status).toBe(303);
    const flooded = await send(code, { [q(ids, 2)]: "yes" }, { address });
    expect(flooded.status).toBe(429);
    expect(flooded.headers?.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("opens a cycle held only in Arabic in Arabic, whatever the visitor's language", async () => {
    const s = await setup({ languages: "ar", questions: [{ kind: "faces", prompts: { ar: "كيف كان؟" } }] });
    const code = s.made.cycle.feedbackCode!;
    const res = await open(code, "?lng=en");
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/f/${code}?lng=ar`);
    expect(await open(code, "?lng=ar")).toMatchObject({ status: 200, data: { languages: ["ar"], questions: [{ prompt: "كيف كان؟" }] } });
  });

  it("serves the feedback page and poster to the locality, role by role; changes only to facilitators", async () => {
    const s = await setup();
    const anon = await s.load();
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/sign-in/);
    expect((await s.load(s.g.cookies.outsider)).status).toBe(404);
    for (const who of ["viewer", "member", "facilitator"] as const) {
      const page = await s.pageOf(s.g.cookies[who]);
      expect(page.may.manage, who).toBe(who === "facilitator");
      expect(page.questions).toHaveLength(3);
    }
    // Another prototype's id with this cycle, a malformed id, another locality's cycle: 404.
    const sibling = await makeFeedbackCycle(t.db, { localityId: s.g.loc.id, title: "Walking bus" });
    expect((await s.load(s.g.cookies.facilitator, { prototypeId: sibling.prototypeId })).status).toBe(404);
    expect((await s.load(s.g.cookies.facilitator, { cycleId: "nope!" })).status).toBe(404);
    const elsewhere = await makeFeedbackCycle(t.db, { localityId: s.g.other.id });
    expect((await s.load(s.g.cookies.outsider, { prototypeId: elsewhere.prototypeId, cycleId: s.made.cycle.id })).status).toBe(404);
    expect((await s.act(s.g.cookies.outsider, { intent: "close" })).status).toBe(404);
    expect((await s.act(undefined, { intent: "close" })).status).toBe(302);
    for (const who of ["viewer", "member"] as const) expect((await s.act(s.g.cookies[who], { intent: "close" })).status).toBe(403);
    expect((await s.act(s.g.cookies.facilitator, { intent: "dance" })).status).toBe(400);

    // The poster: everyone in the locality; a block per language, each in its language, with the link.
    expect((await s.poster()).status).toBe(302);
    expect((await s.poster(s.g.cookies.outsider)).status).toBe(404);
    for (const who of ["viewer", "member", "facilitator"] as const) expect((await s.poster(s.g.cookies[who])).status, who).toBe(200);
    const poster = (await s.poster(s.g.cookies.viewer)).data as {
      short: string;
      state: string;
      blocks: { lang: string; dir: string; qr: string; invitation: string; qrAlt: string }[];
    };
    const code = s.made.cycle.feedbackCode!;
    expect(poster.short).toBe(`localhost:3000/f/${code}`);
    expect(poster.state).toBe("open");
    expect(poster.blocks.map((b) => [b.lang, b.dir])).toEqual([
      ["en", "ltr"],
      ["ar", "rtl"],
    ]);
    expect(poster.blocks[1]!.qrAlt).toContain(`${BASE}/f/${code}?lng=ar`);
    expect(poster.blocks[1]!.invitation).toContain("امسح الرمز");
    expect(poster.blocks[0]!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});
