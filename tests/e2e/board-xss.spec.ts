// XSS safety of the live board: every payload of support/xss-payloads.ts goes in as note text
// and as a cluster name — in bulk through the page's own Y.Doc with the
// board's own shape helpers (app/collab/board.ts, bundled for the page), and a sample typed
// through the real forms. A member and a facilitator, each in a browser with the CSP bypassed
// (so an injection would really run) and hooks on alert/confirm/prompt/print/__xss, dialogs,
// page errors and CSP reports, then look at the outline and the canvas, and export CSV, SVG
// and PNG: 0 executions, no live markup, and the payloads are shown as text.
import path from "node:path";
import fs from "node:fs/promises";
import { build, type Plugin } from "esbuild";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect, type Auth } from "./support/fixtures";
import { createBoard, withLanguage, type Who } from "./support/app";
import { XSS_PAYLOADS, auditDom, installXssHooks, payloadsWithin, xssCanary, xssFindings, type XssPayload } from "./support/xss-payloads";

/** Two browsers, a collab server and a build share the machine: allow for a slow moment. */
const expect = baseExpect.configure({ timeout: 15_000 });

/** Inserts per transaction, and the pause between transactions (the server allows 100 messages/s). */
const BATCH = 50;
const PAUSE_MS = 150;
/** Payloads typed through the real forms. */
const TYPED = 20;
/** Clusters on the board at once in the cluster-name test. */
const ROUND = 128;

/** Where rendered user text lives (text elements only: auditDom flags the app's own buttons and inputs). */
const OUTLINE_TEXT = ".board-outline .board-note-text, .board-outline .board-note-meta, .board-outline .board-cluster-head h2, [data-testid=board-live]";
const CANVAS_TEXT = ".board-card-text, .board-card-meta, .board-area-name, .board-active .board-note-text, [data-testid=board-live]";

// ---- the board's shape helpers, in the page -----------------------------------------------------

type Shape = typeof import("../../app/collab/board") & typeof import("../../app/components/board/export");
declare global {
  interface Window {
    __boardShape?: Shape;
  }
}

/**
 * app/collab/board.ts and the export module, bundled with `yjs` replaced by the constructors of
 * the page's own Y.Doc: the helpers then build Y.Maps and Y.Texts the app's copy of Yjs accepts.
 */
let shapeBundle: string;
test.beforeAll(async () => {
  const pageYjs: Plugin = {
    name: "page-yjs",
    setup(b) {
      b.onResolve({ filter: /^yjs$/ }, () => ({ path: "page-yjs", namespace: "page-yjs" }));
      b.onLoad({ filter: /.*/, namespace: "page-yjs" }, () => ({
        contents: `const D = window.coproduceBoard.doc.constructor; const d = new D();
          export const Doc = D; export const Map = d.getMap("m").constructor; export const Text = d.getText("t").constructor; export const Array = d.getArray("a").constructor;`,
        loader: "js",
      }));
    },
  };
  const app = path.resolve(import.meta.dirname, "..", "..", "app");
  const result = await build({
    stdin: {
      contents: `import * as board from "~/collab/board"; import * as exp from "~/components/board/export"; window.__boardShape = { ...board, ...exp };`,
      resolveDir: app,
      loader: "ts",
    },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
    alias: { "~": app },
    plugins: [pageYjs],
  });
  shapeBundle = result.outputFiles[0]!.text;
});

// ---- people -------------------------------------------------------------------------------------

type Person = { who: Who; context: BrowserContext; page: Page };

