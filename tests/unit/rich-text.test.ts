import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import {
  RICH_TEXT_FIELD,
  beforeRestoreName,
  docFromState,
  headings,
  hrefFromInput,
  isSafeHref,
  plainText,
  readRichText,
  restoreRichText,
  richTextFragment,
} from "~/collab/rich-text";
import { contentExtensions } from "~/components/document/extensions";

const schema = getSchema(contentExtensions());

type Json = Record<string, unknown>;
const text = (t: string, marks?: Json[]): Json => (marks ? { type: "text", text: t, marks } : { type: "text", text: t });
const p = (...content: Json[]): Json => ({ type: "paragraph", content });
const h = (level: number, t: string): Json => ({ type: "heading", attrs: { level }, content: [text(t)] });
const list = (type: "bulletList" | "orderedList", ...items: string[]): Json => ({
  type,
  content: items.map((i) => ({ type: "listItem", content: [p(text(i))] })),
});

/** A Y.Doc holding this ProseMirror JSON in the shared document's field, as the editor stores it. */
function docWith(...content: Json[]): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: "doc", content }, richTextFragment(doc));
  return doc;
}

describe("rich-text document shape", () => {
  it("reads plain text and headings from what the editor stores", () => {
    const doc = docWith(
      h(2, "Purpose"),
      p(text("Parents "), text("feel", [{ type: "bold" }]), text(" welcome.")),
      list("bulletList", "Library", "Children's centre"),
      { type: "blockquote", content: [p(text("نحن نلتقي كل أسبوع"))] },
      h(3, "Next steps"),
      list("orderedList", "Ask the school"),
    );
    expect(plainText(doc)).toBe(
      ["Purpose", "Parents feel welcome.", "Library", "Children's centre", "نحن نلتقي كل أسبوع", "Next steps", "Ask the school"].join("\n"),
    );
    expect(headings(doc)).toEqual([
      { level: 2, text: "Purpose" },
      { level: 3, text: "Next steps" },
    ]);
    // The stored state round-trips through the same decoder.
    expect(plainText(docFromState(Y.encodeStateAsUpdate(doc)))).toBe(plainText(doc));
  });

  it("keeps marks and safe links, and drops unsafe hrefs that reached the document", () => {
    const doc = docWith(
      p(
        text("site", [{ type: "link", attrs: { href: "https://example.org/a?b=1" } }]),
        text(" and "),
        text("mail", [{ type: "link", attrs: { href: "mailto:hi@example.org" } }]),
      ),
    );
    // A hostile client can write any formatting attribute straight into Yjs.
    const fragment = richTextFragment(doc);
    const para = new Y.XmlElement("paragraph");
    const evil = new Y.XmlText();
    evil.insert(0, "click", { link: { href: "javascript:alert(1)" }, italic: {} });
    para.insert(0, [evil]);
    const script = new Y.XmlElement("script");
    const inner = new Y.XmlText();
    inner.insert(0, "alert(2)");
    script.insert(0, [inner]);
    fragment.insert(fragment.length, [para, script]);

    const tree = readRichText(doc);
    expect(tree[0]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "site", marks: [], href: "https://example.org/a?b=1" },
        { type: "text", text: " and ", marks: [], href: null },
        { type: "text", text: "mail", marks: [], href: "mailto:hi@example.org" },
      ],
    });
    expect(tree[1]).toEqual({ type: "paragraph", content: [{ type: "text", text: "click", marks: ["italic"], href: null }] });
    // Unknown elements keep their words as plain text, never their meaning.
    expect(tree[2]).toEqual({ type: "paragraph", content: [{ type: "text", text: "alert(2)", marks: [], href: null }] });
  });

  it("restores a version as an exact copy, as a new change on top of the live history", () => {
    const live = docWith(h(2, "Plan"), p(text("First draft "), text("bold", [{ type: "bold" }])), list("bulletList", "one", "two"));
    const versionState = Y.encodeStateAsUpdate(live);
    const versionTree = readRichText(live);

    // Work continues after the version was saved.
    const fragment = richTextFragment(live);
    fragment.delete(1, 1);
    const extra = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    t.insert(0, "Later text");
    extra.insert(0, [t]);
    fragment.insert(0, [extra]);
    expect(readRichText(live)).not.toEqual(versionTree);

    // A second editor, in sync before the restore.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    const before = Y.encodeStateVector(live);
    const updates: Uint8Array[] = [];
    live.on("update", (u: Uint8Array) => updates.push(u));

    expect(restoreRichText(live, versionState)).toBe(true);
    expect(readRichText(live)).toEqual(versionTree);
    expect(updates).toHaveLength(1); // one transaction

    // It is a new change: the state vector moved forward, and it applies to other replicas.
    const after = Y.decodeStateVector(Y.encodeStateVector(live));
    expect(after.get(live.clientID)! > (Y.decodeStateVector(before).get(live.clientID) ?? 0)).toBe(true);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live, Y.encodeStateVector(other)));
    expect(readRichText(other)).toEqual(versionTree);
  });

  it("restoring the same content twice and an empty version behave", () => {
    const live = docWith(p(text("x")));
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(restoreRichText(live, empty)).toBe(true);
    expect(plainText(live)).toBe("");
    expect(restoreRichText(live, empty)).toBe(false);
    expect(live.getXmlFragment(RICH_TEXT_FIELD).length).toBe(0);
  });

  it("names the automatic version within the limit", () => {
    const template = (name: string) => `Before restoring “${name}”`;
    expect(beforeRestoreName(template, "Draft 1", 80)).toBe("Before restoring “Draft 1”");
    const long = beforeRestoreName(template, "x".repeat(80), 80);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^Before restoring “x+…”$/);
  });
});

