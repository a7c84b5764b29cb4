import { DEMO, expect, expectAccessible, signIn, signUp, test, uniqueEmail, visit } from "./fixtures";
import type { Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import type { Manifest } from "~/modules/programmes/content-schema";

async function asyeProgress(page: Page) {
  await page.goto("/learning");
  const bar = page.getByRole("progressbar", { name: /NQSW support programme.*lessons completed/i });
  return Number(await bar.getAttribute("value"));
}

async function workThroughALesson(page: Page) {
  const before = await asyeProgress(page);
  await page
    .getByRole("link", { name: /Continue where you left off/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Answer every question in the knowledge check with its first option.
  const check = page.locator(".knowledge-check").first();
  const groups = check.locator("fieldset");
  const questions = await groups.count();
  expect(questions).toBeGreaterThan(0);
  for (let i = 0; i < questions; i++) await groups.nth(i).locator("input[type=radio]").first().check();
  await check.getByRole("button", { name: /Check my answers/ }).click();
  await expect(page.locator(".knowledge-check__score")).toContainText(new RegExp(`You scored \\d out of ${questions}`));
  await expect(page.locator(".feedback")).toHaveCount(questions);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("heading", { name: "You have completed this lesson" })).toBeVisible();
  expect(await asyeProgress(page)).toBe(before + 1);
}

test.describe("an NQSW works through a lesson", () => {
  test("with JavaScript", async ({ page }) => {
    await signIn(page, DEMO.nqsw);
    await expect(page.getByRole("heading", { name: "Your programmes" })).toBeVisible();
    await workThroughALesson(page);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the same journey works as plain forms", async ({ page }) => {
      await signIn(page, "tom.gallagher@northmoor.example");
      await workThroughALesson(page);
    });

    test("a reflection is saved, and an empty one is refused with a message", async ({ page }) => {
      await signIn(page, "liam.doherty@northmoor.example");
      await page
        .getByRole("link", { name: /Continue where you left off/ })
        .first()
        .click();
      const reflection = page.locator(".reflection").first();
      await reflection.getByRole("button", { name: "Save reflection" }).click();
      await expect(page.getByRole("alert")).toContainText("Write your reflection before saving it");
      const text = "I want to use supervision to talk through my first visits and how I record them.";
      await page.locator(".reflection textarea").first().fill(text);
      await page.locator(".reflection").first().getByRole("button", { name: "Save reflection" }).click();
      await expect(page.getByText("Your reflection is saved.")).toBeVisible();
      await expect(page.locator(".reflection textarea").first()).toHaveValue(text);
      await expectAccessible(page);
    });
  });
});

test("the catalogue, a programme, a module and a lesson are accessible and public where they should be", async ({
  page,
}) => {
  await visit(page, "/programmes");
  await expect(page.getByRole("heading", { name: "Programmes" })).toBeVisible();
  await page.getByRole("link", { name: /NQSW support programme/ }).click();
  await expectAccessible(page);
  await expect(page.getByText("Your employer enrols you on this programme.")).toBeVisible();
  await page.locator(".module-list a").first().click();
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Sign in" }).last()).toBeVisible();

  // Lessons are for learners on the programme and the staff who support them.
  await signIn(page, DEMO.returner);
  const response = await page.goto("/programmes/asye");
  expect(response?.status()).toBe(200);
  const moduleHref = await page.locator(".module-list a").first().getAttribute("href");
  await page.goto(moduleHref!);
  // Not enrolled: the lessons are listed, but not as links that would only be refused.
  await expect(page.locator(".lesson-list li").first()).toBeVisible();
  await expect(page.locator(".lesson-list a")).toHaveCount(0);
  await expect(page.getByText("The lessons are for learners on this programme.")).toBeVisible();
  const lessonSlug = "how-the-year-runs";
  await expect(page.locator(".lesson-list")).toContainText("How the assessed first year works");
  const refused = await page.goto(`${moduleHref}/${lessonSlug}`);
  expect(refused?.status()).toBe(403);
  await expectAccessible(page);
});

test("a returner enrols themselves on the free refresher programme, but not on a paid one", async ({ page }) => {
  await signUp(page, "Carol Dimmock", uniqueEmail("selfenrol"), "saffron ladder minnow 8");
  await visit(page, "/programmes/return-to-social-work");
  await page.getByRole("button", { name: "Enrol on this programme" }).click();
  await expect(page.getByRole("heading", { name: "Your progress" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Continue:/ })).toBeVisible();
  await page.goto("/learning");
  await expect(page.getByRole("link", { name: "Return to social work refresher" })).toBeVisible();

  await visit(page, "/programmes/masters");
  await expect(page.getByRole("button", { name: "Enrol on this programme" })).toHaveCount(0);
  await expect(page.getByText("A place costs £8,700.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Pay £8,700 and enrol" })).toBeVisible();
});

