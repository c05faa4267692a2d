import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { getDb } from "~/data/db.server";
import { listDuplicatePairs, mergePeople } from "~/data/people.server";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { SectorBadge } from "~/components/people/sector";
import { dateFormatter } from "~/i18n/dates";
import { withStrings } from "~/i18n/strings";
import { useRootData } from "~/root";
import peopleStyles from "~/styles/people.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "relationships.merge.title");
export const handle = { strings: ["relationships"] };
export const clientLoader = withStrings(["relationships"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locality } = await requireLocalityAccess(request, params.localityId, "people.manage");
  const pairs = await listDuplicatePairs(await getDb(), locality.id);
  const brief = (p: (typeof pairs)[number]["a"]) => ({
    id: p.id,
    displayName: p.displayName,
    sector: p.sector,
    organisation: p.organisation,
    email: p.email,
    phone: p.phone,
    hasAccount: p.userId !== null,
    createdAt: p.createdAt,
  });
  return { locality, pairs: pairs.map((p) => ({ a: brief(p.a), b: brief(p.b), reasons: p.reasons })) };
}

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const mergeInput = z.object({ intent: z.literal("merge"), keep: id, a: id, b: id }).refine((v) => v.keep === v.a || v.keep === v.b);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { locality, user } = await requireLocalityAccess(request, params.localityId, "people.manage");
  const parsed = mergeInput.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "relationships.merge.errors.notFound", pair: null }, { status: 400 });
  const { keep, a, b } = parsed.data;
  const removedId = keep === a ? b : a;
  const result = await mergePeople(await getDb(), { localityId: locality.id, actorId: user.id, keptId: keep, removedId });
  if (!result.ok) return data({ error: `relationships.merge.errors.${result.error}`, pair: `${a}|${b}` }, { status: result.error === "accounts" ? 409 : 400 });
  return redirect(`/l/${locality.id}/people/${keep}?merged=1`, { status: 303 });
}

/** Pairs that look like the same person, and merging them. */
export default function Duplicates() {
  const { t } = useTranslation();
  const { locality, pairs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const date = dateFormatter(useRootData()?.locale ?? "en", { dateStyle: "medium" });
  return (
    <section className="page duplicates-page" aria-labelledby="dup-title">
      <p>
        <Link to={`/l/${locality.id}/people`}>{t("relationships.nav.back")}</Link>
      </p>
      <h1 id="dup-title">{t("relationships.merge.title")}</h1>
      <p className="lead">{t("relationships.merge.lead")}</p>
      {result?.error && !result.pair ? (
        <p role="alert" className="form-error">
          {t(result.error)}
        </p>
      ) : null}
      {pairs.length === 0 ? <p>{t("relationships.merge.none")}</p> : null}
      <ol className="record-list">
        {pairs.map((pair, i) => {
          const key = `${pair.a.id}|${pair.b.id}`;
          const error = result?.pair === key ? result.error : null;
          return (
            <li key={key} className="card">
              <Form method="post" className="stack">
                <fieldset aria-describedby={error ? `merge-error-${i}` : undefined}>
                  <legend>
                    {t("relationships.merge.pair", { number: i + 1 })} —{" "}
                    {pair.reasons.map((r) => t(`relationships.duplicate.reasons.${r}`)).join(t("people.listSeparator"))}
                  </legend>
                  <CsrfField />
                  <input type="hidden" name="intent" value="merge" />
                  <input type="hidden" name="a" value={pair.a.id} />
                  <input type="hidden" name="b" value={pair.b.id} />
                  <div className="merge-choices">
                    {[pair.a, pair.b].map((p, j) => (
                      <label key={p.id} className="merge-choice">
                        <input type="radio" name="keep" value={p.id} defaultChecked={j === 0} />
                        <span>
                          <strong>
                            {t("relationships.merge.keep")}: <span dir="auto">{p.displayName}</span>
                          </strong>
                          <br />
                          <SectorBadge sector={p.sector} /> {p.organisation ? <span dir="auto">{p.organisation}</span> : null}
                          <br />
                          <span dir="ltr">{[p.email, p.phone].filter(Boolean).join(" · ")}</span>
                          <br />
                          <span className="muted">
                            {t("relationships.merge.added", { date: date.format(new Date(p.createdAt)) })} ·{" "}
                            {p.hasAccount ? t("relationships.people.hasAccount") : t("relationships.people.noAccount")}
                          </span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                {error ? (
                  <p id={`merge-error-${i}`} role="alert" className="field-errors">
                    {t(error)}
                  </p>
                ) : null}
                <button type="submit" className="button primary">
                  {t("relationships.merge.submit")}
                </button>
              </Form>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
