import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { getDb } from "~/data/db.server";
import { listTies, workshopOptions } from "~/data/ties.server";
import { LEVELS, measureConnectedness, type Level } from "~/domain/connectedness";
import { pageInfo, pageOf } from "~/domain/paging";
import { PageLinks } from "~/components/ui/page-links";
import { pageTitle } from "~/components/ui/page-title";
import { SectorBadge, SectorLegend } from "~/components/people/sector";
import { NetworkGraph } from "~/components/people/network-graph";
import { GrowthChart } from "~/components/people/growth-chart";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import peopleStyles from "~/styles/people.css";
import { listPeopleSectors } from "~/data/people.server";
import { parseServantRoles, sectorReach, weaversBetweenSectors } from "~/domain/servant-roles";
import { WeavingSection } from "~/components/servant/weaving-section";
import servantStyles from "~/styles/servant.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: peopleStyles },
  { rel: "stylesheet", href: servantStyles },
];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "relationships.map.title");
export const handle = { strings: ["relationships", "servant"] };
export const clientLoader = withStrings(["relationships", "servant"]);

/** Rows of the ties table per page: the measures, the chart and the drawing use every tie. */
const TIES_PER_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "people.view");
  const pageAsked = new URL(request.url).searchParams.get("page");
  const db = await getDb();
  const peopleRead = listPeopleSectors(db, locality.id);
  const [people, ties, workshops] = await Promise.all([
    peopleRead,
    peopleRead.then((everyone) => listTies(db, locality.id, everyone)),
    workshopOptions(db, locality.id),
  ]);
  const measures = measureConnectedness(people, ties);
  const reach = new Map(sectorReach(people, ties).map((r) => [r.id, r]));
  const tablePage = pageOf(ties, pageAsked, TIES_PER_PAGE);
  return {
    locality,
    measures,
    people: people.map(({ servantRoles, ...p }) => ({
      ...p,
      servantRoles: parseServantRoles(servantRoles),
      ties: measures.tiesPerPerson[p.id] ?? 0,
      sectorsReached: reach.get(p.id)?.reached ?? [],
    })),
    // "Who weaves between sectors?": computed from ties (the marked weavers come from people's roles).
    weavers: weaversBetweenSectors(people, ties).map((w) => ({ id: w.id, spans: w.spans, crossSectorTies: w.crossSectorTies })),
    // The table shows one page of ties; the drawing needs them all, as little as it draws.
    tiesPage: pageInfo(tablePage),
    ties: tablePage.items.map((tie) => ({
      id: tie.id,
      a: tie.personA,
      b: tie.personB,
      kind: tie.kind,
      strength: tie.strength,
      since: tie.since,
      status: tie.status,
      introducedBy: tie.introducedBy?.displayName ?? null,
      workshop: tie.workshop?.title ?? null,
    })),
    edges: ties.map((tie) => ({ id: tie.id, source: tie.personA.id, target: tie.personB.id, strength: tie.strength, suggested: tie.status !== "confirmed" })),
    sessions: workshops
      .map((w) => ({ id: w.id, title: w.title, startsAt: w.startsAt, newTies: measures.tiesPerWorkshop[w.id] ?? 0 }))
      .sort((x, y) => new Date(x.startsAt).getTime() - new Date(y.startsAt).getTime()),
  };
}

function ScrollTable({ id, children }: { id: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  // A focusable region, so keyboard users can scroll a wide table on a phone.
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      {children}
      <p className="visually-hidden">{t("relationships.map.scrollHint")}</p>
    </div>
  );
}

