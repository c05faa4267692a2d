/**
 * The golden thread of an organisation and the links to it (issue 21). Items are rows as they are
 * now; every change is one transaction that bumps the item's revision (a form loaded before
 * someone else's change is refused) and writes a new ThreadVersion with a snapshot of the whole
 * thread. Links keep the version they were made against and the item's title then.
 */
import type { Db } from "./db.server";
import { recordAudit } from "./audit.server";
import { isUniqueViolation } from "./unique-violation.server";
import {
  LINKABLE_KINDS,
  PARENT_KIND,
  SINGLE_KINDS,
  THREAD_LIMITS,
  diffSnapshots,
  isThreadKind,
  linkIsOlder,
  type Facet,
  type ItemFields,
  type SnapshotItem,
  type ThreadLinkView,
  type ThreadChange,
  type ThreadKind,
  type ThreadRefusal,
} from "~/domain/golden-thread";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A refused change: the page shows `thread.errors.<reason>`. */
export class ThreadRefused extends Error {
  constructor(readonly reason: ThreadRefusal) {
    super(`thread: ${reason}`);
  }
}

const ITEM_SELECT = {
  id: true,
  kind: true,
  parentId: true,
  position: true,
  title: true,
  body: true,
  underReview: true,
  reviewNote: true,
  isExample: true,
  archivedAt: true,
  revision: true,
  changedInVersion: true,
} as const;

export type ThreadItemRow = {
  id: string;
  kind: ThreadKind;
  parentId: string | null;
  position: number;
  title: string;
  body: string;
  underReview: boolean;
  reviewNote: string;
  isExample: boolean;
  archivedAt: Date | null;
  revision: number;
  changedInVersion: number;
};

export type CurrentThread = {
  version: number;
  purpose: ThreadItemRow | null;
  vision: ThreadItemRow | null;
  priorities: Array<ThreadItemRow & { outcomes: Array<ThreadItemRow & { measures: ThreadItemRow[] }> }>;
  principles: ThreadItemRow[];
  bigMoves: ThreadItemRow[];
};

async function currentVersion(db: Pick<Db, "threadVersion">, organisationId: string): Promise<number> {
  const last = await db.threadVersion.findFirst({ where: { organisationId }, orderBy: { number: "desc" }, select: { number: true } });
  return last?.number ?? 0;
}

function rows(items: Array<Omit<ThreadItemRow, "kind"> & { kind: string }>): ThreadItemRow[] {
  return items.filter((i) => isThreadKind(i.kind)) as ThreadItemRow[];
}

/** The organisation's thread as it is now, in order; archived items are included (archivedAt set). */
export async function readCurrentThread(db: Db, organisationId: string): Promise<CurrentThread> {
  const [version, raw] = await Promise.all([
    currentVersion(db, organisationId),
    db.threadItem.findMany({
      where: { organisationId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: ITEM_SELECT,
      take: THREAD_LIMITS.items,
    }),
  ]);
  const items = rows(raw);
  const of = (kind: ThreadKind, parentId: string | null = null) => items.filter((i) => i.kind === kind && i.parentId === parentId);
  return {
    version,
    purpose: of("purpose")[0] ?? null,
    vision: of("vision")[0] ?? null,
    priorities: of("priority").map((p) => ({ ...p, outcomes: of("outcome", p.id).map((o) => ({ ...o, measures: of("outcome_measure", o.id) })) })),
    principles: of("principle"),
    bigMoves: of("big_move"),
  };
}

/** The organisation's versions, newest first, with what changed in each. */
export async function listThreadVersions(db: Db, organisationId: string, take = 100) {
  const versions = await db.threadVersion.findMany({
    where: { organisationId },
    orderBy: { number: "desc" },
    take,
    select: { number: true, changes: true, createdAt: true, createdById: true },
  });
  const actorIds = [...new Set(versions.map((v) => v.createdById).filter((x): x is string => Boolean(x)))];
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return versions.map((v) => ({
    number: v.number,
    createdAt: v.createdAt,
    by: v.createdById ? (names.get(v.createdById) ?? null) : null,
    changes: safeChanges(v.changes),
  }));
}

function safeChanges(json: string): ThreadChange[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as ThreadChange[]) : [];
  } catch {
    return [];
  }
}

function snapshotOf(
  items: Array<{
    id: string;
    kind: string;
    parentId: string | null;
    position: number;
    title: string;
    body: string;
    underReview: boolean;
    reviewNote: string;
    isExample: boolean;
    archivedAt: Date | null;
  }>,
): SnapshotItem[] {
  return items
    .filter((i) => isThreadKind(i.kind))
    .map((i) => ({
      id: i.id,
      kind: i.kind as ThreadKind,
      parentId: i.parentId,
      position: i.position,
      title: i.title,
      body: i.body,
      underReview: i.underReview,
      reviewNote: i.reviewNote,
      isExample: i.isExample,
      archived: i.archivedAt !== null,
    }));
}

