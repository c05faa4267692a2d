import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { requireLocalityAccess } from "~/auth/permissions.server";
import { badRequest } from "~/http/http-errors.server";
import { recordConsent } from "~/data/stories.server";
import { loadConsentPage, managedStoryAction } from "./story-page.server";
import { withdrawStory } from "./story-withdrawal.server";
import { analysisTopic, publishLive, storyTopic } from "~/http/live-events.server";
import { CONSENT_METHODS, CONSENT_SCOPES, consentInput, withdrawInput } from "~/domain/stories";
import { LIMITS } from "~/domain/limits";
import { withStrings } from "~/i18n/strings";
import { pageTitle } from "~/components/ui/page-title";
import { CsrfField } from "~/components/ui/csrf-field";
import { FieldErrors, FormError, TextField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { StoryTabs } from "~/components/stories/story-parts";
import { DateField } from "~/components/stories/story-meta-fields";
import storyStyles from "~/styles/stories.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: storyStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "stories.consent.title");
export const handle = { strings: ["stories"] };
export const clientLoader = withStrings(["stories"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireLocalityAccess(request, params.localityId, "stories.manage");
  return loadConsentPage(access, params.storyId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { access, form, story, db } = await managedStoryAction(request, params, context);
  switch (form.get("intent")) {
    case "consent": {
      const submission = parseWithZod(form, { schema: consentInput });
      if (submission.status !== "success") return data({ intent: "consent" as const, reply: submission.reply(), saved: false }, { status: 400 });
      await recordConsent(db, { localityId: access.locality.id, actorId: access.user.id, storyId: story.id, consent: submission.value });
      publishLive(storyTopic(story.id), "changed");
      publishLive(analysisTopic(access.locality.id), "changed");
      return data({ intent: "consent" as const, reply: submission.reply(), saved: true });
    }
    case "withdraw": {
      const submission = parseWithZod(form, { schema: withdrawInput });
      if (submission.status !== "success") return data({ intent: "withdraw" as const, reply: submission.reply(), saved: false }, { status: 400 });
      await withdrawStory(db, access, story.id);
      return redirect(`/l/${access.locality.id}/stories?withdrawn=1`, { status: 303 });
    }
    default:
      throw badRequest();
  }
}

/** The story's consent: record or change it, or withdraw the story (which removes it everywhere). */
export default function StoryConsent() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useValidatedForm<z.input<typeof consentInput>>({
    id: "story-consent",
    lastResult: result?.intent === "consent" ? result.reply : undefined,
    defaultValue: page.consent ?? { method: "signed_form", scope: "core_group", givenAt: page.story.occurredOn },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: consentInput }),
    shouldRevalidate: "onBlur",
  });
  const [withdrawForm, withdrawFields] = useValidatedForm<z.input<typeof withdrawInput>>({
    id: "story-withdraw",
    lastResult: result?.intent === "withdraw" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawInput }),
  });
  const base = `/l/${page.locality.id}/stories/${page.story.id}`;
  const understood = withdrawFields.understood;
  return (
    <section className="page story-consent" aria-labelledby="story-consent-heading">
      <p className="breadcrumb">
        <Link to={base}>{t("stories.backToStory")}</Link>
      </p>
      <h1 id="story-consent-heading">{t("stories.consent.title")}</h1>
      <p className="lead" dir="auto">
        {page.story.title}
      </p>
      <StoryTabs localityId={page.locality.id} storyId={page.story.id} />
      <div role="status">{result?.intent === "consent" && result.saved ? <p className="card success">{t("stories.consent.saved")}</p> : null}</div>
      {page.consent ? null : (
        <p className="card notice">
          <strong>{t("stories.needsConsent")}</strong> {t("stories.consent.missingLead")}
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="card stack story-form">
        <h2>{page.consent ? t("stories.consent.change") : t("stories.consent.record")}</h2>
        <CsrfField />
        <input type="hidden" name="intent" value="consent" />
        <FormError errors={form.errors} />
        <TextField
          meta={fields.givenBy}
          label={t("stories.consent.givenBy")}
          hint={t("stories.consent.givenByHint")}
          maxLength={LIMITS.name}
          autoComplete="off"
          dir="auto"
        />
        <DateField meta={fields.givenAt} label={t("stories.consent.givenAt")} />
        <ChoiceGroup
          meta={fields.method}
          legend={t("stories.consent.method")}
          options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`stories.consent.methods.${m}`) }))}
        />
        <TextField
          meta={fields.infoSheetVersion}
          label={t("stories.consent.infoSheet")}
          hint={t("stories.consent.infoSheetHint")}
          maxLength={LIMITS.storyField}
          autoComplete="off"
          dir="auto"
        />
        <ChoiceGroup
          meta={fields.scope}
          legend={t("stories.consent.scope")}
          hint={t("stories.consent.scopeHint")}
          options={CONSENT_SCOPES.map((s) => ({ value: s, label: t(`stories.consent.scopes.${s}`), description: t(`stories.consent.scopeWords.${s}`) }))}
        />
        <p>
          <button type="submit" className="button primary">
            {t("stories.consent.save")}
          </button>
        </p>
      </Form>

      <Form method="post" {...getFormProps(withdrawForm)} className="card stack withdraw-form" aria-labelledby="withdraw-title">
        <h2 id="withdraw-title">{t("stories.withdraw.title")}</h2>
        <p>{t("stories.withdraw.lead")}</p>
        <ul>
          <li>{t("stories.withdraw.removes.text")}</li>
          <li>{t("stories.withdraw.removes.excerpts", { count: page.counts.excerpts })}</li>
          <li>{t("stories.withdraw.removes.identity")}</li>
          <li>{t("stories.withdraw.removes.photos", { count: page.counts.photos })}</li>
          <li>{t("stories.withdraw.removes.boards")}</li>
        </ul>
        <p className="hint">{t("stories.withdraw.tombstone")}</p>
        <CsrfField />
        <input type="hidden" name="intent" value="withdraw" />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              id={understood.id}
              name={understood.name}
              value="yes"
              form={understood.formId}
              aria-invalid={understood.errors?.length ? true : undefined}
              aria-describedby={understood.errors?.length ? understood.errorId : undefined}
            />
            <span>{t("stories.withdraw.understood")}</span>
          </label>
          <FieldErrors id={understood.errorId} errors={understood.errors} />
        </div>
        <p>
          <button type="submit" className="button danger">
            {t("stories.withdraw.submit")}
          </button>
        </p>
      </Form>
    </section>
  );
}

/** Radio buttons in a fieldset, each with an optional plain-words description. */
function ChoiceGroup({
  meta,
  legend,
  hint,
  options,
}: {
  meta: { id: string; name: string; formId: string; errorId: string; errors?: string[]; initialValue?: unknown; key?: string };
  legend: string;
  hint?: string;
  options: Array<{ value: string; label: string; description?: string }>;
}) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <fieldset
      className="field choice-group"
      aria-describedby={[invalid ? meta.errorId : null, hint ? `${meta.id}-hint` : null].filter(Boolean).join(" ") || undefined}
      aria-invalid={invalid || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={`${meta.key ?? ""}-${o.value}`} className="choice">
          <input type="radio" name={meta.name} value={o.value} form={meta.formId} defaultChecked={meta.initialValue === o.value} />
          <span>
            <strong>{o.label}</strong>
            {o.description ? <span className="hint"> {o.description}</span> : null}
          </span>
        </label>
      ))}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