async function openHostile(browser: Browser, auth: Auth, who: Who, boardPath: string): Promise<Person> {
  const context = await browser.newContext({
    storageState: withLanguage(await auth.state(who), "en"),
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  await installXssHooks(context);
  const page = await context.newPage();
  await page.goto(boardPath);
  await expect(page.locator(".board-app")).toBeVisible();
  await expect(page.locator(".board-status")).toHaveText(/Saved/, { timeout: 20_000 });
  await page.waitForFunction(() => Boolean(window.coproduceBoard?.connection));
  // The hooks work in this page: a real injection is seen (and then cleared).
  expect(
    (await xssCanary(page)).map((f) => f.detail),
    `${who}: canary`,
  ).toEqual(["alert(canary)"]);
  return { who, context, page };
}

async function loadShape(page: Page) {
  if (!(await page.evaluate(() => Boolean(window.__boardShape)))) await page.addScriptTag({ content: shapeBundle });
}

async function view(page: Page, name: "Outline" | "Canvas") {
  const button = page.getByRole("button", { name, exact: true });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
  // Each view's code loads when first shown.
  await expect(page.locator(name === "Outline" ? ".board-outline" : ".board-canvas")).toBeVisible({ timeout: 15_000 });
}

/** Shows every note of every outline section ("Show more" until none is left). */
async function showAllInOutline(page: Page) {
  for (let i = 0; i < 20; i++) {
    const more = page.locator(".board-outline .board-more");
    if ((await more.count()) === 0) return;
    await more.first().click();
  }
}

/**
 * The detection itself is live on this page: markup put into the rendered text the way
 * `dangerouslySetInnerHTML` would put it runs (the hooks see it) and auditDom flags it.
 */
async function selfCheck(page: Page, container: string, textSelectors: string) {
  await page.evaluate((sel) => {
    const p = document.createElement("p");
    p.className = "board-note-text board-card-text board-area-name";
    p.dataset.selfCheck = "true";
    p.innerHTML = `<img src="x:selfcheck" onerror="__xss('selfcheck')">`;
    document.querySelector(sel)!.append(p);
  }, container);
  await page.waitForFunction(() => (window.__xssFindings ?? []).some((f) => f.detail.includes("selfcheck")));
  const flagged = await auditDom(page, textSelectors);
  expect(
    flagged.some((f) => f.includes("onerror")),
    `auditDom flags injected markup: ${flagged.join("; ")}`,
  ).toBe(true);
  await page.evaluate(() => {
    document.querySelector("[data-self-check]")?.remove();
    window.__xssFindings!.splice(0);
  });
  expect(await auditDom(page, textSelectors)).toEqual([]);
}

async function expectClean(person: Person, selector: string, what: string) {
  // Hover and focus over the rendered text, so on(mouse|focus|pointer)* payloads get their chance.
  const box = await person.page.locator(".board-app").boundingBox();
  if (box) for (let i = 0; i < 6; i++) await person.page.mouse.move(box.x + 40 + i * 180, box.y + 200 + i * 60);
  await person.page.waitForTimeout(300);
  expect(await xssFindings(person.page), `${person.who}, ${what}: executions`).toEqual([]);
  expect(await auditDom(person.page, selector), `${person.who}, ${what}: live markup`).toEqual([]);
}

/** The texts of the rendered elements, normalised as the DOM keeps them. */
function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent ?? ""));
}

/** A sample for the forms: one payload of each category, then the first others, no newlines. */
function typedSample(payloads: XssPayload[]): string[] {
  const oneLine = payloads.filter((p) => !/[\r\n]/.test(p.payload) && p.payload.trim() === p.payload);
  const sample = [...new Map(oneLine.map((p) => [p.category, p])).values()];
  for (const p of oneLine) if (sample.length < TYPED && !sample.includes(p)) sample.push(p);
  return sample.slice(0, TYPED).map((p) => `${p.payload} #typed`);
}

// ---- the exports --------------------------------------------------------------------------------

type SvgReport = { parseError: string | null; bad: string[]; tags: string[]; texts: string[]; lines: string[] };

/** Parses an exported SVG in the page (as XML, as it is read when opened) and reports what is live in it. */
async function inspectSvg(page: Page, svg: string): Promise<SvgReport> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "image/svg+xml");
    const parseError = doc.querySelector("parsererror")?.textContent ?? null;
    const bad: string[] = [];
    const tags = new Set<string>();
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      const tag = el.localName;
      tags.add(tag);
      if (["script", "foreignObject", "iframe", "object", "embed", "use", "image", "a", "animate", "set", "handler", "style"].includes(tag))
        bad.push(`<${tag}>`);
      if (el.namespaceURI !== "http://www.w3.org/2000/svg" && tag !== "parsererror") bad.push(`<${tag}> in ${el.namespaceURI}`);
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.localName)) bad.push(`${tag} ${a.name}`);
        if (/href$/i.test(a.localName) || /^\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(`${tag} ${a.name}="${a.value}"`);
      }
    }
    const texts = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent ?? "");
    const lines = Array.from(doc.querySelectorAll("text")).map((t) =>
      Array.from(t.querySelectorAll("tspan"))
        .map((s) => s.textContent)
        .join(""),
    );
    return { parseError, bad, tags: [...tags].sort(), texts, lines };
  }, svg);
}

