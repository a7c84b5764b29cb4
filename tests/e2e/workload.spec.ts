import { chooseRole, DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("the supervisor sets a caseload limit and a week over it is flagged; the NQSW cannot change the limit", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const supervisor = await context.newPage();
  // Riverside's supervisor and NQSW, so the Northmoor desk's other journeys are not disturbed.
  await signIn(supervisor, DEMO.otherCouncilSupervisor);
  await chooseRole(supervisor, "Practice supervisor, Riverside Borough Council");
  await supervisor
    .getByRole("row", { name: /Jamal Campbell/ })
    .getByRole("link", { name: /Workload/ })
    .click();
  await expect(supervisor.getByRole("heading", { name: "Workload" })).toBeVisible();
  await expectAccessible(supervisor);
  await supervisor.getByLabel("Most cases this NQSW should hold").fill("8");
  await supervisor.getByRole("button", { name: "Save the limit" }).click();
  await expect(supervisor.getByText("Caseload limit saved")).toBeVisible();

  await supervisor.getByLabel("Week starting (a Monday)").fill("2026-11-24");
  await supervisor.getByRole("button", { name: "Record the week" }).click();
  await expect(supervisor.getByRole("alert")).toContainText("A week starts on a Monday");
  await expect(supervisor.getByRole("alert")).toContainText("Enter the number of cases held");

  await supervisor.getByLabel("Week starting (a Monday)").fill("2026-11-23");
  await supervisor.getByLabel("Cases held that week").fill("9");
  await supervisor.getByLabel("Protected development hours taken").fill("2");
  await supervisor.getByRole("button", { name: "Record the week" }).click();
  await expect(supervisor.getByText("Week recorded")).toBeVisible();
  const row = supervisor.getByRole("row", { name: /23 November 2026/ });
  await expect(row).toContainText("Over the caseload limit");
  await expect(row).toContainText("Protected time short");
  await expect(supervisor.getByRole("img", { name: /Caseload by week/ })).toBeVisible();
  await expectAccessible(supervisor);
  const path = new URL(supervisor.url()).pathname;

  await supervisor.goto("/supervision");
  await expect(supervisor.getByRole("row", { name: /Jamal Campbell/ })).toContainText("1 week flagged");

  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, "jamal.campbell@riverside.example");
  await nqsw.goto(path);
  await expect(nqsw.getByLabel("Most cases this NQSW should hold")).toHaveCount(0);
  const refused = await nqswContext.request.post(path, {
    form: { intent: "limit", maxCaseload: "99" },
    headers: { Origin: new URL(nqsw.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await context.close();
  await nqswContext.close();
});