describe("link protocol filter", () => {
  it.each([
    "https://example.org",
    "http://example.org/path?q=1#x",
    "HTTPS://EXAMPLE.ORG",
    "mailto:parent@example.org",
    "  https://example.org  ",
    "https://مثال.إختبار/صفحة",
  ])("allows %s", (href) => expect(isSafeHref(href)).toBe(true));

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u0001javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://example.org/uuid",
    "ftp://example.org",
    "tel:+441234",
    "//evil.example/x",
    "/relative",
    "example.org",
    "https:alert(1)",
    "https:/\\evil.example",
    "mailto:",
    "https://exa\u202emple.org",
    "",
    42,
    null,
  ])("refuses %j", (href) => expect(isSafeHref(href)).toBe(false));

  it("turns what people type into a safe href or refuses it", () => {
    expect(hrefFromInput("example.org/a")).toBe("https://example.org/a");
    expect(hrefFromInput("www.nhs.uk")).toBe("https://www.nhs.uk");
    expect(hrefFromInput("parent@example.org")).toBe("mailto:parent@example.org");
    expect(hrefFromInput("https://example.org")).toBe("https://example.org");
    expect(hrefFromInput("javascript:alert(1)")).toBeNull();
    expect(hrefFromInput("data:text/html,x")).toBeNull();
    expect(hrefFromInput("hello")).toBeNull();
    expect(hrefFromInput("   ")).toBeNull();
  });

  it("the editor's schema refuses unsafe links when HTML is parsed (paste) and rendered", () => {
    const link = schema.marks.link!;
    const spec = link.spec;
    const parse = spec.parseDOM![0]!;
    const fakeAnchor = (href: string) => ({ getAttribute: (n: string) => (n === "href" ? href : null) }) as unknown as HTMLElement;
    const getAttrs = parse.getAttrs as (dom: HTMLElement) => false | null | object;
    expect(getAttrs(fakeAnchor("javascript:alert(1)"))).toBe(false);
    expect(getAttrs(fakeAnchor("data:text/html,x"))).toBe(false);
    expect(getAttrs(fakeAnchor("https://example.org"))).not.toBe(false);
    const rendered = spec.toDOM!(link.create({ href: "javascript:alert(1)" }), true) as unknown as [string, Record<string, string>];
    expect(rendered[1].href).toBe("");
    const good = spec.toDOM!(link.create({ href: "mailto:a@example.org" }), true) as unknown as [string, Record<string, string>];
    expect(good[1].href).toBe("mailto:a@example.org");
  });
});

describe("comments", () => {
  it("are stored beside the body, anchored by a mark, read defensively, and resolvable", async () => {
    const { addComment, commentAnchors, commentsOf, listComments, setCommentResolved } = await import("~/collab/rich-text");
    const doc = docWith(p(text("Parents "), text("feel welcome", [{ type: "comment", attrs: { commentId: "c1" } }]), text(".")));
    addComment(doc, { id: "c1", text: "  Is this what we heard?  ", authorId: "u1", authorName: "Layla", now: 2 });
    addComment(doc, { id: "c0", text: "Earlier", authorId: null, authorName: null, now: 1 });
    expect(() => addComment(doc, { id: "bad id!", text: "x", authorId: null, authorName: null })).toThrow();
    expect(() => addComment(doc, { id: "c2", text: "   ", authorId: null, authorName: null })).toThrow();
    // A hostile client writes junk into the map.
    commentsOf(doc).set("junk", "not a map" as never);
    const odd = new Y.Map<unknown>();
    odd.set("text", 42);
    odd.set("createdAt", "yesterday");
    commentsOf(doc).set("odd", odd);

    expect(listComments(doc).map((c) => [c.id, c.text, c.resolved])).toEqual([
      ["odd", "", false],
      ["c0", "Earlier", false],
      ["c1", "Is this what we heard?", false],
    ]);
    expect(commentAnchors(doc).get("c1")).toBe("feel welcome");
    // The anchor mark does not change the text a reader sees.
    expect(plainText(doc)).toBe("Parents feel welcome.");
    expect(setCommentResolved(doc, "c1", true)).toBe(true);
    expect(setCommentResolved(doc, "missing", true)).toBe(false);
    expect(listComments(doc).find((c) => c.id === "c1")?.resolved).toBe(true);
  });

  it("pasted HTML can never create a comment anchor", () => {
    const mark = schema.marks.comment!;
    expect(mark.spec.parseDOM ?? []).toEqual([]);
    const rendered = mark.spec.toDOM!(mark.create({ commentId: '"><script>' }), true) as unknown as [string, Record<string, string>];
    expect(rendered[1]["data-comment-id"]).toBeUndefined();
  });
});
