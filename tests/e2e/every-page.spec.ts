import type { Browser, Page } from "@playwright/test";
import { buildRoutes, crawl, readCheckedRoutes, readVisits, recordVisits, routeFor, type Visit } from "./crawl";
import { DEMO, expect, expectAccessible, signIn, signUp, test, uniqueEmail } from "./fixtures";

/**
 * Every page as every role, checked with axe (WCAG 2.2 A and AA). Each role signs in and follows
 * every link it is shown, breadth-first, so a new page is checked as soon as anything links to it.
 * The last test (project "crawl-coverage", after all of these) fails if a page route of the build
 * was reached by none of them.
 */

const ROLES: { name: string; email?: string; choose?: string }[] = [
  { name: "nqsw", email: DEMO.nqsw },
  { name: "supervisor", email: DEMO.supervisor },
  {
    name: "supervisor-and-assessor-as-supervisor",
    email: DEMO.supervisorAndAssessor,
    choose: "Practice supervisor, Northmoor City Council",
  },
  {
    name: "supervisor-and-assessor-as-assessor",
    email: DEMO.supervisorAndAssessor,
    choose: "Assessor, Northmoor City Council",
  },
  { name: "team-manager", email: DEMO.teamManager },
  { name: "programme-lead", email: DEMO.lead },
  { name: "other-council-lead", email: DEMO.otherCouncilLead },
  { name: "helpline-advisor", email: DEMO.helpline },
  { name: "admin", email: DEMO.admin },
  { name: "returner", email: DEMO.returner },
  { name: "masters-student", email: DEMO.masters },
  { name: "marker", email: DEMO.marker },
  { name: "university-lead", email: DEMO.universityLead },
  { name: "external-examiner", email: DEMO.externalExaminer },
  { name: "early-career", email: DEMO.earlyCareer },
  { name: "independent-assessor", email: DEMO.independentAssessor },
  { name: "candidate", email: DEMO.candidate },
  { name: "police-partner", email: DEMO.policePartner },
  { name: "signed-out" },
];

/** The other tests of this file that record visits; the coverage check expects all of them. */
const TARGETED = ["error-pages", "failed-submits", "emailed-links", "voluntary-organisation-lead"];

/**
 * Page routes no crawl or targeted visit can reach, each with its reason. Keep this short: a page
 * belongs here only when no demo user can be shown a link to it and no test can visit it.
 */
const NOT_CRAWLED: Record<string, string> = {};

async function signInAs(page: Page, role: (typeof ROLES)[number]) {
  if (!role.email) {
    await page.goto("/");
    return;
  }
  await signIn(page, role.email);
  if (role.choose) {
    await expect(page).toHaveURL(/\/account\/organisation/);
    await page.getByLabel(role.choose).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).not.toHaveURL(/\/account\/organisation/);
    await expect(page.getByText(role.choose)).toBeVisible();
  }
}

test.describe("every page as each role", () => {
  for (const role of ROLES) {
    test(`${role.name}: every linked page answers and passes axe`, async ({ page }) => {
      test.setTimeout(300_000);
      await signInAs(page, role);
      const visits = await crawl(page, new URL(page.url()).pathname);
      // Sanity: the crawl really went somewhere (at least the start page and its navigation).
      expect(visits.length).toBeGreaterThan(role.email ? 3 : 5);
      recordVisits(role.name, visits);
    });
  }
});

/** Visits one page on purpose (not by a link) and records it, with the status it should answer. */
async function visitExpecting(page: Page, path: string, status: number, visits: Visit[], heading?: string) {
  const response = await page.goto(path);
  expect(response?.status(), `status of ${path}`).toBe(status);
  if (heading) await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expectAccessible(page);
  const landed = new URL(page.url());
  visits.push({ routeId: routeFor(landed.pathname)?.id ?? "(none)", url: landed.pathname, status });
}

