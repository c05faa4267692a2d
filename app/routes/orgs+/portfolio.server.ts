/**
 * The portfolio's pages: every prototype of every locality in scope (rows with flags, grouped by
 * priority and by locality), the OECD facet balance per priority, each priority outcome with the
 * hypotheses tested under it and how confidence moved cycle by cycle, the outcomes nobody is
 * working on, each locality's progress through the four stages, the committee report and the CSV.
 */
import type { PortfolioAccess } from "~/auth/portfolio-access.server";
import { csvCell } from "~/components/board/export";
import type { Db } from "~/data/db.server";
import { recordAudit } from "~/data/audit.server";
import { linksOfPrototypes, readCurrentThread, stalledAfterWeeks, unlinkedOutcomes } from "~/data/golden-thread.server";
import {
  listConfidenceCycles,
  listPortfolioLocalities,
  listPortfolioPrototypes,
  listReportPrototypes,
  listStageDates,
  setStalledWeeks,
} from "~/data/portfolio.server";
import {
  CSV_COLUMNS,
  STAGE_KEYS,
  confidenceTrail,
  csvRecord,
  evidenceTrend,
  groupByLocality,
  groupByPriority,
  portfolioRow,
  reportSection,
  stageProgress,
  stalledWeeksOf,
  thresholdInput,
  totalsOf,
  type PortfolioRow,
  type PriorityRef,
  type RowOutcome,
  type StageDates,
  type ThresholdReply,
} from "~/domain/portfolio";
import { translator } from "~/i18n/translate";

type Scoped = Pick<PortfolioAccess, "organisation" | "scope">;

async function scopedLocalities(db: Db, access: Scoped) {
  return listPortfolioLocalities(db, access.organisation.id, access.scope.all ? null : access.scope.localityIds);
}

/** The organisation's stalled threshold, in weeks (the default until it sets one). */
export async function stalledWeeks(db: Db, organisationId: string): Promise<number> {
  return stalledWeeksOf(await stalledAfterWeeks(db, organisationId));
}

/** Checks and saves a new stalled threshold; a refused value comes back with its message, as typed. */
export async function saveStalledWeeks(db: Db, access: Pick<PortfolioAccess, "organisation" | "user">, form: FormData): Promise<ThresholdReply> {
  const raw = form.get("stalledAfterWeeks");
  const value = typeof raw === "string" ? raw.slice(0, 40) : "";
  const parsed = thresholdInput.safeParse({ stalledAfterWeeks: value });
  if (!parsed.success) return { intent: "threshold", ok: false, value, error: parsed.error.issues[0]?.message ?? "portfolio.errors.weeks" };
  await setStalledWeeks(db, { organisationId: access.organisation.id, actorId: access.user.id, weeks: parsed.data.stalledAfterWeeks });
  return { intent: "threshold", ok: true, value: String(parsed.data.stalledAfterWeeks), error: null };
}

/** Every prototype of these localities as a portfolio row, with its facet and the priority outcomes it is linked to. */
async function rowsOf(db: Db, localityIds: string[], weeks: number, now: Date): Promise<PortfolioRow[]> {
  const prototypes = await listPortfolioPrototypes(db, localityIds);
  const links = await linksOfPrototypes(
    db,
    prototypes.map((p) => p.id),
  );
  return prototypes.map((p) =>
    portfolioRow(
      {
        id: p.id,
        localityId: p.localityId,
        title: p.title,
        createdAt: p.createdAt,
        facet: p.facet,
        outcomes: (links.get(p.id) ?? [])
          .filter((l) => l.itemKind === "outcome")
          .map(
            (l): RowOutcome => ({
              id: l.itemId,
              title: l.title,
              priorityId: l.priorityId,
              priorityTitle: l.priorityTitle,
              older: l.older,
              archived: l.archived,
            }),
          ),
        cycles: p.cycles,
      },
      weeks,
      now,
    ),
  );
}

