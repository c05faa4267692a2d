import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";

export type ListedPrototype = {
  id: string;
  title: string;
  status: string;
  cycles: number;
  lastCycle: { number: number; state: string; decision: string | null } | null;
  peopleTookPart: number;
  idea: { id: string; title: string } | null;
};

/** "Latest: cycle 2, running" or "Latest: cycle 1, decided to adapt" (`short`: without "Latest:"). */
export function cycleLine(t: TFunction, cycle: { number: number; state: string; decision: string | null }, short = false): string {
  if (cycle.state === "closed" && cycle.decision)
    return t(short ? "prototypes.cycles.cycleShortDecided" : "prototypes.cycles.latestDecided", {
      number: cycle.number,
      decision: t(`prototypes.decisions.${cycle.decision}`, { defaultValue: cycle.decision }),
    });
  return t(short ? "prototypes.cycles.cycleShort" : "prototypes.cycles.latest", {
    number: cycle.number,
    state: t(`prototypes.cycleStates.${cycle.state}`, { defaultValue: cycle.state }),
  });
}

/** The two views as links (no JavaScript needed): the board by status, or the table. */
export function ViewChoice({ base, view }: { base: string; view: "board" | "table" }) {
  const { t } = useTranslation();
  return (
    <nav className="prototype-views" aria-label={t("prototypes.list.viewLabel")}>
      <ul>
        <li>
          <Link to={base} aria-current={view === "board" ? "page" : undefined}>
            {t("prototypes.list.views.board")}
          </Link>
        </li>
        <li>
          <Link to={`${base}?view=table`} aria-current={view === "table" ? "page" : undefined}>
            {t("prototypes.list.views.table")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}

function PrototypeCard({ base, prototype: p }: { base: string; prototype: ListedPrototype }) {
  const { t } = useTranslation();
  return (
    <article className="card prototype-card" aria-labelledby={`prototype-${p.id}-title`}>
      <h3 id={`prototype-${p.id}-title`} dir="auto">
        <Link to={`${base}/prototypes/${p.id}`} dir="auto">
          {p.title}
        </Link>
      </h3>
      <ul className="prototype-facts">
        <li>{p.cycles ? t("prototypes.cycles.count", { count: p.cycles }) : t("prototypes.cycles.none")}</li>
        {p.lastCycle ? <li>{cycleLine(t, p.lastCycle)}</li> : null}
        {p.cycles ? <li>{t("prototypes.cycles.tookPart", { count: p.peopleTookPart })}</li> : null}
      </ul>
      <p className="prototype-origin">
        {p.idea ? (
          <>
            {t("prototypes.list.fromIdea")}{" "}
            <Link to={`${base}/ideas/${p.idea.id}`} dir="auto">
              {p.idea.title}
            </Link>
          </>
        ) : (
          <span className="muted">{t("prototypes.list.ideaGone")}</span>
        )}
      </p>
    </article>
  );
}

/** A column per status, in the order a prototype moves through them; each prototype a card linking to its page. */
export function PrototypeBoard({
  localityId,
  prototypes,
  columns,
}: {
  localityId: string;
  prototypes: ListedPrototype[];
  columns: { status: string; ids: string[] }[];
}) {
  const { t } = useTranslation();
  const byId = new Map(prototypes.map((p) => [p.id, p]));
  const base = `/l/${localityId}`;
  return (
    <div className="prototype-board">
      {columns.map((c) => (
        <section key={c.status} className={`prototype-column status-${c.status}`} aria-labelledby={`column-${c.status}`}>
          <h2 id={`column-${c.status}`}>
            <span className={`badge prototype-status status-${c.status}`}>{t(`prototypes.statuses.${c.status}`)}</span>{" "}
            <span className="prototype-column-count">{t("prototypes.list.columnCount", { count: c.ids.length })}</span>
          </h2>
          {c.ids.length ? (
            <ul className="prototype-list">
              {c.ids.map((id) => (
                <li key={id} id={`prototype-${id}`}>
                  <PrototypeCard base={base} prototype={byId.get(id)!} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}

/** The same prototypes as a table (a caption, column and row headers), newest first. */
export function PrototypeTable({ localityId, localityName, prototypes }: { localityId: string; localityName: string; prototypes: ListedPrototype[] }) {
  const { t } = useTranslation();
  const base = `/l/${localityId}`;
  return (
    // A region that scrolls sideways on a phone: reachable by keyboard, named by the caption.
    <div className="table-scroll" role="region" aria-labelledby="prototype-table-caption" tabIndex={0}>
      <table className="prototype-table">
        <caption id="prototype-table-caption">{t("prototypes.list.tableCaption", { locality: localityName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("prototypes.list.columns.prototype")}</th>
            <th scope="col">{t("prototypes.list.columns.status")}</th>
            <th scope="col">{t("prototypes.list.columns.cycles")}</th>
            <th scope="col">{t("prototypes.list.columns.lastCycle")}</th>
            <th scope="col">{t("prototypes.list.columns.people")}</th>
            <th scope="col">{t("prototypes.list.columns.idea")}</th>
          </tr>
        </thead>
        <tbody>
          {prototypes.map((p) => (
            <tr key={p.id} id={`prototype-${p.id}`}>
              <th scope="row">
                <Link to={`${base}/prototypes/${p.id}`} dir="auto">
                  {p.title}
                </Link>
              </th>
              <td>
                <span className={`badge prototype-status status-${p.status}`}>{t(`prototypes.statuses.${p.status}`, { defaultValue: p.status })}</span>
              </td>
              <td>{p.cycles}</td>
              <td>{p.lastCycle ? cycleLine(t, p.lastCycle, true) : "—"}</td>
              <td>{p.peopleTookPart}</td>
              <td>
                {p.idea ? (
                  <Link to={`${base}/ideas/${p.idea.id}`} dir="auto">
                    {p.idea.title}
                  </Link>
                ) : (
                  <span className="muted">{t("prototypes.list.notAvailable")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
