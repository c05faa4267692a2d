import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/**
 * Listens to a page's live stream (an EventSource on `url`) and reloads the page's data when
 * something changed — also after a lost connection comes back, since signals may have been
 * missed meanwhile. Returns the last named event other than "changed" (e.g. "withdrawn").
 * Without JavaScript nothing listens and the page simply shows what it loaded.
 */
export function useLiveUpdates(url: string | null): { lastEvent: string | null; connected: boolean } {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const [lastEvent, setLastEvent] = useState<string | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    let opened = false;
    let pending: ReturnType<typeof setTimeout> | null = null;
    // Several signals in a burst (a merge touches many excerpts) make one reload.
    const reload = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        revalidate.current();
      }, 120);
    };
    source.addEventListener("open", () => {
      setConnected(true);
      if (opened) reload();
      opened = true;
    });
    source.addEventListener("error", () => setConnected(false));
    source.addEventListener("changed", reload);
    source.addEventListener("withdrawn", () => {
      setLastEvent("withdrawn");
      source.close();
    });
    return () => {
      if (pending) clearTimeout(pending);
      source.close();
    };
  }, [url]);

  return { lastEvent, connected };
}
