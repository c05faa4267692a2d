// THE access-control expectations: every route × every kind of person, in one table.
// access.spec.ts runs it. L is Longbridge, so member.sparkbrook is the "other-locality member".
//
// Outcomes:
//   allow      the request is served (200, or the redirect the row names under `allowed`)
//   sign-in    redirect to /sign-in?redirectTo=…
//   forbidden  403: in the locality, but the role lacks the right
//   not-found  404: not in the locality / not in the organisation (ids never reveal what exists)
//
// Rows that mutate are safe to run against the demo data: set-stage sets the current stage,
// change-role gives a member the role they already hold, create-invite's invitations carry
// a note the spec revokes afterwards, and create-locality only ever adds a new locality.

import { feedbackAccess } from "./support/feedback";
import { cycleAccess, cyclesPath } from "./support/cycles";
import { accessPrototype } from "./support/prototypes-seed";
import { accessShare } from "./support/exchange-seed";
import { planAccessSession } from "./support/session-plans";
import { paperAccess } from "./support/paper-cards";

/** The feedback page of the table's feedback cycle (tests/e2e/support/feedback.ts). */
const feedbackPath = (L: string) => {
  const f = feedbackAccess(L);
  return `/l/${L}/prototypes/${f.prototypeId}/cycles/${f.cycleId}/feedback`;
};

export type Role = "anonymous" | "viewer" | "member" | "facilitator" | "other";
export const ROLES: Role[] = ["anonymous", "viewer", "member", "facilitator", "other"];

export type Outcome = "allow" | "sign-in" | "forbidden" | "not-found";

/** What the table needs to know about the demo data. */
export type AccessContext = {
  /** Longbridge's id. */
  L: string;
  /** Longbridge's current stage (set-stage sends it back unchanged). */
  currentStage: number;
  /** member.longbridge's membership in Longbridge (change-role gives it role "member" again). */
  memberMembershipId: string;
  /** Note put on invitations created by the table, so they can be revoked afterwards. */
  inviteNote: string;
  /** A unique name for localities the table creates. */
  newLocalityName: string;
  /** A board and a shared document of Longbridge. */
  boardId: string;
  documentId: string;
  /** A saved version of that document. */
  versionId: string;
  /** Stage 2: a demo story of Longbridge with consent, a demo code and a demo insight. */
  storyId: string;
  /** The shared document holding that story's text. */
  storyDocumentId: string;
  codeId: string;
  insightId: string;
  /** Stage 3: Longbridge's demo challenge, its public link code, and a published idea on it. */
  challengeId: string;
  linkCode: string;
  ideaId: string;
  /** People's data rights: the account id of the demo viewer (the data-rights pages' person). */
  personUserId: string;
  /** A person of Longbridge not linked to member.longbridge (whose public servant roles only a facilitator sets). */
  servantPersonId?: string;
};

export type AccessRow = {
  name: string;
  method: "GET" | "POST";
  path: (c: AccessContext) => string;
  form?: (c: AccessContext) => Record<string, string>;
  /** What "allow" looks like: a status, or a redirect whose Location matches. */
  allowed: { status: 200 | 400 } | { redirect: (c: AccessContext) => RegExp };
  expect: Record<Role, Outcome>;
};

const signedInOnly: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "allow", member: "allow", facilitator: "allow", other: "allow" };
const orgFacilitatorOnly: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "not-found", member: "not-found", facilitator: "allow", other: "not-found" };
const localityViewers: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "allow", member: "allow", facilitator: "allow", other: "not-found" };
const localityMembers: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "forbidden", member: "allow", facilitator: "allow", other: "not-found" };
const localityFacilitators: Record<Role, Outcome> = {
  anonymous: "sign-in",
  viewer: "forbidden",
  member: "forbidden",
  facilitator: "allow",
  other: "not-found",
};

/** The organisation's golden thread: read by anyone in any of its localities (member.sparkbrook included), changed by organisation facilitators only. */
const organisationReaders: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "allow", member: "allow", facilitator: "allow", other: "allow" };
const organisationEditors: Record<Role, Outcome> = { anonymous: "sign-in", viewer: "forbidden", member: "forbidden", facilitator: "allow", other: "forbidden" };

const ok = { status: 200 } as const;
const everyone: Record<Role, Outcome> = { anonymous: "allow", viewer: "allow", member: "allow", facilitator: "allow", other: "allow" };
const nobody: Record<Role, Outcome> = { anonymous: "not-found", viewer: "not-found", member: "not-found", facilitator: "not-found", other: "not-found" };

export const STAGE_KEYS = ["relationships", "stories", "ideas", "prototypes"] as const;

