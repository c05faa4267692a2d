// The 21st-century public servant, the pure parts: the deck (ten cards, their words in both
// languages, drawing one not on the board yet), the roles (parsing, the form's refusal of a fifth
// role) and who weaves between sectors (computed from ties), and the reflective log's rules.
import { messages } from "~/i18n/locales";
import { CONTENT_LIMITS } from "~/collab/limits";
import { measureConnectedness, type ConnectednessTie } from "~/domain/connectedness";
import {
  cardKeys,
  cardOfNoteId,
  cardsOnBoard,
  DECK_SIZE,
  deckNoteId,
  deckNoteText,
  isCardNumber,
  pickCard,
  PUBLIC_SERVANT_DECK,
} from "~/domain/public-servant-deck";
import { mayChangeReflection, mayReadReflection, REFLECTION_LIMITS, reflectionInput } from "~/domain/reflections";
import { parseServantRoles, sectorReach, servantRolesRecord, weaversBetweenSectors } from "~/domain/servant-roles";
import { servantRolesInput } from "~/domain/servant-roles-input";

const lookup = (tree: unknown, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe("the deck", () => {
  it("holds the ten themes, numbered 1 to 10, four questions from the research and six written for the product", () => {
    expect(DECK_SIZE).toBe(10);
    expect(PUBLIC_SERVANT_DECK.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(PUBLIC_SERVANT_DECK.filter((c) => c.question === "research").map((c) => c.number)).toEqual([3, 4, 6, 10]);
  });
  it("has every card's title, theme and question in English and Arabic, each distinct", () => {
    for (const lang of ["en", "ar"] as const) {
      const questions = new Set<string>();
      for (const card of PUBLIC_SERVANT_DECK) {
        for (const key of Object.values(cardKeys(card.number))) expect(lookup(messages[lang], key), `${lang} ${key}`).toMatch(/\S/);
        questions.add(String(lookup(messages[lang], cardKeys(card.number).question)));
      }
      expect(questions.size).toBe(10);
    }
    // The research's words, as the seed has them.
    expect(lookup(messages.en, cardKeys(1).theme)).toBe("is a municipal entrepreneur, undertaking a wide range of roles");
    expect(lookup(messages.en, cardKeys(6).question)).toMatch(/^Perma-austerity: are honest conversations going on/);
  });
  it("gives a drawn card's note an id of its own, read back from the board's note ids", () => {
    expect(deckNoteId(7)).toBe("deck-card-7");
    expect(cardOfNoteId("deck-card-7")).toBe(7);
    for (const other of ["deck-card-0", "deck-card-11", "deck-card-", "deck-card-3x", "idea-deck-card-3", "note-1"])
      expect(cardOfNoteId(other), other).toBeNull();
    expect([...cardsOnBoard(["note-1", "deck-card-2", "deck-card-9", "deck-card-2"])].sort((a, b) => a - b)).toEqual([2, 9]);
    expect(isCardNumber(10)).toBe(true);
    expect(isCardNumber(10.5)).toBe(false);
  });
  it("draws only cards not on the board yet, each of them reachable, and none once all ten are there", () => {
    const drawn = new Set([1, 2, 3, 5, 8]);
    const left = [4, 6, 7, 9, 10];
    expect(left.map((_, i) => pickCard(drawn, () => i / left.length))).toEqual(left);
    expect(pickCard(drawn, () => 0.999999)).toBe(10);
    // A random source that misbehaves still gives a card left.
    expect(left).toContain(pickCard(drawn, () => Number.NaN));
    expect(left).toContain(pickCard(drawn, () => 1));
    // Drawing ten times from an empty board gives each card once, then none.
    const board = new Set<number>();
    for (let i = 0; i < 10; i++) board.add(pickCard(board)!);
    expect(board.size).toBe(10);
    expect(pickCard(board)).toBeNull();
  });
  it("writes a card's note as its title line and its question, within a note's length", () => {
    expect(deckNoteText(" Theme 3: Generic skills ", "Do recruitment practices…? ")).toBe("Theme 3: Generic skills\nDo recruitment practices…?");
    expect(deckNoteText("t", "q".repeat(900))).toHaveLength(CONTENT_LIMITS.noteText);
  });
});

describe("servant roles", () => {
  it("reads stored roles: known ones only, once each, in the research's order", () => {
    expect(parseServantRoles("navigator, weaver,weaver,mayor")).toEqual(["weaver", "navigator"]);
    expect(parseServantRoles("")).toEqual([]);
    expect(parseServantRoles(null)).toEqual([]);
    expect(servantRolesRecord(["navigator", "storyteller", "navigator"])).toBe("storyteller,navigator");
  });
  it("takes none, one or several roles from the form, and refuses one outside the four", () => {
    expect(servantRolesInput.parse({ servantRoles: undefined }).servantRoles).toEqual([]);
    expect(servantRolesInput.parse({ servantRoles: "weaver" }).servantRoles).toEqual(["weaver"]);
    expect(servantRolesInput.parse({ servantRoles: ["architect", "navigator"] }).servantRoles).toEqual(["architect", "navigator"]);
    const refused = servantRolesInput.safeParse({ servantRoles: ["weaver", "mayor"] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("servant.roles.errors.unknown");
    expect(servantRolesInput.safeParse({ servantRoles: "<script>alert(1)</script>" }).success).toBe(false);
  });
});

describe("who weaves between sectors", () => {
  const people = [
    { id: "amal", sector: "parent" },
    { id: "ben", sector: "resident" },
    { id: "cara", sector: "public_service" },
    { id: "dev", sector: "councillor" },
    { id: "eve", sector: "local_organisation" },
    { id: "finn", sector: "parent" },
  ];
  const tie = (a: string, b: string, extra: Partial<ConnectednessTie> = {}): ConnectednessTie => ({
    personAId: a,
    personBId: b,
    status: "confirmed",
    since: "2026-01-01",
    createdAt: "2026-01-01",
    workshopId: null,
    ...extra,
  });
  const ties = [
    tie("cara", "amal"),
    tie("cara", "dev"),
    tie("cara", "eve"),
    tie("amal", "ben"),
    tie("amal", "finn"),
    // Counted once, as measureConnectedness counts them: the same pair again, a suggestion, a tie to oneself, an unknown person.
    tie("dev", "cara"),
    tie("ben", "eve", { status: "suggested" }),
    tie("eve", "eve"),
    tie("eve", "zed"),
  ];

  it("gives each person the sectors their ties reach and span", () => {
    const reach = new Map(sectorReach(people, ties).map((r) => [r.id, r]));
    expect(reach.get("cara")).toEqual({
      id: "cara",
      reached: ["councillor", "local_organisation", "parent"],
      spans: ["councillor", "local_organisation", "parent", "public_service"],
      crossSectorTies: 3,
    });
    expect(reach.get("amal")).toEqual({
      id: "amal",
      reached: ["parent", "public_service", "resident"],
      spans: ["parent", "public_service", "resident"],
      crossSectorTies: 2,
    });
    expect(reach.get("finn")).toEqual({ id: "finn", reached: ["parent"], spans: ["parent"], crossSectorTies: 0 });
    // The same ties as the relationship figures count.
    const total = sectorReach(people, ties).reduce((sum, r) => sum + r.crossSectorTies, 0) / 2;
    expect(total).toBe(measureConnectedness(people, ties).crossSectorTies);
  });
  it("ranks by sectors spanned, then by ties across sectors, and leaves out people with none across", () => {
    expect(weaversBetweenSectors(people, ties).map((w) => w.id)).toEqual(["cara", "amal", "ben", "dev", "eve"]);
    expect(weaversBetweenSectors(people, ties, 1).map((w) => w.id)).toEqual(["cara"]);
    // Never cut between equals: ben, dev and eve each span two sectors with one tie across.
    expect(weaversBetweenSectors(people, ties, 3).map((w) => w.id)).toEqual(["cara", "amal", "ben", "dev", "eve"]);
    expect(weaversBetweenSectors(people, ties, 0)).toEqual([]);
    expect(weaversBetweenSectors(people, [])).toEqual([]);
  });
});

describe("the reflective log's rules", () => {
  it("is read by its author always, by others only while shared; changed by its author only", () => {
    expect(mayReadReflection({ authorId: "me", sharedAt: null }, "me")).toBe(true);
    expect(mayReadReflection({ authorId: "me", sharedAt: null }, "facilitator")).toBe(false);
    expect(mayReadReflection({ authorId: "me", sharedAt: new Date() }, "someone")).toBe(true);
    expect(mayChangeReflection({ authorId: "me", sharedAt: new Date() }, "someone")).toBe(false);
    expect(mayChangeReflection({ authorId: "me", sharedAt: null }, "me")).toBe(true);
  });
  it("refuses an empty or too long text, a card outside the deck and a malformed session id; keeps script as text", () => {
    const message = (input: Record<string, unknown>) => reflectionInput.safeParse(input).error?.issues[0]?.message;
    expect(message({ body: "   " })).toBe("servant.reflections.errors.empty");
    expect(message({})).toBe("servant.reflections.errors.empty");
    expect(message({ body: "x".repeat(REFLECTION_LIMITS.body + 1) })).toBe("servant.reflections.errors.tooLong");
    expect(message({ body: "ok", theme: "11" })).toBe("servant.reflections.errors.theme");
    expect(message({ body: "ok", theme: "two" })).toBe("servant.reflections.errors.theme");
    expect(message({ body: "ok", workshopId: "../x" })).toBe("servant.reflections.errors.workshop");
    expect(reflectionInput.parse({ body: " <script>alert(1)</script> ", workshopId: "", theme: "" })).toEqual({ body: "<script>alert(1)</script>" });
    expect(reflectionInput.parse({ body: "x".repeat(REFLECTION_LIMITS.body), theme: "10", workshopId: "w1" })).toMatchObject({ theme: 10, workshopId: "w1" });
  });
});
