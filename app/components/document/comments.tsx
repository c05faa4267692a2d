import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import type { Editor } from "@tiptap/react";
import { addComment, commentAnchors, listComments, setCommentResolved, type DocumentComment } from "~/collab/rich-text";
import { dateFormatter } from "~/i18n/dates";
import { CONTENT_LIMITS } from "~/collab/limits";
import { isFormerMember } from "~/domain/data-rights";

function newId(): string {
  return crypto
    .randomUUID()
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 24);
}

/** The text ranges a comment's mark covers in the editor, in document order. */
function rangesOf(editor: Editor, commentId: string): Array<{ from: number; to: number }> {
  const ranges: Array<{ from: number; to: number }> = [];
  editor.state.doc.descendants((node, pos) => {
    if (!node.isText) return;
    if (node.marks.some((m) => m.type.name === "comment" && m.attrs.commentId === commentId)) {
      const last = ranges[ranges.length - 1];
      if (last && last.to === pos) last.to = pos + node.nodeSize;
      else ranges.push({ from: pos, to: pos + node.nodeSize });
    }
  });
  return ranges;
}

/** The form under the toolbar: a comment on the selected text. */
export function CommentForm({ editor, doc, me, onClose }: { editor: Editor; doc: Y.Doc; me: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const done = () => {
    editor.view.focus();
    onClose();
  };
  const submit = () => {
    if (editor.state.selection.empty) {
      setError(t("document.comments.selectText"));
      return;
    }
    if (!text.trim()) {
      setError(t("document.comments.required"));
      field.current?.focus();
      return;
    }
    const commentId = newId();
    addComment(doc, { id: commentId, text, authorId: me.id, authorName: me.name });
    editor.chain().setMark("comment", { commentId }).run();
    done();
  };
  return (
    <div className="comment-form link-form">
      <label htmlFor={`${id}-text`}>{t("document.comments.label")}</label>
      <textarea
        ref={field}
        id={`${id}-text`}
        dir="auto"
        rows={3}
        maxLength={CONTENT_LIMITS.commentText}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.preventDefault();
            done();
          } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="link-form-actions">
        <button type="button" className="button primary" onClick={submit}>
          {t("document.comments.submit")}
        </button>
        <button type="button" className="button" onClick={done}>
          {t("document.linkForm.cancel")}
        </button>
      </div>
    </div>
  );
}

/** Comments on the document: open ones with the text they are about, then resolved ones. */
export function CommentsPanel({ editor, doc, canComment, locale }: { editor: Editor | null; doc: Y.Doc; canComment: boolean; locale: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ comments: DocumentComment[]; anchors: Map<string, string> }>(() => ({
    comments: listComments(doc),
    anchors: commentAnchors(doc),
  }));
  useEffect(() => {
    const update = () => setState({ comments: listComments(doc), anchors: commentAnchors(doc) });
    update();
    doc.on("afterTransaction", update);
    return () => doc.off("afterTransaction", update);
  }, [doc]);
  const dateFormat = dateFormatter(locale, { dateStyle: "medium", timeStyle: "short" });
  const open = state.comments.filter((c) => !c.resolved);
  const resolved = state.comments.filter((c) => c.resolved);

  const show = (c: DocumentComment) => {
    if (!editor) return;
    const [first] = rangesOf(editor, c.id);
    if (!first) return;
    editor.chain().setTextSelection(first).scrollIntoView().run();
    editor.view.focus();
  };
  const resolve = (c: DocumentComment, value: boolean) => {
    if (!editor) return;
    doc.transact(() => {
      setCommentResolved(doc, c.id, value);
    });
    if (value) {
      // Drop the anchor (keep the comment): the text is no longer highlighted.
      const { from, to } = editor.state.selection;
      const chain = editor.chain();
      for (const range of rangesOf(editor, c.id)) {
        chain.setTextSelection(range).unsetMark("comment");
      }
      chain.setTextSelection({ from, to }).run();
    }
  };
  const item = (c: DocumentComment) => {
    const quote = state.anchors.get(c.id);
    return (
      <li key={c.id} className="comment" data-comment={c.id}>
        {quote ? (
          <p className="comment-quote">
            <span className="visually-hidden">{t("document.comments.on")} </span>
            <q dir="auto">{quote.length > 140 ? `${quote.slice(0, 140)}…` : quote}</q>
          </p>
        ) : null}
        <p className="comment-text" dir="auto">
          {c.text}
        </p>
        <p className="comment-meta muted">
          <span dir="auto">{isFormerMember(c.authorName) ? t("formerMember") : (c.authorName ?? "?")}</span>
          {" · "}
          <time dateTime={new Date(c.createdAt).toISOString()}>{dateFormat.format(new Date(c.createdAt))}</time>
        </p>
        <p className="comment-actions">
          {quote && !c.resolved ? (
            <button type="button" className="button-link" onClick={() => show(c)} aria-label={t("document.comments.showNamed", { text: c.text.slice(0, 60) })}>
              {t("document.comments.show")}
            </button>
          ) : null}
          {canComment ? (
            <button
              type="button"
              className="button-link"
              onClick={() => resolve(c, !c.resolved)}
              aria-label={t(c.resolved ? "document.comments.reopenNamed" : "document.comments.resolveNamed", { text: c.text.slice(0, 60) })}
            >
              {c.resolved ? t("document.comments.reopen") : t("document.comments.resolve")}
            </button>
          ) : null}
        </p>
      </li>
    );
  };
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title" className="presence-title">
        {t("document.comments.title")}
      </h2>
      {open.length ? (
        <ul className="comment-list">{open.map(item)}</ul>
      ) : (
        <p className="hint">{canComment ? t("document.comments.noneHint") : t("document.comments.none")}</p>
      )}
      {resolved.length ? (
        <details className="comments-resolved">
          <summary>{t("document.comments.resolvedCount", { number: resolved.length })}</summary>
          <ul className="comment-list">{resolved.map(item)}</ul>
        </details>
      ) : null}
    </section>
  );
}
