import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useEditorState, type Editor } from "@tiptap/react";
import { hrefFromInput } from "~/collab/rich-text";

type Button = {
  key: string;
  label: string;
  /** Shortcut for aria-keyshortcuts (ARIA syntax) and the list shown to people. */
  keys?: string;
  shown?: string;
  pressed?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  run: () => void;
};

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The formatting toolbar: real buttons with aria-pressed, one tab stop (arrow keys move
 * between buttons, in reading order in both directions of text), shortcuts listed.
 */
export function Toolbar({
  editor,
  linkOpen,
  onLink,
  commentOpen,
  onComment,
}: {
  editor: Editor;
  linkOpen: boolean;
  onLink: () => void;
  commentOpen: boolean;
  onComment: () => void;
}) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
      hasSelection: !e.state.selection.empty,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const mod = isMac() ? "Meta" : "Control";
  const modShown = isMac() ? "⌘" : "Ctrl";
  const chain = () => editor.chain().focus();
  const buttons: Button[] = [
    {
      key: "h2",
      label: t("document.toolbar.heading"),
      keys: `${mod}+Alt+2`,
      shown: `${modShown}+Alt+2`,
      pressed: state.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
    },
    {
      key: "h3",
      label: t("document.toolbar.subheading"),
      keys: `${mod}+Alt+3`,
      shown: `${modShown}+Alt+3`,
      pressed: state.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
    },
    { key: "bold", label: t("document.toolbar.bold"), keys: `${mod}+B`, shown: `${modShown}+B`, pressed: state.bold, run: () => chain().toggleBold().run() },
    {
      key: "italic",
      label: t("document.toolbar.italic"),
      keys: `${mod}+I`,
      shown: `${modShown}+I`,
      pressed: state.italic,
      run: () => chain().toggleItalic().run(),
    },
    {
      key: "bulletList",
      label: t("document.toolbar.bulletList"),
      keys: `${mod}+Shift+8`,
      shown: `${modShown}+Shift+8`,
      pressed: state.bulletList,
      run: () => chain().toggleBulletList().run(),
    },
    {
      key: "orderedList",
      label: t("document.toolbar.orderedList"),
      keys: `${mod}+Shift+7`,
      shown: `${modShown}+Shift+7`,
      pressed: state.orderedList,
      run: () => chain().toggleOrderedList().run(),
    },
    {
      key: "blockquote",
      label: t("document.toolbar.quote"),
      keys: `${mod}+Shift+B`,
      shown: `${modShown}+Shift+B`,
      pressed: state.blockquote,
      run: () => chain().toggleBlockquote().run(),
    },
    { key: "link", label: t("document.toolbar.link"), keys: `${mod}+K`, shown: `${modShown}+K`, expanded: linkOpen, pressed: undefined, run: onLink },
    {
      key: "comment",
      label: t("document.toolbar.comment"),
      keys: `${mod}+Alt+M`,
      shown: `${modShown}+Alt+M`,
      expanded: commentOpen,
      disabled: !state.hasSelection && !commentOpen,
      run: onComment,
    },
    { key: "undo", label: t("document.toolbar.undo"), keys: `${mod}+Z`, shown: `${modShown}+Z`, disabled: !state.canUndo, run: () => chain().undo().run() },
    {
      key: "redo",
      label: t("document.toolbar.redo"),
      keys: `${mod}+Shift+Z`,
      shown: `${modShown}+Shift+Z`,
      disabled: !state.canRedo,
      run: () => chain().redo().run(),
    },
  ];

  const [active, setActive] = useState(0);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rtl = getComputedStyle(event.currentTarget).direction === "rtl";
    const next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key as "ArrowRight" | "ArrowLeft"];
    let index: number | null = null;
    if (next) index = (active + next + buttons.length) % buttons.length;
    if (event.key === "Home") index = 0;
    if (event.key === "End") index = buttons.length - 1;
    if (index === null) return;
    event.preventDefault();
    setActive(index);
    refs.current[index]?.focus();
  };
  return (
    <div className="document-toolbar-wrap">
      <div role="toolbar" aria-label={t("document.toolbar.label")} aria-controls="document-editor" className="document-toolbar" onKeyDown={onKeyDown}>
        {buttons.map((b, i) => (
          <button
            key={b.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            className={`tool tool-${b.key}`}
            tabIndex={i === active ? 0 : -1}
            aria-pressed={b.pressed}
            aria-expanded={b.expanded}
            aria-keyshortcuts={b.keys}
            aria-disabled={b.disabled || undefined}
            data-tool={b.key}
            onFocus={() => setActive(i)}
            // Keep the editor's selection: do not move focus on mouse down.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              if (!b.disabled) b.run();
            }}
          >
            {b.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The keyboard shortcuts, listed for people (outside the sticky bar, to keep it small on phones). */
export function ShortcutList() {
  const { t } = useTranslation();
  const id = useId();
  const mod = isMac() ? "⌘" : "Ctrl";
  const rows: Array<[string, string]> = [
    [t("document.toolbar.heading"), `${mod}+Alt+2`],
    [t("document.toolbar.subheading"), `${mod}+Alt+3`],
    [t("document.toolbar.bold"), `${mod}+B`],
    [t("document.toolbar.italic"), `${mod}+I`],
    [t("document.toolbar.bulletList"), `${mod}+Shift+8`],
    [t("document.toolbar.orderedList"), `${mod}+Shift+7`],
    [t("document.toolbar.quote"), `${mod}+Shift+B`],
    [t("document.toolbar.link"), `${mod}+K`],
    [t("document.toolbar.comment"), `${mod}+Alt+M`],
    [t("document.toolbar.undo"), `${mod}+Z`],
    [t("document.toolbar.redo"), `${mod}+Shift+Z`],
  ];
  return (
    <details className="shortcuts">
      <summary>{t("document.toolbar.shortcuts")}</summary>
      <p id={id} className="hint">
        {t("document.toolbar.shortcutsIntro")}
      </p>
      <dl className="shortcut-list" aria-describedby={id}>
        {rows.map(([label, keys]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd dir="ltr">
              <kbd>{keys}</kbd>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The link field under the toolbar: only web and email addresses are accepted. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation();
  const current = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => input.current?.focus(), []);
  // Focus goes back to the text straight away (Tiptap's focus command waits a frame, and keys
  // pressed meanwhile would be lost when this field disappears).
  const done = () => {
    editor.view.focus();
    onClose();
  };
  const close = done;
  const apply = () => {
    if (!value.trim()) {
      editor.chain().extendMarkRange("link").unsetLink().run();
      done();
      return;
    }
    const href = hrefFromInput(value);
    if (!href) {
      setError(t("document.linkForm.invalid"));
      input.current?.focus();
      return;
    }
    if (editor.state.selection.empty && !editor.isActive("link")) {
      setError(t("document.linkForm.selectText"));
      return;
    }
    const ok = editor.chain().extendMarkRange("link").setLink({ href }).run();
    if (!ok) {
      setError(t("document.linkForm.invalid"));
      return;
    }
    done();
  };
  return (
    <div className="link-form">
      <label id={`${id}-label`} htmlFor={`${id}-input`}>
        {t("document.linkForm.label")}
      </label>
      <p id={`${id}-hint`} className="hint">
        {t("document.linkForm.hint")}
      </p>
      <input
        ref={input}
        id={`${id}-input`}
        type="url"
        inputMode="url"
        dir="ltr"
        value={value}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          } else if (e.key === "Escape") {
            e.preventDefault();
            close();
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="link-form-actions">
        <button type="button" className="button primary" onClick={apply}>
          {t("document.linkForm.apply")}
        </button>
        {current ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              editor.chain().extendMarkRange("link").unsetLink().run();
              done();
            }}
          >
            {t("document.linkForm.remove")}
          </button>
        ) : null}
        <button type="button" className="button" onClick={close}>
          {t("document.linkForm.cancel")}
        </button>
      </div>
    </div>
  );
}
