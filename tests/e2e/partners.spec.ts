import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

/**
 * Shared multi-agency sessions of the CP lead programme (issue 21, ADR 026). A police partner sees
 * their sessions and materials and nothing else; the programme lead sets up a session and, as its
 * facilitator, keeps the register; Sophie sees her attendance as evidence on her assessment page.
 */

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

/** Sophie's own pages, as she reaches them from her start page: her CP lead assessment and her early career year. */
async function sophiesPages(browser: Browser) {
  const sophie = await as(browser, DEMO.earlyCareer);
  await sophie.goto("/learning");
  const assessment = await sophie.locator('a[href^="/assessment/"]').first().getAttribute("href");
  const year = await sophie.locator('a[href^="/year/"]').first().getAttribute("href");
  await sophie.context().close();
  expect(assessment).toMatch(/^\/assessment\/[0-9a-f-]{36}$/);
  return { assessment: assessment!, year: year ?? "/year/00000000-0000-4000-8000-000000000000" };
}

test("a police partner sees their shared sessions and materials, and nothing else", async ({ browser }) => {
  const { assessment, year } = await sophiesPages(browser);
  const karen = await as(browser, DEMO.policePartner);
  await expect(karen).toHaveURL(/\/shared-sessions$/);
  await expect(karen.getByRole("heading", { level: 1, name: "Your shared sessions" })).toBeVisible();
  // The menu has their sessions and their account, nothing else.
  await expect(karen.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Your shared sessions", "Your account"]);
  await expect(karen.getByText("Northmoor Police, Public Protection Unit (Police)")).toBeVisible();
  await expect(karen.getByRole("link", { name: "Sharing information lawfully and safely" })).toBeVisible();
  await expectAccessible(karen);

  await karen.getByRole("link", { name: "Strategy discussions and joint section 47 enquiries" }).click();
  await expect(karen.getByRole("heading", { level: 1, name: "Strategy discussions and joint section 47 enquiries" })).toBeVisible();
  await expect(karen.getByText("Priya Shah")).toBeVisible();
  // Nothing of the learners: no register, no names of who else came.
  await expect(karen.getByRole("heading", { name: "Attendance register" })).toHaveCount(0);
  await expect(karen.getByText("Sophie Bennett")).toHaveCount(0);
  await expectAccessible(karen);
  const [download] = await Promise.all([karen.waitForEvent("download"), karen.getByRole("link", { name: "strategy-discussion-checklist.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("strategy-discussion-checklist.pdf");

  // Every other page refuses them: a learner's assessment and year, the learner's start page, the lead's pages.
  for (const path of [assessment, `${assessment.replace("/assessment/", "/year/")}/portfolio`, year, "/learning", "/career", "/organisation/shared-sessions", "/organisation"]) {
    const response = await karen.goto(path);
    expect([403, 404], path).toContain(response?.status());
  }
  await karen.context().close();
});

test("the facilitator records the register, and the learner sees her attendance as evidence", async ({ browser }) => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const place = `Northmoor Civic Centre, Room ${Date.now().toString(36)}`;
  const priya = await as(browser, DEMO.lead);
  await priya.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shared sessions" }).click();
  await expect(priya.getByRole("heading", { level: 1, name: "Shared sessions" })).toBeVisible();
  await expectAccessible(priya);
  await priya.getByRole("link", { name: "Add a shared session" }).click();
  await expect(priya.getByRole("heading", { level: 1, name: "Add a shared session" })).toBeVisible();
  await expectAccessible(priya);
  await priya.getByLabel("Topic").selectOption({ label: "Multi-agency child protection practice: Conferences, plans and core groups" });
  await priya.getByLabel("Date").fill(yesterday);
  await priya.getByLabel("Start time").fill("10:00");
  await priya.getByLabel("Length, in minutes").fill("120");
  await priya.getByLabel("Place").fill(place);
  await priya.getByRole("group", { name: "Learners to invite" }).getByLabel("Sophie Bennett").check();
  await priya.getByRole("group", { name: "Partners to invite" }).getByLabel("Karen Fletcher").check();
  await priya.getByLabel("Material (optional)").setInputFiles({ name: "core-groups-briefing.pdf", mimeType: "application/pdf", buffer: PDF });
  await priya.getByRole("button", { name: "Add the session" }).click();
  await expect(priya.getByRole("heading", { level: 1, name: "Conferences, plans and core groups" })).toBeVisible();
  await expect(priya.getByText("Shared session added")).toBeVisible();
  await expectAccessible(priya);
  const sessionPath = new URL(priya.url()).pathname;

  // Priya is its facilitator (she was the facilitator chosen for her): the register is open, the session having started.
  await priya.getByRole("group", { name: "Attendance of Sophie Bennett" }).getByLabel("Attended").check();
  await priya.getByRole("group", { name: "Attendance of Karen Fletcher" }).getByLabel("Attended").check();
  await priya.getByRole("button", { name: "Save the register" }).click();
  await expect(priya.getByText("Register saved")).toBeVisible();
  await expect(priya.getByRole("group", { name: "Attendance of Sophie Bennett" }).getByLabel("Attended")).toBeChecked();
  await expectAccessible(priya);
  await priya.context().close();

  // Sophie's attendance is evidence for CPL-2.5 on her assessment page.
  const sophie = await as(browser, DEMO.earlyCareer);
  await sophie.goto(sessionPath);
  await expect(sophie.getByText("Your attendance")).toBeVisible();
  await expectAccessible(sophie);
  await sophie.getByRole("link", { name: "your assessment page" }).click();
  const row = sophie.getByRole("row").filter({ hasText: "CPL-2.5" });
  await expect(row.getByRole("link", { name: /Shared session: Conferences, plans and core groups/ })).toBeVisible();
  await expect(row.getByRole("link", { name: /Shared session: Strategy discussions and joint section 47 enquiries/ })).toBeVisible();
  await expectAccessible(sophie);
  await row.getByRole("link", { name: /Shared session: Conferences, plans and core groups/ }).click();
  await expect(sophie.getByText(/Attended: recorded by Priya Shah \(programme lead\)/)).toBeVisible();
  await expectAccessible(sophie);
  await sophie.context().close();

  // The police partner finds the new session with its material.
  const karen = await as(browser, DEMO.policePartner);
  await karen.goto(sessionPath);
  await expect(karen.getByText(place)).toBeVisible();
  const [download] = await Promise.all([karen.waitForEvent("download"), karen.getByRole("link", { name: "core-groups-briefing.pdf" }).click()]);
  expect(download.suggestedFilename()).toBe("core-groups-briefing.pdf");
  await karen.context().close();
});
