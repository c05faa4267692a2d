// The common purpose's rules: where a person stands with the agreed version, who counts as an
// endorser of the current or an earlier version, the home page's excerpt, and the starter
// text written the way the editor stores it.
import * as Y from "yjs";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import { appendRichText, plainText, readRichText, richTextFragment } from "~/collab/rich-text";
import { contentExtensions } from "~/components/document/extensions";
import { agreeInput, endorsementFor, excerpt, purposeStarter, summariseEndorsements, summaryText, type EndorsementRow } from "~/domain/purpose";
import { DEMO_PURPOSE, demoPurposeDocument } from "../../prisma/demo/purpose";

const at = (iso: string) => new Date(iso);

describe("endorsementFor", () => {
  it("has nothing to endorse before a version is agreed", () => {
    expect(endorsementFor(null, [])).toEqual({ state: "nothing-agreed" });
    expect(endorsementFor(null, [{ versionId: "v1", createdAt: at("2026-03-01T10:00:00Z") }])).toEqual({ state: "nothing-agreed" });
  });

  it("is endorsed when one of the person's endorsements is of the agreed version", () => {
    const mine = [
      { versionId: "v1", createdAt: at("2026-03-01T10:00:00Z") },
      { versionId: "v2", createdAt: "2026-04-02T09:30:00.000Z" },
    ];
    expect(endorsementFor("v2", mine)).toEqual({ state: "endorsed", at: "2026-04-02T09:30:00.000Z" });
  });

  it("says the purpose changed when the person endorsed only earlier versions (the latest of them)", () => {
    const mine = [
      { versionId: "v1", createdAt: at("2026-03-01T10:00:00Z") },
      { versionId: "v2", createdAt: at("2026-04-02T09:30:00Z") },
    ];
    expect(endorsementFor("v3", mine)).toEqual({ state: "changed", earlierAt: "2026-04-02T09:30:00.000Z" });
  });

  it("is not endorsed when the person never endorsed", () => {
    expect(endorsementFor("v1", [])).toEqual({ state: "not-endorsed" });
  });
});

describe("summariseEndorsements", () => {
  const rows: EndorsementRow[] = [
    { userId: "karen", userName: "Karen", versionId: "v1", createdAt: at("2026-03-01T10:00:00Z") },
    { userId: "amira", userName: "Amira", versionId: "v1", createdAt: at("2026-03-01T11:00:00Z") },
    { userId: "darren", userName: "Darren", versionId: "v1", createdAt: at("2026-03-02T11:00:00Z") },
    { userId: "darren", userName: "Darren", versionId: "v0", createdAt: at("2026-02-02T11:00:00Z") },
    { userId: "amira", userName: "Amira", versionId: "v2", createdAt: at("2026-04-05T08:00:00Z") },
    { userId: "marcia", userName: "Marcia", versionId: "v2", createdAt: at("2026-04-04T08:00:00Z") },
  ];

  it("counts only the agreed version; earlier endorsers are listed once, with their latest earlier endorsement", () => {
    const { current, earlier } = summariseEndorsements("v2", rows);
    expect(current).toEqual([
      { userId: "marcia", name: "Marcia", at: "2026-04-04T08:00:00.000Z" },
      { userId: "amira", name: "Amira", at: "2026-04-05T08:00:00.000Z" },
    ]);
    expect(earlier).toEqual([
      { userId: "darren", name: "Darren", at: "2026-03-02T11:00:00.000Z", versionId: "v1" },
      { userId: "karen", name: "Karen", at: "2026-03-01T10:00:00.000Z", versionId: "v1" },
    ]);
  });

  it("the count starts again for a new version: nobody has endorsed it yet", () => {
    const { current, earlier } = summariseEndorsements("v3", rows);
    expect(current).toEqual([]);
    expect(earlier.map((e) => e.userId)).toEqual(["amira", "marcia", "darren", "karen"]);
  });

  it("with nothing agreed, every endorser is an earlier one", () => {
    const { current, earlier } = summariseEndorsements(null, rows);
    expect(current).toEqual([]);
    expect(earlier).toHaveLength(4);
  });
});

