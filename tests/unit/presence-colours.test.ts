// Presence colours reach the page as an index (data-colour), not as a style attribute, because
// the Content-Security-Policy blocks inline styles: the stylesheet must hold every colour, in
// USER_COLOURS's order, and anything else must fall back.
import fs from "node:fs";
import path from "node:path";
import { USER_COLOURS, colourFor, presenceColourIndex } from "~/collab/presence";

const css = fs.readFileSync(path.resolve(import.meta.dirname, "../../app/styles/document.css"), "utf8");

describe("presence colours", () => {
  test("document.css gives each index its colour, in USER_COLOURS's order", () => {
    const rules = [...css.matchAll(/\.collab-selection\[data-colour="(\d+)"\]\s*\{\s*--user-colour:\s*(#[0-9a-f]{6});/gi)].map((m) => [
      Number(m[1]),
      m[2]!.toLowerCase(),
    ]);
    expect(rules).toEqual(USER_COLOURS.map((colour, index) => [index, colour]));
  });

  test("every colour a person is given has its index; anything else has none", () => {
    USER_COLOURS.forEach((colour, index) => expect(presenceColourIndex(colour)).toBe(index));
    for (const id of ["u1", "someone-else", "cmx9ucm3j00067b7diyw1lfrc"]) expect(presenceColourIndex(colourFor(id))).toBeGreaterThanOrEqual(0);
    expect(presenceColourIndex("#1A4FD6")).toBe(1);
    expect(presenceColourIndex("#123456")).toBe(-1);
    expect(presenceColourIndex("red; background:url(x)")).toBe(-1);
    expect(presenceColourIndex(undefined)).toBe(-1);
  });
});
