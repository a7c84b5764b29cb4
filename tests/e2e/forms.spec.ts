import { DEMO, expect, expectAccessible, linkFromLatestEmail, signIn, signUp, test, uniqueEmail } from "./fixtures";

// Every form here is used with JavaScript turned off, as a plain HTML form.
test.use({ javaScriptEnabled: false });

async function expectErrorFor(page: import("@playwright/test").Page, field: string, message: string | RegExp) {
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", `#${field}`);
  await expect(page.locator(`#${field}-error`)).toContainText(message);
  const input = page.locator(`#${field}`);
  // A group of radios or checkboxes is described by its error as a whole, on the fieldset.
  if (["radio", "checkbox"].includes((await input.getAttribute("type")) ?? "")) {
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
  await page.getByRole("radio", { name: /^Learner/ }).check();
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

/** The learner's year, from the link on their start page. */
async function yearOf(page: import("@playwright/test").Page) {
  await page.goto("/learning");
  const href = await page.getByRole("link", { name: "Your assessed year" }).first().getAttribute("href");
  expect(href).toMatch(/^\/year\/[0-9a-f-]{36}$/);
  return href!;
}

// The year's forms below use Harbour Family Trust's people, whom no other spec's journey changes.

test("a supervision session is recorded without JavaScript, and a bad one is explained", async ({ browser, page }) => {
  const nqsw = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(nqsw, DEMO.voluntaryFinalNqsw);
  const year = await yearOf(nqsw);
  await nqsw.context().close();

  await signIn(page, DEMO.voluntarySupervisor);
  await page.goto(`${year}/supervision`);
  await page.getByRole("link", { name: "Record a session" }).click();
  await page.getByLabel("Length in minutes").fill("5");
  await page.getByLabel("Discussion").fill("Ravi's last weeks of the year, and the final assessment.");
  await page.getByRole("button", { name: "Save the record" }).click();
  await expectErrorFor(page, "agenda", "Write the agenda");
  await expectErrorFor(page, "minutes", "A session lasts at least 10 minutes");
  await expect(page.getByLabel("Discussion")).toHaveValue("Ravi's last weeks of the year, and the final assessment.");
  await expectAccessible(page);
  await page.getByLabel("Length in minutes").fill("45");
  await page.getByLabel("Agenda").fill("The final assessment, the panel, and the second year");
  await page.getByLabel("Action 1 (optional)").fill("Choose the evidence for the final review");
  await page.getByRole("button", { name: "Save the record" }).click();
  await expect(page.getByText("Session recorded")).toBeVisible();
  await expect(page.getByRole("row", { name: /Choose the evidence for the final review/ })).toBeVisible();
});

test("the learning agreement is saved and signed without JavaScript", async ({ browser, page }) => {
  await signIn(page, DEMO.voluntaryNqsw);
  await page.goto(`${await yearOf(page)}/agreement`);
  const agreement = new URL(page.url()).pathname;
  await page.getByLabel("Support offered").fill("");
  await page.getByLabel("Learning goals").fill("Lead a family group conference with my supervisor observing");
  await page.getByRole("button", { name: "Save the agreement" }).click();
  await expectErrorFor(page, "support", "Write the support offered");
  await expect(page.getByLabel("Learning goals")).toHaveValue(
    "Lead a family group conference with my supervisor observing",
  );
  await expectAccessible(page);
  await page
    .getByLabel("Support offered")
    .fill("Fortnightly supervision with Ben; a mentor in the family support team");
  await page.getByRole("button", { name: "Save the agreement" }).click();
  await expect(page.getByText("Everyone signs again")).toBeVisible();
  await page.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(page.getByText("Your signature is recorded")).toBeVisible();
  await expect(page.getByRole("row", { name: /Newly qualified social worker/ })).toContainText("Megan Lloyd");

  const supervisor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(supervisor, DEMO.voluntarySupervisor);
  await supervisor.goto(agreement);
  await supervisor.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(supervisor.getByRole("row", { name: /Practice supervisor/ })).toContainText("Ben Thornton");
  await supervisor.context().close();

  const manager = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(manager, DEMO.voluntaryTeamManager);
  await manager.goto(agreement);
  await manager.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(manager.getByRole("row", { name: /Team manager/ })).toContainText("Deborah Lane");
  await expect(manager.getByText("Signed by all three")).toBeVisible();
  await manager.context().close();
});

test("a review is submitted, approved and countersigned without JavaScript", async ({ browser, page }) => {
  await signIn(page, DEMO.voluntaryNqsw);
  const review = `${await yearOf(page)}/reviews/six-month`;
  await page.goto(review);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expectErrorFor(page, "evidence", "Choose at least one piece of evidence for the review");
  await expectErrorFor(page, "learnerComments", "Write your comments for the review");
  await expectAccessible(page);
  await page.locator('input[name="evidence"]').first().check();
  await page.getByLabel("Your comments for the review").fill("Half way: more confident in family meetings.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Review submitted")).toBeVisible();

  const supervisor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(supervisor, DEMO.voluntarySupervisor);
  await supervisor.goto(review);
  await expect(supervisor.getByText("Half way: more confident in family meetings.")).toBeVisible();
  await supervisor.getByRole("radio", { name: /^Approve/ }).check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expectErrorFor(supervisor, "outcome", "Choose whether the NQSW is on track");
  await expectAccessible(supervisor);
  await supervisor.getByLabel("On track", { exact: true }).check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByText("Review approved")).toBeVisible();
  await expect(supervisor.getByText(/Approved by Ben Thornton, practice supervisor/)).toBeVisible();
  await supervisor.context().close();

  const manager = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(manager, DEMO.voluntaryTeamManager);
  await manager.goto(review);
  await manager.getByRole("button", { name: "Countersign the review" }).click();
  await expect(manager.getByText("Review countersigned")).toBeVisible();
  await expect(manager.getByText(/Countersigned by Deborah Lane, team manager/)).toBeVisible();
  await manager.context().close();
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
