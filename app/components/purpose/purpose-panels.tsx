import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { RichBlock } from "~/collab/rich-text";
import { RichTextView } from "~/components/document/rich-text-view";
import { CsrfField } from "~/components/ui/csrf-field";
import { SelectField } from "~/components/ui/field";
import { useValidatedForm } from "~/components/ui/use-validated-form";
import { agreeInput, type MyEndorsement } from "~/domain/purpose";

type DateFormat = Intl.DateTimeFormat;

const Time = ({ iso, format }: { iso: string; format: DateFormat }) => <time dateTime={iso}>{format.format(new Date(iso))}</time>;

/** The agreed version, read-only, with its name and when (and by whom) it was agreed. */
export function AgreedPurpose({
  agreed,
  dateFormat,
}: {
  agreed: { name: string; savedAt: string; agreedAt: string | null; agreedBy: string | null; blocks: RichBlock[] };
  dateFormat: DateFormat;
}) {
  const { t } = useTranslation();
  const when = agreed.agreedAt ? dateFormat.format(new Date(agreed.agreedAt)) : dateFormat.format(new Date(agreed.savedAt));
  const meta = agreed.agreedAt
    ? agreed.agreedBy
      ? t("purpose.agreedOnBy", { name: agreed.name, date: when, person: agreed.agreedBy })
      : t("purpose.agreedOn", { name: agreed.name, date: when })
    : t("purpose.savedOn", { name: agreed.name, date: when });
  return (
    <section className="card purpose-agreed" aria-labelledby="agreed-title">
      <h2 id="agreed-title">{t("purpose.agreedTitle")}</h2>
      <p className="muted purpose-agreed-meta" dir="auto">
        {meta}
      </p>
      <RichTextView blocks={agreed.blocks} label={t("purpose.contentLabel")} empty={t("purpose.empty")} />
    </section>
  );
}

/** This person's endorsement: endorse, endorse the new version, or withdraw. */
export function EndorsementPanel({
  mine,
  agreedVersionId,
  mayEndorse,
  dateFormat,
}: {
  mine: MyEndorsement;
  agreedVersionId: string;
  mayEndorse: boolean;
  dateFormat: DateFormat;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && ["endorse", "withdraw"].includes(String(navigation.formData?.get("intent")));
  if (!mayEndorse) {
    return (
      <section className="card purpose-mine" aria-labelledby="mine-title">
        <h2 id="mine-title">{t("purpose.mine.title")}</h2>
        <p>{t("purpose.viewerNote")}</p>
      </section>
    );
  }
  const endorseForm = (label: string) => (
    <Form method="post">
      <CsrfField />
      <input type="hidden" name="versionId" value={agreedVersionId} />
      <button type="submit" name="intent" value="endorse" className="button primary" aria-disabled={busy || undefined}>
        {label}
      </button>
    </Form>
  );
  return (
    <section className={`card purpose-mine${mine.state === "changed" ? " notice" : ""}`} aria-labelledby="mine-title">
      <h2 id="mine-title">{mine.state === "changed" ? t("purpose.mine.changed") : t("purpose.mine.title")}</h2>
      {mine.state === "endorsed" ? (
        <>
          <p>{t("purpose.mine.endorsed", { date: dateFormat.format(new Date(mine.at)) })}</p>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="withdraw" className="button" aria-disabled={busy || undefined}>
              {t("purpose.mine.withdraw")}
            </button>
          </Form>
        </>
      ) : mine.state === "changed" ? (
        <>
          <p>{t("purpose.mine.changedDetail", { date: dateFormat.format(new Date(mine.earlierAt)) })}</p>
          {endorseForm(t("purpose.mine.endorseNew"))}
        </>
      ) : (
        <>
          <p>{t("purpose.mine.notEndorsed")}</p>
          {endorseForm(t("purpose.mine.endorse"))}
        </>
      )}
    </section>
  );
}

/** Who endorsed the agreed version, and who endorsed only an earlier one. */
export function EndorsersList({
  endorsers,
  earlier,
  dateFormat,
}: {
  endorsers: Array<{ userId: string; name: string; at: string }>;
  earlier: Array<{ userId: string; name: string; at: string; versionName: string | null }>;
  dateFormat: DateFormat;
}) {
  const { t } = useTranslation();
  return (
    <section className="card purpose-endorsers" aria-labelledby="endorsers-title">
      <h2 id="endorsers-title">{t("purpose.endorsers.count", { count: endorsers.length })}</h2>
      {endorsers.length ? (
        <ul className="endorser-list" aria-label={t("purpose.endorsers.title")}>
          {endorsers.map((e) => (
            <li key={e.userId}>
              <span className="endorser-name" dir="auto">
                {e.name}
              </span>{" "}
              <Time iso={e.at} format={dateFormat} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("purpose.endorsers.none")}</p>
      )}
      {earlier.length ? (
        <>
          <h3 id="earlier-title">{t("purpose.endorsers.earlierTitle")}</h3>
          <p className="hint">{t("purpose.endorsers.earlierHint")}</p>
          <ul className="endorser-list earlier" aria-labelledby="earlier-title">
            {earlier.map((e) => (
              <li key={e.userId}>
                <span className="endorser-name" dir="auto">
                  {e.name}
                </span>{" "}
                <Time iso={e.at} format={dateFormat} />
                {e.versionName ? (
                  <span className="muted" dir="auto">
                    {" "}
                    · {t("purpose.endorsers.earlierVersion", { name: e.versionName })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Facilitators: mark one of the purpose document's named versions as the agreed purpose. */
export function AgreeForm({
  versions,
  agreedVersionId,
  lastResult,
  dateFormat,
}: {
  versions: Array<{ id: string; name: string; createdAt: string }>;
  agreedVersionId: string | null;
  lastResult?: SubmissionResult<string[]>;
  dateFormat: DateFormat;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm<z.input<typeof agreeInput>>({
    id: "agree-version",
    lastResult,
    defaultValue: { versionId: versions[0]?.id ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: agreeInput }),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "agree";
  return (
    <section className="card purpose-agree" aria-labelledby="agree-title">
      <h2 id="agree-title">{t("purpose.agree.title")}</h2>
      {versions.length ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <CsrfField />
          <input type="hidden" name="intent" value="agree" />
          <p className="hint">{t("purpose.agree.hint")}</p>
          <SelectField
            meta={fields.versionId}
            label={t("purpose.agree.version")}
            options={versions.map((v) => ({
              value: v.id,
              label: t(v.id === agreedVersionId ? "purpose.agree.optionCurrent" : "purpose.agree.option", {
                name: v.name,
                date: dateFormat.format(new Date(v.createdAt)),
              }),
            }))}
          />
          <p>
            <button type="submit" className="button primary" aria-disabled={busy || undefined}>
              {t("purpose.agree.submit")}
            </button>
          </p>
        </Form>
      ) : (
        <p>{t("purpose.agree.noVersions")}</p>
      )}
    </section>
  );
}
