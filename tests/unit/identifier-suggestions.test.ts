// Suggested identifiers: each kind, Arabic names after proclitics, nothing already marked, no
// duplicates, only what occurs in the text.
import { asIdentifiers, suggestIdentifiers, type SuggestionSources } from "~/domain/identifier-suggestions";
import { redactText } from "~/domain/redaction";

const none: SuggestionSources = { people: [], marked: [] };
const texts = (text: string, sources: SuggestionSources = none) => suggestIdentifiers(text, sources).map((s) => `${s.reason}:${s.text}`);

describe("identifier suggestions", () => {
  it("finds people of the locality: the whole name and first or last names of three letters or more", () => {
    const text = "Karen Whitcombe came, then Karen alone, and Whitcombe's sister. Al said hello. Jo too.";
    expect(texts(text, { people: ["Karen Whitcombe", "Al Jo", "Nobody Here"], marked: [] })).toEqual([
      "person:Karen Whitcombe",
      "person:Karen",
      "person:Whitcombe",
    ]);
    // "Karen" alone is found too once the whole name is marked.
    expect(texts(text, { people: ["Karen Whitcombe"], marked: ["Karen Whitcombe"] })).toEqual(["person:Karen", "person:Whitcombe"]);
  });
  it("suggests the storyteller's real name", () => {
    expect(texts("I am Kelly and this is my story.", { people: [], realName: "Kelly Dawson", marked: [] })).toEqual(["storyteller:Kelly"]);
  });
  it("finds Arabic names, also after a proclitic (و ب ل…)", () => {
    const text = "قالت سميرة إن ابنها يذهب مع يوسف، وسميرة تعمل في المطعم.";
    expect(texts(text, { people: ["سميرة حداد", "يوسف"], marked: [] })).toEqual(["person:سميرة", "person:يوسف"]);
    expect(texts("ليوسف أخت، وبيوسف نثق.", { people: ["يوسف"], marked: [] })).toEqual(["person:يوسف"]);
  });
  it("finds UK phone numbers in their usual shapes", () => {
    expect(texts("Call 0121 496 0000, +44 7700 900123, 07700900456, (0121) 496 0111 or +44 (0)121 496 0999. Not 12345 or 2026.")).toEqual([
      "phone:0121 496 0000",
      "phone:+44 7700 900123",
      "phone:07700900456",
      "phone:(0121) 496 0111",
      "phone:+44 (0)121 496 0999",
    ]);
  });
  it("finds email addresses", () => {
    expect(texts("Write to karen.w+centre@example.org or info@longbridgecc.org.uk.")).toEqual([
      "email:karen.w+centre@example.org",
      "email:info@longbridgecc.org.uk",
    ]);
  });
  it("finds UK postcodes written in capitals", () => {
    expect(texts("We moved from B11 1AA to B31 2PQ, near SW1A 1AA. Not b11 or AB1.")).toEqual(["postcode:B11 1AA", "postcode:B31 2PQ", "postcode:SW1A 1AA"]);
  });
  it("finds street addresses, with or without a house number, not the words before them", () => {
    expect(texts("We live at 14 Ladypool Road. In Coleman Close the bus stops; my mum is on Bristol Road South.")).toEqual([
      "address:14 Ladypool Road",
      "address:Coleman Close",
      "address:Bristol Road",
    ]);
  });
  it("leaves out what is marked (any case or spacing), and suggests each thing once", () => {
    const text = "Karen rang 0121 496 0000. Karen rang again from 0121  496 0000.";
    expect(texts(text, { people: ["Karen"], marked: ["karen"] })).toEqual(["phone:0121 496 0000"]);
    expect(texts(text, { people: ["Karen", "Karen"], realName: "Karen", marked: [] })).toEqual(["storyteller:Karen", "phone:0121 496 0000"]);
  });
  it("never fails on names with hyphens or other punctuation", () => {
    expect(texts("Hana Al-Sayed came with Hana.", { people: ["Hana Al-Sayed", "O'Brien (Jo)"], marked: [] })).toContain("person:Hana");
  });
  it("suggests nothing for an empty text or names that do not occur", () => {
    expect(texts("", { people: ["Karen"], marked: [] })).toEqual([]);
    expect(texts("Nothing to see.", { people: ["Karen"], marked: [] })).toEqual([]);
  });
  it("marking every suggestion leaves none of them readable in the redacted text", () => {
    const text = "Karen Whitcombe (07700 900412, karen@example.org) lives at 3 Mill Lane, B31 2PQ. وقالت سميرة شكرًا.";
    const suggestions = suggestIdentifiers(text, { people: ["Karen Whitcombe", "سميرة حداد"], marked: [] });
    const redacted = redactText(text, asIdentifiers(suggestions), (kind, n) => `[${kind} ${n}]`);
    for (const s of suggestions) expect(redacted).not.toContain(s.text);
    expect(redacted).toBe("[name 1] ([contact 1], [contact 2]) lives at [place 1], [place 2]. وقالت [name 4] شكرًا.");
  });
});
