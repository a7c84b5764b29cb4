import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const SHOTS = process.env.VACANCY_SCREENSHOTS;
const shot = async (page: import("@playwright/test").Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

test("a programme lead posts a vacancy (after a field error, input kept) and the public sees it on the list and its page", async ({
  browser,
}) => {
  const title = `Social worker, hospital discharge ${Date.now().toString(36)}`;
  const lead = await (await browser.newContext()).newPage();
  // Riverside's lead, so that Northmoor's vacancies and introductions are left to other journeys.
  await signIn(lead, DEMO.otherCouncilLead);
  await lead.getByRole("link", { name: "Vacancies" }).first().click();
  await expect(lead.getByRole("heading", { name: "Vacancies", level: 1 })).toBeVisible();
  await expectAccessible(lead);
  await shot(lead, "lead-vacancies");
  await lead.getByRole("link", { name: "Post a vacancy" }).click();
  await lead.getByLabel("Job title").fill(title);
  await lead.getByLabel("Team", { exact: true }).fill("Hospital social work");
  await lead.getByLabel("Region").selectOption("London");
  await lead.getByLabel("Grade").fill("PO1");
  await lead.getByLabel("Salary from, in pounds a year").fill("40000");
  await lead.getByLabel("Salary to, in pounds a year").fill("39000");
  await lead.getByLabel("Adults' social work").check();
  await lead.getByLabel("Yes, returners are welcome").check();
  await lead.getByLabel("Supervision offered").fill("Fortnightly with a senior practitioner.");
  await lead.getByLabel("Induction offered").fill("Four weeks of shadowing on the wards.");
  const closes = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await lead.getByLabel("Closing date").fill(closes);
  await lead.getByRole("button", { name: "Post the vacancy" }).click();
  const summary = lead.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("The highest salary must be the same as or more than the lowest");
  await expect(lead.getByLabel("Job title")).toHaveValue(title);
  await expect(lead.getByLabel("Supervision offered")).toHaveValue("Fortnightly with a senior practitioner.");
  await expect(lead.getByLabel("Adults' social work")).toBeChecked();
  await expectAccessible(lead);
  await shot(lead, "lead-new-vacancy-error");
  await lead.getByLabel("Salary to, in pounds a year").fill("44,500");
  await lead.getByRole("button", { name: "Post the vacancy" }).click();
  await expect(lead.getByText("Vacancy posted")).toBeVisible();
  await expectAccessible(lead);
  await shot(lead, "lead-vacancy");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/vacancies?region=London&returnerFriendly=yes");
  await expectAccessible(visitor);
  await shot(visitor, "public-list");
  await visitor.getByRole("link", { name: title }).click();
  await expect(visitor.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(visitor.getByText("Riverside Borough Council").first()).toBeVisible();
  await expect(visitor.getByText("£40,000 to £44,500 a year")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Ask the helpline to introduce you" })).toHaveAttribute(
    "href",
    "/return-to-social-work/callback",
  );
  await expectAccessible(visitor);
  await shot(visitor, "public-vacancy");

  // The lead withdraws it: it leaves the list, and its page says it has closed.
  await lead.getByRole("button", { name: "Withdraw this vacancy" }).click();
  await expect(lead.getByText("Vacancy withdrawn")).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByRole("heading", { name: "This vacancy has closed" })).toBeVisible();
  await expectAccessible(visitor);
  await visitor.goto("/vacancies");
  await expect(visitor.getByRole("link", { name: title })).toHaveCount(0);
  for (const p of [lead, visitor]) await p.context().close();
});

test("the helpline sees suitable vacancies for a request and the council sees its introduction", async ({
  browser,
}) => {
  const advisor = await (await browser.newContext()).newPage();
  await signIn(advisor, DEMO.helpline);
  await advisor.goto("/helpline/introductions");
  await expectAccessible(advisor);
  await shot(advisor, "helpline-introductions");
  await advisor.getByRole("link", { name: "Janet Okoye" }).click();
  await expect(advisor.getByRole("heading", { name: "Vacancies for Janet Okoye" })).toBeVisible();
  await expect(advisor.getByRole("row", { name: /Northmoor City Council/ })).toContainText("Interview arranged");
  await expectAccessible(advisor);
  await shot(advisor, "helpline-matching");

  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.lead);
  await lead.getByRole("link", { name: "Introductions" }).first().click();
  await expectAccessible(lead);
  await shot(lead, "lead-introductions");
  await lead.getByRole("link", { name: "Janet Okoye" }).click();
  await expect(lead.getByRole("heading", { name: "Janet Okoye" })).toBeVisible();
  await expectAccessible(lead);
  await shot(lead, "lead-introduction");
  for (const p of [advisor, lead]) await p.context().close();
});