/** The relationship map: measures, tables (first, the accessible alternative), then the drawing. */
export default function Relationships() {
  const { t } = useTranslation();
  const { locality, measures, people, ties, tiesPage, edges, sessions, weavers } = useLoaderData<typeof loader>();
  const locale = useRootData()?.locale ?? "en";
  const date = dateFormatter(locale, { dateStyle: "medium" });
  const monthFormat = dateFormatter(locale, { month: "short", year: "numeric" });
  const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-15T12:00:00Z`));
  const sep = t("people.listSeparator");
  const name = new Map(people.map((p) => [p.id, p.displayName]));
  const levelName = (level: string) => t(`relationships.levels.${level}`);
  const pairs = Object.entries(measures.levelPairs).sort(([x], [y]) => {
    const rank = (k: string) => k.split("–").map((l) => LEVELS.indexOf(l as Level));
    const [a1, a2] = rank(x);
    const [b1, b2] = rank(y);
    return a1! - b1! || a2! - b2!;
  });
  const nodes = useMemo(() => people.map((p) => ({ id: p.id, label: p.displayName, sector: p.sector, ties: p.ties })), [people]);
  const profile = (id: string, label: string) => (
    <Link to={`/l/${locality.id}/people/${id}`} dir="auto">
      {label}
    </Link>
  );

  return (
    <section className="page relationships-page" aria-labelledby="map-title">
      <p>
        <Link to={`/l/${locality.id}/people`}>{t("relationships.nav.back")}</Link>
      </p>
      <h1 id="map-title">{t("relationships.map.title")}</h1>
      <p className="lead">{t("relationships.map.lead", { locality: locality.name })}</p>

      <section aria-labelledby="measures-title" className="card">
        <h2 id="measures-title">{t("relationships.map.measuresTitle")}</h2>
        <dl className="measures">
          <div>
            <dt>{t("relationships.map.people")}</dt>
            <dd>{measures.people}</dd>
          </div>
          <div>
            <dt>{t("relationships.map.sectors")}</dt>
            <dd>{measures.sectors}</dd>
          </div>
          <div>
            <dt>{t("relationships.map.ties")}</dt>
            <dd>{measures.ties}</dd>
          </div>
          <div>
            <dt>{t("relationships.map.crossSector")}</dt>
            <dd>{measures.crossSectorTies}</dd>
          </div>
          <div>
            <dt>{t("relationships.map.crossLevel")}</dt>
            <dd>{measures.crossLevelTies}</dd>
          </div>
        </dl>
        <h3 id="levels-title">{t("relationships.map.levelPairsTitle")}</h3>
        <ul aria-labelledby="levels-title" className="level-pairs">
          {pairs.map(([key, count]) => {
            const [one, other] = key.split("–");
            return (
              <li key={key}>
                {t("relationships.map.levelPair", { one: levelName(one!), other: levelName(other!) })}: <strong>{count}</strong>
              </li>
            );
          })}
        </ul>
        <h3 id="isolated-title">{t("relationships.map.isolatedTitle")}</h3>
        {measures.isolated.length ? (
          <ul aria-labelledby="isolated-title" className="inline-list">
            {measures.isolated.map((id) => (
              <li key={id}>{profile(id, name.get(id) ?? id)}</li>
            ))}
          </ul>
        ) : (
          <p>{t("relationships.map.isolatedNone")}</p>
        )}
      </section>

      <WeavingSection localityId={locality.id} people={people} weavers={weavers} />

      <section aria-labelledby="sessions-title" className="card">
        <h2 id="sessions-title">{t("relationships.map.perSessionTitle")}</h2>
        {sessions.some((s) => s.newTies > 0) ? (
          <ScrollTable id="sessions-caption">
            <table className="data-table">
              <caption id="sessions-caption">{t("relationships.map.perSessionTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("relationships.map.session")}</th>
                  <th scope="col">{t("relationships.map.newTies")}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <th scope="row" dir="auto">
                      {s.title} <span className="muted">({date.format(new Date(s.startsAt))})</span>
                    </th>
                    <td>{s.newTies}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : (
          <p>{t("relationships.map.perSessionNone")}</p>
        )}
      </section>

      <section aria-labelledby="growth-title" className="card">
        <h2 id="growth-title">{t("relationships.map.growthTitle")}</h2>
        <GrowthChart growth={measures.growth} monthLabel={monthLabel} />
        {measures.growth.length ? (
          <ScrollTable id="growth-caption">
            <table className="data-table">
              <caption id="growth-caption">{t("relationships.map.growthTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("relationships.map.month")}</th>
                  <th scope="col">{t("relationships.map.added")}</th>
                  <th scope="col">{t("relationships.map.total")}</th>
                </tr>
              </thead>
              <tbody>
                {/* Months with new ties only (the chart shows the months between). */}
                {measures.growth
                  .filter((g) => g.added > 0)
                  .map((g) => (
                    <tr key={g.month}>
                      <th scope="row">{monthLabel(g.month)}</th>
                      <td>{g.added}</td>
                      <td>{g.total}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </ScrollTable>
        ) : null}
      </section>

      <section aria-labelledby="tables-title">
        <h2 id="tables-title">{t("relationships.map.tablesTitle")}</h2>
        <ScrollTable id="ties-caption">
          <table className="data-table ties-table">
            <caption id="ties-caption">
              {t("relationships.map.tiesTable")}
              {tiesPage.pages > 1 ? ` (${t("paging.showing", { from: tiesPage.from, to: tiesPage.to, total: tiesPage.total })})` : null}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("relationships.map.personA")}</th>
                <th scope="col">{t("relationships.map.personB")}</th>
                <th scope="col">{t("relationships.map.how")}</th>
                <th scope="col">{t("relationships.ties.strength")}</th>
                <th scope="col">{t("relationships.ties.since")}</th>
                <th scope="col">{t("relationships.map.status")}</th>
              </tr>
            </thead>
            <tbody>
              {ties.map((tie) => (
                <tr key={tie.id}>
                  <th scope="row">{profile(tie.a.id, tie.a.displayName)}</th>
                  <td>{profile(tie.b.id, tie.b.displayName)}</td>
                  <td>
                    {t(`relationships.ties.kinds.${tie.kind}`, { defaultValue: tie.kind })}
                    {tie.introducedBy ? <> ({t("relationships.ties.viaIntroducer", { name: tie.introducedBy })})</> : null}
                    {tie.workshop ? <> ({t("relationships.ties.viaWorkshop", { title: tie.workshop })})</> : null}
                  </td>
                  <td>{t(`relationships.ties.strengths.${tie.strength}`, { defaultValue: String(tie.strength) })}</td>
                  <td>{date.format(new Date(tie.since))}</td>
                  <td>{tie.status === "confirmed" ? "✓" : t("relationships.ties.suggested")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
        <PageLinks info={tiesPage} label={t("relationships.map.tiesPages")} anchor="ties-caption" />
        <ScrollTable id="people-caption">
          <table className="data-table people-table">
            <caption id="people-caption">{t("relationships.map.peopleTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("relationships.map.person")}</th>
                <th scope="col">{t("relationships.map.sector")}</th>
                <th scope="col">{t("relationships.map.tieCount")}</th>
                <th scope="col">{t("relationships.map.sectorsReached")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{profile(p.id, p.displayName)}</th>
                  <td>
                    <SectorBadge sector={p.sector} />
                  </td>
                  <td>{p.ties}</td>
                  <td>{p.sectorsReached.map((s) => t(`sectors.${s}`, { defaultValue: s })).join(sep)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>

      <section aria-labelledby="graph-title" className="card">
        <h2 id="graph-title">{t("relationships.map.graphTitle")}</h2>
        <p className="hint">{t("relationships.map.graphLead")}</p>
        <SectorLegend />
        <NetworkGraph nodes={nodes} edges={edges} localityId={locality.id} />
      </section>
    </section>
  );
}
