/**
 * The reflective log's pages: one's own reflections (write, edit, share, unshare, delete), and
 * those members shared with the group. Everything here reads reflections through their author
 * (the signed-in person) or their being shared: nobody else's private reflection is ever loaded,
 * and someone else's id answers 404 as if it did not exist.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { LocalityAccess } from "~/auth/permissions.server";
import { badRequest, notFound } from "~/http/http-errors.server";
import { getDb } from "~/data/db.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import { workshopOptions } from "~/data/ties.server";
import {
  createReflection,
  deleteReflection,
  findOwnReflection,
  isWorkshopOf,
  listMyReflections,
  listSharedReflections,
  setReflectionShared,
  updateReflection,
} from "~/data/reflections.server";
import { isCardNumber } from "~/domain/public-servant-deck";
import { reflectionInput, type ReflectionInput } from "~/domain/reflections";

const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

type Row = Awaited<ReturnType<typeof listMyReflections>>[number];
function view(r: Row) {
  return {
    id: r.id,
    body: r.body,
    theme: r.theme !== null && isCardNumber(r.theme) ? r.theme : null,
    workshop: r.workshop ? { id: r.workshop.id, title: r.workshop.title } : null,
    sharedAt: r.sharedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

async function sessionChoices(localityId: string) {
  const workshops = await workshopOptions(await getDb(), localityId);
  return workshops.map((w) => ({ id: w.id, title: w.title, startsAt: w.startsAt.toISOString() }));
}

/** My reflections, newest first, with the form's choices (and a session or card to start from: `?workshop=`, `?theme=`). */
export async function loadMyReflections(access: LocalityAccess, url: URL) {
  const db = await getDb();
  const [mine, workshops] = await Promise.all([listMyReflections(db, access.locality.id, access.user.id), sessionChoices(access.locality.id)]);
  const wantedWorkshop = url.searchParams.get("workshop");
  const wantedTheme = Number(url.searchParams.get("theme"));
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    reflections: mine.map(view),
    workshops,
    start: {
      workshopId: wantedWorkshop && workshops.some((w) => w.id === wantedWorkshop) ? wantedWorkshop : "",
      theme: isCardNumber(wantedTheme) ? String(wantedTheme) : "",
    },
  };
}

/** What members shared with the group, with who wrote each. */
export async function loadSharedReflections(access: LocalityAccess) {
  const shared = await listSharedReflections(await getDb(), access.locality.id);
  return {
    locality: { id: access.locality.id, name: access.locality.name },
    reflections: shared.map((r) => ({ ...view(r), author: r.author.name })),
  };
}

/** One of my reflections to edit (404 for anyone else's). */
export async function loadOwnReflection(access: LocalityAccess, rawId: string | undefined) {
  const id = idParam.safeParse(rawId);
  if (!id.success) throw notFound();
  const found = await findOwnReflection(await getDb(), access.locality.id, access.user.id, id.data);
  if (!found) throw notFound();
  return { locality: { id: access.locality.id, name: access.locality.name }, reflection: view(found), workshops: await sessionChoices(access.locality.id) };
}

/** The form checked, and its session checked to be this locality's: a conform reply to show, or the values to store. */
async function checkReflection(
  access: LocalityAccess,
  form: FormData,
): Promise<{ reply: SubmissionResult<string[]> } | { values: { body: string; workshopId: string | null; theme: number | null } }> {
  const submission = parseWithZod(form, { schema: reflectionInput });
  if (submission.status !== "success") return { reply: submission.reply() };
  const value: ReflectionInput = submission.value;
  if (value.workshopId && !(await isWorkshopOf(await getDb(), access.locality.id, value.workshopId))) {
    return { reply: submission.reply({ fieldErrors: { workshopId: ["servant.reflections.errors.workshop"] } }) };
  }
  return { values: { body: value.body, workshopId: value.workshopId ?? null, theme: value.theme ?? null } };
}

export type ReflectionsAction = { done: "created" | "shared" | "unshared" | "deleted" } | { reply: SubmissionResult<string[]> };

const changeInput = z.object({ intent: z.enum(["share", "unshare", "delete"]), reflectionId: idParam });

/** The list page's forms: write a new reflection (once per form load), or share, unshare or delete one of mine. */
export async function actOnReflections(access: LocalityAccess, request: Request, form: FormData): Promise<ReflectionsAction> {
  const db = await getDb();
  const intent = form.get("intent");
  if (intent === "write") {
    const checked = await checkReflection(access, form);
    if ("reply" in checked) return { reply: checked.reply };
    await oncePerFormLoad(db, formLoadOf(request, form, access.user.id), async () => {
      const created = await createReflection(db, { localityId: access.locality.id, authorId: access.user.id, ...checked.values });
      return { kept: true, value: created.id };
    });
    return { done: "created" };
  }
  const parsed = changeInput.safeParse({ intent, reflectionId: form.get("reflectionId") });
  if (!parsed.success) throw badRequest();
  const target = { localityId: access.locality.id, authorId: access.user.id, reflectionId: parsed.data.reflectionId };
  if (parsed.data.intent === "delete") {
    if (!(await deleteReflection(db, target))) throw notFound();
    return { done: "deleted" };
  }
  const shared = parsed.data.intent === "share";
  if ((await setReflectionShared(db, { ...target, shared })) === "notFound") throw notFound();
  return { done: shared ? "shared" : "unshared" };
}

/** The edit page's form: the text, session and card of one of my reflections (404 for anyone else's). */
export async function editReflection(access: LocalityAccess, rawId: string | undefined, form: FormData) {
  const id = idParam.safeParse(rawId);
  if (!id.success) throw notFound();
  const db = await getDb();
  if (!(await findOwnReflection(db, access.locality.id, access.user.id, id.data))) throw notFound();
  const checked = await checkReflection(access, form);
  if ("reply" in checked) return { reply: checked.reply };
  if (!(await updateReflection(db, { localityId: access.locality.id, authorId: access.user.id, reflectionId: id.data, ...checked.values }))) throw notFound();
  return { done: "updated" as const };
}
