/**
 * At 375 px wide (a small phone) the pages people open most scroll only up and down: the
 * supervisor's desk, a learner's year and the learner's home. Nothing may be wider than the screen.
 */
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test.use({ viewport: { width: 375, height: 740 } });

async function expectNoSidewaysScroll(page: import("@playwright/test").Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
    // What sticks out, to say which element is at fault when this fails.
    wide: [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  }));
  expect(widths.wide).toEqual([]);
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}

test("the supervisor's desk and a supervisee's year fit a 375 px screen", async ({ page }) => {
  await signIn(page, DEMO.supervisor);
  await page.goto("/supervision");
  await expect(page.getByRole("heading", { name: "Your supervisees" })).toBeVisible();
  if (process.env.SHOTS) await page.screenshot({ path: "/tmp/desk-375.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await page
    .getByRole("link", { name: /^The year of / })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: /assessed year/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("the NQSW's home and year fit a 375 px screen", async ({ page }) => {
  await signIn(page, DEMO.nqsw);
  await page.goto("/learning");
  await expect(page.getByRole("heading", { name: "Your programmes" })).toBeVisible();
  if (process.env.SHOTS) await page.screenshot({ path: "/tmp/home-375.png", fullPage: true });
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Your assessed year" }).first().click();
  await expect(page.getByRole("heading", { name: /assessed year/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
