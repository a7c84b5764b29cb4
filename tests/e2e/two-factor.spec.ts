/**
 * Two-factor sign-in, as a supervisor and a programme lead would use it. The people are at
 * Harbour Family Trust, whose staff the other specs sign in with a password only in the projects
 * that playwright.config.ts hands out after this one, so turning it on (and requiring it) cannot
 * get in the way of them; it is turned off again at the end all the same, and by afterAll if the
 * story stops half-way. Then the supervisor moves it to a new phone (with and without JavaScript), and
 * his lead, then the platform team, reset it for him, leaving it off as the demo world had it.
 */
import { mkdirSync } from "node:fs";
import { Secret, TOTP } from "otpauth";
import { chooseRole, DEMO_PASSWORD, expect, expectAccessible, test, visit } from "./fixtures";
import type { Page } from "@playwright/test";

const SUPERVISOR = "ben.thornton@harbourtrust.example";
const LEAD = "ruth.adeyemi@harbourtrust.example";

// One story in order; each part checks several pages with axe, so it is given longer than the default.
test.describe.configure({ mode: "serial", timeout: 180_000 });

/** What each person's authenticator app holds, and the last time step whose code was used. */
const apps = new Map<string, { secret: string; lastStep: number }>();
let recoveryCodes: string[] = [];
/** Who has two-factor sign-in on now, and whether Harbour requires it: what afterAll must undo. */
const turnedOn = new Set<string>();
let required = false;

/**
 * The app's code for the first 30-second step not yet used (codes are good once). The server accepts the
 * step before and the step after too (a phone's clock may be out), so three codes can be had in one step's
 * time before the story has to wait for the clock: the step before only while at least 12 seconds of this
 * one remain, so that it is still the step before when the server checks it.
 */
async function codeFor(email: string) {
  const app = apps.get(email);
  if (!app) throw new Error(`${email} has no authenticator app yet`);
  const totp = new TOTP({ secret: Secret.fromBase32(app.secret), algorithm: "SHA1", digits: 6, period: 30 });
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / 30_000);
    const earliest = (current + 1) * 30_000 - now >= 12_000 ? current - 1 : current;
    const step = Math.max(earliest, app.lastStep + 1);
    if (step <= current + 1) {
      app.lastStep = step;
      return totp.generate({ timestamp: step * 30_000 + 1_000 });
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * 30_000 - Date.now() + 100));
  }
}

