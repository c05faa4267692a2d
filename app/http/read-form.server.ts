import type { AppLoadContext } from "@remix-run/node";
import { assertCsrf } from "~/auth/csrf.server";
import { badRequest } from "~/http/http-errors.server";

/** Reads a submitted form, after the CSRF check. A body that is not a form → 400. */
export async function readForm(request: Request, context: AppLoadContext): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  assertCsrf(context.csrf, form);
  return form;
}
