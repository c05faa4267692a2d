/**
 * The one role × action table. Every loader and action asks it through
 * `requireLocalityAccess` / `requireOrganisationAccess`; collab tokens are issued from it too.
 */

export const LOCALITY_ROLES = ["viewer", "member", "facilitator"] as const;
export type LocalityRole = (typeof LOCALITY_ROLES)[number];

const RANK: Record<LocalityRole, number> = { viewer: 1, member: 2, facilitator: 3 };

/** What a person may do in a locality, and the least role that may do it. */
export const LOCALITY_ACTIONS = {
  "locality.view": "viewer",
  "people.view": "viewer",
  "stage.view": "viewer",
  "stage.set": "facilitator",
  "members.view": "facilitator",
  "members.manage": "facilitator",
  "invites.manage": "facilitator",
  "audit.view": "facilitator",
  /** Open a board or shared document (read-only for viewers). */
  "documents.view": "viewer",
  /** Change a board or shared document. */
  "documents.edit": "member",
  /** Create a board or shared document; save and restore a document's named versions. */
  "documents.create": "member",
  /** Run a board: lock it, open and close votes, the timer, show or hide authors. */
  "boards.facilitate": "facilitator",
  /** Stage 1. Edit one's own profile (the person linked to one's account). */
  "people.editSelf": "member",
  /** Add people (with or without an account), edit any profile, link accounts, merge duplicates, remove. */
  "people.manage": "facilitator",
  /** Record a tie one is part of, and confirm or decline ties suggested to oneself. */
  "ties.record": "member",
  /** Record, change or remove any tie; confirm suggested ties for others. */
  "ties.manage": "facilitator",
  /** See the group's sessions (workshops): date, place, agenda, languages. */
  "workshops.view": "viewer",
  /** Plan sessions, take attendance, keep notes, open a board for an exercise. */
  "workshops.manage": "facilitator",
  /** Endorse the agreed purpose. */
  "purpose.endorse": "member",
  /** Mark a named version of the purpose document as the agreed purpose. */
  "purpose.agree": "facilitator",
  /** Stage 2. List consented stories and read them redacted (pseudonyms, identifiers replaced). */
  "stories.view": "viewer",
  /** Capture and edit stories (the real text), record consent and real identities, mark identifiers, add photos, withdraw. */
  "stories.manage": "facilitator",
  /** See a story's real text and its storyteller's real identity (the "show original" toggle). */
  "stories.unredacted": "facilitator",
  /** Highlight passages of a consented story, code and comment them; add, describe and rename codes. */
  "stories.code": "member",
  /** Merge codes, delete codes, remove anyone's excerpts. */
  "codes.manage": "facilitator",
  /** Read insights and their evidence (redacted). */
  "insights.view": "viewer",
  /** Send excerpts to a board, write and edit insights and their "How might we…?" questions. */
  "insights.edit": "member",
  /** Download the analysis report and exports (quotes only where consent allows). */
  "reports.export": "facilitator",
  /** Stage 3. See challenges and the ideas published on them (with their translations, votes and comments). */
  "ideas.view": "viewer",
  /** Add ideas on a challenge, comment, add a translation, report a published idea. */
  "ideas.contribute": "member",
  /** Open an insight's question as a challenge; change its closing date and languages; close, reopen or rotate its public link. */
  "challenges.manage": "facilitator",
  /** The moderation queue: approve, edit for anonymity, merge duplicates, reject; review hidden ideas; see contributors' contact details. */
  "ideas.moderate": "facilitator",
  /** Move ideas through new → shortlisted → prototyping → parked, and promote an idea to a prototype. */
  "ideas.shortlist": "facilitator",
  /** Stage 4. See prototypes, their people, partners, plan, test cycles, measures and feedback. */
  "prototypes.view": "viewer",
  /** Describe a prototype, its people and partners; plan and run test cycles (hypothesis, method, who took part, evidence, what was learned); rate confidence; add measures and readings. */
  "prototypes.edit": "member",
  /** Record a cycle's decision (continue, adapt, stop, scale); amend a closed cycle; open and close a cycle's public feedback link; moderate its written answers; write the public summary. */
  "prototypes.decide": "facilitator",
  /** Read the organisation's golden thread (every member of any of its localities). */
  "thread.view": "viewer",
  /** Link a prototype, a challenge or a measure to the thread's priority outcomes and design principles; set a prototype's facet. */
  "thread.link": "facilitator",
  /** The organisation's portfolio: a locality's facilitator sees that locality's rows in it (its page, report and CSV). */
  "portfolio.view": "facilitator",
  /** The organisation's exchange: read what other localities shared (every member and viewer of any of its localities). */
  "exchange.view": "viewer",
  /** Comment on a share in the exchange. */
  "exchange.comment": "member",
  /** Share this locality's prototype or insight with the whole organisation, change the note, withdraw it. */
  "exchange.share": "facilitator",
  /** "Try it here": make a draft prototype in this locality from another locality's share. */
  "exchange.try": "facilitator",
  /** Keep a private reflective log (write, edit, share, unshare, delete one's own) and read what others shared with the group. */
  "reflections.write": "member",
} as const satisfies Record<string, LocalityRole>;
export type LocalityAction = keyof typeof LOCALITY_ACTIONS;

