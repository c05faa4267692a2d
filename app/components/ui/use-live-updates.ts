import { useActionData, useNavigation, useRevalidator } from "@remix-run/react";
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

/**
 * The page's action data, kept through live reloads. Remix clears action data on every
 * revalidation that is not the action's own, so without this a live signal (often the one the
 * action itself caused) would wipe "Code deleted." or a form's errors a moment after they appear.
 * It is forgotten when the person submits or navigates again.
 */
export function useSettledActionData<T = unknown>(): ReturnType<typeof useActionData<T>> {
  const fresh = useActionData<T>();
  const navigation = useNavigation();
  const [kept, setKept] = useState(fresh);
  // A new submission, or a navigation elsewhere, starts afresh (an action's own reload, which
  // carries its result, is "loading" with the form's method).
  const startedAfresh = navigation.state === "submitting" || (navigation.state === "loading" && !navigation.formMethod);
  useEffect(() => {
    if (startedAfresh) setKept(undefined);
  }, [startedAfresh]);
  useEffect(() => {
    if (fresh !== undefined) setKept(fresh);
  }, [fresh]);
  return fresh ?? (navigation.state === "idle" ? kept : undefined);
}
