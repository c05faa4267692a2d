// Helpers for the common purpose's end-to-end tests: a throwaway locality with its own
// member and viewer (so the flow never touches the demo localities' purpose), and the
// shared document editor.
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { createAccountFromInvite, createInvite, createLocality, unique, withLanguage, type StorageState } from "./app";
import { hydrated } from "./page";

export type Group = {
  localityId: string;
  member: { name: string; state: StorageState };
  viewer: { name: string; state: StorageState };
};

/** A new locality (the facilitator's), with a member and a viewer who joined through invitations. */
export async function newGroup(facilitator: APIRequestContext): Promise<Group> {
  const localityId = await createLocality(facilitator, unique("Purpose locality"));
  const memberName = `Member ${unique("p").slice(-6)}`;
  const viewerName = `Viewer ${unique("p").slice(-6)}`;
  const member = await createAccountFromInvite(await createInvite(facilitator, localityId, { role: "member" }), { name: memberName });
  const viewer = await createAccountFromInvite(await createInvite(facilitator, localityId, { role: "viewer" }), { name: viewerName });
  return { localityId, member: { name: memberName, state: member.state }, viewer: { name: viewerName, state: viewer.state } };
}

export async function contextFor(
  browser: Browser,
  state: StorageState,
  lang: "en" | "ar" = "en",
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ storageState: withLanguage(state, lang), viewport });
}

/** Waits for the live shared-document editor on the current page. */
export async function editorReady(page: Page): Promise<void> {
  await hydrated(page);
  await expect(page.locator('.document-editor-frame[data-ready="true"] .ProseMirror')).toBeVisible({ timeout: 15_000 });
}

/** Types at the end of the document and waits until the server has stored it. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: /^(Text of|نص) / }).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
  await expect(page.getByTestId("save-status-text")).toHaveText("Saved", { timeout: 10_000 });
}

/** Saves a named version from the document page's version panel. */
export async function saveVersionNamed(page: Page, name: string): Promise<void> {
  await page.getByLabel("Name of this version").fill(name);
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Version “${name}” saved.` })).toBeVisible({ timeout: 15_000 });
}
