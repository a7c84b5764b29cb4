/**
 * Nothing typed is lost when the session has ended (issue 18, ADR 020): a 5,000-word reflection sent
 * after the writer was signed out from another browser is held for them, and after they sign in again
 * every word is back on the form, with a message saying so; with and without JavaScript. With it, the
 * copy kept in the browser stays until the server has saved the form.
 *
 * Kwame Mensah's password is changed here (that is how another browser ends his sessions), so no other
 * spec signs in as him.
 */
import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, expectAccessible, signIn, test } from "./fixtures";

const KWAME = "kwame.mensah@northmoor.example";
/** 5,000 different words, so that a word lost anywhere is noticed. */
const FIVE_THOUSAND_WORDS = Array.from({ length: 5_000 }, (_, i) => `word${i}`).join(" ");

test.describe.configure({ mode: "serial" });

let password = DEMO_PASSWORD;

/** Signs Kwame in from a second browser and changes his password there: every other session of his ends. */
async function endSessionFromAnotherBrowser(browser: Browser) {
  const other = await (await browser.newContext()).newPage();
  await signIn(other, KWAME, password);
  await other.goto("/account");
  const next = `lantern orbit kettle moss ${Date.now().toString(36)}`;
  await other.getByLabel("Current password").fill(password);
  await other.getByLabel("New password", { exact: true }).fill(next);
  await other.getByLabel("Confirm new password").fill(next);
  await other.getByRole("button", { name: "Change password" }).click();
  await expect(other).toHaveURL(/password=changed/);
  password = next;
  await other.context().close();
}

async function newReflection(page: Page) {
  await page.goto("/learning");
  const year = await page.getByRole("link", { name: "Your assessed year" }).first().getAttribute("href");
  expect(year).toMatch(/^\/year\/[0-9a-f-]{36}$/);
  await page.goto(`${year}/portfolio/new?kind=reflective_log`);
  return new URL(page.url()).pathname + new URL(page.url()).search;
}

for (const javaScriptEnabled of [false, true]) {
  test(`a 5,000-word reflection sent after the session ended is all there after signing in again (${
    javaScriptEnabled ? "with" : "without"
  } JavaScript)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, KWAME, password);
    const form = await newReflection(page);
    const title = `A long week on duty (${javaScriptEnabled ? "with" : "without"} JavaScript)`;
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Your reflection", { exact: true }).fill(FIVE_THOUSAND_WORDS);
    const capability = page.locator('input[name="capabilities"]').first();
    await capability.check();

    await endSessionFromAnotherBrowser(browser);

    await page.getByRole("button", { name: "Add to the portfolio" }).click();
    await expect(page).toHaveURL(/\/sign-in\?redirectTo=.*&held=1/);
    await expect(page.getByText("We kept what you wrote")).toBeVisible();
    await expectAccessible(page);
    // The kept text is bound to this browser by a cookie scripts cannot read.
    const held = (await context.cookies()).find((c) => c.name.endsWith("pp_held"));
    expect(held?.httpOnly).toBe(true);
    expect(held?.sameSite).toBe("Lax");

    await page.getByLabel("Email address").fill(KWAME);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(form);
    await expect(page.getByText("We kept what you wrote when your session ended")).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(title);
    const body = page.getByLabel("Your reflection", { exact: true });
    await expect(body).toHaveValue(FIVE_THOUSAND_WORDS);
    await expect(capability).toBeChecked();
    await expectAccessible(page);

    if (javaScriptEnabled) {
      // The browser's copy is kept until the server confirms a save: a refused save keeps it.
      const copyOf = () =>
        page.evaluate(() =>
          Object.keys(localStorage).filter((k) => k.startsWith("pp-draft:") && k.includes("evidence-new")),
        );
      await body.fill(`${FIVE_THOUSAND_WORDS} and one more`);
      await expect.poll(copyOf).toHaveLength(1);
      await page.getByRole("button", { name: "Add to the portfolio" }).click();
      await expect(page.getByRole("alert")).toContainText("20,000 characters or fewer");
      await expect(body).toHaveValue(`${FIVE_THOUSAND_WORDS} and one more`);
      expect(await copyOf()).toHaveLength(1);
      // Shortened and saved: the server has it, so the browser's copy goes.
      await body.fill("A shorter reflection on a long week.");
      await page.getByRole("button", { name: "Add to the portfolio" }).click();
      await expect(page).toHaveURL(/\/portfolio\/[0-9a-f-]{36}\?added=1/);
      await expect.poll(copyOf).toHaveLength(0);
    } else {
      // Too long for a reflective log: refused, and every word comes back again to be shortened.
      await page.getByRole("button", { name: "Add to the portfolio" }).click();
      await expect(page.getByRole("alert")).toContainText("20,000 characters or fewer");
      await expect(body).toHaveValue(FIVE_THOUSAND_WORDS);
    }
    await context.close();
  });
}
