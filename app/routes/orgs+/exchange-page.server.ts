/**
 * The exchange's pages on the server: the list (search by text, filter by kind and locality), one
 * share's page (its live recipe, the quotes its storytellers' consent lets travel, comments, where
 * it has travelled) and its forms — comment, remove a comment, "try it here". A withdrawn share is
 * "no longer shared" (410) to everyone but its own locality's facilitators and the organisation's.
 */
import type { AppLoadContext } from "@remix-run/node";
import { mayIn, mayOpen, type ExchangeAccess } from "~/auth/exchange-access.server";
import { getDb } from "~/data/db.server";
import {
  addShareComment,
  findShare,
  findShareComment,
  listActiveShares,
  listShareComments,
  localityNames,
  removeShareComment,
  tryShareHere,
  type ShareRow,
} from "~/data/exchange.server";
import { formLoadOf, oncePerFormLoad } from "~/data/form-submissions.server";
import {
  asSharePageIntent,
  commentInput,
  draftFromRecipe,
  listFilters,
  matchesQuery,
  mayRemoveComment,
  removeCommentInput,
  tryInput,
  type ExchangeKind,
} from "~/domain/exchange";
import { isConfidence } from "~/domain/insights";
import { asPrototypeStatus } from "~/domain/prototype-records";
import { badRequest, forbidden, notFound } from "~/http/http-errors.server";
import { readForm } from "~/http/read-form.server";
import { translator } from "~/i18n/translate";
import { readExchangeRecipe } from "~/use-cases/read-exchange-recipe.server";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const exchangePath = (slug: string, shareId?: string) => `/orgs/${slug}/exchange${shareId ? `/${shareId}` : ""}`;

/** The list: every share still shared, found by words, kind and locality. */
export async function loadExchangeList(access: ExchangeAccess, url: URL) {
  const filters = listFilters(url);
  const rows = await listActiveShares(await getDb(), access.organisation.id);
  const items = rows
    .map((r) => {
      const kind = (r.kind === "insight" ? "insight" : "prototype") as ExchangeKind;
      const title = r.prototype?.title ?? r.insight?.statement ?? "";
      const lead = r.prototype ? r.prototype.summary : (r.insight?.questions[0]?.text ?? "");
      return {
        id: r.id,
        kind,
        title,
        lead,
        note: r.note,
        locality: r.locality,
        sharedAt: r.sharedAt.toISOString(),
        status: r.prototype ? asPrototypeStatus(r.prototype.status) : null,
        confidence: r.insight && isConfidence(r.insight.confidence) ? r.insight.confidence : null,
        comments: r._count.comments,
        copies: r._count.copies,
        search: [title, lead, r.note, r.locality.name, r.prototype?.forWhom ?? "", ...(r.insight?.questions.map((q) => q.text) ?? [])],
      };
    })
    .filter(
      (i) => (!filters.kind || i.kind === filters.kind) && (!filters.localityId || i.locality.id === filters.localityId) && matchesQuery(i.search, filters.q),
    )
    .map(({ search: _search, ...item }) => item);
  return {
    organisation: access.organisation,
    orgFacilitator: access.orgFacilitator,
    filters,
    localities: access.localities.map((l) => ({ id: l.id, name: l.name })),
    total: rows.length,
    items,
  };
}

async function requireShare(access: ExchangeAccess, rawId: string | undefined): Promise<ShareRow> {
  if (!rawId || !ID.test(rawId)) throw notFound();
  const share = await findShare(await getDb(), access.organisation.id, rawId);
  if (!share) throw notFound();
  return share;
}

/** Whether this person sees a withdrawn share whole: its own locality's facilitators and the organisation's. */
const seesWithdrawn = (access: ExchangeAccess, share: ShareRow) => access.orgFacilitator || mayIn(access, share.localityId, "exchange.share");

/** One share's page; `gone` when it was withdrawn and this person is not of its locality's facilitators. */
export async function loadSharePage(access: ExchangeAccess, rawId: string | undefined, locale: string) {
  const db = await getDb();
  const share = await requireShare(access, rawId);
  const base = { organisation: access.organisation, shareId: share.id, locality: share.locality, kind: share.kind as ExchangeKind };
  if (share.revokedAt && !seesWithdrawn(access, share)) return { ...base, gone: true as const, revokedAt: share.revokedAt.toISOString() };
  const recipe = await readExchangeRecipe(db, share, locale);
  if (!recipe) throw notFound();
  const comments = await listShareComments(db, share.id);
  const names = await localityNames(
    db,
    comments.map((c) => c.localityId).filter((id): id is string => id !== null),
  );
  const active = !share.revokedAt;
  const originPath =
    share.kind === "prototype" && share.prototypeId
      ? `/l/${share.localityId}/prototypes/${share.prototypeId}`
      : share.insightId
        ? `/l/${share.localityId}/insights/${share.insightId}`
        : null;
  const tried = new Map(share.copies.map((c) => [c.locality.id, c.prototype?.id ?? null]));
  return {
    ...base,
    gone: false as const,
    note: share.note,
    sharedAt: share.sharedAt.toISOString(),
    revokedAt: share.revokedAt?.toISOString() ?? null,
    origin: originPath && mayOpen(access, share.localityId) ? originPath : null,
    recipe,
    comments: comments.map((c) => ({
      id: c.id,
      body: c.removedAt ? "" : c.body,
      removed: c.removedAt !== null,
      author: c.author?.name ?? null,
      locality: c.localityId ? (names.get(c.localityId) ?? null) : null,
      createdAt: c.createdAt.toISOString(),
      mayRemove: mayRemoveComment(c, access.user.id, access.may.moderate),
    })),
    travelled: share.copies.map((c) => ({
      id: c.id,
      locality: c.locality.name,
      title: c.prototype?.title ?? null,
      status: c.prototype ? asPrototypeStatus(c.prototype.status) : null,
      createdAt: c.createdAt.toISOString(),
      href: c.prototype && mayOpen(access, c.locality.id) ? `/l/${c.locality.id}/prototypes/${c.prototype.id}` : null,
    })),
    tryHere: active
      ? access.localities
          .filter((l) => l.id !== share.localityId && mayIn(access, l.id, "exchange.try"))
          .map((l) => ({ id: l.id, name: l.name, draftId: tried.get(l.id) ?? null }))
      : [],
    may: { comment: active && access.may.comment, try: active && access.may.try },
  };
}