test("error pages: not found and no access, signed in and out", async ({ browser }) => {
  const visits: Visit[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  await visitExpecting(page, "/no-such-page", 404, visits, "Page not found");
  await visitExpecting(page, "/programmes/no-such-programme", 404, visits, "Page not found");
  // The benchmark's trivial page: nothing links to it.
  await visitExpecting(page, "/ping", 200, visits, "Practice Pathways is up");
  await signIn(page, DEMO.nqsw);
  await visitExpecting(page, "/no-such-page/at/all", 404, visits, "Page not found");
  await visitExpecting(page, "/learners/00000000-0000-4000-8000-000000000000", 404, visits, "Page not found");
  await visitExpecting(page, "/organisation", 403, visits, "You do not have access to this page");
  await context.close();
  recordVisits("error-pages", visits);
});

async function yearOf(page: Page) {
  await page.goto("/learning");
  const href = await page.getByRole("link", { name: "Your assessed year" }).first().getAttribute("href");
  expect(href).toMatch(/^\/year\/[0-9a-f-]{36}$/);
  return href!;
}

async function expectErrors(page: Page, messages: (string | RegExp)[]) {
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  for (const m of messages) await expect(summary).toContainText(m);
  await expectAccessible(page);
}

test("key forms after a failed submit: the errors are shown and the page still passes axe", async ({ browser }) => {
  test.setTimeout(120_000);
  const visits: Visit[] = [];
  const note = (page: Page) => {
    const url = new URL(page.url());
    visits.push({ routeId: routeFor(url.pathname)?.id ?? "(none)", url: url.pathname, status: 400 });
  };
  const signedOut = await (await browser.newContext()).newPage();
  for (const [path, button, messages] of [
    ["/sign-in", "Sign in", ["Enter your email address", "Enter your password"]],
    ["/sign-up", "Create account", ["Enter your full name", "Select why you are joining"]],
    ["/forgot-password", "Send the link", ["Enter your email address"]],
    ["/return-to-social-work/callback", "Ask for a call back", ["Enter your full name", "Tick the box"]],
  ] as const) {
    await signedOut.goto(path);
    await signedOut.getByRole("button", { name: button }).click();
    await expectErrors(signedOut, [...messages]);
    note(signedOut);
  }
  // The page after a callback request (its reference comes from the address, so no request is made here).
  await visitExpecting(signedOut, "/return-to-social-work/callback/sent?reference=RTS-ABCDEF", 200, visits);
  await signedOut.context().close();

  // Nothing is saved by a refused form. Ravi's records are read here, and changed only by the
  // moderation test below after its final review (not one of these forms); the review form's
  // failed submit is checked in forms.spec.ts.
  const nqsw = await (await browser.newContext()).newPage();
  await signIn(nqsw, DEMO.voluntaryFinalNqsw);
  const year = await yearOf(nqsw);
  await nqsw.goto(`${year}/portfolio/new?kind=reflective_log`);
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expectErrors(nqsw, ["Write a title", "Choose at least one capability"]);
  note(nqsw);
  await nqsw.goto("/learning");
  await nqsw
    .getByRole("link", { name: /Continue where you left off/ })
    .first()
    .click();
  await nqsw.locator(".reflection").first().getByRole("button", { name: "Save reflection" }).click();
  await expectErrors(nqsw, ["Write your reflection before saving it"]);
  note(nqsw);

  const supervisor = await (await browser.newContext()).newPage();
  await signIn(supervisor, DEMO.voluntarySupervisor);
  await supervisor.goto(`${year}/supervision/new`);
  await supervisor.getByRole("button", { name: "Save the record" }).click();
  await expectErrors(supervisor, ["Write the agenda"]);
  note(supervisor);

  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.voluntaryLead);
  await lead.goto("/organisation/invite");
  await lead.getByRole("button", { name: "Send invitation" }).click();
  await expectErrors(lead, ["Enter their full name", "Select the role they will have"]);
  note(lead);
  for (const p of [nqsw, supervisor, lead]) await p.context().close();
  recordVisits("failed-submits", visits);
});

test("pages reached from an email: the mailbox, a password reset and an invitation", async ({ browser }) => {
  test.setTimeout(120_000);
  const visits: Visit[] = [];
  const page = await (await browser.newContext()).newPage();
  const email = uniqueEmail("crawlreset");
  await signUp(page, "Rhiannon Price", email, "quarry lantern obelisk 5");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // The development mailbox and its messages are pages too; their links are followed like any other.
  await visitExpecting(page, "/dev/mail", 200, visits);
  await page.getByRole("row").filter({ hasText: email }).getByRole("link").click();
  await expectAccessible(page);
  visits.push({ routeId: routeFor(new URL(page.url()).pathname)!.id, url: new URL(page.url()).pathname, status: 200 });
  const reset = new URL((await page.locator(".mail-body a").first().getAttribute("href"))!).pathname;
  await visitExpecting(page, reset, 200, visits, "Choose a new password");
  await visitExpecting(page, "/reset-password/abcdefghijklmnopqrstuvwxyz234567", 200, visits);
  await expect(page.getByRole("heading", { name: "This link has expired or has already been used" })).toBeVisible();

  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.voluntaryLead);
  await lead.goto("/organisation/invite");
  const invited = uniqueEmail("crawlinvite");
  await lead.getByLabel("Full name").fill("Idris Vaughan");
  await lead.getByLabel("Work email address").fill(invited);
  await lead.getByRole("radio", { name: /^Learner/ }).check();
  await lead.getByRole("button", { name: "Send invitation" }).click();
  await expect(lead.getByText(`We have emailed ${invited}`)).toBeVisible();
  await page.goto("/dev/mail");
  await page.getByRole("row").filter({ hasText: invited }).getByRole("link").click();
  const invitation = new URL((await page.locator(".mail-body a").first().getAttribute("href"))!).pathname;
  await visitExpecting(page, invitation, 200, visits, "Join Harbour Family Trust on Practice Pathways");
  await visitExpecting(page, "/invitations/abcdefghijklmnopqrstuvwxyz234567", 200, visits);
  await expect(page.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();
  await visitExpecting(page, "/verify?code=PP-AAAA-BBBB-CCCC", 200, visits, "Check a certificate or transcript");
  await expect(page.getByText("No certificate, transcript or career record has this code")).toBeVisible();
  for (const p of [page, lead]) await p.context().close();
  recordVisits("emailed-links", visits);
});

