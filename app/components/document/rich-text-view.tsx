import type { ReactNode } from "react";
import type { RichBlock, RichInline } from "~/collab/rich-text";

/**
 * A stored document rendered read-only, by React from the typed tree (text is escaped by
 * React; links were already limited to http, https and mailto by the decoder).
 */
export function RichTextView({ blocks, label, empty }: { blocks: RichBlock[]; label: string; empty: string }) {
  return (
    <article className="document-prose document-version-view" aria-label={label}>
      {blocks.length ? blocks.map((b, i) => <Block key={i} block={b} />) : <p className="muted">{empty}</p>}
    </article>
  );
}

function Block({ block }: { block: RichBlock }): ReactNode {
  switch (block.type) {
    case "paragraph":
      return (
        <p dir="auto">
          <Inline content={block.content} />
        </p>
      );
    case "heading":
      return block.level === 2 ? (
        <h2 dir="auto">
          <Inline content={block.content} />
        </h2>
      ) : (
        <h3 dir="auto">
          <Inline content={block.content} />
        </h3>
      );
    case "blockquote":
      return (
        <blockquote dir="auto">
          {block.content.map((b, i) => (
            <Block key={i} block={b} />
          ))}
        </blockquote>
      );
    case "bulletList":
    case "orderedList": {
      const items = block.items.map((item, i) => (
        <li key={i} dir="auto">
          {item.map((b, j) => (
            <Block key={j} block={b} />
          ))}
        </li>
      ));
      return block.type === "bulletList" ? <ul dir="auto">{items}</ul> : <ol dir="auto">{items}</ol>;
    }
    case "codeBlock":
      return (
        <pre dir="auto">
          <code>{block.text}</code>
        </pre>
      );
    case "horizontalRule":
      return <hr />;
  }
}

function Inline({ content }: { content: RichInline[] }) {
  return (
    <>
      {content.map((c, i) => {
        if (c.type === "hardBreak") return <br key={i} />;
        let node: ReactNode = c.text;
        for (const mark of c.marks) {
          if (mark === "bold") node = <strong>{node}</strong>;
          else if (mark === "italic") node = <em>{node}</em>;
          else if (mark === "strike") node = <s>{node}</s>;
          else if (mark === "code") node = <code>{node}</code>;
          else if (mark === "underline") node = <u>{node}</u>;
        }
        if (c.href)
          node = (
            <a href={c.href} target="_blank" rel="noopener noreferrer nofollow ugc">
              {node}
            </a>
          );
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}
