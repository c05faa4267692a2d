import { useId } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/**
 * The hidden fields every form carries: the CSRF token, for browsers that send no Origin header,
 * and the form's key — this page load's id and the form's place in the page — so that a double
 * submit of a form that creates something creates it once (app/data/form-submissions.server.ts).
 */
export function CsrfField() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const place = useId();
  return (
    <>
      <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />
      <input type="hidden" name="_form" value={`${data?.formLoad ?? "none"}.${place}`} />
    </>
  );
}
