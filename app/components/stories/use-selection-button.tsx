import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * With JavaScript: "Use selected text" copies what is selected in the story's text into the
 * identifier field (select with the mouse, or with Shift and the arrow keys in caret
 * browsing). Without JavaScript the field is typed, so nothing is shown.
 */
export function UseSelectionButton({ sourceId, inputId }: { sourceId: string; inputId: string }) {
  const { t } = useTranslation();
  const [mounted, setMounted] = useState(false);
  const [note, setNote] = useState("");
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  const use = () => {
    const selection = window.getSelection();
    const source = document.getElementById(sourceId);
    const input = document.getElementById(inputId) as HTMLInputElement | null;
    const text = selection?.toString().replace(/\s+/g, " ").trim() ?? "";
    const inside = source && selection && selection.rangeCount > 0 && source.contains(selection.getRangeAt(0).commonAncestorContainer);
    if (!input || !text || !inside) {
      setNote(t("stories.identifiers.selectFirst"));
      return;
    }
    input.value = text;
    input.focus();
    setNote("");
  };
  return (
    <p className="use-selection">
      <button
        type="button"
        className="button small"
        // Keep the selection in the text: a mouse press on the button would otherwise clear it first.
        onMouseDown={(e) => e.preventDefault()}
        onClick={use}
      >
        {t("stories.identifiers.useSelection")}
      </button>
      <span role="status" className="hint">
        {note}
      </span>
    </p>
  );
}
