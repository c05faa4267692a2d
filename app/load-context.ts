import type { CsrfContext } from "~/auth/csrf.server";

/** What server.ts hands every loader and action. */
export type CoproduceLoadContext = {
  /** Per-response nonce for the Content-Security-Policy's inline scripts. */
  cspNonce: string;
  csrf: CsrfContext;
  /** The client's address (from X-Forwarded-For only when TRUST_PROXY is on). */
  clientAddress: string;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends CoproduceLoadContext {}
}

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
}
