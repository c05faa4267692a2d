import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Placeholder } from "~/components/stories/redacted-text";
import { highlightLines, type HighlightRange } from "~/domain/coding";
import type { ReaderSegment } from "~/domain/redaction";

/**
 * A story's redacted text with every excerpt as a highlight. The text is cut at every excerpt
 * boundary; each piece knows how many excerpts cover it (deeper colour, stacked underlines, and a
 * small count where several start). Pieces keep RedactedText's `data-r` (redacted offsets, a
 * placeholder counts one), so a selection maps back to a range with `selectionRange`.
 */
export function HighlightedText({
  segments,
  ranges,
  lang,
  active,
  onPick,
}: {
  segments: readonly ReaderSegment[];
  ranges: readonly HighlightRange[];
  lang?: string;
  /** The excerpt shown as selected (its pieces are outlined). */
  active?: string | null;
  onPick?: (excerptId: string) => void;
}) {
  const { t } = useTranslation();
  const lines = useMemo(() => highlightLines(segments, ranges), [segments, ranges]);
  return (
    <div className="story-text coding-text" lang={lang} data-coding-text="">
      {lines.map((line, i) =>
        line.length === 0 ? null : (
          <p key={i} dir="auto">
            {line.map((piece, k) => {
              const count = piece.ids.length;
              const previous = k > 0 ? line[k - 1]!.ids.length : 0;
              const badge =
                count > 1 && count !== previous ? (
                  <sup className="hl-count" aria-hidden="true" data-skip="">
                    {count}
                  </sup>
                ) : null;
              const className = count ? `hl hl-${Math.min(count, 4)}${active && piece.ids.includes(active) ? " hl-active" : ""}` : undefined;
              const title = count ? t("analysis.coding.covered", { count }) : undefined;
              const pick = count && onPick ? () => onPick(piece.ids[piece.ids.length - 1]!) : undefined;
              if (piece.type === "placeholder") {
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a mouse shortcut; every excerpt is also a button in the list beside the text
                  <span key={`p${piece.r}`} className={className} onClick={pick} data-ids={count ? piece.ids.join(" ") : undefined}>
                    {badge}
                    <Placeholder kind={piece.kind} n={piece.n} r={piece.r} />
                  </span>
                );
              }
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a mouse shortcut; every excerpt is also a button in the list beside the text
                <span key={`t${piece.r}`} className={className} title={title} onClick={pick} data-ids={count ? piece.ids.join(" ") : undefined}>
                  {badge}
                  <span data-r={piece.r}>{piece.text}</span>
                </span>
              );
            })}
          </p>
        ),
      )}
    </div>
  );
}

/**
 * The current selection inside `root` as a redacted range [rStart, rEnd), or null when nothing
 * (or nothing of the text) is selected. An edge inside a placeholder takes the whole placeholder.
 */
export function selectionRange(root: HTMLElement, selection: Selection | null): { rStart: number; rEnd: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer)) return null;
  const pieces = Array.from(root.querySelectorAll<HTMLElement>("[data-r]"));
  if (pieces.length === 0) return null;
  const lengthOf = (el: HTMLElement) => (el.classList.contains("redacted") ? 1 : (el.textContent ?? "").length);

  const offsetAt = (node: Node, offset: number, edge: "start" | "end"): number | null => {
    let before: HTMLElement | null = null;
    for (const el of pieces) {
      const r = Number(el.dataset.r);
      const whole = document.createRange();
      whole.selectNodeContents(el);
      const where = whole.comparePoint(node, offset);
      if (where < 0) return edge === "start" || !before ? r : Number(before.dataset.r) + lengthOf(before);
      if (where === 0) {
        // The point is inside this piece: a placeholder is taken whole.
        if (el.classList.contains("redacted")) return edge === "start" ? r : r + 1;
        const head = document.createRange();
        head.setStart(el, 0);
        head.setEnd(node, offset);
        return r + Math.min(head.toString().length, lengthOf(el));
      }
      before = el;
    }
    return before ? Number(before.dataset.r) + lengthOf(before) : null;
  };

  const rStart = offsetAt(range.startContainer, range.startOffset, "start");
  const rEnd = offsetAt(range.endContainer, range.endOffset, "end");
  if (rStart === null || rEnd === null || rEnd <= rStart) return null;
  return { rStart, rEnd };
}
