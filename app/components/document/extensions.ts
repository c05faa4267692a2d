/**
 * The shared document editor's content model: which Tiptap extensions make up its schema.
 * Imported by the browser editor and by the tests (so they check the real schema). The
 * Collaboration and CollaborationCaret extensions are added by the editor, which owns the
 * Y.Doc and the provider.
 */
import StarterKit from "@tiptap/starter-kit";
import { Mark, mergeAttributes, type AnyExtension } from "@tiptap/core";
import { HEADING_LEVELS, isSafeHref } from "~/collab/rich-text";

/**
 * The anchor of a comment: a mark {commentId} on the text the comment is about. It is only
 * created by the comment form (never parsed from pasted HTML), and renders as a highlighted
 * span that names its comment.
 */
export const CommentMark = Mark.create({
  name: "comment",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return {
      commentId: {
        default: null,
        parseHTML: () => null,
        renderHTML: (attrs: { commentId?: unknown }) =>
          typeof attrs.commentId === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(attrs.commentId) ? { "data-comment-id": attrs.commentId } : {},
      },
    };
  },
  parseHTML() {
    return [];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "comment-anchor" }, HTMLAttributes), 0];
  },
});

export function contentExtensions(): AnyExtension[] {
  return [
    CommentMark,
    StarterKit.configure({
      // Collaboration brings its own undo/redo, limited to this person's changes.
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: {
        // Only http, https and mailto — when typed, pasted (as text or HTML), set from the
        // toolbar, and again when rendered (a hostile client may store anything in Yjs).
        protocols: [],
        isAllowedUri: (url) => isSafeHref(url),
        shouldAutoLink: (url) => isSafeHref(url),
        autolink: true,
        linkOnPaste: true,
        openOnClick: false,
        defaultProtocol: "https",
        HTMLAttributes: { target: "_blank", rel: "noopener noreferrer nofollow ugc", class: null },
      },
    }),
  ];
}
