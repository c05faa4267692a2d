import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { badRequest } from "~/http/http-errors.server";
import { addIdentifiers, removeIdentifier } from "~/data/stories.server";
import { formLoadOf, kept, oncePerFormLoad } from "~/data/form-submissions.server";
import { identifiersChanged, loadIdentifiersPage, managedStoryAction, markAllSuggestions } from "./story-page.server";
import { idInput, identifierInput } from "~/domain/stories";
import { IDENTIFIER_KINDS } from "~/domain/redaction";
import { LIMITS } from "~/domain/limits";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { OriginalText, StoryTabs } from "~/components/stories/story-parts";
import { UseSelectionButton } from "~/components/stories/use-selection-button";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.identifiers.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadIdentifiersPage(access, params.storyId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, form, story, db } = await managedStoryAction(request, params, context);
  switch (form.get("intent")) {
    case "add": {
      const submission = parseWithZod(form, { schema: identifierInput });
      if (submission.status !== "success") return data({ intent: "add" as const, reply: submission.reply(), added: 0, done: false }, { status: 400 });
      // Once per form load: a double submit marks it once, and every copy says it was marked.
      const added = await oncePerFormLoad(db, formLoadOf(request, form, access.user.id), async () => {
        const count = await addIdentifiers(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, identifiers: [submission.value] });
        if (count) await identifiersChanged(access, story.id);
        return kept(count);
      });
      return data({ intent: "add" as const, reply: submission.reply({ resetForm: true }), added, done: true });
    }
    case "mark-all": {
      const added = await markAllSuggestions(access, story, formLoadOf(request, form, access.user.id));
      return data({ intent: "mark-all" as const, reply: null, added, done: true });
    }
    case "remove": {
      const submission = parseWithZod(form, { schema: idInput });
      if (submission.status !== "success") throw badRequest();
      const removed = await removeIdentifier(db, {
        localityId: access.locality.id,
        actorId: access.user.id,
        storyId: story.id,
        identifierId: submission.value.id,
      });
      if (removed) await identifiersChanged(access, story.id);
      return data({ intent: "remove" as const, reply: null, added: 0, done: true });
    }
    default:
      throw badRequest();
  }
}

/** Mark the names, places and contact details members and viewers must not read (with suggestions). */
export default function StoryIdentifiers() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof identifierInput>>({
    id: "identifier-add",
    lastResult: result?.intent === "add" ? result.reply : undefined,
    defaultValue: { kind: "name" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: identifierInput }),
  });
  const kindOptions = IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`stories.identifiers.kinds.${k}`) }));
  const base = `/l/${page.locality.id}/stories/${page.story.id}`;
  const message =
    result?.intent === "add" && result.done
      ? result.added
        ? t("stories.identifiers.added")
        : t("stories.identifiers.already")
      : result?.intent === "mark-all"
        ? t("stories.identifiers.markedAll", { count: result.added })
        : result?.intent === "remove"
          ? t("stories.identifiers.removed")
          : null;
  return (
    <section className="page story-identifiers" aria-labelledby="story-identifiers-heading">
      <p className="breadcrumb">
        <Link to={base}>{t("stories.backToStory")}</Link>
      </p>
      <h1 id="story-identifiers-heading">{t("stories.identifiers.title")}</h1>
      <p className="lead" dir="auto">
        {page.story.title}
      </p>
      <StoryTabs localityId={page.locality.id} storyId={page.story.id} />
      <p>{t("stories.identifiers.lead")}</p>
      <div role="status">{message ? <p className="card success">{message}</p> : null}</div>
      <div className="story-layout">
        <div className="story-main">
          <section aria-labelledby="suggestions-title" className="card stack">
            <h2 id="suggestions-title">{t("stories.identifiers.suggestions")}</h2>
            {page.suggestions.length ? (
              <>
                <p className="hint">{t("stories.identifiers.suggestionsHint")}</p>
                <ul className="identifier-list">
                  {page.suggestions.map((s) => (
                    <li key={`${s.kind}:${s.text}`}>
                      <span dir="auto" className="identifier-text">
                        {s.text}
                      </span>{" "}
                      <span className="muted">
                        {t(`stories.identifiers.kinds.${s.kind}`)} · {t(`stories.identifiers.reasons.${s.reason}`)}
                      </span>
                      <Form method="post" className="inline-form">
                        <CsrfField />
                        <input type="hidden" name="intent" value="add" />
                        <input type="hidden" name="text" value={s.text} />
                        <input type="hidden" name="kind" value={s.kind} />
                        <button
                          type="submit"
                          className="button small"
                          aria-label={t("stories.identifiers.markOne", { text: s.text, kind: t(`stories.identifiers.kinds.${s.kind}`) })}
                        >
                          {t("stories.identifiers.mark")}
                        </button>
                      </Form>
                    </li>
                  ))}
                </ul>
                <Form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="mark-all" />
                  <button type="submit" className="button">
                    {t("stories.identifiers.markAll", { count: page.suggestions.length })}
                  </button>
                </Form>
              </>
            ) : (
              <p className="muted">{t("stories.identifiers.noSuggestions")}</p>
            )}
          </section>
          <section aria-labelledby="original-title">
            <h2 id="original-title">{t("stories.originalText")}</h2>
            {page.original.length ? (
              <OriginalText segments={page.original} lang={page.story.language} id="identifier-source" />
            ) : (
              <p className="muted">{t("stories.noText")}</p>
            )}
          </section>
        </div>
        <aside className="story-side">
          <Form method="post" {...getFormProps(form)} className="card stack">
            <h2>{t("stories.identifiers.addTitle")}</h2>
            <CsrfField />
            <input type="hidden" name="intent" value="add" />
            <FormError errors={form.errors} />
            <TextField
              meta={fields.text}
              label={t("stories.identifiers.text")}
              hint={t("stories.identifiers.textHint")}
              maxLength={LIMITS.identifier}
              autoComplete="off"
              dir="auto"
            />
            <UseSelectionButton sourceId="identifier-source" inputId={fields.text.id} />
            <SelectField meta={fields.kind} label={t("stories.identifiers.kind")} options={kindOptions} />
            <button type="submit" className="button primary">
              {t("stories.identifiers.add")}
            </button>
          </Form>
          <section className="card" aria-labelledby="marked-title">
            <h2 id="marked-title">{t("stories.identifiers.marked", { count: page.identifiers.length })}</h2>
            {page.identifiers.length ? (
              <ul className="identifier-list">
                {page.identifiers.map((i) => (
                  <li key={i.id}>
                    <span dir="auto" className="identifier-text">
                      {i.text}
                    </span>{" "}
                    <span className="muted">{t(`stories.identifiers.kinds.${i.kind}`, { defaultValue: i.kind })}</span>
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" className="button small" aria-label={t("stories.identifiers.removeOne", { text: i.text })}>
                        {t("stories.identifiers.remove")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t("stories.identifiers.none")}</p>
            )}
          </section>
        </aside>
      </div>
    </section>
  );
}