/**
 * The voluntary organisation's final assessment (recommended, and countersigned by the year's team
 * manager) goes to a moderation panel first, so that the panel's
 * pages exist for its lead's crawl (no demo panel is made by the seed, and other tests' panels belong
 * to other councils).
 */
async function finalAssessmentToPanel(browser: Browser) {
  const nqsw = await (await browser.newContext()).newPage();
  await signIn(nqsw, DEMO.voluntaryFinalNqsw);
  const year = await yearOf(nqsw);
  await nqsw.goto(`${year}/reviews/final`);
  await nqsw.locator('input[name="evidence"]').first().check();
  await nqsw.getByLabel("Your comments for the review").fill("Ten months in, and ready for the final decision.");
  await nqsw.getByRole("button", { name: "Submit for review" }).click();
  await expect(nqsw.getByText("Review submitted")).toBeVisible();

  const supervisor = await (await browser.newContext()).newPage();
  await signIn(supervisor, DEMO.voluntarySupervisor);
  await supervisor.goto(`${year}/reviews/final`);
  await supervisor.getByRole("radio", { name: /^Approve/ }).check();
  await supervisor.getByLabel(/^Pass: recommend/).check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByText("Review approved")).toBeVisible();

  // The year's team manager countersigns the recommendation, from their start page.
  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, DEMO.voluntaryTeamManager);
  await manager.getByRole("link", { name: "Final assessment to countersign for Ravi Patel" }).click();
  await manager.getByRole("button", { name: "Countersign the recommendation" }).click();
  await expect(manager.getByText("Review countersigned")).toBeVisible();
  for (const p of [nqsw, supervisor, manager]) await p.context().close();
  return year;
}

test("voluntary-organisation-lead: every linked page, a moderation panel included, passes axe", async ({
  browser,
  page,
}) => {
  test.setTimeout(300_000);
  const year = await finalAssessmentToPanel(browser);
  await signIn(page, DEMO.voluntaryLead);
  await page.goto(`${year}/reviews/final`);
  await expect(page.getByText(/^Countersigned by Deborah Lane, team manager/)).toBeVisible();
  await page.goto("/organisation/panels");
  await page.getByLabel("Programme").selectOption({ index: 1 });
  await page.getByLabel("Name of the panel").fill("Harbour moderation panel");
  await page.getByLabel("Share of passes to read, in per cent").fill("100");
  await page.getByLabel("Chair").selectOption({ label: "Ruth Adeyemi" });
  await page.getByRole("button", { name: "Make the panel and draw its sample" }).click();
  await expect(page.getByText("Panel made")).toBeVisible();

  await page.goto("/organisation");
  const visits = await crawl(page, "/organisation");
  expect(visits.map((v) => v.routeId)).toContain("routes/organisation.panels.$panelId.$enrolmentId");
  recordVisits("voluntary-organisation-lead", visits);
});

test("@coverage every page route was visited by the crawl or checked with axe in a journey", async () => {
  const routes = buildRoutes();
  const pages = routes.filter((r) => r.page);
  expect(pages.length, "page routes found in build/index.js").toBeGreaterThan(20);
  const recorded = readVisits();
  const expected = [...ROLES.map((r) => r.name), ...TARGETED];
  expect(recorded.map((r) => r.name).sort(), "every crawl test recorded its visits").toEqual(
    expect.arrayContaining(expected),
  );
  // The crawl's visits, and every page any other spec checked with axe on its way through a journey.
  const visited = new Set([...recorded.flatMap((r) => r.visits.map((v) => v.routeId)), ...readCheckedRoutes()]);
  for (const id of Object.keys(NOT_CRAWLED))
    expect(
      routes.some((r) => r.id === id),
      `excluded route ${id} still exists`,
    ).toBe(true);
  const missed = pages.filter((r) => !visited.has(r.id) && !(r.id in NOT_CRAWLED)).map((r) => `${r.id} (${r.pattern})`);
  expect(missed, "page routes that no role's crawl reached (link to them, or visit them in a test)").toEqual([]);
});
