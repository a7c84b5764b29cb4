import { DEMO, expect, expectAccessible, linkFromLatestEmail, signIn, signUp, test, uniqueEmail } from "./fixtures";

// Every form here is used with JavaScript turned off, as a plain HTML form.
test.use({ javaScriptEnabled: false });

async function expectErrorFor(page: import("@playwright/test").Page, field: string, message: string | RegExp) {
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", `#${field}`);
  await expect(page.locator(`#${field}-error`)).toContainText(message);
  const input = page.locator(`#${field}`);
  if ((await input.getAttribute("type")) === "radio") {
    await expect(page.locator("fieldset", { has: input })).toHaveAttribute(
      "aria-describedby",
      new RegExp(`${field}-error`),
    );
  } else {
    await expect(input).toHaveAttribute("aria-invalid", "true");
  }
}

test("sign in without JavaScript, and its bad input", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectErrorFor(page, "email", "Enter your email address");
  await expectErrorFor(page, "password", "Enter your password");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectErrorFor(page, "email", /correct format/);
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(DEMO.nqsw);
  await page.getByLabel("Password", { exact: true }).fill("Pathways-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/learning/);
});

test("sign up keeps what was typed and explains each problem", async ({ page }) => {
  await page.goto("/sign-up");
  const email = uniqueEmail("nojs");
  await page.getByLabel("Full name").fill("Patricia O'Neill <script>alert(1)</script>");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Create a password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expectErrorFor(page, "password", /too common/);
  await expectErrorFor(page, "kind", "Select why you are joining");
  await expect(page.getByLabel("Full name")).toHaveValue("Patricia O'Neill <script>alert(1)</script>");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Create a password")).toHaveValue("");
  await expectAccessible(page);

  await page.getByLabel("Create a password").fill("short");
  await page.getByLabel("I am a qualified social worker returning to practice").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expectErrorFor(page, "password", "Password must be at least 12 characters");
  await expect(page.getByLabel("I am a qualified social worker returning to practice")).toBeChecked();

  await page.getByLabel("Create a password").fill("heather clock ribbon 88");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/learning/);
  // The name is shown as text, never run as markup.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Patricia");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByLabel("Create a password").fill("heather clock ribbon 99");
  await page.getByLabel("I am paying for my own learning, such as a Masters module").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expectErrorFor(page, "email", /already uses this email address/);
});

test("forgotten password and reset forms explain bad input", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expectErrorFor(page, "email", "Enter your email address");
  await expectAccessible(page);
  await page.goto("/reset-password/abcdefghijklmnopqrstuvwxyz234567");
  await expect(page.getByRole("heading", { name: "This link has expired or has already been used" })).toBeVisible();
});

test("invitation and password change forms explain bad input", async ({ page }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/organisation/invite");
  await page.getByLabel("Full name").fill("x".repeat(500));
  await page.getByLabel("Work email address").fill("someone@");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expectErrorFor(page, "name", /120 characters or fewer/);
  await expectErrorFor(page, "email", /correct format/);
  await expectErrorFor(page, "role", "Select the role they will have");
  await expect(page.getByLabel("Work email address")).toHaveValue("someone@");
  await expectAccessible(page);

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill("orbit saffron fiddle 12");
  await page.getByLabel("Confirm new password").fill("orbit saffron fiddle 13");
  await page.getByRole("button", { name: "Change password" }).click();
  await expectErrorFor(page, "confirmPassword", "The passwords do not match");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill("orbit saffron fiddle 12");
  await page.getByLabel("Confirm new password").fill("orbit saffron fiddle 12");
  await page.getByRole("button", { name: "Change password" }).click();
  await expectErrorFor(page, "currentPassword", "Your current password is not right");
  await expectAccessible(page);
});

test("choosing a password from an invitation or a reset link explains bad input", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  await page.goto("/organisation/invite");
  const invited = uniqueEmail("nqsw");
  await page.getByLabel("Full name").fill("Ellie Warren");
  await page.getByLabel("Work email address").fill(invited);
  await page.getByLabel("Learner").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  const invitationPath = await linkFromLatestEmail(page, invited, /invited you/);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const invitee = await context.newPage();
  await invitee.goto(invitationPath);
  await invitee.getByLabel("New password", { exact: true }).fill("sunflower tram 77");
  await invitee.getByLabel("Confirm new password").fill("sunflower tram 78");
  await invitee.getByRole("button", { name: "Set password and continue" }).click();
  await expectErrorFor(invitee, "confirmPassword", "The passwords do not match");
  await invitee.getByLabel("New password", { exact: true }).fill("qwertyuiop123");
  await invitee.getByLabel("Confirm new password").fill("qwertyuiop123");
  await invitee.getByRole("button", { name: "Set password and continue" }).click();
  await expectErrorFor(invitee, "password", /too common/);
  await expectAccessible(invitee);
  await invitee.getByLabel("New password", { exact: true }).fill("sunflower tram 77");
  await invitee.getByLabel("Confirm new password").fill("sunflower tram 77");
  await invitee.getByRole("button", { name: "Set password and continue" }).click();
  await expect(invitee).toHaveURL(/\/learning/);
  await context.close();

  const email = uniqueEmail("resetnojs");
  await page.getByRole("button", { name: "Sign out" }).click();
  await signUp(page, "Gareth Lewis", email, "pebble lighthouse 404");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  const resetPath = await linkFromLatestEmail(page, email, /Reset your/);
  await page.goto(resetPath);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expectErrorFor(page, "password", "Enter a new password");
  await expectErrorFor(page, "confirmPassword", "Confirm your new password");
  await expectAccessible(page);
});

test("a form posted from another website is refused", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { Origin: "https://evil.example" },
    form: { email: DEMO.nqsw, password: "Pathways-demo-2026" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("This form was sent from another website");
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("pages carry a nonce-based content security policy", async ({ request }) => {
  const response = await request.get("/sign-in");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  const html = await response.text();
  expect(html).toContain(`nonce="${nonce}"`);
});
