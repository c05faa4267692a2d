import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useSettledActionData } from "~/components/ui/use-live-updates";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { readForm } from "~/http/read-form.server";
import { formLoadOf } from "~/data/form-submissions.server";
import { loadSendPage, sendExcerpts } from "./send-page.server";
import { SEND_COLOURS } from "~/domain/insights";
import { LIMITS } from "~/domain/limits";
import { i18nServer } from "~/i18n/i18next.server";
import { withStrings } from "~/i18n/strings";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors } from "~/components/ui/field";
import { pageTitle } from "~/components/ui/page-title";
import { ExcerptChecklist } from "~/components/insights/excerpt-checklist";
import insightStyles from "~/styles/insights.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insights.send.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  return loadSendPage(access, new URL(request.url), await i18nServer.getLocale(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "insights.edit");
  const form = await readForm(request, context);
  const outcome = await sendExcerpts(access, form, await i18nServer.getLocale(request), formLoadOf(request, form, access.user.id));
  if (!outcome.ok) return data({ reply: outcome.reply }, { status: 400 });
  return redirect(`/l/${access.locality.id}/boards/${outcome.boardId}`, { status: 303 });
}

/** Send excerpts to a board: filter, tick, choose a board (or a new analysis board), send. */
export default function SendExcerpts() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useSettledActionData<typeof action>();
  const [form, fields] = useForm<{ excerpts: string[]; target: string; boardId: string; title: string; colour: string }>({
    id: "send-excerpts",
    lastResult: result?.reply as SubmissionResult<string[]> | undefined,
    defaultValue: { target: page.boards.length ? "existing" : "new", title: t("insights.send.boardTitleDefault"), colour: "byCode" },
  });
  void form.allErrors;
  const initial = (v: unknown) => (typeof v === "string" ? v : "");
  const chosen = new Set(
    Array.isArray(fields.excerpts.initialValue)
      ? (fields.excerpts.initialValue as string[])
      : typeof fields.excerpts.initialValue === "string"
        ? [fields.excerpts.initialValue]
        : [],
  );
  const target = initial(fields.target.initialValue) || "existing";
  const base = `/l/${page.locality.id}`;
  return (
    <section className="page insights-page send-page" aria-labelledby="send-title">
      <p className="breadcrumbs">
        <Link to={`${base}/insights`}>{t("insights.title")}</Link>
      </p>
      <h1 id="send-title">{t("insights.send.title")}</h1>
      <p className="lead">{t("insights.send.lead")}</p>

      <Form method="get" className="card insight-filters" aria-labelledby="send-filters">
        <h2 id="send-filters">{t("insights.send.filters")}</h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="filter-code">{t("insights.send.byCode")}</label>
            <select id="filter-code" name="code" defaultValue={page.filter.code ?? ""}>
              <option value="">{t("insights.send.anyCode")}</option>
              {page.codes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-story">{t("insights.send.byStory")}</label>
            <select id="filter-story" name="story" defaultValue={page.filter.story ?? ""}>
              <option value="">{t("insights.send.anyStory")}</option>
              {page.stories.map((s) => (
                <option key={s.id} value={s.id}>
                  {t("insights.storyBy", { title: s.title, pseudonym: s.pseudonym })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button">
              {t("insights.send.apply")}
            </button>
          </div>
        </div>
      </Form>

      <Form method="post" {...getFormProps(form)} className="stack send-form">
        <CsrfField />
        {page.excerpts.length ? (
          <ExcerptChecklist
            id="send"
            name={fields.excerpts.name}
            legend={t("insights.send.excerpts")}
            hint={t("insights.send.excerptsHint")}
            excerpts={page.excerpts}
            chosen={chosen}
            errors={fields.excerpts.errors}
            errorId={fields.excerpts.errorId}
            selectAll
          />
        ) : (
          <p className="card notice">{t("insights.send.none")}</p>
        )}

        <fieldset className="field send-target">
          <legend>{t("insights.send.target")}</legend>
          <FieldErrors id={fields.target.errorId} errors={fields.target.errors} />
          {page.boards.length ? (
            <div className="target-option">
              <label className="radio-choice">
                <input type="radio" name="target" value="existing" defaultChecked={target === "existing"} />
                <span>{t("insights.send.existing")}</span>
              </label>
              <div className="field target-detail">
                <label htmlFor="send-board">{t("insights.send.board")}</label>
                <select
                  id="send-board"
                  name="boardId"
                  defaultValue={initial(fields.boardId.initialValue)}
                  aria-invalid={fields.boardId.errors?.length ? true : undefined}
                  aria-describedby={fields.boardId.errors?.length ? fields.boardId.errorId : undefined}
                >
                  {page.boards.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.locked ? `${b.title} (${t("insights.send.lockedBadge")})` : b.title}
                    </option>
                  ))}
                </select>
                <FieldErrors id={fields.boardId.errorId} errors={fields.boardId.errors} />
              </div>
            </div>
          ) : (
            <p className="hint">{t("insights.send.noBoards")}</p>
          )}
          <div className="target-option">
            <label className="radio-choice">
              <input type="radio" name="target" value="new" defaultChecked={target === "new" || !page.boards.length} />
              <span>{t("insights.send.new")}</span>
            </label>
            <div className="field target-detail">
              <label htmlFor="send-title-input">{t("insights.send.boardTitle")}</label>
              <input
                id="send-title-input"
                name="title"
                defaultValue={initial(fields.title.initialValue)}
                maxLength={LIMITS.boardTitle}
                dir="auto"
                aria-invalid={fields.title.errors?.length ? true : undefined}
                aria-describedby={fields.title.errors?.length ? fields.title.errorId : undefined}
              />
              <FieldErrors id={fields.title.errorId} errors={fields.title.errors} />
            </div>
          </div>
        </fieldset>

        <div className="field">
          <label htmlFor="send-colour">{t("insights.send.colour")}</label>
          <select id="send-colour" name="colour" defaultValue={initial(fields.colour.initialValue) || "byCode"}>
            {SEND_COLOURS.map((c) => (
              <option key={c} value={c}>
                {t(`insights.send.colours.${c}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.colour.errorId} errors={fields.colour.errors} />
        </div>
        <div>
          <button type="submit" className="button primary">
            {t("insights.send.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