/** The thread's priorities (archived ones too: old links still group under them). */
function prioritiesOf(thread: Awaited<ReturnType<typeof readCurrentThread>>): PriorityRef[] {
  return thread.priorities.map((p) => ({ id: p.id, title: p.title, archived: p.archivedAt !== null }));
}

export const GROUPINGS = ["priority", "locality"] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** The portfolio page (`?group=locality|priority`; by priority once the organisation has priorities). */
export async function loadPortfolio(db: Db, access: Scoped & { mayConfigure: boolean }, url: URL, now: Date = new Date()) {
  const localities = await scopedLocalities(db, access);
  const ids = localities.map((l) => l.id);
  const [weeks, thread] = await Promise.all([stalledWeeks(db, access.organisation.id), readCurrentThread(db, access.organisation.id)]);
  const [rows, dates, unlinked] = await Promise.all([
    rowsOf(db, ids, weeks, now),
    listStageDates(db, ids),
    // "Nobody": no prototype, challenge or measure of any locality of the organisation is linked to it.
    unlinkedOutcomes(db, access.organisation.id),
  ]);
  const priorities = prioritiesOf(thread);
  const asked = url.searchParams.get("group");
  const grouping: Grouping = asked === "locality" || priorities.length === 0 ? "locality" : "priority";
  const progress = localities.map((l) => {
    const mine = Object.fromEntries(STAGE_KEYS.map((k) => [k, dates[k].filter((d) => d.localityId === l.id).map((d) => d.at)])) as unknown as StageDates;
    return { localityId: l.id, name: l.name, progress: stageProgress(mine, now) };
  });

  // Each current outcome, by priority: the prototypes in scope linked to it, each with its hypotheses and confidence cycle by cycle.
  const linked = rows.filter((r) => r.outcomes.length > 0);
  const confidence = await listConfidenceCycles(
    db,
    linked.map((r) => r.id),
  );
  const cyclesOf = new Map<string, typeof confidence>();
  for (const c of confidence) {
    const list = cyclesOf.get(c.prototypeId);
    if (list) list.push(c);
    else cyclesOf.set(c.prototypeId, [c]);
  }
  const trails = new Map(linked.map((r) => [r.id, confidenceTrail(cyclesOf.get(r.id) ?? [])]));
  const nobody = new Set(unlinked.map((o) => o.id));
  const localityName = new Map(localities.map((l) => [l.id, l.name]));
  const outcomes = thread.priorities
    .filter((p) => p.archivedAt === null)
    .map((p) => ({
      priority: { id: p.id, title: p.title, underReview: p.underReview },
      outcomes: p.outcomes
        .filter((o) => o.archivedAt === null)
        .map((o) => {
          const prototypes = linked
            .filter((r) => r.outcomes.some((x) => x.id === o.id))
            .map((r) => {
              const trail = trails.get(r.id) ?? [];
              return {
                id: r.id,
                title: r.title,
                localityId: r.localityId,
                locality: localityName.get(r.localityId) ?? "",
                status: r.status,
                trail,
                trend: evidenceTrend(trail),
              };
            });
          return { id: o.id, title: o.title, isExample: o.isExample, underReview: o.underReview, nobody: nobody.has(o.id), prototypes };
        }),
    }));

  return {
    organisation: access.organisation,
    scope: access.scope.all ? ("all" as const) : ("own" as const),
    mayConfigure: access.mayConfigure,
    stalledAfterWeeks: weeks,
    grouping,
    hasPriorities: priorities.length > 0,
    totals: totalsOf(rows),
    localityGroups: groupByLocality(localities, rows),
    priorityGroups: grouping === "priority" ? groupByPriority(priorities, rows) : [],
    localityNames: Object.fromEntries(localityName),
    outcomes,
    nobodyCount: unlinked.length,
    progress,
    now: now.toISOString(),
  };
}
export type PortfolioData = Awaited<ReturnType<typeof loadPortfolio>>;

