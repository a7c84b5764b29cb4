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
  /** Team manager of Children in need, East: Amara, Tom and Zainab's years. */
  teamManager: "rachel.whitaker@northmoor.example",
  /** Team manager of the adults' team at Northmoor: none of the above. */
  otherTeamManager: "imran.qureshi@northmoor.example",
  otherCouncilLead: "marcus.reid@riverside.example",
  otherCouncilNqsw: "chloe.evans@riverside.example",
  otherCouncilSupervisor: "farah.ali@riverside.example",
  otherCouncilTeamManager: "colin.baptiste@riverside.example",
  helpline: "mark.ellison@returnhelpline.example",
  admin: "alex.morgan@practicepathways.example",
  returner: "janet.okoye@example.com",
  masters: "hannah.clarke@eastbridge.example",
  /** The University of Eastbridge's programme lead, who runs Hannah's assignments. */
  universityLead: "simon.fairweather@eastbridge.example",
  /** Eastbridge's markers: Aisha first-marks and Tom second-marks Hannah's open assignment. */
  marker: "aisha.rahman@eastbridge.example",
  secondMarker: "tom.whitfield@eastbridge.example",
  /** The external examiner of Eastbridge's MA. */
  externalExaminer: "grace.adebayo@eastbridge.example",
  /** Eastbridge's earlier intakes: Nadia's work is second-marked; Oliver failed a module the board confirmed. */
  mastersSecondMarked: "nadia.karim@eastbridge.example",
  mastersFailed: "oliver.grant@eastbridge.example",
  /** The first and second markers of the earlier intakes' work. */
  earlierFirstMarker: "joseph.mensah@eastbridge.example",
  earlierSecondMarker: "claire.donovan@eastbridge.example",
  earlyCareer: "sophie.bennett@northmoor.example",
  /** Northmoor's independent assessor of advanced practitioner portfolios (ADR 024). */
  independentAssessor: "olivia.hart@northmoor.example",
  /** An advanced practitioner candidate whose portfolio is with the independent assessor. */
  candidate: "joanne.pierce@northmoor.example",
  /** Northmoor's partners in the CP lead programme's shared sessions (ADR 026): police and health. */
  policePartner: "karen.fletcher@northmoorpolice.example",
  healthPartner: "deepa.menon@northmoornhs.example",
  /** A candidate just starting, their portfolio empty: only tests/e2e/assessment.spec.ts writes to it. */
  newCandidate: "ellen.brooks@northmoor.example",
  // Harbour Family Trust (a voluntary organisation): no other spec writes to its people, so the
  // crawl, keyboard and no-JavaScript journeys can change their records while other specs run.
  voluntaryLead: "ruth.adeyemi@harbourtrust.example",
  voluntarySupervisor: "ben.thornton@harbourtrust.example",
  voluntaryNqsw: "megan.lloyd@harbourtrust.example",
  voluntaryFinalNqsw: "ravi.patel@harbourtrust.example",
  voluntaryTeamManager: "deborah.lane@harbourtrust.example",
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
  const scripted = await scriptsRun(page);
  let target = page;
  let scratch: import("@playwright/test").BrowserContext | undefined;
  if (!scripted) {
    const html = await page.content();
    scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    await target.route(new URL("/__axe__", page.url()).toString(), (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: html.replace(/<script[\s\S]*?<\/script>/g, "") }),
    );
    await target.goto(new URL("/__axe__", page.url()).toString());
  }
  const options: RunOptions = { runOnly: { type: "tag", values: WCAG_TAGS }, resultTypes: ["violations"] };
  let results: AxeResults | undefined;
  // The page is judged as it settles, not mid-transition: should it change while axe reads it (a
  // client-side navigation finishing), it is read again once settled.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (scripted) await settled(page);
    for (const frame of target.frames()) await ensureAxe(frame);
    const run = await target.evaluate(async (options) => {
      let changed = false;
      const observer = new MutationObserver(() => (changed = true));
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      const href = location.href;
      try {
        const results = await (window as unknown as AxeWindow).axe.run(document, options);
        return { results, changed: changed || observer.takeRecords().length > 0 || location.href !== href };
      } finally {
        observer.disconnect();
      }
    }, options);
    results = run.results as AxeResults;
    if (!run.changed) break;
  }
  await scratch?.close();
  const summary = results!.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  noteCheckedPage(page.url());
}

/**
 * Waits for a client-side navigation to finish. Remix's router knows at once that a followed link is
 * loading; the page shows it (the pending bar) only once React has drawn that state, which a quick
 * navigation can skip, so both are asked.
 */
async function settled(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const router = (window as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter;
          return !router || router.state.navigation.state === "idle";
        }),
      { message: `a navigation from ${page.url()} finishes`, intervals: [50, 100, 250] },
    )
    .toBe(true);
  await expect(page.locator('.pending[data-state="busy"]')).toHaveCount(0);
}

/**
 * Whether the page runs its scripts. A context opened with JavaScript off says so in its options;
 * should Playwright stop keeping them there, a timer tells: with JavaScript off, evaluate still runs
 * but timers never fire.
 */
async function scriptsRun(page: Page) {
  const options = (page.context() as unknown as { _options?: { javaScriptEnabled?: boolean } })._options;
  if (options) return options.javaScriptEnabled !== false;
  return Promise.race([
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
  ]);
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
  // The address changes before React draws the page it leads to: until then the sign-in page (and its
  // footer's links) is still on screen. Every signed-in page has the header's "Sign out".
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/**
 * Someone with more than one role lands on "Choose where you are working" when they sign in (Farah Ali
 * and Ben Thornton are each their NQSWs' practice supervisor and ASYE assessor): this continues in the
 * role given, or in the one already chosen (the first).
 */
export async function chooseRole(page: Page, label?: string) {
  await expect(page).toHaveURL(/\/account\/organisation$/);
  if (label) await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).not.toHaveURL(/\/account\/organisation$/);
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
