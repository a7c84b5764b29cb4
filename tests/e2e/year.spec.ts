import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const label = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

test("the programme lead pauses a year for parental leave, and every later date moves", async ({ page }) => {
  // Four weeks of leave that began two months ago, inside Owen's year (he is in month 12).
  const from = new Date(Date.now() - 60 * 86_400_000);
  const to = new Date(from.getTime() + 27 * 86_400_000);
  await signIn(page, DEMO.otherCouncilLead);
  await page.getByRole("link", { name: "Owen Pritchard" }).click();
  await page.getByRole("link", { name: "the year" }).click();
  await expect(page.getByRole("heading", { name: "Owen Pritchard's assessed year" })).toBeVisible();
  await expectAccessible(page);
  const ends = async () => (await page.locator(".lead").textContent())!.match(/ends (\d+ \w+ \d{4})/)![1]!;
  const before = await ends();

  await page.getByRole("link", { name: "Record a change to the year" }).click();
  await expect(page.getByRole("heading", { name: "Changes to the year" })).toBeVisible();
  await expectAccessible(page);
  // Bad input is explained, next to the field.
  await page.getByLabel("First day of the pause").fill(iso(from));
  await page.getByLabel("Last day of the pause").fill(iso(new Date(from.getTime() - 86_400_000)));
  await page.getByRole("button", { name: "Add the pause" }).click();
  await expect(page.getByRole("alert")).toContainText("The last day must be on or after the first day");
  await expect(page.getByRole("alert")).toContainText("Choose why the year is paused");
  await expect(page.getByLabel("First day of the pause")).toHaveValue(iso(from));
  await page.getByLabel("Last day of the pause").fill(iso(to));
  await page.getByLabel("Reason").selectOption("parental_leave");
  await page.getByRole("button", { name: "Add the pause" }).click();
  await expect(page.getByText("Pause added")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`${label(from)} to ${label(to)}`) })).toContainText(
    "parental leave",
  );

  await page.getByRole("link", { name: "The year", exact: true }).click();
  const after = await ends();
  expect(new Date(after).getTime() - new Date(before).getTime()).toBe(28 * 86_400_000);
  await expect(page.locator(".lead")).toContainText("paused 1 time");

  // Only the lead records changes; another council's lead cannot even see the year.
  const settings = new URL(page.url()).pathname + "/settings";
  for (const [email, status] of [
    ["owen.pritchard@riverside.example", 403],
    [DEMO.lead, 404],
  ] as const) {
    const context = await page.context().browser()!.newContext();
    const other = await context.newPage();
    await signIn(other, email);
    expect((await other.goto(settings))?.status()).toBe(status);
    await context.close();
  }
});

test("a saved lesson reflection is sent to the portfolio once", async ({ page }) => {
  await signIn(page, "grace.whitfield@northmoor.example");
  await page
    .getByRole("link", { name: /Continue where you left off/ })
    .first()
    .click();
  const text = "Reading this, I noticed how often I start with the risk and not with the person's own account.";
  await page.locator(".reflection textarea").first().fill(text);
  await page.locator(".reflection").first().getByRole("button", { name: "Save reflection" }).click();
  await expect(page.getByText("Reflection saved")).toBeVisible();
  const lesson = page.url();
  await page
    .getByRole("button", { name: /Send to your portfolio/ })
    .first()
    .click();
  await expect(page.getByText("Evidence added")).toBeVisible();
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText("Reflection from a lesson")).toBeVisible();
  await expectAccessible(page);
  await page.goto(lesson);
  await expect(page.getByText("In your portfolio").first()).toBeVisible();
});

test("the programme lead sees which grant claims are due, each pathway its own funder's, in its financial year", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.lead);
  await page.getByRole("link", { name: "Grants" }).click();
  await expect(page.getByRole("heading", { name: "Grant claims" })).toBeVisible();
  await expectAccessible(page);
  const zainab = page.getByRole("row", { name: /Zainab Hussain.*registration/ });
  await expect(zainab).toContainText("£1,000");
  await expect(zainab).toContainText("Claimable since");
  await expect(page.getByRole("row", { name: /Zainab Hussain.*completion/ })).toContainText("On completion, expected");
  // Each line names the financial year (1 April to 31 March) of its date, not a fixed year.
  await expect(zainab).toContainText(/registration of the NQSW \(\d{4}-\d{2}\)/);
  // Adults' NQSWs are not part of the DfE grant: Skills for Care funds their ASYE.
  const kwame = page.getByRole("row", { name: /Kwame Mensah/ });
  await expect(kwame).toHaveCount(2);
  await expect(kwame.filter({ hasText: "Department for Education" })).toHaveCount(0);
  await expect(kwame.filter({ hasText: "Skills for Care adults' ASYE funding" })).toHaveCount(2);

  const context = await browser.newContext();
  const supervisor = await context.newPage();
  await signIn(supervisor, DEMO.supervisor);
  expect((await supervisor.goto("/organisation/grants"))?.status()).toBe(403);
  await context.close();
});