describe("the home page's excerpt", () => {
  it("keeps short texts whole, with whitespace collapsed", () => {
    expect(excerpt("  We listen.\n\nWe act  together. ")).toEqual({ text: "We listen. We act together.", truncated: false });
  });

  it("cuts long texts at a word boundary, within the limit, and marks the cut", () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    const { text, truncated } = excerpt(words, 300);
    expect(truncated).toBe(true);
    expect(text.length).toBeLessThanOrEqual(301);
    expect(text.endsWith("…")).toBe(true);
    expect(words.startsWith(text.slice(0, -1))).toBe(true);
    expect(words.charAt(text.length - 1)).toBe(" "); // the cut falls between two words
  });

  it("cuts a text without spaces at the limit", () => {
    expect(excerpt("x".repeat(400), 300).text).toBe(`${"x".repeat(300)}…`);
  });

  it("reads the words of a purpose without its headings", () => {
    const doc = new Y.Doc();
    appendRichText(doc, [
      { type: "heading", level: 2, text: "Our purpose" },
      { type: "paragraph", text: "Families know where to turn." },
      { type: "heading", level: 3, text: "Agreements" },
      { type: "bulletList", items: ["We listen.", "We speak plainly."] },
    ]);
    expect(summaryText(readRichText(doc))).toBe("Families know where to turn.\nWe listen.\nWe speak plainly.");
    expect(summaryText([])).toBe("");
  });
});

describe("forms", () => {
  it("requires a well-formed version id to agree", () => {
    expect(agreeInput.safeParse({ versionId: "cm123abc" }).success).toBe(true);
    const empty = agreeInput.safeParse({ versionId: "  " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe("validation.required");
    const odd = agreeInput.safeParse({ versionId: "../x" });
    expect(odd.error?.issues[0]?.message).toBe("purpose.errors.version");
    expect(agreeInput.safeParse({}).error?.issues[0]?.message).toBe("validation.required");
  });
});

describe("text written on the server, as the editor stores it", () => {
  const schema = getSchema(contentExtensions());
  const t = (key: string) => `«${key}»`;

  it("the starter text is stored exactly as the editor would store the same content", () => {
    const written = new Y.Doc();
    appendRichText(written, purposeStarter(t));
    const text = (s: string) => ({ type: "text", text: s });
    const p = (s: string) => ({ type: "paragraph", content: [text(s)] });
    const typed = new Y.Doc();
    prosemirrorJSONToYXmlFragment(
      schema,
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [text(t("purpose.starter.purposeHeading"))] },
          p(t("purpose.starter.purposePrompt")),
          { type: "heading", attrs: { level: 2 }, content: [text(t("purpose.starter.agreementsHeading"))] },
          {
            type: "bulletList",
            content: ["agreement1", "agreement2", "agreement3"].map((k) => ({ type: "listItem", content: [p(t(`purpose.starter.${k}`))] })),
          },
        ],
      },
      richTextFragment(typed),
    );
    expect(richTextFragment(written).toString()).toBe(richTextFragment(typed).toString());
    // Attribute values keep their types (toString would print 2 and "2" alike).
    const attrs = (d: Y.Doc) =>
      richTextFragment(d)
        .toArray()
        .map((n) => (n instanceof Y.XmlElement ? n.getAttributes() : null));
    expect(attrs(written)).toStrictEqual(attrs(typed));
    expect(attrs(written)[0]).toStrictEqual({ level: 2 });
    // …and the editor's schema reads it back as valid content.
    const node = yXmlFragmentToProseMirrorRootNode(richTextFragment(written), schema);
    node.check();
    expect(node.childCount).toBe(4);
  });

  it("ordered lists and empty paragraphs too", () => {
    const written = new Y.Doc();
    appendRichText(written, [
      { type: "orderedList", items: ["One", "Two"] },
      { type: "paragraph", text: "" },
    ]);
    const typed = new Y.Doc();
    const p = (s: string) => (s ? { type: "paragraph", content: [{ type: "text", text: s }] } : { type: "paragraph" });
    prosemirrorJSONToYXmlFragment(
      schema,
      {
        type: "doc",
        content: [{ type: "orderedList", attrs: { start: 1 }, content: ["One", "Two"].map((s) => ({ type: "listItem", content: [p(s)] })) }, p("")],
      },
      richTextFragment(typed),
    );
    expect(richTextFragment(written).toString()).toBe(richTextFragment(typed).toString());
    expect((richTextFragment(written).get(0) as Y.XmlElement).getAttributes()).toStrictEqual((richTextFragment(typed).get(0) as Y.XmlElement).getAttributes());
    yXmlFragmentToProseMirrorRootNode(richTextFragment(written), schema).check();
  });

  it("the demo purpose is readable by the version view and the editor", () => {
    const demo = DEMO_PURPOSE.longbridge!;
    const doc = demoPurposeDocument(demo);
    const blocks = readRichText(doc);
    expect(blocks[0]).toMatchObject({ type: "heading", level: 2 });
    expect(blocks.find((b) => b.type === "bulletList")).toMatchObject({ items: expect.arrayContaining([expect.any(Array)]) });
    expect(plainText(doc)).toContain("Every voice counts the same");
    yXmlFragmentToProseMirrorRootNode(richTextFragment(doc), schema).check();
    const agreements = blocks.find((b) => b.type === "bulletList");
    expect(agreements && "items" in agreements ? agreements.items.length : 0).toBeGreaterThanOrEqual(3);
  });
});
