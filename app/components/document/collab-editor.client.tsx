/**
 * The shared document editor (browser only, its own chunk): Tiptap bound to the document's
 * Y.Doc (Collaboration), carets and presence from awareness (CollaborationCaret), an offline
 * copy in IndexedDB (unless `offlineCache` is false), and the save state of the collab connection.
 */
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import Placeholder from "@tiptap/extension-placeholder";
import { connectDocument, warnBeforeUnload, type CollabConnection, type CollabToken, fetchCollabToken } from "~/collab/connection";
import { RICH_TEXT_FIELD } from "~/collab/rich-text";
import { contentExtensions } from "./extensions";
import { LinkForm, ShortcutList, Toolbar } from "./toolbar";
import { PresenceList } from "./presence";
import { CommentForm, CommentsPanel } from "./comments";
import { colourFor, presenceColourIndex, safeColour, safeName } from "~/collab/presence";
import type { EditorStatus } from "./status";
import "~/components/ui/shared-chunk.client"; // a lazily loaded part joins the pages' shared chunk (see there)

export type CollabEditorProps = {
  localityId: string;
  docName: string;
  me: { id: string; name: string };
  /** What the person's role allows; the token's access can only narrow it. */
  canEdit: boolean;
  title: string;
  onStatus: (status: EditorStatus) => void;
  /** The save status, shown in the bar that stays on screen while writing. */
  statusSlot: ReactNode;
  onAccess?: (access: CollabToken["access"]) => void;
  /** Keep an offline copy in IndexedDB (default). Off for story text: it must not stay in a browser. */
  offlineCache?: boolean;
};

declare global {
  interface Window {
    /** Set when end-to-end tests ask for handles (window.__COPRODUCE_TEST_HANDLES__, entry.client). */
    __coproduceEditor?: Editor;
  }
}

