import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";
import { askForCallBack, selfCheck } from "./returners";

/**
 * The public route back in: the self-check tells a person what they need, and the callback form
 * keeps what they typed through its errors (a bad email, no consent) and then gives a reference.
 * Both work the same with JavaScript off. Every page is checked with axe, the helpline's too.
 */

test("the self-check and the callback form, with JavaScript", async ({ page }) => {
  await selfCheck(page);
  await askForCallBack(page);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the self-check and the callback form work the same", async ({ page }) => {
    await selfCheck(page);
    await askForCallBack(page);
  });
});

test("the request reaches the helpline desk, whose pages pass axe", async ({ page, browser }) => {
  const visitor = await (await browser.newContext()).newPage();
  const { reference } = await askForCallBack(visitor);
  await visitor.context().close();
  await signIn(page, DEMO.helpline);
  await expect(page.getByRole("heading", { level: 1, name: "Callback requests" })).toBeVisible();
  await expect(page.getByText("Overdue").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Region", { exact: true }).selectOption("North West");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rosa Delgado" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Needs 60 updating days" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Spoke to them").check();
  await page.getByLabel("Note", { exact: true }).fill("Wants a part-time start in a children's team.");
  await page.getByRole("button", { name: "Log the call" }).click();
  await expect(page.getByText("Call logged")).toBeVisible();
  await expect(page.locator(".tag").first()).toHaveText("Contacted");
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Figures" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Helpline figures" })).toBeVisible();
  await expectAccessible(page);
});
