/**
 * Creations happen once per form load. Every form carries a key made when its page was rendered
 * (the hidden `_form` field, app/components/ui/csrf-field.tsx); a double tap, a browser retry or
 * three parallel copies of one submission create one thing, and each copy gets the first one's
 * result — so whichever response the browser shows (it shows the last) is right.
 *
 * The first request claims the key (a row with a unique id) before it creates; the others wait
 * for its result. A creation that fails or is refused gives the key back, so the person can
 * correct the form and send it again.
 */
import crypto from "node:crypto";
import type { Db } from "./db.server";
import { isUniqueViolation } from "./unique-violation.server";

/** How long a key is remembered; older rows are removed as new ones come. */
const KEEP_MS = 24 * 3_600_000;
const WAIT_MS = 15_000;
const POLL_MS = 40;
const FORM_KEY = /^[A-Za-z0-9_.:-]{8,120}$/;

export type FormLoad = {
  /** The form's `_form` field; without one (a hand-made client), nothing is remembered. */
  key: FormDataEntryValue | null;
  /** Who submits (a user id, or for an account being created, the invitation). */
  who: string;
  /** The path the form posts to. */
  path: string;
};

/** What a creation returns: `kept` results are given to repeats; others give the key back. */
export type Once<T> = { kept: boolean; value: T };

function rowId(load: FormLoad, key: string): string {
  return crypto.createHash("sha256").update(`${load.who}\u0000${load.path}\u0000${key}`).digest("hex");
}

async function waitForResult<T>(db: Db, id: string): Promise<{ value: T } | "gone"> {
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    const row = await db.formSubmission.findUnique({ where: { id } });
    if (!row) return "gone";
    if (row.result !== null) return { value: JSON.parse(row.result) as T };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error("an earlier submission of this form is still running");
}

/**
 * Runs `create` once for this form load and returns its value; a repeat of the same load returns
 * the first value (JSON round-tripped) without creating again.
 */
export async function oncePerFormLoad<T>(db: Db, load: FormLoad, create: () => Promise<Once<T>>): Promise<T> {
  const key = typeof load.key === "string" && FORM_KEY.test(load.key) ? load.key : null;
  if (!key) return (await create()).value;
  const id = rowId(load, key);
  for (;;) {
    try {
      await db.formSubmission.create({ data: { id } });
      break;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const earlier = await waitForResult<T>(db, id);
      if (earlier !== "gone") return earlier.value;
      // The earlier one gave the key back (it failed): try to claim it again.
    }
  }
  let outcome: Once<T>;
  try {
    outcome = await create();
  } catch (error) {
    await db.formSubmission.deleteMany({ where: { id } });
    throw error;
  }
  if (outcome.kept) {
    await db.formSubmission.update({ where: { id }, data: { result: JSON.stringify(outcome.value) ?? "null" } });
    await db.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  } else {
    await db.formSubmission.deleteMany({ where: { id } });
  }
  return outcome.value;
}

/** A creation whose every outcome may be given to repeats. */
export const kept = <T>(value: T): Once<T> => ({ kept: true, value });

/** The form load of a submitted form: its `_form` key, the person and the path it was posted to. */
export function formLoadOf(request: Request, form: FormData, who: string): FormLoad {
  return { key: form.get("_form"), who, path: new URL(request.url).pathname };
}
