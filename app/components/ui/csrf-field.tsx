import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

/** The CSRF token every form carries, for browsers that send no Origin header. */
export function CsrfField() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}
