import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { loadMeasuresPage, runMeasureAction } from "./measures-page.server";
import { MEASURE_INTENTS } from "~/domain/measures";
import { withStrings } from "~/i18n/strings";
import { directionOf } from "~/i18n/config";
import { pageTitle } from "~/components/ui/page-title";
import { useRootData } from "~/root";
import { PrototypeNav } from "~/components/prototypes/prototype-nav";
import { MeasureCard, type CardReplies } from "~/components/prototypes/measure-card";
import { MeasureCosts } from "~/components/prototypes/measure-costs";
import { MeasureForm } from "~/components/prototypes/measure-forms";
import { measureFormat } from "~/components/prototypes/measure-format";
import prototypeStyles from "~/styles/prototypes.css";
import measureStyles from "~/styles/measures.css";
import { ThreadSection } from "~/components/thread/thread-section";
import threadStyles from "~/styles/thread.css";
import { loadMeasureSections } from "../thread-section.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: prototypeStyles },
  { rel: "stylesheet", href: measureStyles },
  { rel: "stylesheet", href: threadStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  d ? pageTitle(matches, "measures.pageTitle", { title: d.prototype.title }) : pageTitle(matches, "measures.title");
export const handle = { strings: ["prototypes"] };
export const clientLoader = withStrings(["prototypes"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "prototypes.view");
  const page = await loadMeasuresPage(access, params.prototypeId, new URL(request.url));
  return {
    ...page,
    thread: await loadMeasureSections(
      access,
      page.measures.map((m) => m.id),
    ),
  };
}

/** The page's forms (intent=add-measure|edit-measure|remove-measure|add-reading|edit-reading|remove-reading). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await runMeasureAction(request, params, context);
  if (outcome.kind === "done") return redirect(outcome.location, { status: 303 });
  return data({ intent: outcome.intent, target: outcome.target, reply: outcome.reply }, { status: 400 });
}

/**
 * A prototype's measures: each with its chart and the table of its readings side by side, the
 * forms to add and change them (members and facilitators), and what each test cycle cost per
 * person reached.
 */
export default function PrototypeMeasures() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const locale = useRootData()?.locale ?? "en";
  const format = measureFormat(locale);
  const rtl = directionOf(locale) === "rtl";
  const base = `/l/${page.locality.id}/prototypes/${page.prototype.id}`;
  const pagePath = `${base}/measures`;
  const done = params.get("done");
  const doneKnown = done && (MEASURE_INTENTS as readonly string[]).includes(done);
  const reply = result ? (result.reply as SubmissionResult<string[]>) : undefined;
  const repliesFor = (measureId: string): CardReplies => {
    if (!result || !reply) return {};
    if (result.intent === "edit-measure" && result.target === measureId) return { editMeasure: reply };
    if (result.intent === "add-reading" && result.target === measureId) return { addReading: reply };
    return {};
  };
  // A failed edit of a reading keeps its form open even if the URL no longer names it.
  const readingReply = result?.intent === "edit-reading" && result.target && reply ? { readingId: result.target, reply } : undefined;
  const editingReadingId = readingReply?.readingId ?? page.editing.readingId;
  return (
    <section className="page measures-page" aria-labelledby="prototype-title">
      <PrototypeNav localityId={page.locality.id} prototype={page.prototype} headingId="prototype-title" />
      <div role="status">{doneKnown ? <p className="card success">{t(`measures.done.${done}`)}</p> : null}</div>
      <section aria-labelledby="measures-title">
        <h2 id="measures-title" className="measures-heading">
          {t("measures.title")}
        </h2>
        <p className="lead">{t("measures.lead")}</p>
        {page.measures.length ? (
          <ul className="measure-list">
            {page.measures.map((m) => (
              <li key={m.id}>
                <MeasureCard
                  measure={m}
                  pagePath={pagePath}
                  cycles={page.cycles}
                  chartCycles={page.chartCycles}
                  today={page.today}
                  format={format}
                  rtl={rtl}
                  mayEdit={page.may.edit}
                  editing={{
                    measure: page.editing.measureId === m.id || (result?.intent === "edit-measure" && result.target === m.id),
                    readingId: editingReadingId && m.readings.some((r) => r.id === editingReadingId) ? editingReadingId : null,
                  }}
                  replies={{ ...repliesFor(m.id), ...(readingReply ? { editReading: readingReply } : {}) }}
                />
                {page.thread[m.id] ? <ThreadSection localityId={page.locality.id} section={page.thread[m.id]!} level={3} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="card notice">{page.may.edit ? t("measures.noneEditable") : t("measures.none")}</p>
        )}
        {page.may.edit ? (
          <details className="card measure-add" open={!page.measures.length || result?.intent === "add-measure" || undefined}>
            <summary>
              <h3>{t("measures.measureForm.addHeading")}</h3>
            </summary>
            <MeasureForm lastResult={result?.intent === "add-measure" ? reply : undefined} />
          </details>
        ) : null}
      </section>
      <MeasureCosts costs={page.costs} cyclesPath={`${base}/cycles`} format={format} />
    </section>
  );
}