async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** The password step: with two-factor sign-in on, it leads to the security code page. */
async function enterPassword(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel(/Security code|Recovery code/).fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Turns it on from the setup page, reading the key as someone who cannot scan the QR code would. */
async function turnOn(page: Page, email: string) {
  await expect(page.getByRole("img", { name: /QR code that adds Practice Pathways/ })).toBeVisible();
  await page.getByText("I cannot scan the QR code").click();
  const key = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  const link = await page.getByRole("link", { name: "add Practice Pathways to it directly" }).getAttribute("href");
  expect(link).toMatch(new RegExp(`^otpauth://totp/.*secret=${key}`));
  apps.set(email, { secret: key, lastStep: 0 });
  await page.getByLabel("Security code from the app").fill(await codeFor(email));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in is on" })).toBeVisible();
  turnedOn.add(email);
  const codes = await page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(codes).toHaveLength(10);
  return codes;
}

/** Turns it off on the turn-off page with the password and a code (what the story's end does). */
async function turnOff(page: Page, email: string) {
  await visit(page, "/account/security/turn-off");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Security code").fill(await codeFor(email));
  await page.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in is off").first()).toBeVisible();
  turnedOn.delete(email);
}

/** Signs in with the password and a code from the app. */
async function signInWithCode(page: Page, email: string) {
  await enterPassword(page, email);
  await enterCode(page, await codeFor(email));
  await expect(page).not.toHaveURL(/\/sign-in/);
}

const REQUIRE_LABEL =
  "Require two-factor sign-in for supervisors, assessors, team managers, programme leads and admins";

// The specs that sign Harbour's staff in with a password alone run after this one: if the story stops
// half-way (a failure, or a retry about to start it again), put Harbour back as the demo world had it.
test.afterAll(async ({ browser }) => {
  test.setTimeout(180_000);
  if (!required && turnedOn.size === 0) return;
  const context = await browser.newContext();
  try {
    if (required || turnedOn.has(LEAD)) {
      const lead = await context.newPage();
      if (turnedOn.has(LEAD)) await signInWithCode(lead, LEAD);
      else {
        // Required of her but not set up: she is asked to set it up before anything else.
        await lead.goto("/sign-in");
        await lead.getByLabel("Email address").fill(LEAD);
        await lead.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
        await lead.getByRole("button", { name: "Sign in" }).click();
        await expect(lead).toHaveURL(/\/account\/security\/two-factor$/);
        await turnOn(lead, LEAD);
      }
      if (required) {
        await visit(lead, "/organisation/settings");
        await lead.getByLabel(REQUIRE_LABEL).uncheck();
        await lead.getByRole("button", { name: "Save settings" }).click();
        await expect(lead.getByText("Settings saved")).toBeVisible();
        required = false;
      }
      if (turnedOn.has(LEAD)) await turnOff(lead, LEAD);
      await context.clearCookies();
    }
    if (turnedOn.has(SUPERVISOR)) {
      const supervisor = await context.newPage();
      await signInWithCode(supervisor, SUPERVISOR);
      await turnOff(supervisor, SUPERVISOR);
    }
  } finally {
    await context.close();
  }
});

test("a supervisor turns on two-factor sign-in, signs out, and can sign in only with a valid code", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(SUPERVISOR);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await chooseRole(page, "Practice supervisor, Harbour Family Trust");
  await expect(page).toHaveURL(/\/supervision$/);

  await visit(page, "/account");
  await page.getByRole("link", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "account-security-off");
  await page.getByRole("link", { name: "Turn on two-factor sign-in" }).click();
  await expect(page).toHaveURL(/\/account\/security\/two-factor$/);
  await expectAccessible(page);
  await screenshot(page, "setup");

  // A wrong code does not switch it on.
  await page.getByLabel("Security code from the app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("alert")).toContainText("That security code is not right");
  await expect(page.locator("#code-error")).toContainText("That security code is not right");
  await expectAccessible(page);

  recoveryCodes = await turnOn(page, SUPERVISOR);
  await expectAccessible(page);
  await screenshot(page, "setup-done-recovery-codes");
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.locator(".summary-list")).toContainText("On since");
  await expect(page.getByText("10 of 10 left")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/signed-out/);

  await enterPassword(page, SUPERVISOR);
  // The password alone is not a session.
  expect((await page.context().cookies()).filter((c) => c.name.endsWith("pp_session"))).toEqual([]);
  await visit(page, "/sign-in/two-factor");
  await screenshot(page, "sign-in-security-code");
  await page.goto("/supervision");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fsupervision/);
  await page.goto("/sign-in/two-factor");

  await enterCode(page, "123456");
  await expect(page.getByRole("alert")).toContainText("That security code is not right");
  await expect(page.getByLabel("Security code")).toHaveValue("");
  await expectAccessible(page);
  await screenshot(page, "sign-in-wrong-code");

  await enterCode(page, await codeFor(SUPERVISOR));
  await chooseRole(page);
  await expect(page).toHaveURL(/\/supervision$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your supervisees" })).toBeVisible();
});

