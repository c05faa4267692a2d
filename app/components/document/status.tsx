import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SaveStatus } from "~/collab/save-status";

export type EditorStatus = SaveStatus | "loading";

/**
 * The document's save state, always visible. Screen readers hear only going offline and
 * coming back (not every "Saving…" while typing).
 */
export function StatusIndicator({ status }: { status: EditorStatus }) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const wasOffline = useRef(false);
  useEffect(() => {
    if (status === "offline" && !wasOffline.current) {
      wasOffline.current = true;
      setAnnouncement(t("document.status.wentOffline"));
    } else if ((status === "saved" || status === "saving") && wasOffline.current) {
      wasOffline.current = false;
      setAnnouncement(t("document.status.backOnline"));
    }
  }, [status, t]);
  const label = status === "loading" ? t("document.status.connecting") : t(`document.status.${status}`);
  return (
    <>
      <p className={`save-status save-status-${status}`} data-status={status} id="save-status">
        <span className="save-status-mark" aria-hidden="true" />
        <span className="visually-hidden">{t("document.status.label")}: </span>
        <span data-testid="save-status-text">{label}</span>
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </>
  );
}