/** XML 1.0 has no place for most C0 controls: a correct export drops (or replaces) them. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button, exact: true }).click()]);
  return fs.readFile((await file.path())!, "utf8");
}

/** CSV, SVG and PNG exports from this page: the SVG holds no live markup and the payloads as text. */
async function checkExports(person: Person, expectInSvg: (report: SvgReport) => void, expectInCsv: string[]) {
  const { page } = person;
  const csv = await download(page, "Download CSV (notes, clusters, votes)");
  for (const s of expectInCsv) expect(csv, "CSV holds the payload as text").toContain(s);

  const svg = await download(page, "Download SVG image");
  let report = await inspectSvg(page, svg);
  // A payload with control characters (NUL, \x01, \v, \f) makes the file invalid XML: say so,
  // and check the rest of it with those characters dropped.
  expect.soft(report.parseError, "the exported SVG is well-formed XML (control characters in note text must be dropped)").toBeNull();
  if (report.parseError) report = await inspectSvg(page, xmlSafe(svg));
  expect(report.parseError).toBeNull();
  expect(report.bad, "live markup in the exported SVG").toEqual([]);
  expect(
    report.tags.filter((t) => !["g", "rect", "svg", "text", "tspan"].includes(t)),
    "only the exporter's own elements",
  ).toEqual([]);
  expectInSvg(report);
  // Rendered as an image (the PNG export draws the SVG into an <img>, then a canvas).
  const live = page.locator("[data-testid=board-live]");
  await page.getByRole("button", { name: "Download PNG image", exact: true }).click();
  await expect(live).toContainText(/PNG downloaded\.|The image could not be made\./, { timeout: 20_000 });
  expect.soft(await live.textContent(), "the PNG export works (it fails when the SVG is not well-formed)").toContain("PNG downloaded.");
  expect(await xssFindings(page), `${person.who}, exports: executions`).toEqual([]);
}

// ---- the tests ----------------------------------------------------------------------------------