test.describe("knowledge checks are marked by the option chosen, wherever it is shown", () => {
  test.use({ javaScriptEnabled: false });
  test("a learner who ticks the right answers by their words scores full marks", async ({ page }) => {
    const manifest = JSON.parse(readFileSync("build/content/manifest.json", "utf8")) as Manifest;
    const programme = manifest.programmes.find((p) => p.slug === "return-to-social-work")!;
    const module = programme.modules[0]!;
    const lesson = module.lessons[0]!;
    await signUp(page, "Verity Osborne", uniqueEmail("checks"), "quartz heron lantern 5");
    await visit(page, "/programmes/return-to-social-work");
    await page.getByRole("button", { name: "Enrol on this programme" }).click();
    await page.goto(`/programmes/${programme.slug}/${module.slug}/${lesson.slug}`);
    const check = page.locator(".knowledge-check").first();
    const questions = check.locator("fieldset");
    const asked = await questions.count();
    const shownFirst: string[] = [];
    for (let i = 0; i < asked; i++) {
      const legend = (await questions.nth(i).locator("legend").textContent())!;
      const question = lesson.checks.find((c) => c.question === legend.trim())!;
      shownFirst.push((await questions.nth(i).locator("label").first().textContent())!);
      await questions.nth(i).getByLabel(question.options.find((o) => o.correct)!.text, { exact: true }).check();
    }
    await check.getByRole("button", { name: "Check my answers" }).click();
    await expect(page.locator(".knowledge-check__score")).toContainText(`You scored ${asked} out of ${asked}`);
    await expect(page.locator(".feedback--correct")).toHaveCount(asked);
    // The same learner sees the same order when they come back.
    await page.reload();
    for (let i = 0; i < asked; i++)
      await expect(questions.nth(i).locator("label").first()).toHaveText(shownFirst[i]!);
    await expectAccessible(page);
  });
});

test("a programme lead starts a cohort, enrols a learner with a supervisor, and names their team manager", async ({
  page,
}) => {
  await signIn(page, DEMO.lead);
  await visit(page, "/organisation/cohorts");
  await page.getByRole("button", { name: "Start cohort" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose a programme");
  await page
    .getByLabel("Programme")
    .selectOption({ label: "Early career programme, years 1 and 2 (child and family ECDP)" });
  await page.getByLabel("Cohort name").fill("Early career, autumn intake");
  // The early career programme replaces the ASYE for child and family only from 1 September 2027.
  await page.getByLabel("Start date").fill("2027-03-01");
  await page.getByRole("button", { name: "Start cohort" }).click();
  await expect(page.getByRole("alert")).toContainText("1 September 2027");
  await expect(page.getByLabel("Cohort name")).toHaveValue("Early career, autumn intake");
  await page.getByLabel("Start date").fill("2027-09-06");
  await page.getByRole("button", { name: "Start cohort" }).click();
  await expect(page.getByRole("heading", { name: "Early career, autumn intake" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Learner").selectOption({ label: "Kwame Mensah" });
  await page.getByLabel("Practice supervisor").selectOption({ label: "Helen Marsh" });
  // The team manager is optional here: until one is named, nobody signs for the employer.
  await page.getByRole("button", { name: "Enrol learner" }).click();
  await expect(page.getByText("Learner enrolled")).toBeVisible();
  const kwame = page.getByRole("row").filter({ hasText: "Kwame Mensah" });
  await expect(kwame).toContainText("Helen Marsh");
  await expect(kwame).toContainText("Not named yet");
  await kwame.getByRole("link", { name: "Name one for Kwame Mensah" }).click();
  await expect(page.getByRole("heading", { name: "Changes to the year" })).toBeVisible();
  await expect(page.getByText("No team manager named yet.")).toBeVisible();
  const settings = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Learning agreement" }).click();
  await expect(page.getByRole("row", { name: /Team manager/ })).toContainText(
    "No team manager named yet — the programme lead names one on the year's settings",
  );
  await expectAccessible(page);
  await page.goto(settings);
  await page.getByRole("button", { name: "Name the team manager" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose the team manager");
  await page.getByLabel("Team manager", { exact: true }).selectOption({ label: "Imran Qureshi" });
  await page.getByRole("button", { name: "Name the team manager" }).click();
  await expect(page.getByText("Team manager named")).toBeVisible();
  await expect(page.getByText("Imran Qureshi is Kwame Mensah's team manager")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("row", { name: /Team manager named/ })).toContainText("Imran Qureshi");
});

test("a Masters learner sees a lesson's reading list and the way to its module's assignment", async ({ page }) => {
  await signIn(page, DEMO.masters);
  await visit(page, "/programmes/masters/practice-research-dissertation/reviewing-the-literature");
  const reading = page.getByRole("region", { name: "Reading" });
  await expect(reading.getByRole("listitem")).toHaveCount(4);
  await expect(reading).toContainText("Hart, C. (1998) Doing a Literature Review");
  await expectAccessible(page);

  await page.getByRole("link", { name: "A practice research dissertation" }).click();
  await expect(page).toHaveURL(/\/programmes\/masters\/practice-research-dissertation#assignment-heading$/);
  await expect(page.getByRole("heading", { name: "Assignment: A practice research dissertation" })).toBeVisible();
});