export const ORGANISATION_ACTIONS = {
  "organisation.view": "facilitator",
  "locality.create": "facilitator",
  /** People's data rights: export everything held about a person, erase them. */
  "people.dataRights": "facilitator",
  /** Read the golden thread and its version history. */
  "thread.view": "facilitator",
  /** Change the golden thread: add, edit, reorder, mark under review, archive, delete unused items. */
  "thread.edit": "facilitator",
  /** The portfolio across every locality (its page, committee report and CSV). */
  "portfolio.view": "facilitator",
  /** Change the organisation's portfolio settings (after how many weeks without a cycle a prototype is stalled). */
  "portfolio.configure": "facilitator",
  /** The exchange: read every share, comment, and remove anyone's comment (the text goes, the row stays). */
  "exchange.view": "facilitator",
  "exchange.comment": "facilitator",
  "exchange.moderate": "facilitator",
  /** Share any locality's prototype or insight; "try it here" in any locality. */
  "exchange.share": "facilitator",
  "exchange.try": "facilitator",
} as const satisfies Record<string, "facilitator">;
export type OrganisationAction = keyof typeof ORGANISATION_ACTIONS;

export function isLocalityRole(value: unknown): value is LocalityRole {
  return typeof value === "string" && (LOCALITY_ROLES as readonly string[]).includes(value);
}

/** The stronger of two roles (an organisation facilitator facilitates every locality). */
export function strongerRole(a: LocalityRole | null, b: LocalityRole | null): LocalityRole | null {
  if (!a) return b;
  if (!b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Whether a role (or none) may do an action. */
export function can(role: LocalityRole | null, action: LocalityAction): boolean {
  return role !== null && RANK[role] >= RANK[LOCALITY_ACTIONS[action]];
}

/** Whether an organisation role (or none) may do an organisation action. */
export function canInOrganisation(role: "facilitator" | null, action: OrganisationAction): boolean {
  return role === ORGANISATION_ACTIONS[action];
}

export type PortfolioScope = { all: true } | { all: false; localityIds: string[] };

/**
 * Which localities' rows a person sees in the organisation's portfolio: every locality for an
 * organisation facilitator; otherwise the localities whose role lets them see the portfolio
 * ("portfolio.view"); null when none (the gate answers 404).
 */
export function portfolioScope(orgRole: "facilitator" | null, localityRoles: ReadonlyArray<{ localityId: string; role: string }>): PortfolioScope | null {
  if (canInOrganisation(orgRole, "portfolio.view")) return { all: true };
  const localityIds = localityRoles.filter((m) => isLocalityRole(m.role) && can(m.role, "portfolio.view")).map((m) => m.localityId);
  return localityIds.length ? { all: false, localityIds: [...new Set(localityIds)].sort() } : null;
}

/** Roles a facilitator may hand out. Nobody can grant more than they hold. */
export function assignableRoles(actor: LocalityRole | null): LocalityRole[] {
  return actor === "facilitator" ? [...LOCALITY_ROLES] : [];
}