export type SharePageReply = { intent: "comment" | "try" | "remove-comment"; errors: string[]; values: Record<string, string> };
export type SharePageOutcome = { kind: "done"; location: string } | ({ kind: "refused"; status: 400 | 410 } & SharePageReply);

/** The share page's forms: intent=comment|remove-comment|try. */
export async function runSharePageAction(
  request: Request,
  context: AppLoadContext,
  access: ExchangeAccess,
  rawId: string | undefined,
  locale: string,
): Promise<SharePageOutcome> {
  const form = await readForm(request, context);
  const intent = asSharePageIntent(form.get("intent"));
  if (!intent) throw badRequest();
  const share = await requireShare(access, rawId);
  // A comment or "try it here" on a withdrawn share (a form opened before) is told so, whoever sends it.
  if (share.revokedAt && intent === "remove-comment" && !seesWithdrawn(access, share)) throw notFound();
  const db = await getDb();
  const here = exchangePath(access.organisation.slug, share.id);
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v.slice(0, 20_000) : "";
  };
  const refuse = (errors: string[], values: Record<string, string>, status: 400 | 410 = 400): SharePageOutcome => ({
    kind: "refused",
    status,
    intent,
    errors,
    values,
  });
  const withdrawn = (values: Record<string, string>) => refuse(["exchange.errors.withdrawn"], values, 410);

  if (intent === "comment") {
    if (!access.may.comment) throw forbidden();
    const values = { body: text("body") };
    const parsed = commentInput.safeParse(values);
    if (!parsed.success) return refuse([parsed.error.issues[0]?.message ?? "exchange.errors.commentEmpty"], values);
    if (share.revokedAt) return withdrawn(values);
    const from = access.orgFacilitator ? null : (access.localities.find((l) => mayIn(access, l.id, "exchange.comment"))?.id ?? null);
    const outcome = await oncePerFormLoad(db, formLoadOf(request, form, access.user.id), async () => {
      const id = await addShareComment(db, { shareId: share.id, authorId: access.user.id, localityId: from, body: parsed.data.body });
      return { kept: id !== null, value: id };
    });
    if (!outcome) return withdrawn(values);
    return { kind: "done", location: `${here}?done=comment#comment-${outcome}` };
  }

  if (intent === "remove-comment") {
    const parsed = removeCommentInput.safeParse({ commentId: text("commentId") });
    if (!parsed.success) return refuse(["exchange.errors.commentGone"], {});
    const comment = await findShareComment(db, share.id, parsed.data.commentId);
    if (!comment) return refuse(["exchange.errors.commentGone"], {});
    if (comment.removedAt) return { kind: "done", location: `${here}?done=remove-comment#comments` };
    if (!mayRemoveComment(comment, access.user.id, access.may.moderate)) throw forbidden();
    await removeShareComment(db, { shareId: share.id, commentId: comment.id, actorId: access.user.id });
    return { kind: "done", location: `${here}?done=remove-comment#comments` };
  }

  // "Try it here".
  if (!access.may.try) throw forbidden();
  const values = { localityId: text("localityId") };
  const parsed = tryInput.safeParse(values);
  const target = parsed.success ? access.localities.find((l) => l.id === parsed.data.localityId) : undefined;
  if (!target || target.id === share.localityId || !mayIn(access, target.id, "exchange.try")) return refuse(["exchange.errors.chooseLocality"], values);
  if (share.revokedAt) return withdrawn(values);
  const recipe = await readExchangeRecipe(db, share, locale);
  if (!recipe) throw notFound();
  const t = translator(locale);
  const draft = draftFromRecipe(recipe, t("exchange.try.triedFrom", { locality: share.locality.name, link: here }));
  const outcome = await tryShareHere(db, { shareId: share.id, localityId: target.id, actorId: access.user.id, draft });
  if (outcome === "withdrawn") return withdrawn(values);
  return { kind: "done", location: `/l/${target.id}/prototypes/${outcome.prototypeId}?exchange=${outcome.created ? "tried" : "again"}#exchange` };
}