async function allItems(tx: Tx, organisationId: string) {
  return tx.threadItem.findMany({ where: { organisationId }, orderBy: [{ kind: "asc" }, { position: "asc" }, { id: "asc" }], select: ITEM_SELECT });
}

/**
 * Runs one change of the thread: `apply` gets the next version's number and changes items; then
 * the version is written with its snapshot and what changed. Two changes at once: the second one's
 * version number collides and it is refused as stale (nothing of it is kept).
 */
async function changeThread(db: Db, organisationId: string, actorId: string | null, apply: (tx: Tx, version: number) => Promise<void>): Promise<number> {
  try {
    return await db.$transaction(async (tx) => {
      const number = (await currentVersion(tx, organisationId)) + 1;
      const before = snapshotOf(await allItems(tx, organisationId));
      await apply(tx, number);
      const after = snapshotOf(await allItems(tx, organisationId));
      const changes = diffSnapshots(before, after);
      await tx.threadVersion.create({
        data: { organisationId, number, changes: JSON.stringify(changes), snapshot: JSON.stringify(after), createdById: actorId },
      });
      await recordAudit(tx, {
        localityId: null,
        actorId,
        action: "thread.change",
        targetType: "organisation",
        targetId: organisationId,
        detail: { version: number, changes: changes.length },
      });
      return number;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ThreadRefused("stale");
    throw error;
  }
}

export type ThreadScope = { organisationId: string; actorId: string };

export async function addItem(
  db: Db,
  scope: ThreadScope,
  input: ItemFields & { kind: ThreadKind; parentId?: string },
): Promise<{ id: string; version: number }> {
  const { organisationId, actorId } = scope;
  let id = "";
  const version = await changeThread(db, organisationId, actorId, async (tx, number) => {
    const count = await tx.threadItem.count({ where: { organisationId } });
    if (count >= THREAD_LIMITS.items) throw new ThreadRefused("tooMany");
    if (SINGLE_KINDS.includes(input.kind) && (await tx.threadItem.count({ where: { organisationId, kind: input.kind } })) > 0)
      throw new ThreadRefused("single");
    const parentKind = PARENT_KIND[input.kind];
    let parentId: string | null = null;
    if (parentKind) {
      const parent = input.parentId
        ? await tx.threadItem.findFirst({ where: { id: input.parentId, organisationId, kind: parentKind }, select: { id: true } })
        : null;
      if (!parent) throw new ThreadRefused("badParent");
      parentId = parent.id;
    }
    const siblings = await tx.threadItem.aggregate({ where: { organisationId, kind: input.kind, parentId }, _max: { position: true } });
    const created = await tx.threadItem.create({
      data: {
        organisationId,
        kind: input.kind,
        parentId,
        position: (siblings._max.position ?? -1) + 1,
        title: input.title,
        body: input.body,
        underReview: input.underReview,
        reviewNote: input.underReview ? input.reviewNote : "",
        isExample: input.isExample,
        addedInVersion: number,
        changedInVersion: number,
        createdById: actorId,
      },
      select: { id: true },
    });
    id = created.id;
  });
  return { id, version };
}

/** Claims the item at the revision the form was loaded with; another change since → stale. */
async function claim(tx: Tx, organisationId: string, itemId: string, revision: number, number: number, data: Record<string, unknown> = {}) {
  const found = await tx.threadItem.findFirst({
    where: { id: itemId, organisationId },
    select: { id: true, kind: true, parentId: true, position: true, archivedAt: true },
  });
  if (!found) throw new ThreadRefused("notFound");
  const { count } = await tx.threadItem.updateMany({
    where: { id: itemId, organisationId, revision },
    data: { ...data, revision: { increment: 1 }, changedInVersion: number },
  });
  if (count !== 1) throw new ThreadRefused("stale");
  return found;
}

export async function editItem(db: Db, scope: ThreadScope, input: ItemFields & { itemId: string; revision: number }) {
  return changeThread(db, scope.organisationId, scope.actorId, async (tx, number) => {
    await claim(tx, scope.organisationId, input.itemId, input.revision, number, {
      title: input.title,
      body: input.body,
      underReview: input.underReview,
      reviewNote: input.underReview ? input.reviewNote : "",
      isExample: input.isExample,
    });
  });
}

/** Moves an item one place up or down among its siblings (archived ones keep their place at the end). */
export async function moveItem(db: Db, scope: ThreadScope, input: { itemId: string; revision: number; direction: "up" | "down" }) {
  return changeThread(db, scope.organisationId, scope.actorId, async (tx, number) => {
    const item = await claim(tx, scope.organisationId, input.itemId, input.revision, number);
    const siblings = await tx.threadItem.findMany({
      where: { organisationId: scope.organisationId, kind: item.kind, parentId: item.parentId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    const at = siblings.findIndex((s) => s.id === item.id);
    const to = input.direction === "up" ? at - 1 : at + 1;
    if (at < 0 || to < 0 || to >= siblings.length) return;
    const order = siblings.map((s) => s.id);
    [order[at], order[to]] = [order[to]!, order[at]!];
    for (const [position, id] of order.entries()) await tx.threadItem.update({ where: { id }, data: { position } });
  });
}

export async function setArchived(db: Db, scope: ThreadScope, input: { itemId: string; revision: number; archived: boolean }) {
  return changeThread(db, scope.organisationId, scope.actorId, async (tx, number) => {
    await claim(tx, scope.organisationId, input.itemId, input.revision, number, { archivedAt: input.archived ? new Date() : null });
  });
}

/** The item and everything under it (a priority's outcomes and their measures). */
async function subtreeIds(tx: Tx, organisationId: string, itemId: string): Promise<string[]> {
  const ids = [itemId];
  let frontier = [itemId];
  while (frontier.length) {
    const children = await tx.threadItem.findMany({ where: { organisationId, parentId: { in: frontier } }, select: { id: true } });
    frontier = children.map((c) => c.id);
    ids.push(...frontier);
  }
  return ids;
}

/** How many links point at the item or anything under it. */
export async function usesOf(db: Db | Tx, organisationId: string, itemId: string): Promise<number> {
  const ids = await subtreeIds(db as Tx, organisationId, itemId);
  return db.threadLink.count({ where: { organisationId, itemId: { in: ids } } });
}

/** Deletes an item nobody links to (with what is under it). One in use is refused: archive it instead. */
export async function deleteItem(db: Db, scope: ThreadScope, input: { itemId: string; revision: number }) {
  return changeThread(db, scope.organisationId, scope.actorId, async (tx, number) => {
    await claim(tx, scope.organisationId, input.itemId, input.revision, number);
    if ((await usesOf(tx, scope.organisationId, input.itemId)) > 0) throw new ThreadRefused("inUse");
    const ids = await subtreeIds(tx, scope.organisationId, input.itemId);
    await tx.threadItem.deleteMany({ where: { organisationId: scope.organisationId, id: { in: ids } } });
  });
}

/** How many links each item has (for "in use" badges and the delete/archive choice). */
export async function linkCounts(db: Db, organisationId: string): Promise<Map<string, number>> {
  const groups = await db.threadLink.groupBy({ by: ["itemId"], where: { organisationId }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.itemId, g._count._all]));
}

// ——— Links ———

export type { ThreadLinkView };

export type LinkTarget = { prototypeId: string } | { challengeId: string } | { measureId: string };

const LINK_SELECT = {
  id: true,
  organisationId: true,
  itemId: true,
  itemKind: true,
  versionNumber: true,
  titleAtLink: true,
  prototypeId: true,
  challengeId: true,
  measureId: true,
  item: { select: { title: true, archivedAt: true, changedInVersion: true, parent: { select: { id: true, title: true } } } },
} as const;

async function viewsOf(
  db: Db,
  links: Array<{
    id: string;
    organisationId: string;
    itemId: string;
    itemKind: string;
    versionNumber: number;
    titleAtLink: string;
    item: { title: string; archivedAt: Date | null; changedInVersion: number; parent: { id: string; title: string } | null };
  }>,
) {
  const orgs = [...new Set(links.map((l) => l.organisationId))];
  const versions = new Map(await Promise.all(orgs.map(async (o) => [o, await currentVersion(db, o)] as const)));
  return links.map(
    (l): ThreadLinkView => ({
      linkId: l.id,
      itemId: l.itemId,
      itemKind: l.itemKind === "principle" ? "principle" : "outcome",
      title: l.item.title,
      titleAtLink: l.titleAtLink,
      versionNumber: l.versionNumber,
      currentVersion: versions.get(l.organisationId) ?? 0,
      older: linkIsOlder(l, { changedInVersion: l.item.changedInVersion, archived: l.item.archivedAt !== null }, versions.get(l.organisationId) ?? 0),
      archived: l.item.archivedAt !== null,
      priorityId: l.itemKind === "outcome" ? (l.item.parent?.id ?? null) : null,
      priorityTitle: l.itemKind === "outcome" ? (l.item.parent?.title ?? null) : null,
    }),
  );
}

function group<K extends string>(keys: readonly string[], links: Array<ThreadLinkView & { key: K | null }>): Map<string, ThreadLinkView[]> {
  const out = new Map<string, ThreadLinkView[]>(keys.map((k) => [k, []]));
  for (const { key, ...l } of links) if (key) out.get(key)?.push(l);
  return out;
}

/** Ids per statement: SQLite's adapter takes at most 999 parameters in one statement. */
const IDS_PER_QUERY = 500;

/** Each prototype's links (outcomes and principles, with their version), by prototype id; any number of ids. */
export async function linksOfPrototypes(db: Db, prototypeIds: readonly string[]): Promise<Map<string, ThreadLinkView[]>> {
  if (!prototypeIds.length) return new Map();
  const links: Array<Awaited<ReturnType<typeof db.threadLink.findMany<{ select: typeof LINK_SELECT }>>>[number]> = [];
  for (let i = 0; i < prototypeIds.length; i += IDS_PER_QUERY) {
    links.push(
      ...(await db.threadLink.findMany({
        where: { prototypeId: { in: prototypeIds.slice(i, i + IDS_PER_QUERY) } },
        orderBy: [{ itemKind: "asc" }, { createdAt: "asc" }],
        select: LINK_SELECT,
      })),
    );
  }
  const views = await viewsOf(db, links);
  return group(
    prototypeIds,
    views.map((v, i) => ({ ...v, key: links[i]!.prototypeId })),
  );
}

export async function linksOfMeasures(db: Db, measureIds: readonly string[]): Promise<Map<string, ThreadLinkView[]>> {
  if (!measureIds.length) return new Map();
  const links = await db.threadLink.findMany({
    where: { measureId: { in: [...measureIds] } },
    orderBy: [{ itemKind: "asc" }, { createdAt: "asc" }],
    select: LINK_SELECT,
  });
  const views = await viewsOf(db, links);
  return group(
    measureIds,
    views.map((v, i) => ({ ...v, key: links[i]!.measureId })),
  );
}

export async function linksOfChallenge(db: Db, challengeId: string): Promise<ThreadLinkView[]> {
  const links = await db.threadLink.findMany({ where: { challengeId }, orderBy: [{ itemKind: "asc" }, { createdAt: "asc" }], select: LINK_SELECT });
  return viewsOf(db, links);
}

/** The outcomes (with their priority) and principles one can link to: current, not archived. */
export async function linkableItems(db: Db, organisationId: string) {
  const items = await db.threadItem.findMany({
    where: { organisationId, kind: { in: [...LINKABLE_KINDS] }, archivedAt: null },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      title: true,
      isExample: true,
      underReview: true,
      parent: { select: { id: true, title: true, position: true, archivedAt: true } },
    },
  });
  return items
    .filter((i) => i.kind === "principle" || (i.parent && i.parent.archivedAt === null))
    .sort((a, b) => (a.parent?.position ?? -1) - (b.parent?.position ?? -1))
    .map((i) => ({
      id: i.id,
      kind: i.kind as "outcome" | "principle",
      title: i.title,
      isExample: i.isExample,
      underReview: i.underReview,
      priorityTitle: i.parent?.title ?? null,
    }));
}

/** Every outcome of the organisation, with its priority. */
export async function outcomesOfOrganisation(db: Db, organisationId: string) {
  const items = await db.threadItem.findMany({
    where: { organisationId, kind: "outcome" },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, title: true, isExample: true, archivedAt: true, parent: { select: { id: true, title: true, position: true } } },
  });
  return items
    .sort((a, b) => (a.parent?.position ?? 0) - (b.parent?.position ?? 0))
    .map((o) => ({
      id: o.id,
      title: o.title,
      priorityId: o.parent?.id ?? null,
      priorityTitle: o.parent?.title ?? null,
      archived: o.archivedAt !== null,
      isExample: o.isExample,
    }));
}

/** Current (not archived) outcomes that no prototype, challenge or measure — of the given localities, or any — is linked to. */
export async function unlinkedOutcomes(db: Db, organisationId: string, localityIds?: readonly string[]) {
  const outcomes = (await outcomesOfOrganisation(db, organisationId)).filter((o) => !o.archived);
  const linked = await db.threadLink.findMany({
    where: { organisationId, itemKind: "outcome", ...(localityIds ? { localityId: { in: [...localityIds] } } : {}) },
    select: { itemId: true },
    distinct: ["itemId"],
  });
  const used = new Set(linked.map((l) => l.itemId));
  return outcomes.filter((o) => !used.has(o.id)).map(({ id, title, priorityId, priorityTitle }) => ({ id, title, priorityId, priorityTitle }));
}

export type LinkScope = { organisationId: string; localityId: string; actorId: string };

/**
 * Links a prototype, challenge or measure of the locality to an outcome or principle of the
 * locality's own organisation. Another organisation's item, an archived one, something that is
 * neither an outcome nor a principle, or a target outside the locality is refused.
 */
export async function linkItem(db: Db, scope: LinkScope, target: LinkTarget, itemId: string): Promise<{ id: string }> {
  const item = await db.threadItem.findUnique({ where: { id: itemId }, select: { id: true, organisationId: true, kind: true, title: true, archivedAt: true } });
  if (!item) throw new ThreadRefused("notFound");
  if (item.organisationId !== scope.organisationId) throw new ThreadRefused("otherOrganisation");
  if (!(LINKABLE_KINDS as readonly string[]).includes(item.kind)) throw new ThreadRefused("notLinkable");
  if (item.archivedAt) throw new ThreadRefused("archived");
  if (!(await targetInLocality(db, scope.localityId, target))) throw new ThreadRefused("notFound");
  try {
    return await db.$transaction(async (tx) => {
      const versionNumber = await currentVersion(tx, scope.organisationId);
      const link = await tx.threadLink.create({
        data: {
          organisationId: scope.organisationId,
          localityId: scope.localityId,
          itemId,
          itemKind: item.kind,
          versionNumber,
          titleAtLink: item.title,
          createdById: scope.actorId,
          ...target,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        localityId: scope.localityId,
        actorId: scope.actorId,
        action: "thread.link",
        targetType: targetType(target),
        targetId: targetId(target),
        detail: { itemId, version: versionNumber },
      });
      return link;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ThreadRefused("already");
    throw error;
  }
}

export async function unlinkItem(db: Db, scope: LinkScope, target: LinkTarget, linkId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.threadLink.deleteMany({ where: { id: linkId, localityId: scope.localityId, ...target } });
    if (count !== 1) throw new ThreadRefused("notFound");
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "thread.unlink",
      targetType: targetType(target),
      targetId: targetId(target),
      detail: { linkId },
    });
  });
}

export async function setFacet(db: Db, scope: LinkScope, prototypeId: string, facet: Facet | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.prototype.updateMany({ where: { id: prototypeId, localityId: scope.localityId }, data: { facet } });
    if (count !== 1) throw new ThreadRefused("notFound");
    await recordAudit(tx, {
      localityId: scope.localityId,
      actorId: scope.actorId,
      action: "thread.facet",
      targetType: "prototype",
      targetId: prototypeId,
      detail: { facet },
    });
  });
}

