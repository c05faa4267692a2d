/**
 * The golden thread's pages on the server: read it (every member of the organisation's
 * localities), change it (organisation facilitators) and its version history. A refused change
 * answers with the form's own values and a message, so nothing typed is lost.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { ThreadAccess } from "~/auth/thread-access.server";
import { getDb } from "~/data/db.server";
import {
  ThreadRefused,
  addItem,
  deleteItem,
  editItem,
  linkCounts,
  listThreadVersions,
  moveItem,
  readCurrentThread,
  setArchived,
} from "~/data/golden-thread.server";
import { THREAD_INTENTS, addItemSchema, editItemSchema, itemRefSchema, moveSchema, type ThreadIntent } from "~/domain/golden-thread";
import { forbidden } from "~/http/http-errors.server";
import { readForm } from "~/http/read-form.server";

export async function loadThreadPage(access: ThreadAccess) {
  const db = await getDb();
  const [thread, uses] = await Promise.all([readCurrentThread(db, access.organisation.id), linkCounts(db, access.organisation.id)]);
  return { organisation: access.organisation, mayEdit: access.mayEdit, orgFacilitator: access.orgFacilitator, thread, uses: Object.fromEntries(uses) };
}

export async function loadThreadHistory(access: ThreadAccess) {
  const db = await getDb();
  return { organisation: access.organisation, versions: await listThreadVersions(db, access.organisation.id) };
}

export type ThreadActionOutcome =
  | { kind: "done"; location: string }
  | { kind: "refused"; intent: ThreadIntent; target: string; errors: string[]; values: Record<string, string> };

const textOf = (form: FormData) =>
  Object.fromEntries(
    [...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("_")).map(([k, v]) => [k, (v as string).slice(0, 5000)]),
  ) as Record<string, string>;

/** The thread's forms (intent=add|edit|move|archive|restore|delete). */
export async function runThreadAction(request: Request, context: AppLoadContext, access: ThreadAccess): Promise<ThreadActionOutcome> {
  if (!access.mayEdit) throw forbidden();
  const form = await readForm(request, context);
  const values = textOf(form);
  const raw = values.intent ?? "";
  const intent = (THREAD_INTENTS as readonly string[]).includes(raw) ? (raw as ThreadIntent) : null;
  const target = values.itemId ?? values.parentId ?? values.kind ?? "";
  const refuse = (errors: string[]): ThreadActionOutcome => ({ kind: "refused", intent: intent ?? "edit", target, errors, values });
  if (!intent) return refuse(["thread.errors.unknown"]);
  const db = await getDb();
  const scope = { organisationId: access.organisation.id, actorId: access.user.id };
  const here = `/orgs/${access.organisation.slug}/thread`;
  const zodErrors = (issues: { message: string }[]) => [...new Set(issues.map((i) => (i.message.startsWith("thread.") ? i.message : "thread.errors.invalid")))];
  try {
    let anchor = "";
    if (intent === "add") {
      const parsed = addItemSchema.safeParse(values);
      if (!parsed.success) return refuse(zodErrors(parsed.error.issues));
      const { kind, parentId, ...fields } = parsed.data;
      anchor = (await addItem(db, scope, { kind, ...(parentId ? { parentId } : {}), ...fields })).id;
    } else if (intent === "edit") {
      const parsed = editItemSchema.safeParse(values);
      if (!parsed.success) return refuse(zodErrors(parsed.error.issues));
      await editItem(db, scope, parsed.data);
      anchor = parsed.data.itemId;
    } else if (intent === "move") {
      const parsed = moveSchema.safeParse(values);
      if (!parsed.success) return refuse(["thread.errors.invalid"]);
      await moveItem(db, scope, parsed.data);
      anchor = parsed.data.itemId;
    } else {
      const parsed = itemRefSchema.safeParse(values);
      if (!parsed.success) return refuse(["thread.errors.invalid"]);
      if (intent === "delete") await deleteItem(db, scope, parsed.data);
      else await setArchived(db, scope, { ...parsed.data, archived: intent === "archive" });
      anchor = intent === "delete" ? "" : parsed.data.itemId;
    }
    return { kind: "done", location: `${here}?done=${intent}${anchor ? `#item-${anchor}` : ""}` };
  } catch (error) {
    if (error instanceof ThreadRefused) return refuse([`thread.errors.${error.reason}`]);
    throw error;
  }
}
