import { useTranslation } from "react-i18next";
import type { IdentifierKind, ReaderSegment } from "~/domain/redaction";

/** One placeholder: its label ("[Name 1]"), marked so it reads as hidden, not as the story's words. */
export function Placeholder({ kind, n, r }: { kind: IdentifierKind; n: number; r?: number }) {
  const { t } = useTranslation();
  return (
    <span className="redacted" data-kind={kind} data-r={r} title={t("stories.placeholderHint")}>
      {t(`stories.placeholder.${kind}`, { n })}
    </span>
  );
}

/**
 * Redacted story text as the server sent it, one paragraph per line. Each piece carries its
 * redacted offset (`data-r`), so a selection can be sent back as a range without the browser
 * ever knowing the original text.
 */
export function RedactedText({ segments, lang }: { segments: readonly ReaderSegment[]; lang?: string }) {
  const lines: ReaderSegment[][] = [[]];
  for (const s of segments) {
    if (s.type === "placeholder") {
      lines[lines.length - 1]!.push(s);
      continue;
    }
    const parts = s.text.split("\n");
    let r = s.r;
    parts.forEach((part, i) => {
      if (i > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ type: "text", text: part, r });
      r += part.length + 1;
    });
  }
  return (
    <div className="story-text" lang={lang}>
      {lines.map((line, i) =>
        line.length === 0 ? null : (
          <p key={i} dir="auto">
            {line.map((s) =>
              s.type === "text" ? (
                <span key={s.r} data-r={s.r}>
                  {s.text}
                </span>
              ) : (
                <Placeholder key={s.r} kind={s.kind} n={s.n} r={s.r} />
              ),
            )}
          </p>
        ),
      )}
    </div>
  );
}