function targetType(t: LinkTarget) {
  return "prototypeId" in t ? "prototype" : "challengeId" in t ? "challenge" : "measure";
}
function targetId(t: LinkTarget) {
  return "prototypeId" in t ? t.prototypeId : "challengeId" in t ? t.challengeId : t.measureId;
}

async function targetInLocality(db: Db, localityId: string, t: LinkTarget): Promise<boolean> {
  if ("prototypeId" in t) return (await db.prototype.count({ where: { id: t.prototypeId, localityId } })) === 1;
  if ("challengeId" in t) return (await db.challenge.count({ where: { id: t.challengeId, localityId } })) === 1;
  return (await db.measure.count({ where: { id: t.measureId, prototype: { localityId } } })) === 1;
}

// ——— Who may read the thread ———

/**
 * The organisation by slug with the person's organisation role and their locality memberships in
 * it (the thread's gate: an organisation facilitator or a member of any of its localities reads it).
 */
export function findThreadReader(db: Db, slug: string, userId: string) {
  return db.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      members: { where: { userId }, select: { role: true } },
      localities: { where: { memberships: { some: { userId } } }, select: { id: true, memberships: { where: { userId }, select: { role: true } } } },
    },
  });
}

/** The organisation's stalled threshold in weeks (portfolio setting, default 6). */
export async function stalledAfterWeeks(db: Db, organisationId: string): Promise<number | null> {
  const org = await db.organisation.findUnique({ where: { id: organisationId }, select: { stalledAfterWeeks: true } });
  return org?.stalledAfterWeeks ?? null;
}

/** A prototype's facet (null: not said). */
export async function facetOf(db: Db, localityId: string, prototypeId: string): Promise<string | null> {
  const p = await db.prototype.findFirst({ where: { id: prototypeId, localityId }, select: { facet: true } });
  return p?.facet ?? null;
}