/**
 * The committee report: one section per priority (what is being tried, what was learned, what
 * was decided under it; then what is linked to no priority), or one per locality while the
 * organisation has no priorities.
 */
export async function loadPortfolioReport(db: Db, access: Scoped, now: Date = new Date()) {
  const localities = await scopedLocalities(db, access);
  const ids = localities.map((l) => l.id);
  const [weeks, thread] = await Promise.all([stalledWeeks(db, access.organisation.id), readCurrentThread(db, access.organisation.id)]);
  const [rows, texts] = await Promise.all([rowsOf(db, ids, weeks, now), listReportPrototypes(db, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const names = new Map(localities.map((l) => [l.id, l.name]));
  const priorities = prioritiesOf(thread);
  if (priorities.length === 0) {
    const sections = localities.map((l) => {
      const mine = rows.filter((r) => r.localityId === l.id);
      return {
        key: l.id,
        kind: "locality" as const,
        title: l.name,
        href: `/l/${l.id}/prototypes`,
        totals: totalsOf(mine),
        ...reportSection(
          texts.filter((p) => p.localityId === l.id),
          byId,
        ),
      };
    });
    return { organisation: access.organisation, stalledAfterWeeks: weeks, madeAt: now.toISOString(), by: "locality" as const, sections };
  }
  const sections = groupByPriority(priorities, rows).map((g) => {
    const inGroup = new Set(g.rows.map((r) => r.id));
    return {
      key: g.priority?.id ?? "none",
      kind: g.priority ? ("priority" as const) : ("unlinked" as const),
      title: g.priority?.title ?? "",
      href: null,
      totals: g.totals,
      ...reportSection(
        texts.filter((p) => inGroup.has(p.id)).map((p) => ({ ...p, locality: names.get(p.localityId) ?? "" })),
        byId,
      ),
    };
  });
  return { organisation: access.organisation, stalledAfterWeeks: weeks, madeAt: now.toISOString(), by: "priority" as const, sections };
}
export type PortfolioReportData = Awaited<ReturnType<typeof loadPortfolioReport>>;

/** The CSV (RFC 4180, UTF-8 with a byte-order mark, CRLF; formula-looking cells neutralised): one line per prototype. */
export async function portfolioCsv(db: Db, access: Scoped & { user: { id: string } }, locale: string, now: Date = new Date()): Promise<Response> {
  const localities = await scopedLocalities(db, access);
  const weeks = await stalledWeeks(db, access.organisation.id);
  const rows = await rowsOf(
    db,
    localities.map((l) => l.id),
    weeks,
    now,
  );
  const t = translator(locale);
  const names = new Map(localities.map((l) => [l.id, l.name]));
  const lines: Array<Array<string | number>> = [CSV_COLUMNS.map((c) => t(`portfolio.csv.${c}`))];
  for (const group of groupByLocality(localities, rows)) {
    for (const r of group.rows) {
      const record = csvRecord(names.get(r.localityId) ?? "", r);
      lines.push(
        CSV_COLUMNS.map((c) => {
          const v = record[c];
          if (c === "status") return t(`prototypes.statuses.${v}`);
          if (c === "lastCycleState" && v !== "") return t(`prototypes.cycleStates.${v}`);
          if (c === "lastDecision" && v !== "") return t(`prototypes.decisions.${v}`);
          if ((c === "stalled" || c === "decisionDue") && v !== "") return t(`portfolio.csv.${v}`);
          if (c === "facet" && v !== "") return t(`portfolio.facets.${v}`);
          return v;
        }),
      );
    }
  }
  const csv = `\uFEFF${lines.map((l) => l.map(csvCell).join(",")).join("\r\n")}\r\n`;
  await recordAudit(db, {
    localityId: null,
    actorId: access.user.id,
    action: "portfolio.export",
    targetType: "Organisation",
    targetId: access.organisation.id,
    detail: { format: "csv", prototypes: rows.length, localities: localities.length },
  });
  const date = now.toISOString().slice(0, 10);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="portfolio-${access.organisation.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