/** Connects (retrying while offline), with the IndexedDB copy loaded into the same Y.Doc. */
function useConnection(localityId: string, docName: string, onStatus: (s: EditorStatus) => void, offlineCache = true) {
  const [connection, setConnection] = useState<CollabConnection | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reconnects for another document, not when the status callback changes identity
  useEffect(() => {
    let cancelled = false;
    let conn: CollabConnection | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const doc = new Y.Doc();
    let cache: IndexeddbPersistence | null = null;
    try {
      cache = offlineCache ? new IndexeddbPersistence(docName, doc) : null;
    } catch {
      cache = null; // no IndexedDB (some private modes): work without the offline copy
    }
    const attempt = async (n: number) => {
      try {
        const c = await connectDocument({ docName, doc, getToken: () => fetchCollabToken(localityId, docName) });
        if (cancelled) {
          c.destroy();
          return;
        }
        conn = c;
        setConnection(c);
      } catch {
        if (cancelled) return;
        onStatus(n > 0 ? "offline" : "connecting");
        retry = setTimeout(() => void attempt(n + 1), Math.min(1000 * 2 ** n, 15_000));
      }
    };
    void attempt(0);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      conn?.destroy();
      void cache?.destroy();
      doc.destroy();
      setConnection(null);
    };
    // onStatus is a state setter from the page; it does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [localityId, docName, offlineCache]);
  return connection;
}

export default function CollabEditor(props: CollabEditorProps) {
  const connection = useConnection(props.localityId, props.docName, props.onStatus, props.offlineCache);
  if (!connection) return <EditorLoading statusSlot={props.statusSlot} />;
  return <LiveEditor key={connection.doc.guid} connection={connection} {...props} />;
}

function EditorLoading({ statusSlot }: { statusSlot: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="document-toolbar-sticky">{statusSlot}</div>
      <div className="document-editor-frame">
        <p className="editor-loading">{t("document.loading")}</p>
      </div>
    </>
  );
}

function LiveEditor({ connection, me, canEdit, title, onStatus, onAccess, statusSlot }: CollabEditorProps & { connection: CollabConnection }) {
  const { t, i18n } = useTranslation();
  const [access, setAccess] = useState(connection.access);
  const [linkOpen, setLinkOpen] = useState(false);
  const [commentOpen, setCommentOpen] = useState(false);
  // Until the document's content is first rendered, typing would be overwritten: wait for it.
  const [ready, setReady] = useState(false);
  const editable = canEdit && access === "read-write";
  const user = useMemo(() => ({ name: safeName(me.name, "?"), color: colourFor(me.id), userId: me.id }), [me.id, me.name]);

  useEffect(() => {
    // A read-only copy has nothing of its own to save (the server refuses its changes, e.g.
    // a trailing paragraph the editor adds locally): show the connection, never "Saving…",
    // and do not warn when the tab closes.
    const report = (status: EditorStatus) => onStatus(editable || status !== "saving" ? status : "saved");
    report(connection.status);
    const offStatus = connection.onStatus(report);
    const offUnload = editable ? warnBeforeUnload(connection) : () => undefined;
    return () => {
      offStatus();
      offUnload();
    };
  }, [connection, onStatus, editable]);

  useEffect(() => {
    onAccess?.(connection.access);
    return connection.onAccessChange((a) => {
      setAccess(a);
      onAccess?.(a);
    });
  }, [connection, onAccess]);

  const editor = useEditor(
    {
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      // Tiptap's own base styles would arrive as an inline <style>, which the Content-Security-
      // Policy (style-src 'self') blocks: the same rules are in app/styles/document.css instead.
      injectCSS: false,
      editable: false,
      textDirection: "auto",
      extensions: [
        ...contentExtensions(),
        Placeholder.configure({ placeholder: t("document.placeholder") }),
        Collaboration.configure({ document: connection.doc, field: RICH_TEXT_FIELD, onFirstRender: () => setReady(true) }),
        CollaborationCaret.configure({
          provider: connection.provider,
          user,
          render: (u) => {
            const caret = document.createElement("span");
            caret.className = "collab-caret";
            caret.style.setProperty("--user-colour", safeColour(u.color));
            const label = document.createElement("span");
            label.className = "collab-caret-label";
            label.dir = "auto";
            label.textContent = safeName(u.name, "?");
            caret.append(label);
            return caret;
          },
          // A class per presence colour, not a style attribute: the policy blocks inline styles.
          selectionRender: (u) => ({ nodeName: "span", class: "collab-selection", "data-colour": String(presenceColourIndex(u.color)) }),
        }),
      ],
      editorProps: {
        attributes: {
          id: "document-editor",
          class: "document-prose",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("document.editorLabel", { title }),
          "aria-describedby": "save-status",
          spellcheck: "true",
        },
        handleKeyDown: (_view, event) => {
          if ((event.metaKey || event.ctrlKey) && !event.altKey && event.key.toLowerCase() === "k") {
            event.preventDefault();
            setCommentOpen(false);
            setLinkOpen(true);
            return true;
          }
          if ((event.metaKey || event.ctrlKey) && event.altKey && event.code === "KeyM") {
            event.preventDefault();
            setLinkOpen(false);
            setCommentOpen(true);
            return true;
          }
          return false;
        },
      },
    },
    [connection],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable && ready);
    editor.view.dom.setAttribute("aria-readonly", String(!editable));
  }, [editor, editable, ready]);

  useEffect(() => {
    if (!editor || typeof window === "undefined" || !window.__COPRODUCE_TEST_HANDLES__) return;
    window.__coproduceEditor = editor;
    return () => {
      if (window.__coproduceEditor === editor) delete window.__coproduceEditor;
    };
  }, [editor]);

  return (
    <div className="document-workspace-live">
      <div className="document-toolbar-sticky">
        <div className="document-bar">
          {editable && editor ? (
            <Toolbar
              editor={editor}
              linkOpen={linkOpen}
              onLink={() => {
                setCommentOpen(false);
                setLinkOpen((open) => !open);
              }}
              commentOpen={commentOpen}
              onComment={() => {
                setLinkOpen(false);
                setCommentOpen((open) => !open);
              }}
            />
          ) : null}
          {statusSlot}
        </div>
        {editable && editor && linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
        {editable && editor && commentOpen ? <CommentForm editor={editor} doc={connection.doc} me={me} onClose={() => setCommentOpen(false)} /> : null}
      </div>
      {!editable ? (
        <p className="read-only-note" id="read-only-note">
          {t("document.readOnly")}
        </p>
      ) : null}
      <div className="document-editor-frame" data-editable={editable} data-ready={ready && editor ? "true" : "false"}>
        {editor ? <EditorContent editor={editor} /> : <p className="editor-loading">{t("document.loading")}</p>}
      </div>
      <CommentsPanel editor={editor} doc={connection.doc} canComment={editable} locale={i18n.language} />
      <PresenceList awareness={connection.provider.awareness} myUserId={me.id} />
      {editable ? <ShortcutList /> : null}
    </div>
  );
}
