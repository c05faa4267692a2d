import { safeRedirectPath } from "~/http/safe-redirect";

// Every target here would take a browser to another site, or is not a page of ours.
const hostile = [
  "//evil.example",
  "///evil.example",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "/./\\evil.example",
  "/.\\evil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%252F%252Fevil.example",
  "/./evil.example",
  "/../evil.example",
  "/l/../../evil.example",
  "/@evil.example",
  "/user@evil.example",
  "//user:pass@evil.example",
  "/\u3002evil.example",
  "/%E3%80%82evil.example",
  "/\uFF0F\uFF0Fevil.example",
  "/\u2215\u2215evil.example",
  "/\u00A0/evil.example",
  "/\u2028/evil.example",
  "/\u0000/evil.example",
  "/\u007f/evil.example",
  " /home",
  "\t/home",
  "https://evil.example",
  "http:/evil.example",
  "https:evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "",
  `/${"a".repeat(3000)}`,
  "/favicon.svg",
  "/build/index.js",
  "/healthz",
  "/metrics",
];

const ours: Array<[string, string]> = [
  ["/home", "/home"],
  ["/", "/"],
  ["/l/abc123", "/l/abc123"],
  ["/l/abc123/stories?status=needs-consent", "/l/abc123/stories?status=needs-consent"],
  ["/l/abc123/ideas?challenge=x#top", "/l/abc123/ideas?challenge=x#top"],
  ["/./l/abc123", "/l/abc123"],
  ["/l/abc123/../abc456", "/l/abc456"],
  ["/invite/tok_en-1", "/invite/tok_en-1"],
  ["/orgs/birmingham", "/orgs/birmingham"],
  ["/account", "/account"],
  ["/sign-in?redirectTo=%2Fl%2Fx", "/sign-in?redirectTo=%2Fl%2Fx"],
];

describe("safeRedirectPath", () => {
  it.each(hostile)("refuses %j", (target) => {
    expect(safeRedirectPath(target)).toBe("/home");
    expect(safeRedirectPath(target, "/")).toBe("/");
  });

  it.each(ours)("accepts %j as %j", (target, expected) => {
    expect(safeRedirectPath(target)).toBe(expected);
  });

  it("refuses what is not a string", () => {
    for (const value of [null, undefined, 42, ["/home"], { toString: () => "/home" }]) {
      expect(safeRedirectPath(value)).toBe("/home");
    }
  });

  it("never returns anything a browser would resolve to another origin", () => {
    // Whatever comes back, resolved against our origin as a browser resolves a Location, stays ours.
    const base = "https://app.example/";
    for (const target of [...hostile, ...ours.map(([t]) => t)]) {
      const result = safeRedirectPath(target);
      expect(new URL(result, base).origin).toBe("https://app.example");
      expect(result.startsWith("/") && !result.startsWith("//") && !result.includes("\\")).toBe(true);
    }
  });
});
