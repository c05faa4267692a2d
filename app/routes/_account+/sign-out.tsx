import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readForm } from "~/http/read-form.server";
import { destroyAllSessions, destroySession, getSessionUser } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

/** Signs this browser out; with scope=everywhere, every session of the account. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await getSessionUser(request);
  if (user && form.get("scope") === "everywhere") await destroyAllSessions(user.id);
  const cookie = await destroySession(request);
  return redirect("/sign-in", { headers: { "Set-Cookie": cookie } });
}
