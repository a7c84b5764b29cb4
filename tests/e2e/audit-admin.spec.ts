import { readFileSync } from "node:fs";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

test("the platform admin finds a person, changes their role, reads it in the audit trail in words and exports it", async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("link", { name: "Find a person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Find a person" })).toBeVisible();
  await page.getByLabel("Name or email address").fill("fairweather");
  await page.getByRole("button", { name: "Find" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Simon Fairweather" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Simon Fairweather" })).toBeVisible();
  await expect(page.getByText("TWO-FACTOR RESET")).toHaveCount(0);
  await expectAccessible(page);

  // Nothing chosen: the error is in the summary and beside the field, and no banner.
  await page.getByRole("button", { name: "Change the role" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Choose their new role");
  await expect(page.locator("#role-error")).toContainText("Choose their new role");
  await expectAccessible(page);

  await page.getByLabel("Which role").selectOption({ label: "Programme lead at University of Eastbridge" });
  await page.getByLabel("New role").selectOption({ label: "Assessor" });
  await page.getByRole("button", { name: "Change the role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Role changed" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Assessor at University of Eastbridge" })).toBeVisible();

  await page.getByRole("link", { name: /What Simon Fairweather did/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  const sentence = "Alex Morgan changed Simon Fairweather's role at University of Eastbridge from programme lead to assessor";
  await expect(page.getByRole("cell", { name: sentence })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("[object Object]");
  await expectAccessible(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /as a spreadsheet \(CSV\)/ }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain(sentence);
  expect(csv.split("\r\n")[0]).toBe("\uFEFFWhen (England),What happened,Who,Acting as,About,Organisation,Action");

  // The export is in the trail too; then Simon's role is put back for the other journeys.
  await page.goto("/organisation/audit?kind=organisation");
  await expect(page.getByRole("cell", { name: /Alex Morgan downloaded the audit trail as a spreadsheet \(\d+ events?\)/ }).first()).toBeVisible();
  await page.goto("/admin/people?q=fairweather");
  await page.getByRole("link", { name: "Simon Fairweather" }).click();
  await page.getByLabel("New role").selectOption({ label: "Programme lead" });
  await page.getByRole("button", { name: "Change the role" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Programme lead at University of Eastbridge" })).toBeVisible();
});

test("a programme lead filters their audit trail by person, kind and date without JavaScript", async ({ browser }) => {
  const lead = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(lead, DEMO.otherCouncilLead);
  const email = uniqueEmail("siobhan.audit");
  const name = `Siobhán D'Audit ${Date.now().toString(36)}`;
  await lead.goto("/organisation/invite");
  await lead.getByLabel("Full name").fill(name);
  await lead.getByLabel("Work email address").fill(email);
  await lead.getByLabel("Practice supervisor").check();
  await lead.getByRole("button", { name: /Send/ }).click();

  await lead.getByRole("link", { name: "Audit trail" }).first().click();
  await expect(lead.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  // A to date before the from date: said beside the field and in the summary; the rest still filters.
  await lead.getByLabel("Person").fill(name);
  await lead.getByLabel("Kind of event").selectOption({ label: "Invitations, roles and accounts" });
  await lead.getByLabel("From").fill("2026-02-01");
  await lead.getByLabel("To").fill("2026-01-01");
  await lead.getByRole("button", { name: "Filter" }).click();
  const summary = lead.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("The to date must be the same as or after the from date");
  await expect(lead.locator("#to-error")).toContainText("The to date must be the same as or after the from date");
  await expect(lead.getByLabel("Person")).toHaveValue(name);
  await expectAccessible(lead);

  await lead.getByLabel("From").fill("");
  await lead.getByLabel("To").fill("");
  await lead.getByRole("button", { name: "Filter" }).click();
  await expect(lead).toHaveURL(/person=Siobh/);
  const rows = lead.getByRole("row");
  await expect(rows.filter({ hasText: `Marcus Reid invited ${name} to join as a practice supervisor` })).toHaveCount(1);
  await expect(rows).toHaveCount(2);
  await expectAccessible(lead);

  await lead.getByLabel("Kind of event").selectOption({ label: "Supervision" });
  await lead.getByRole("button", { name: "Filter" }).click();
  await expect(lead.getByText("Nothing recorded matches these filters.")).toBeVisible();
  await lead.context().close();
});