test.describe("XSS payloads on the live board", () => {
  test.describe.configure({ timeout: 150_000 });
  // The canary and the self-check (images with an unknown scheme, which prove the hooks see an
  // execution) fail to load on purpose.
  test.beforeEach(({ consoleErrors }) => consoleErrors.allow(/ERR_UNKNOWN_URL_SCHEME \(x:(canary|selfcheck)\)$/));

  test(`note text: ${XSS_PAYLOADS.length} payloads, outline, canvas and exports, in two browsers`, async ({ browser, auth, ids, apiAs }) => {
    const boardPath = `/l/${ids.longbridge}/boards/${await createBoard(await apiAs("facilitator"), ids.longbridge)}`;
    const [member, facilitator] = await Promise.all([openHostile(browser, auth, "member", boardPath), openHostile(browser, auth, "facilitator", boardPath)]);
    const people = [member, facilitator];

    // In bulk, as a hostile client could write them: every payload as a note. (As the member: the
    // server refuses a note a client writes in anyone else's name, so an author name reaches a board
    // only as a person's own account name.)
    await loadShape(member.page);
    const payloads = XSS_PAYLOADS.map((p) => p.payload);
    for (let i = 0; i < payloads.length; i += BATCH) {
      await member.page.evaluate(
        ([chunk, start]) => {
          const S = window.__boardShape!;
          const doc = window.coproduceBoard!.doc;
          const me = window.coproduceBoard!.connection!.provider.awareness.getLocalState()!.user as { id: string; name: string };
          doc.transact(() => {
            (chunk as string[]).forEach((text, j) => {
              const n = (start as number) + j;
              S.addNote(doc, {
                id: `xss-note-${n}`,
                text,
                authorId: me.id,
                authorName: me.name,
                colour: S.NOTE_COLOURS[n % 6],
                ...S.nextNotePosition(doc),
              });
            });
          });
        },
        [payloads.slice(i, i + BATCH), i] as const,
      );
      await member.page.waitForTimeout(PAUSE_MS);
    }

    // Typed through the real form (the facilitator's), one after another.
    const typed = typedSample([...XSS_PAYLOADS]);
    await view(facilitator.page, "Outline");
    for (const text of typed) {
      await facilitator.page.getByLabel("Note", { exact: true }).fill(text);
      await facilitator.page.getByRole("button", { name: "Add note" }).click();
    }
    const total = payloads.length + typed.length;
    for (const p of people) {
      await expect.poll(() => p.page.evaluate(() => window.coproduceBoard!.doc.getMap("notes").size), { timeout: 30_000 }).toBe(total);
      await expect(p.page.locator(".board-status")).toHaveText(/Saved/, { timeout: 30_000 });
    }
    const expected = [...payloads.map((t) => t.slice(0, 500)), ...typed];

    for (const p of people) {
      // Outline: every note rendered, as text.
      await view(p.page, "Outline");
      await showAllInOutline(p.page);
      await expect(p.page.locator(".board-outline .board-note-text")).toHaveCount(total, { timeout: 30_000 });
      await selfCheck(p.page, ".board-outline", OUTLINE_TEXT);
      const shown = await texts(p.page, ".board-outline .board-note-text");
      expect(
        expected.filter((t) => !shown.includes(t)),
        `${p.who}: payloads not shown verbatim in the outline`,
      ).toEqual([]);
      await expect(
        p.page
          .locator(".board-outline .board-note-text")
          .filter({ hasText: /^<script>alert\(1\)<\/script>$/ })
          .first(),
      ).toBeVisible();
      await expect(p.page.getByText(typed[0]!, { exact: true })).toBeVisible();
      await expectClean(p, OUTLINE_TEXT, "outline");

      // Canvas: fitted to the screen, so every card is in the DOM.
      await view(p.page, "Canvas");
      await p.page.getByRole("button", { name: "Fit to screen" }).click();
      await expect(p.page.locator(".board-card")).toHaveCount(total, { timeout: 30_000 });
      await selfCheck(p.page, ".board-world", CANVAS_TEXT);
      const cards = await texts(p.page, ".board-card-text");
      expect(
        expected.filter((t) => !cards.includes(t)),
        `${p.who}: payloads not shown verbatim on the canvas`,
      ).toEqual([]);
      // A card's accessible name holds the text as text too (no entity-escaping on the way).
      await expect(
        p.page
          .getByRole("button", { name: /^<script>alert\(1\)<\/script>, by / })
          .or(p.page.getByRole("note", { name: /^<script>alert\(1\)<\/script>, by / }))
          .first(),
      ).toBeAttached();
      // Open one card's panel (the outline's note controls, on the canvas).
      const card = p.page
        .locator(".board-card")
        .filter({ hasText: /^<img src=x onerror=alert\(1\)>/ })
        .first();
      await card.focus();
      await p.page.keyboard.press("Enter");
      await expect(p.page.locator(".board-active .board-note-text")).toHaveText(/^<img src=x onerror=alert\(1\)>/);
      await expectClean(p, CANVAS_TEXT, "canvas");
    }

    // Exports, from the member's browser (the same code runs for everyone).
    await checkExports(
      member,
      (report) => {
        const joined = new Set(report.lines.map((l) => l.replace(/\s+/g, "")));
        for (const s of ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", '"><script>alert(1)</script>']) {
          if (payloads.includes(s)) expect(joined.has(s.replace(/\s+/g, "")), `SVG shows ${s} as text`).toBe(true);
        }
        // Short one-word payloads fit on one line: each is there verbatim.
        const short = payloads.filter((t) => t.length <= 20 && !/\s/.test(t)).map(xmlSafe);
        const lines = new Set(report.lines);
        expect(
          short.filter((t) => !lines.has(t)),
          "short payloads in the SVG",
        ).toEqual([]);
      },
      ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"],
    );
    // Late handlers (an image error, a focus) had the whole test to fire: still nothing ran.
    for (const p of people) expect(await xssFindings(p.page), `${p.who}: executions by the end`).toEqual([]);
    await Promise.all(people.map((p) => p.context.close()));
  });

  test(`cluster names: ${payloadsWithin(120).length} payloads cut to 120 characters, outline, canvas and exports, in two browsers`, async ({
    browser,
    auth,
    ids,
    apiAs,
  }) => {
    const boardPath = `/l/${ids.longbridge}/boards/${await createBoard(await apiAs("facilitator"), ids.longbridge)}`;
    const [member, facilitator] = await Promise.all([openHostile(browser, auth, "member", boardPath), openHostile(browser, auth, "facilitator", boardPath)]);
    const people = [member, facilitator];
    const names = payloadsWithin(120).map((p) => p.payload);

    // Typed through the real forms (the facilitator's) first, while the board is small: new
    // clusters, a note in the first of them, and a rename.
    const typed = typedSample(payloadsWithin(120 - " #typed".length));
    const renamed = "<svg><script>alert(1)</script></svg> #renamed";
    const fp = facilitator.page;
    await view(fp, "Outline");
    for (const name of typed) {
      await fp.getByLabel("New cluster").fill(name);
      await fp.getByRole("button", { name: "Add cluster" }).click();
    }
    await fp.getByLabel("Note", { exact: true }).fill("Plain note");
    await fp.getByRole("button", { name: "Add note" }).click();
    const move = fp.getByLabel("Move note to: Plain note");
    await move.focus(); // the list of clusters is built when someone reaches it
    await move.selectOption({ label: typed[0]! });
    await fp.getByRole("button", { name: "Move note: Plain note" }).click();
    const section = fp.locator(".board-cluster").filter({ has: fp.getByText("Plain note", { exact: true }) });
    await section.getByRole("button", { name: /^Rename cluster / }).click();
    await section.getByLabel("Cluster name").fill(renamed);
    await section.getByRole("button", { name: "Save" }).click();
    await expect(fp.getByRole("heading", { name: /^<svg><script>alert\(1\)<\/script><\/svg> #renamed/ })).toBeVisible();

    // Then in bulk, as a hostile client could write them, in rounds of ROUND clusters (an
    // outline of hundreds of clusters is slow to draw: every section lists every other cluster),
    // every tenth written through renameCluster. Each round is looked at in both browsers, in
    // the outline and on the canvas, then removed.
    await loadShape(member.page);
    await member.page.evaluate(() => {
      const S = window.__boardShape!;
      const doc = window.coproduceBoard!.doc;
      const me = window.coproduceBoard!.connection!.provider.awareness.getLocalState()!.user as { id: string; name: string };
      doc.transact(() => {
        for (const n of [0, 1]) S.addNote(doc, { id: `plain-${n}`, text: `Plain note ${n}`, authorId: me.id, authorName: me.name, ...S.nextNotePosition(doc) });
      });
    });
    const base = typed.length;
    const typedShown = [...typed.slice(1), renamed];
    let selfChecked = false;
    for (let round = 0; round < names.length; round += ROUND) {
      const chunk = names.slice(round, round + ROUND);
      for (let i = 0; i < chunk.length; i += BATCH) {
        await member.page.evaluate(
          ([part, start, ROUND]) => {
            const S = window.__boardShape!;
            const doc = window.coproduceBoard!.doc;
            doc.transact(() => {
              (part as string[]).forEach((name, j) => {
                const n = (start as number) + j;
                const id = `xss-cluster-${n}`;
                S.addCluster(doc, { id, name: n % 10 === 9 ? "placeholder" : name, ...S.nextClusterPosition(doc) });
                if (n % 10 === 9) S.renameCluster(doc, id, name);
              });
              // Two notes in this round's first clusters (their "move to" lists name every cluster).
              if ((start as number) % ROUND === 0) for (const n of [0, 1]) S.placeNoteInCluster(doc, `plain-${n}`, `xss-cluster-${(start as number) + n}`);
            });
          },
          [chunk.slice(i, i + BATCH), round + i, ROUND] as const,
        );
        await member.page.waitForTimeout(PAUSE_MS);
      }
      const expected = [...chunk, ...typedShown];
      for (const p of people) {
        await expect.poll(() => p.page.evaluate(() => window.coproduceBoard!.doc.getMap("clusters").size), { timeout: 30_000 }).toBe(base + chunk.length);
      }
      for (const p of people) {
        await view(p.page, "Outline");
        await expect(p.page.locator(".board-outline .board-cluster")).toHaveCount(base + chunk.length + 1, { timeout: 30_000 });
        if (!selfChecked) await selfCheck(p.page, ".board-outline", OUTLINE_TEXT);
        // The heading is the name, then the note count.
        const headings = await p.page.locator(".board-outline .board-cluster-head h2").evaluateAll((els) => els.map((h) => h.firstChild?.textContent ?? ""));
        expect(
          expected.filter((n) => !headings.includes(n)),
          `${p.who}: names not shown verbatim in the outline`,
        ).toEqual([]);
        if (chunk.includes("<script>alert(1)</script>"))
          await expect(p.page.getByRole("region", { name: /^<script>alert\(1\)<\/script> \(/ }).first()).toBeVisible();
        await expect(p.page.getByRole("region", { name: /^<svg><script>alert\(1\)<\/script><\/svg> #renamed \(/ })).toBeVisible();
        // The "move to" lists hold the names as option text.
        const moveTo = p.page.locator(".board-note-actions select").first();
        await moveTo.focus(); // its options are built when someone reaches it
        await expect(moveTo.locator("option")).toHaveCount(base + chunk.length + 1);
        const options = await moveTo.locator("option").allTextContents();
        expect(
          chunk.filter((n) => !options.includes(n)),
          `${p.who}: names in a "move to" list`,
        ).toEqual([]);
        await expectClean(p, OUTLINE_TEXT, "outline");

        await view(p.page, "Canvas");
        await p.page.getByRole("button", { name: "Fit to screen" }).click();
        await expect(p.page.locator(".board-area-name")).toHaveCount(base + chunk.length, { timeout: 30_000 });
        if (!selfChecked) await selfCheck(p.page, ".board-world", CANVAS_TEXT);
        const areas = await texts(p.page, ".board-area-name");
        expect(
          expected.filter((n) => !areas.includes(n)),
          `${p.who}: names not shown verbatim on the canvas`,
        ).toEqual([]);
        await expectClean(p, CANVAS_TEXT, "canvas");
      }
      selfChecked = true;
      if (round + ROUND >= names.length) {
        // The last round stays: exported from the member's browser.
        await checkExports(
          member,
          (report) => {
            // Each cluster's name is one <text>, verbatim.
            const shown = new Set(report.texts);
            expect(
              expected.map(xmlSafe).filter((n) => !shown.has(n)),
              "cluster names in the SVG",
            ).toEqual([]);
          },
          ["<svg><script>alert(1)</script></svg> #renamed"],
        );
      } else {
        await member.page.evaluate(
          (ids) => {
            const S = window.__boardShape!;
            const doc = window.coproduceBoard!.doc;
            doc.transact(() => (ids as string[]).forEach((id) => S.removeCluster(doc, id)));
          },
          chunk.map((_, j) => `xss-cluster-${round + j}`),
        );
      }
    }

    // And every name at once through the exporter, on a board of its own in the page.
    const whole = await member.page.evaluate((all) => {
      const S = window.__boardShape!;
      const doc = new (window.coproduceBoard!.doc.constructor as new () => import("yjs").Doc)();
      doc.transact(() => (all as string[]).forEach((name, i) => S.addCluster(doc, { id: `c${i}`, name, ...S.nextClusterPosition(doc) })));
      return S.boardSvg(S.readBoard(doc), { title: "<script>alert(1)</script>", dir: "ltr", votesLabel: (n) => `${n}` }).svg;
    }, names);
    let report = await inspectSvg(member.page, whole);
    expect.soft(report.parseError, "the SVG of every name is well-formed XML").toBeNull();
    if (report.parseError) report = await inspectSvg(member.page, xmlSafe(whole));
    expect(report.bad, "live markup in the SVG of every name").toEqual([]);
    const shown = new Set(report.texts);
    expect(
      ["<script>alert(1)</script>", ...names].map(xmlSafe).filter((n) => !shown.has(n)),
      "every name in the SVG, verbatim",
    ).toEqual([]);
    expect(await xssFindings(member.page)).toEqual([]);
    // Late handlers (an image error, a focus) had the whole test to fire: still nothing ran.
    for (const p of people) expect(await xssFindings(p.page), `${p.who}: executions by the end`).toEqual([]);
    await Promise.all(people.map((p) => p.context.close()));
  });
});
