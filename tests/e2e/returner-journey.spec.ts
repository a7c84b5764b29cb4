import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const SHOTS = process.env.E2E_SCREENSHOTS;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** "18.5 of 60 days counted" → 18.5 */
async function counted(page: Page) {
  const text = await page
    .getByText(/of 60 days counted/)
    .first()
    .textContent();
  const match = /([\d.]+) of 60 days counted/.exec(text ?? "");
  expect(match, `the count on ${page.url()}`).toBeTruthy();
  return Number(match![1]);
}

test("a returner follows their own route: logs updating days and watches the count move, adds a CPD record, downloads the evidence pack", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, DEMO.returner);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your return" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your return to social work");
  await expect(page.getByRole("heading", { name: "Ready to return" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Refresher programme" })).toBeVisible();
  await expect(page.getByText(/of \d+ modules done/)).toBeVisible();
  await expectAccessible(page);
  await shot(page, "return");
  const before = await counted(page);

  await page.getByRole("link", { name: /your updating log/i }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Updating days");
  await expect(page.getByText("No longer counts")).toBeVisible(); // the entry from more than 12 months ago
  await expect(page.getByText("9 hours is still 1 day", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shot(page, "updating");
  expect(await counted(page)).toBe(before);

  // Supervised practice without its supervisor is refused, the rest kept.
  await page.getByLabel("Hours").fill("6");
  await page.getByLabel("Supervised practice").check();
  await page.getByLabel("What you did").fill("Co-worked an initial assessment visit with the duty team.");
  await page.getByRole("button", { name: "Add to the log" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter who supervised your practice");
  await expect(page.getByLabel("What you did")).toHaveValue(
    "Co-worked an initial assessment visit with the duty team.",
  );
  await expect(page.getByLabel("Hours")).toHaveValue("6");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Who supervised it" }).fill("Daniel Okafor, practice supervisor");
  await page.getByRole("button", { name: "Add to the log" }).click();
  await expect(page.getByText("Added to your log")).toBeVisible();
  expect(await counted(page)).toBe(Math.round((before + 1) * 10) / 10);
  await expect(page.getByText("Supervised by Daniel Okafor, practice supervisor", { exact: true })).toBeVisible();
  await expect(page.getByLabel("What you did")).toHaveValue(""); // a fresh form, so the entry is not added twice

  await page
    .getByRole("navigation", { name: "Your return to social work" })
    .getByRole("link", { name: "Your return" })
    .click();
  expect(await counted(page)).toBe(Math.round((before + 1) * 10) / 10);

  // A CPD record: a field error first, with what was typed kept.
  await page
    .getByRole("navigation", { name: "Your return to social work" })
    .getByRole("link", { name: "CPD records" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CPD records");
  await expect(
    page.getByText(/^You need \d more CPD records? this registration year|records are in for this registration year/),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("What did you do?").fill("Attended the council's workshop on the Mental Capacity Act.");
  await page.getByLabel("What did you learn?").fill("How to record a best-interests decision clearly.");
  await page
    .getByLabel("What impact will it have on your practice?")
    .fill("I will check capacity decision by decision.");
  await page.getByRole("button", { name: "Add the record" }).click();
  await expect(summary).toContainText("Choose at least one professional standard");
  await expect(page.getByLabel("What did you do?")).toHaveValue(
    "Attended the council's workshop on the Mental Capacity Act.",
  );
  await expectAccessible(page);
  await shot(page, "cpd-error");
  // The summary's link leads to the first of the standards' boxes.
  await expect(page.getByRole("link", { name: "Choose at least one professional standard" })).toHaveAttribute(
    "href",
    "#standards",
  );
  await expect(page.locator("#standards")).toHaveAccessibleName(/^1\. Promote the rights/);
  await page.getByLabel(/^3\. Be accountable/).check();
  await page
    .getByLabel("What you discussed with them, and what you took from it")
    .fill("We talked through a case where capacity fluctuated.");
  await page.getByLabel("Peer's name and role").fill("Sam Carter, senior social worker");
  await page.getByRole("button", { name: "Add the record" }).click();
  await expect(page.getByText("CPD record added")).toBeVisible();
  const cpdPanel = page.getByRole("region", { name: /^Registration year \S+:/ });
  await expect(cpdPanel).toContainText(/(Both|All \d+) records are in for this registration year/);
  await expect(cpdPanel).toContainText(/Renewal closes (today|in \d+ days?) \(30 November \d{4}\)/);
  const added = page.getByRole("article").filter({ hasText: "Mental Capacity Act" });
  await expect(added).toContainText("Reflected on with a peer");
  await expect(added).toContainText("3. Be accountable");
  await expectAccessible(page);
  await shot(page, "cpd");

  // The evidence pack.
  await page
    .getByRole("navigation", { name: "Your return to social work" })
    .getByRole("link", { name: "Your return" })
    .click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download your evidence pack (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("evidence-of-updating.pdf");
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  await context.close();
});

test("the returner's checklist works with JavaScript off", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, DEMO.returner);
  await page.goto("/return");
  const box = page.getByLabel("Supervised start agreed with your new employer");
  const ticked = await box.isChecked();
  await box.setChecked(!ticked);
  await page.getByRole("button", { name: "Save the checklist" }).click();
  await expect(page.getByText("Checklist saved")).toBeVisible();
  await expect(page.getByLabel("Supervised start agreed with your new employer")).toBeChecked({ checked: !ticked });
  await expectAccessible(page);
  await context.close();
});

test("the returner's pages are not for anyone else", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.helpline);
  const response = await page.goto("/return/updating");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");
  expect((await context.request.get("/return/evidence.pdf")).status()).toBe(403);
  await context.close();
});
