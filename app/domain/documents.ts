/**
 * Boards and shared documents as records: what they are for, and who may change them.
 * Their content lives in Yjs documents (see app/collab/); these rules decide access to it.
 */
import { z } from "zod";
import { LIMITS } from "./limits";
import { can, type LocalityRole } from "./access/policy";

export const BOARD_PURPOSES = ["exercise", "analysis", "ideas"] as const;
export type BoardPurpose = (typeof BOARD_PURPOSES)[number];

/** A shared document holds: a document of the group, the purpose (Stage 1), a story's text (Stage 2), a prototype's plan (Stage 4). */
export const SHARED_DOCUMENT_KINDS = ["document", "purpose", "story", "prototype-plan"] as const;
export type SharedDocumentKind = (typeof SHARED_DOCUMENT_KINDS)[number];

export const boardInput = z.object({
  title: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(LIMITS.boardTitle, "validation.tooLong"),
  purpose: z.enum(BOARD_PURPOSES).default("exercise"),
});

export const documentInput = z.object({
  title: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(LIMITS.documentTitle, "validation.tooLong"),
});

export const versionInput = z.object({
  name: z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(LIMITS.versionName, "validation.tooLong"),
});

export type DocumentAccess = "read-write" | "read-only";

/**
 * The access a role gets to a board: members edit unless it is locked; facilitators always
 * edit; viewers read.
 */
export function boardAccess(role: LocalityRole | null, board: { locked: boolean }): DocumentAccess | null {
  if (!can(role, "documents.view")) return null;
  if (can(role, "boards.facilitate")) return "read-write";
  return can(role, "documents.edit") && !board.locked ? "read-write" : "read-only";
}

/**
 * The access a role gets to a shared document. A story's text is the real, unredacted account
 * of a family's life: only those who may see it unredacted open it at all (everyone else reads
 * it redacted, rendered by the server).
 */
export function sharedDocumentAccess(role: LocalityRole | null, kind: SharedDocumentKind | string = "document"): DocumentAccess | null {
  if (kind === "story") return can(role, "stories.unredacted") && can(role, "stories.manage") ? "read-write" : null;
  if (!can(role, "documents.view")) return null;
  return can(role, "documents.edit") ? "read-write" : "read-only";
}