export const ACCESS_TABLE: AccessRow[] = [
  { name: "GET /home", method: "GET", path: () => "/home", allowed: ok, expect: signedInOnly },
  { name: "GET /account", method: "GET", path: () => "/account", allowed: ok, expect: signedInOnly },
  { name: "GET /orgs/birmingham", method: "GET", path: () => "/orgs/birmingham", allowed: ok, expect: orgFacilitatorOnly },
  { name: "GET /orgs/birmingham/localities/new", method: "GET", path: () => "/orgs/birmingham/localities/new", allowed: ok, expect: orgFacilitatorOnly },
  // People's data rights (organisation facilitators only). The person is the demo viewer (found by the spec).
  { name: "GET /orgs/birmingham/people", method: "GET", path: () => "/orgs/birmingham/people", allowed: ok, expect: orgFacilitatorOnly },
  { name: "GET /orgs/birmingham/people/P", method: "GET", path: (c) => `/orgs/birmingham/people/${c.personUserId}`, allowed: ok, expect: orgFacilitatorOnly },
  {
    name: "GET /orgs/birmingham/people/P/export",
    method: "GET",
    path: (c) => `/orgs/birmingham/people/${c.personUserId}/export`,
    allowed: ok,
    expect: orgFacilitatorOnly,
  },
  {
    name: "GET /orgs/birmingham/people/P/export.json",
    method: "GET",
    path: (c) => `/orgs/birmingham/people/${c.personUserId}/export.json`,
    allowed: ok,
    expect: orgFacilitatorOnly,
  },
  // The portfolio across localities (organisation facilitators; a locality's facilitator sees their own rows — portfolio.spec.ts).
  { name: "GET /orgs/birmingham/portfolio", method: "GET", path: () => "/orgs/birmingham/portfolio", allowed: ok, expect: orgFacilitatorOnly },
  {
    name: "GET /orgs/birmingham/portfolio?group=locality",
    method: "GET",
    path: () => "/orgs/birmingham/portfolio?group=locality",
    allowed: ok,
    expect: orgFacilitatorOnly,
  },
  { name: "GET /orgs/birmingham/portfolio/report", method: "GET", path: () => "/orgs/birmingham/portfolio/report", allowed: ok, expect: orgFacilitatorOnly },
  { name: "GET /orgs/birmingham/portfolio.csv", method: "GET", path: () => "/orgs/birmingham/portfolio.csv", allowed: ok, expect: orgFacilitatorOnly },
  // The golden thread: every member of any of the organisation's localities reads it (member.sparkbrook too); organisation facilitators change it.
  { name: "GET /orgs/birmingham/thread", method: "GET", path: () => "/orgs/birmingham/thread", allowed: ok, expect: organisationReaders },
  { name: "GET /orgs/birmingham/thread/history", method: "GET", path: () => "/orgs/birmingham/thread/history", allowed: ok, expect: organisationReaders },
  // The exchange: everyone of any of the organisation's localities reads it (member.sparkbrook too); members comment; facilitators try it here.
  { name: "GET /orgs/birmingham/exchange", method: "GET", path: () => "/orgs/birmingham/exchange", allowed: ok, expect: organisationReaders },
  {
    name: "GET /orgs/birmingham/exchange?q=…&kind=prototype",
    method: "GET",
    path: (c) => `/orgs/birmingham/exchange?q=access&kind=prototype&locality=${c.L}`,
    allowed: ok,
    expect: organisationReaders,
  },
  {
    name: "GET /orgs/birmingham/exchange/S",
    method: "GET",
    path: (c) => `/orgs/birmingham/exchange/${accessShare(c.L).shareId}`,
    allowed: ok,
    expect: organisationReaders,
  },
  {
    name: "GET /orgs/birmingham/exchange/unknown",
    method: "GET",
    path: () => "/orgs/birmingham/exchange/zzzzzzzzzzzzzzzzzzzzzzzz",
    allowed: ok,
    expect: { anonymous: "sign-in", viewer: "not-found", member: "not-found", facilitator: "not-found", other: "not-found" },
  },
  {
    // An empty comment: refused with 400 (members of any locality; viewers may not comment).
    name: "POST /orgs/birmingham/exchange/S comment (empty)",
    method: "POST",
    path: (c) => `/orgs/birmingham/exchange/${accessShare(c.L).shareId}`,
    form: () => ({ intent: "comment", body: "" }),
    allowed: { status: 400 },
    expect: { anonymous: "sign-in", viewer: "forbidden", member: "allow", facilitator: "allow", other: "allow" },
  },
  {
    // "Try it here" in the locality it came from: refused with 400 (facilitators only).
    name: "POST /orgs/birmingham/exchange/S try (origin locality)",
    method: "POST",
    path: (c) => `/orgs/birmingham/exchange/${accessShare(c.L).shareId}`,
    form: (c) => ({ intent: "try", localityId: c.L }),
    allowed: { status: 400 },
    expect: { anonymous: "sign-in", viewer: "forbidden", member: "forbidden", facilitator: "allow", other: "forbidden" },
  },
  // The exchange section of a prototype's and an insight's page posts here (locality facilitators); there is no page to GET.
  { name: "GET /l/L/exchange-share", method: "GET", path: (c) => `/l/${c.L}/exchange-share`, allowed: ok, expect: nobody },
  {
    name: "POST /l/L/exchange-share (unknown intent)",
    method: "POST",
    path: (c) => `/l/${c.L}/exchange-share`,
    form: (c) => ({ intent: "publish", kind: "prototype", itemId: accessShare(c.L).prototypeId }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessShare(c.L).prototypeId}\\?exchange=invalid#exchange$`) },
    expect: localityFacilitators,
  },
  { name: "GET /l/L", method: "GET", path: (c) => `/l/${c.L}`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/people", method: "GET", path: (c) => `/l/${c.L}/people`, allowed: ok, expect: localityViewers },
  // Stage 1 pages (their forms are checked role by role in people/workshops/purpose.spec.ts).
  { name: "GET /l/L/people/new", method: "GET", path: (c) => `/l/${c.L}/people/new`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/people/duplicates", method: "GET", path: (c) => `/l/${c.L}/people/duplicates`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/relationships", method: "GET", path: (c) => `/l/${c.L}/relationships`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/workshops", method: "GET", path: (c) => `/l/${c.L}/workshops`, allowed: ok, expect: localityViewers },
  // Session plans (the table's session with a one-step agenda, tests/e2e/support/session-plans.ts): viewers read the agenda, facilitators plan, run and print.
  { name: "GET /l/L/workshops/W", method: "GET", path: (c) => `/l/${c.L}/workshops/${planAccessSession(c.L)}`, allowed: ok, expect: localityViewers },
  {
    name: "GET /l/L/workshops/W/plan",
    method: "GET",
    path: (c) => `/l/${c.L}/workshops/${planAccessSession(c.L)}/plan`,
    allowed: ok,
    expect: localityFacilitators,
  },
  {
    name: "GET /l/L/workshops/W/run-sheet",
    method: "GET",
    path: (c) => `/l/${c.L}/workshops/${planAccessSession(c.L)}/run-sheet`,
    allowed: ok,
    expect: localityFacilitators,
  },
  {
    name: "POST /l/L/workshops/W/plan save-plan (refused: no name)",
    method: "POST",
    path: (c) => `/l/${c.L}/workshops/${planAccessSession(c.L)}/plan`,
    form: () => ({ intent: "save-plan", title: "", stage: "1" }),
    allowed: { status: 400 },
    expect: localityFacilitators,
  },
  {
    name: "POST /l/L/workshops/W run end",
    method: "POST",
    path: (c) => `/l/${c.L}/workshops/${planAccessSession(c.L)}`,
    form: () => ({ intent: "run", move: "end" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/workshops/${planAccessSession(c.L)}#section-plan$`) },
    expect: localityFacilitators,
  },
  { name: "GET /l/L/ties/suggested", method: "GET", path: (c) => `/l/${c.L}/ties/suggested`, allowed: ok, expect: localityMembers },
  { name: "GET /l/L/purpose", method: "GET", path: (c) => `/l/${c.L}/purpose`, allowed: ok, expect: localityViewers },
  // The 21st-century public servant: roles on a profile, the deck, drawing a card, the reflective log.
  { name: "GET /l/L/people/P/roles", method: "GET", path: (c) => `/l/${c.L}/people/${c.servantPersonId}/roles`, allowed: ok, expect: localityFacilitators },
  {
    // A role outside the four: refused with 400, nothing saved.
    name: "POST /l/L/people/P/roles (unknown role)",
    method: "POST",
    path: (c) => `/l/${c.L}/people/${c.servantPersonId}/roles`,
    form: () => ({ servantRoles: "mayor" }),
    allowed: { status: 400 },
    expect: localityFacilitators,
  },
  { name: "GET /l/L/deck", method: "GET", path: (c) => `/l/${c.L}/deck`, allowed: ok, expect: localityViewers },
  {
    // On the table's own board: one card drawn, back to the board saying which.
    name: "POST /l/L/boards/B/draw-card",
    method: "POST",
    path: (c) => `/l/${c.L}/boards/${c.boardId}/draw-card`,
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/boards/${c.boardId}\\?card=([0-9]+|all-drawn)$`) },
    expect: localityFacilitators,
  },
  { name: "GET /l/L/reflections", method: "GET", path: (c) => `/l/${c.L}/reflections`, allowed: ok, expect: localityMembers },
  { name: "GET /l/L/reflections/shared", method: "GET", path: (c) => `/l/${c.L}/reflections/shared`, allowed: ok, expect: localityMembers },
  {
    // An empty reflection: refused with 400, nothing written.
    name: "POST /l/L/reflections?index write (empty)",
    method: "POST",
    path: (c) => `/l/${c.L}/reflections?index`,
    form: () => ({ intent: "write", body: "" }),
    allowed: { status: 400 },
    expect: localityMembers,
  },
  {
    // Someone's reflection that is not there (or not theirs): 404 for everyone.
    name: "GET /l/L/reflections/R/edit (not theirs)",
    method: "GET",
    path: (c) => `/l/${c.L}/reflections/no-such-reflection/edit`,
    allowed: ok,
    expect: { anonymous: "sign-in", viewer: "forbidden", member: "not-found", facilitator: "not-found", other: "not-found" },
  },
  ...STAGE_KEYS.map(
    (key): AccessRow => ({ name: `GET /l/L/stages/${key}`, method: "GET", path: (c) => `/l/${c.L}/stages/${key}`, allowed: ok, expect: localityViewers }),
  ),
  {
    name: "GET /l/L/collab-token",
    method: "GET",
    path: (c) => `/l/${c.L}/collab-token?doc=${encodeURIComponent(`locality:${c.L}:board:${c.boardId}`)}`,
    allowed: ok,
    expect: localityViewers,
  },
  {
    name: "GET /l/L/collab-token (document)",
    method: "GET",
    path: (c) => `/l/${c.L}/collab-token?doc=${encodeURIComponent(`locality:${c.L}:doc:${c.documentId}`)}`,
    allowed: ok,
    expect: localityViewers,
  },
  { name: "GET /l/L/boards", method: "GET", path: (c) => `/l/${c.L}/boards`, allowed: ok, expect: localityViewers },
  {
    name: "POST /l/L/boards?index (create)",
    method: "POST",
    path: (c) => `/l/${c.L}/boards?index`,
    form: () => ({ title: "Access table board", purpose: "exercise" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/boards/[A-Za-z0-9_-]+$`) },
    expect: localityMembers,
  },
  { name: "GET /l/L/boards/B", method: "GET", path: (c) => `/l/${c.L}/boards/${c.boardId}`, allowed: ok, expect: localityViewers },
  {
    name: "POST /l/L/boards/B unlock",
    method: "POST",
    path: (c) => `/l/${c.L}/boards/${c.boardId}`,
    form: () => ({ intent: "unlock" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/boards/${c.boardId}$`) },
    expect: localityFacilitators,
  },
  { name: "GET /l/L/documents", method: "GET", path: (c) => `/l/${c.L}/documents`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/documents/D", method: "GET", path: (c) => `/l/${c.L}/documents/${c.documentId}`, allowed: ok, expect: localityViewers },
  {
    name: "GET /l/L/documents/D/versions/V",
    method: "GET",
    path: (c) => `/l/${c.L}/documents/${c.documentId}/versions/${c.versionId}`,
    allowed: ok,
    expect: localityViewers,
  },
  {
    name: "POST /l/L/documents/D save-version",
    method: "POST",
    path: (c) => `/l/${c.L}/documents/${c.documentId}`,
    form: () => ({ intent: "save-version", name: "Access table version" }),
    allowed: ok,
    expect: localityMembers,
  },
  {
    name: "POST /l/L/documents/D/versions/V restore",
    method: "POST",
    path: (c) => `/l/${c.L}/documents/${c.documentId}/versions/${c.versionId}`,
    form: () => ({ intent: "restore-version" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/documents/${c.documentId}\\?restored=${c.versionId}$`) },
    expect: localityMembers,
  },
  {
    name: "POST /l/L/documents?index (create)",
    method: "POST",
    path: (c) => `/l/${c.L}/documents?index`,
    form: () => ({ title: "Access table document" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/documents/[A-Za-z0-9_-]+$`) },
    expect: localityMembers,
  },
  // Stage 2 (their forms are checked role by role in the stories, coding and insights integration tests).
  { name: "GET /l/L/stories", method: "GET", path: (c) => `/l/${c.L}/stories`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/stories/new", method: "GET", path: (c) => `/l/${c.L}/stories/new`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/stories/S", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}`, allowed: ok, expect: localityViewers },
  {
    name: "GET /l/L/stories/S?view=original",
    method: "GET",
    path: (c) => `/l/${c.L}/stories/${c.storyId}?view=original`,
    allowed: ok,
    expect: localityViewers,
  },
  { name: "GET /l/L/stories/S/edit", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}/edit`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/stories/S/text", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}/text`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/stories/S/consent", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}/consent`, allowed: ok, expect: localityFacilitators },
  {
    name: "GET /l/L/stories/S/identifiers",
    method: "GET",
    path: (c) => `/l/${c.L}/stories/${c.storyId}/identifiers`,
    allowed: ok,
    expect: localityFacilitators,
  },
  { name: "GET /l/L/stories/S/photos", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}/photos`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/stories/S/code", method: "GET", path: (c) => `/l/${c.L}/stories/${c.storyId}/code`, allowed: ok, expect: localityViewers },
  {
    name: "GET /l/L/collab-token (story text)",
    method: "GET",
    path: (c) => `/l/${c.L}/collab-token?doc=${encodeURIComponent(`locality:${c.L}:doc:${c.storyDocumentId}`)}`,
    allowed: ok,
    // Only facilitators open a story's real text; for everyone else it does not exist.
    expect: { anonymous: "sign-in", viewer: "not-found", member: "not-found", facilitator: "allow", other: "not-found" },
  },
  { name: "GET /l/L/analysis", method: "GET", path: (c) => `/l/${c.L}/analysis`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/analysis/codes/C", method: "GET", path: (c) => `/l/${c.L}/analysis/codes/${c.codeId}`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/analysis/counts", method: "GET", path: (c) => `/l/${c.L}/analysis/counts`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/analysis/coders", method: "GET", path: (c) => `/l/${c.L}/analysis/coders`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/analysis/disagreements", method: "GET", path: (c) => `/l/${c.L}/analysis/disagreements`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/analysis/send", method: "GET", path: (c) => `/l/${c.L}/analysis/send`, allowed: ok, expect: localityMembers },
  { name: "GET /l/L/insights", method: "GET", path: (c) => `/l/${c.L}/insights`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/insights/new", method: "GET", path: (c) => `/l/${c.L}/insights/new`, allowed: ok, expect: localityMembers },
  { name: "GET /l/L/insights/I", method: "GET", path: (c) => `/l/${c.L}/insights/${c.insightId}`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/insights/I/edit", method: "GET", path: (c) => `/l/${c.L}/insights/${c.insightId}/edit`, allowed: ok, expect: localityMembers },
  { name: "GET /l/L/insights/report", method: "GET", path: (c) => `/l/${c.L}/insights/report`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/insights/export", method: "GET", path: (c) => `/l/${c.L}/insights/export`, allowed: ok, expect: localityFacilitators },
  // Stage 3 (their forms are checked role by role in the challenges, idea-records and phone-ideas integration tests).
  { name: "GET /l/L/challenges", method: "GET", path: (c) => `/l/${c.L}/challenges`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/challenges/new", method: "GET", path: (c) => `/l/${c.L}/challenges/new`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/challenges/CH", method: "GET", path: (c) => `/l/${c.L}/challenges/${c.challengeId}`, allowed: ok, expect: localityViewers },
  {
    name: "POST /l/L/challenges/CH reopen",
    method: "POST",
    path: (c) => `/l/${c.L}/challenges/${c.challengeId}`,
    // The demo link is open: reopening it changes nothing.
    form: () => ({ intent: "reopen" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/challenges/${c.challengeId}`) },
    expect: localityFacilitators,
  },
  {
    name: "GET /l/L/challenges/CH/moderation",
    method: "GET",
    path: (c) => `/l/${c.L}/challenges/${c.challengeId}/moderation`,
    allowed: ok,
    expect: localityFacilitators,
  },
  { name: "GET /l/L/challenges/CH/poster", method: "GET", path: (c) => `/l/${c.L}/challenges/${c.challengeId}/poster`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/challenges/CH/qr.svg", method: "GET", path: (c) => `/l/${c.L}/challenges/${c.challengeId}/qr.svg`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/ideas", method: "GET", path: (c) => `/l/${c.L}/ideas`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/ideas/ID", method: "GET", path: (c) => `/l/${c.L}/ideas/${c.ideaId}`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/prototypes", method: "GET", path: (c) => `/l/${c.L}/prototypes`, allowed: ok, expect: localityViewers },
  // Stage 4: the list's table view and a prototype's page (the table's own bare prototype, tests/e2e/support/prototypes-seed.ts): viewers read, members edit, facilitators write the public summary.
  { name: "GET /l/L/prototypes?view=table", method: "GET", path: (c) => `/l/${c.L}/prototypes?view=table`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/prototypes/P", method: "GET", path: (c) => `/l/${c.L}/prototypes/${accessPrototype(c.L)}`, allowed: ok, expect: localityViewers },
  {
    name: "GET /l/L/prototypes/unknown",
    method: "GET",
    path: (c) => `/l/${c.L}/prototypes/zzzzzzzzzzzzzzzzzzzzzzzz`,
    allowed: ok,
    expect: { anonymous: "sign-in", viewer: "not-found", member: "not-found", facilitator: "not-found", other: "not-found" },
  },
  {
    name: "POST /l/L/prototypes/P about",
    method: "POST",
    path: (c) => `/l/${c.L}/prototypes/${accessPrototype(c.L)}`,
    // Its own prototype: the same title again.
    form: () => ({ intent: "about", title: "Access table prototype (page)", summary: "", forWhom: "" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessPrototype(c.L)}\\?done=about#about$`) },
    expect: localityMembers,
  },
  {
    name: "POST /l/L/prototypes/P public-summary",
    method: "POST",
    path: (c) => `/l/${c.L}/prototypes/${accessPrototype(c.L)}`,
    form: () => ({ intent: "public-summary", publicSummary: "" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessPrototype(c.L)}\\?done=public-summary#public-summary$`) },
    expect: localityFacilitators,
  },
  // Stage 4: a prototype's test cycles (the table's own, tests/e2e/support/cycles.ts): viewers read, members plan and rate, facilitators decide.
  { name: "GET /l/L/prototypes/P/cycles", method: "GET", path: (c) => cyclesPath(c.L), allowed: ok, expect: localityViewers },
  {
    name: "POST /l/L/prototypes/P/cycles create",
    method: "POST",
    path: (c) => cyclesPath(c.L),
    form: () => ({ intent: "create", believe: "Access table", willResult: "plan a cycle", knowWhen: "it is listed", method: "pilot", languages: "en" }),
    allowed: { redirect: (c) => new RegExp(`^${cyclesPath(c.L)}/[A-Za-z0-9_-]+\\?done=create$`) },
    expect: localityMembers,
  },
  {
    name: "GET /l/L/prototypes/P/cycles/C",
    method: "GET",
    path: (c) => `${cyclesPath(c.L)}/${cycleAccess(c.L).cycleId}`,
    allowed: ok,
    expect: localityViewers,
  },
  {
    name: "POST /l/L/prototypes/P/cycles/C rate",
    method: "POST",
    path: (c) => `${cyclesPath(c.L)}/${cycleAccess(c.L).cycleId}`,
    form: () => ({ intent: "rate", before: "3" }),
    allowed: { redirect: (c) => new RegExp(`^${cyclesPath(c.L)}/${cycleAccess(c.L).cycleId}\\?done=rate#confidence$`) },
    expect: localityMembers,
  },
  {
    name: "POST /l/L/prototypes/P/cycles/C decide",
    method: "POST",
    path: (c) => `${cyclesPath(c.L)}/${cycleAccess(c.L).decideCycleId}`,
    // Its own cycle: the facilitator's decision closes it (the others' are refused before it is read).
    form: () => ({ intent: "decide", decision: "adapt", reason: "Access table decision" }),
    allowed: { redirect: (c) => new RegExp(`^${cyclesPath(c.L)}/${cycleAccess(c.L).decideCycleId}\\?done=decide#decision$`) },
    expect: localityFacilitators,
  },
  {
    name: "GET /l/L/prototypes/P/cycles/C/photos/E",
    method: "GET",
    path: (c) => `${cyclesPath(c.L)}/${cycleAccess(c.L).cycleId}/photos/${cycleAccess(c.L).photoId}`,
    allowed: ok,
    expect: localityViewers,
  },
  // Stage 4: a prototype's measures and costs (the table's bare prototype): viewers read, members and facilitators add and change.
  {
    name: "GET /l/L/prototypes/P/measures",
    method: "GET",
    path: (c) => `/l/${c.L}/prototypes/${accessPrototype(c.L)}/measures`,
    allowed: ok,
    expect: localityViewers,
  },
  {
    name: "POST /l/L/prototypes/P/measures add-measure",
    method: "POST",
    path: (c) => `/l/${c.L}/prototypes/${accessPrototype(c.L)}/measures`,
    form: () => ({ intent: "add-measure", name: "Access table measure", unit: "parents", betterWhen: "up" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessPrototype(c.L)}/measures\\?done=add-measure#measure-[A-Za-z0-9_-]+$`) },
    expect: localityMembers,
  },
  {
    name: "GET /l/L/prototypes/unknown/measures",
    method: "GET",
    path: (c) => `/l/${c.L}/prototypes/zzzzzzzzzzzzzzzzzzzzzzzz/measures`,
    allowed: ok,
    expect: { anonymous: "sign-in", viewer: "not-found", member: "not-found", facilitator: "not-found", other: "not-found" },
  },
  // The golden thread's section on a prototype's page posts here (locality facilitators); there is no page to GET.
  {
    name: "GET /l/L/thread-links",
    method: "GET",
    path: (c) => `/l/${c.L}/thread-links`,
    allowed: ok,
    // No page here: 404 for everyone, signed in or not.
    expect: nobody,
  },
  {
    name: "POST /l/L/thread-links facet",
    method: "POST",
    path: (c) => `/l/${c.L}/thread-links`,
    // The table's own prototype: no facet, as it had.
    form: (c) => ({
      intent: "facet",
      targetType: "prototype",
      targetId: accessPrototype(c.L),
      facet: "",
      back: `/l/${c.L}/prototypes/${accessPrototype(c.L)}`,
    }),
    allowed: {
      redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessPrototype(c.L)}\\?threadDone=facet&on=${accessPrototype(c.L)}#golden-thread$`),
    },
    expect: localityFacilitators,
  },
  {
    name: "POST /l/L/thread-links link (unknown item)",
    method: "POST",
    path: (c) => `/l/${c.L}/thread-links`,
    // An item that does not exist: refused, said so on the page it came from, nothing linked.
    form: (c) => ({
      intent: "link",
      targetType: "prototype",
      targetId: accessPrototype(c.L),
      itemId: "zzzzzzzzzzzzzzzzzzzzzzzz",
      back: `/l/${c.L}/prototypes/${accessPrototype(c.L)}`,
    }),
    allowed: {
      redirect: (c) => new RegExp(`^/l/${c.L}/prototypes/${accessPrototype(c.L)}\\?thread=[A-Za-z-]+&on=${accessPrototype(c.L)}#golden-thread$`),
    },
    expect: localityFacilitators,
  },
  // The public idea pages need no account; unknown links and receipts are 404 for everyone.
  { name: "GET /i/CODE", method: "GET", path: (c) => `/i/${c.linkCode}`, allowed: ok, expect: everyone },
  { name: "GET /i/unknown", method: "GET", path: () => "/i/zzzzzzzz", allowed: ok, expect: nobody },
  { name: "GET /r/unknown", method: "GET", path: () => `/r/${"x".repeat(43)}`, allowed: ok, expect: nobody },
  // Stage 4: a cycle's feedback from phones (its page and poster: the locality; changes: facilitators), and the public page (anyone).
  {
    name: "GET /l/L/prototypes/P/cycles/C/feedback",
    method: "GET",
    path: (c) => feedbackPath(c.L),
    allowed: ok,
    expect: localityViewers,
  },
  {
    name: "POST /l/L/prototypes/P/cycles/C/feedback open",
    method: "POST",
    path: (c) => feedbackPath(c.L),
    // The link is open already: opening it changes nothing.
    form: () => ({ intent: "open" }),
    allowed: { redirect: (c) => new RegExp(`^${feedbackPath(c.L)}\\?done=opened$`) },
    expect: localityFacilitators,
  },
  { name: "GET /l/L/prototypes/P/cycles/C/feedback/poster", method: "GET", path: (c) => `${feedbackPath(c.L)}/poster`, allowed: ok, expect: localityViewers },
  { name: "GET /f/CODE", method: "GET", path: (c) => `/f/${feedbackAccess(c.L).code}?lng=en`, allowed: ok, expect: everyone },
  { name: "GET /f/unknown", method: "GET", path: () => "/f/zzzzzzzz", allowed: ok, expect: nobody },
  // Paper ↔ board: printed note cards (anyone who sees the board), the paper page, its forms and blank
  // cards (facilitators), and the public card page (anyone; a member's card goes straight onto the board).
  { name: "GET /l/L/boards/B/cards", method: "GET", path: (c) => `/l/${c.L}/boards/${c.boardId}/cards`, allowed: ok, expect: localityViewers },
  { name: "GET /l/L/boards/B/paper", method: "GET", path: (c) => `/l/${c.L}/boards/${c.boardId}/paper`, allowed: ok, expect: localityFacilitators },
  {
    name: "POST /l/L/boards/B/paper reject",
    method: "POST",
    path: (c) => `/l/${c.L}/boards/${c.boardId}/paper`,
    // No such card waits: nothing changes ("already decided").
    form: () => ({ intent: "reject", card: "no-such-card" }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}/boards/${c.boardId}/paper\\?card=already$`) },
    expect: localityFacilitators,
  },
  {
    name: "GET /l/L/boards/B/cards/blank",
    method: "GET",
    path: (c) => `/l/${c.L}/boards/${paperAccess(c.L).boardId}/cards/blank?count=8`,
    allowed: ok,
    expect: localityFacilitators,
  },
  { name: "GET /card/CODE", method: "GET", path: (c) => `/card/${paperAccess(c.L).code}?lng=en`, allowed: ok, expect: everyone },
  {
    name: "POST /card/CODE",
    method: "POST",
    path: (c) => `/card/${paperAccess(c.L).code}?lng=en`,
    form: () => ({ text: "A card from the access table" }),
    allowed: {
      redirect: (c) => new RegExp(`^(/card/${paperAccess(c.L).code}\\?lng=en&sent=1|/l/${c.L}/boards/${paperAccess(c.L).boardId}\\?note=card-[a-f0-9]+)$`),
    },
    expect: everyone,
  },
  { name: "GET /card/unknown", method: "GET", path: () => "/card/zzzzzzzz", allowed: ok, expect: nobody },
  { name: "GET /l/L/members", method: "GET", path: (c) => `/l/${c.L}/members`, allowed: ok, expect: localityFacilitators },
  { name: "GET /l/L/audit", method: "GET", path: (c) => `/l/${c.L}/audit`, allowed: ok, expect: localityFacilitators },
  {
    name: "POST /l/L?index set-stage",
    method: "POST",
    path: (c) => `/l/${c.L}?index`,
    form: (c) => ({ intent: "set-stage", stage: String(c.currentStage) }),
    allowed: { redirect: (c) => new RegExp(`^/l/${c.L}$`) },
    expect: localityFacilitators,
  },
  {
    name: "POST /l/L/members create-invite",
    method: "POST",
    path: (c) => `/l/${c.L}/members`,
    form: (c) => ({ intent: "create-invite", role: "viewer", usage: "single", days: "1", note: c.inviteNote }),
    allowed: ok,
    expect: localityFacilitators,
  },
  {
    name: "POST /l/L/members change-role",
    method: "POST",
    path: (c) => `/l/${c.L}/members`,
    form: (c) => ({ intent: "change-role", membershipId: c.memberMembershipId, role: "member" }),
    allowed: ok,
    expect: localityFacilitators,
  },
  {
    name: "POST /orgs/birmingham/localities/new",
    method: "POST",
    path: () => "/orgs/birmingham/localities/new",
    form: (c) => ({ name: c.newLocalityName, description: "Created by the access-control table." }),
    allowed: { redirect: () => /^\/l\/[A-Za-z0-9_-]+$/ },
    expect: orgFacilitatorOnly,
  },
  {
    // A stalled threshold of zero weeks: refused with 400 and the setting unchanged.
    name: "POST /orgs/birmingham/portfolio?index threshold (zero)",
    method: "POST",
    path: () => "/orgs/birmingham/portfolio?index",
    form: () => ({ intent: "threshold", stalledAfterWeeks: "0" }),
    allowed: { status: 400 },
    expect: orgFacilitatorOnly,
  },
  {
    // An item with no title: refused with 400, the thread unchanged.
    name: "POST /orgs/birmingham/thread?index add (no title)",
    method: "POST",
    path: () => "/orgs/birmingham/thread?index",
    form: () => ({ intent: "add", kind: "principle", title: "", body: "" }),
    allowed: { status: 400 },
    expect: organisationEditors,
  },
  {
    // An unknown change: refused with 400.
    name: "POST /orgs/birmingham/thread?index (unknown intent)",
    method: "POST",
    path: () => "/orgs/birmingham/thread?index",
    form: () => ({ intent: "rewrite" }),
    allowed: { status: 400 },
    expect: organisationEditors,
  },
  {
    // A confirmation that is not the person's name: refused with 400 and nothing erased.
    name: "POST /orgs/birmingham/people/P erase (unconfirmed)",
    method: "POST",
    path: (c) => `/orgs/birmingham/people/${c.personUserId}`,
    form: () => ({ intent: "erase", confirmName: "not their name" }),
    allowed: { status: 400 },
    expect: orgFacilitatorOnly,
  },
];
