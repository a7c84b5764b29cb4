import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test as base, type Frame, type Page } from "@playwright/test";
import type { AxeResults, RunOptions } from "axe-core";

export const DEMO_PASSWORD = "Pathways-demo-2026";

export const DEMO = {
  nqsw: "amara.nwosu@northmoor.example",
  supervisor: "daniel.okafor@northmoor.example",
  supervisorAndAssessor: "helen.marsh@northmoor.example",
  lead: "priya.shah@northmoor.example",
  otherCouncilLead: "marcus.reid@riverside.example",
  otherCouncilNqsw: "chloe.evans@riverside.example",
  otherCouncilSupervisor: "farah.ali@riverside.example",
  helpline: "mark.ellison@returnhelpline.example",
  admin: "alex.morgan@practicepathways.example",
  returner: "janet.okoye@example.com",
  masters: "hannah.clarke@eastbridge.example",
  earlyCareer: "sophie.bennett@northmoor.example",
  // Harbour Family Trust (a voluntary organisation): no other spec writes to its people, so the
  // crawl, keyboard and no-JavaScript journeys can change their records while other specs run.
  voluntaryLead: "ruth.adeyemi@harbourtrust.example",
  voluntarySupervisor: "ben.thornton@harbourtrust.example",
  voluntaryNqsw: "megan.lloyd@harbourtrust.example",
  voluntaryFinalNqsw: "ravi.patel@harbourtrust.example",
} as const;

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** axe-core's minified source, read once per worker process when the first page is checked. */
let axeSource: string | undefined;
function axeScript() {
  axeSource ??= readFileSync(
    path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"),
    "utf8",
  );
  return axeSource;
}

/**
 * Puts axe in a frame unless it is there already: a page reached by a client-side navigation keeps
 * the document, and axe with it, so only a newly loaded document is given the ~500 KB again. axe
 * talks only to frames of the same origin (the site has none; any would be given axe too).
 */
async function ensureAxe(frame: Frame) {
  if (await frame.evaluate(() => typeof (window as { axe?: unknown }).axe === "object")) return;
  await frame.evaluate(axeScript());
  await frame.evaluate(() => (window as unknown as AxeWindow).axe.configure({ allowedOrigins: ["<same_origin>"] }));
}

type AxeWindow = Window & { axe: typeof import("axe-core") };

/**
 * Runs axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules and fails on any violation.
 * axe needs JavaScript, so for a page open with JavaScript off its HTML is checked in a
 * second, scripted page on the same origin (same styles, so contrast is checked too).
 */
export async function expectAccessible(page: Page) {
  // Let a client-side navigation finish first: the page is judged as it settles, not mid-transition.
  await expect(page.locator('.pending[data-state="busy"]')).toHaveCount(0);
  let target = page;
  let scratch: import("@playwright/test").BrowserContext | undefined;
  // With JavaScript off, evaluate still runs but timers never fire: a short race tells the two apart.
  const scripted = await Promise.race([
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
  ]);
  if (!scripted) {
    const html = await page.content();
    scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    await target.route(new URL("/__axe__", page.url()).toString(), (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: html.replace(/<script[\s\S]*?<\/script>/g, "") }),
    );
    await target.goto(new URL("/__axe__", page.url()).toString());
  }
  // axe.run in the page itself (no frames to gather results from), reporting only violations.
  for (const frame of target.frames()) await ensureAxe(frame);
  const options: RunOptions = { runOnly: { type: "tag", values: WCAG_TAGS }, resultTypes: ["violations"] };
  const results = (await target.evaluate(
    (options) => (window as unknown as AxeWindow).axe.run(document, options),
    options,
  )) as AxeResults;
  await scratch?.close();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  noteCheckedPage(page.url());
}

/**
 * Every page that passed axe in any spec, one pathname a line: the crawl's coverage check counts
 * them with the pages the crawl reached (some pages, such as the two-factor steps, are only reached
 * in a journey). One file per worker process, so lines from parallel workers never interleave.
 */
export const CHECKED_PAGES_DIR = path.resolve(".data/e2e/crawl/checked");

function noteCheckedPage(url: string) {
  const { pathname, origin } = new URL(url);
  if (pathname === "/__axe__" || origin === "null") return;
  mkdirSync(CHECKED_PAGES_DIR, { recursive: true });
  appendFileSync(path.join(CHECKED_PAGES_DIR, `${process.pid}.txt`), `${pathname}\n`);
}

/** Goes to a page, checks it is not an error page, and runs axe on it. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBeLessThan(500);
  await expectAccessible(page);
  return response;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Checking an argon2id hash is slow by design, and slower still on a busy machine.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 20_000 });
}

export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/** Opens the newest email to an address in the development mailbox and returns the first link in it. */
export async function linkFromLatestEmail(page: Page, to: string, subject: RegExp) {
  await page.goto("/dev/mail");
  await page.getByRole("row").filter({ hasText: to }).filter({ hasText: subject }).first().getByRole("link").click();
  const link = await page.locator(".mail-body a").first().getAttribute("href");
  expect(link).toBeTruthy();
  return new URL(link!).pathname;
}

export async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill(password);
  await page.getByLabel("I am a qualified social worker returning to practice").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/learning/);
}

export const test = base;
export { expect };