test("a recovery code signs the supervisor in once, and new codes replace the old", async ({ page }) => {
  await enterPassword(page, SUPERVISOR);
  await page.getByRole("link", { name: "I cannot use my authenticator app" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter a recovery code" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "sign-in-recovery-code");
  await enterCode(page, recoveryCodes[0]!.toUpperCase());
  await expect(page).toHaveURL(/\/account\/security\?recovery-code=used$/);
  await expect(page.getByText("You have 9 recovery codes left.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await enterPassword(page, SUPERVISOR);
  await page.getByRole("link", { name: "I cannot use my authenticator app" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter a recovery code" })).toBeVisible();
  await enterCode(page, recoveryCodes[0]!);
  await expect(page.getByRole("alert")).toContainText("That recovery code is not right, or it has already been used");
  await enterCode(page, recoveryCodes[1]!);
  await expect(page.getByText("You have 8 recovery codes left.")).toBeVisible();

  await page.getByRole("link", { name: "Get new recovery codes" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Get new recovery codes" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "recovery-codes-form");
  await page.getByRole("button", { name: "Get new recovery codes" }).click();
  await expect(page.getByRole("alert")).toContainText(
    "Enter the security code from your authenticator app, or your password",
  );
  await page.getByLabel("Or your password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Get new recovery codes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your new recovery codes" })).toBeVisible();
  await expectAccessible(page);
  recoveryCodes = await page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allInnerTexts();
  expect(recoveryCodes).toHaveLength(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByText("10 of 10 left")).toBeVisible();
});

test("the security code step works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await enterPassword(page, SUPERVISOR);
  await enterCode(page, "");
  await expect(page.getByRole("alert")).toContainText("Enter the security code from your authenticator app");
  await expect(page.getByRole("link", { name: "Enter the security code from your authenticator app" })).toHaveAttribute(
    "href",
    "#code",
  );
  await enterCode(page, "999 999");
  await expect(page.getByRole("alert")).toContainText("That security code is not right");
  await expectAccessible(page);
  await enterCode(page, await codeFor(SUPERVISOR));
  await chooseRole(page);
  await expect(page).toHaveURL(/\/supervision$/);
  await context.close();
});

test("a programme lead requires two-factor sign-in for staff and is asked to set it up first", async ({
  page,
  browser,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(LEAD);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisation$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ben Thornton/ })).toContainText("On");
  await expect(page.getByRole("row", { name: /Ruth Adeyemi/ })).toContainText("Not set up");
  await expectAccessible(page);
  await screenshot(page, "organisation-settings");

  await page.getByLabel(REQUIRE_LABEL).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  required = true;
  // She has not set it up herself, so she is asked to before anything else.
  await expect(page).toHaveURL(/\/account\/security\/two-factor$/);
  await expect(page.getByText("Harbour Family Trust asks everyone who supervises")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "setup-required");
  await page.goto("/organisation");
  await expect(page).toHaveURL(/\/account\/security\/two-factor$/);
  await turnOn(page, LEAD);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/organisation$/);

  // The supervisor cannot turn it off while it is required.
  const supervisor = await (await browser.newContext()).newPage();
  await enterPassword(supervisor, SUPERVISOR);
  await enterCode(supervisor, await codeFor(SUPERVISOR));
  await chooseRole(supervisor);
  await expect(supervisor).toHaveURL(/\/supervision$/);
  await visit(supervisor, "/account/security/turn-off");
  await expect(supervisor.getByText("Harbour Family Trust requires two-factor sign-in for your role")).toBeVisible();
  await expect(supervisor.getByRole("button", { name: "Turn off two-factor sign-in" })).toHaveCount(0);

  // The lead stops requiring it; then the supervisor turns it off with the password and a code.
  await visit(page, "/organisation/settings");
  await page.getByLabel(REQUIRE_LABEL).uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  required = false;
  await visit(page, "/organisation/audit");
  await expect(page.getByText(/required two-factor sign-in of .+ staff/).first()).toBeVisible();

  await visit(supervisor, "/account/security/turn-off");
  await screenshot(supervisor, "turn-off");
  // (Ben has typed four wrong codes in this story; a fifth would have him wait 15 minutes.)
  await supervisor.getByLabel("Password").fill("not my password");
  await supervisor.getByLabel("Security code").fill("123123");
  await supervisor.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(supervisor.getByRole("alert")).toContainText("Your password is not right");
  await expectAccessible(supervisor);
  await supervisor.getByLabel("Password").fill(DEMO_PASSWORD);
  await supervisor.getByLabel("Security code").fill(await codeFor(SUPERVISOR));
  await supervisor.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
  await expect(supervisor.getByText("Two-factor sign-in is off").first()).toBeVisible();
  turnedOn.delete(SUPERVISOR);
  await supervisor.getByRole("button", { name: "Sign out" }).click();
  await supervisor.goto("/sign-in");
  await supervisor.getByLabel("Email address").fill(SUPERVISOR);
  await supervisor.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await supervisor.getByRole("button", { name: "Sign in" }).click();
  await chooseRole(supervisor);
  await expect(supervisor).toHaveURL(/\/supervision$/);

  // And the lead turns hers off too, leaving Harbour as the demo world had it.
  await turnOff(page, LEAD);
});

const ADMIN = "alex.morgan@practicepathways.example";

/** Reads the new phone's key off the page, as someone who cannot scan the QR code would, and gives it to a new app. */
async function addNewPhone(page: Page, email: string) {
  await page.getByText("I cannot scan the QR code").click();
  const key = (await page.getByTestId("setup-key").innerText()).replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(key).not.toBe(apps.get(email)?.secret);
  return key;
}

/** Confirms the new phone; from then on only its codes work, so the story's app is the new one. */
async function confirmNewPhone(page: Page, email: string, key: string) {
  apps.set(email, { secret: key, lastStep: 0 });
  await page.getByLabel("Security code from the new phone").fill(await codeFor(email));
  await page.getByRole("button", { name: "Use the new phone" }).click();
  await expect(page.getByText("Two-factor sign-in is on your new phone")).toBeVisible();
}

test("a supervisor moves two-factor sign-in to a new phone, and the old one works until the new one is confirmed", async ({
  page,
  browser,
}) => {
  // Turned off at the end of the story so far: on again, with the phone the story calls old.
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(SUPERVISOR);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await chooseRole(page);
  await visit(page, "/account/security/two-factor");
  await turnOn(page, SUPERVISOR);
  await page.getByRole("link", { name: "Continue" }).click();

  await page.getByRole("link", { name: "Move to a new phone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Move two-factor sign-in to a new phone" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your password");
  await expect(page.locator("#code-error")).toContainText("Enter a security code from your authenticator app");
  await expectAccessible(page);
  // (A wrong password is refused before the code is looked at, so this spends none of Ben's wrong codes.)
  await page.getByLabel("Password").fill("not my password");
  await page.getByLabel("Security code from your old phone").fill("123123");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#password-error")).toContainText("Your password is not right");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Security code from your old phone").fill(await codeFor(SUPERVISOR));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up your new phone" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "new-phone");
  const key = await addNewPhone(page, SUPERVISOR);

  // Not confirmed yet: the old phone still signs Ben in.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await signInWithCode(other, SUPERVISOR);
  await elsewhere.close();

  await confirmNewPhone(page, SUPERVISOR, key);
  await expectAccessible(page);
  await visit(page, "/dev/mail");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: SUPERVISOR })
      .filter({ hasText: "Two-factor sign-in was moved to a new device" })
      .first(),
  ).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInWithCode(page, SUPERVISOR);
});

test("moving to a new phone works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInWithCode(page, SUPERVISOR);
  await chooseRole(page);
  await visit(page, "/account/security/new-phone");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your password");
  await expect(page.getByRole("link", { name: "Enter your password" })).toHaveAttribute("href", "#password");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByLabel("Security code from your old phone").fill(await codeFor(SUPERVISOR));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up your new phone" })).toBeVisible();
  const key = await addNewPhone(page, SUPERVISOR);
  await page.getByRole("button", { name: "Use the new phone" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the security code from your authenticator app");
  await expect(page.getByRole("heading", { level: 1, name: "Set up your new phone" })).toBeVisible();
  await confirmNewPhone(page, SUPERVISOR, key);
  await context.close();
});

test("the programme lead resets a supervisor's two-factor sign-in, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(LEAD);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole("row", { name: /^Ben Thornton ben.thornton@/ })).toContainText("On");
  await page.getByRole("link", { name: "Reset two-factor sign-in for Ben Thornton" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in: Ben Thornton" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "reset-member");

  const reason = "Lost his phone and recovery codes; I called him back on his work number to check.";
  await page.getByLabel("Why are you resetting it?").fill(reason);
  await page.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(page.getByRole("alert")).toContainText("Confirm that you have checked it is them asking");
  await expect(page.locator("#confirm-error")).toContainText("Confirm that you have checked it is them asking");
  await expect(page.getByLabel("Why are you resetting it?")).toHaveValue(reason);
  await expectAccessible(page);
  await page.getByLabel("I have checked that Ben Thornton is the person asking").check();
  await page.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in reset")).toBeVisible();
  turnedOn.delete(SUPERVISOR);
  await expectAccessible(page);
  await visit(page, "/organisation/audit");
  await expect(page.getByRole("row", { name: /reset Ben Thornton's two-factor sign-in/ }).first()).toContainText(reason);
  await visit(page, "/dev/mail");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: SUPERVISOR })
      .filter({ hasText: "Your two-factor sign-in was reset" })
      .first(),
  ).toBeVisible();
  await context.close();

  // Ben's password alone signs him in now.
  const ben = await (await browser.newContext()).newPage();
  await ben.goto("/sign-in");
  await ben.getByLabel("Email address").fill(SUPERVISOR);
  await ben.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await ben.getByRole("button", { name: "Sign in" }).click();
  await chooseRole(ben);
  await expect(ben).toHaveURL(/\/supervision$/);
  // He sets it up again, for the platform team's turn.
  await visit(ben, "/account/security/two-factor");
  await turnOn(ben, SUPERVISOR);
});

test("a platform admin resets the two-factor sign-in of any organisation's member", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(ADMIN);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("link", { name: "Harbour Family Trust" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Harbour Family Trust" })).toBeVisible();
  await page.getByRole("link", { name: "Ben Thornton", exact: true }).first().click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Reset two-factor sign-in for Ben Thornton" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in: Ben Thornton" })).toBeVisible();
  await page.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(page.locator("#reason-error")).toContainText("Enter why you are resetting their two-factor sign-in");
  await expectAccessible(page);
  await page.getByLabel("Why are you resetting it?").fill("Asked the helpdesk; identity checked against HR record.");
  await page.getByLabel("I have checked that Ben Thornton is the person asking").check();
  await page.getByRole("button", { name: "Reset two-factor sign-in" }).click();
  await expect(page.getByText("Two-factor sign-in reset")).toBeVisible();
  turnedOn.delete(SUPERVISOR);
  await expect(page.locator(".summary-list")).toContainText("Off");
});
