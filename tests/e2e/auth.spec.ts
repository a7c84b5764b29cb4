import {
  DEMO,
  expect,
  expectAccessible,
  linkFromLatestEmail,
  signIn,
  signUp,
  test,
  uniqueEmail,
  visit,
} from "./fixtures";

const NEW_PASSWORD = "kettle orchard lantern 42";

test("a returner signs up and is signed in on their start page", async ({ page }) => {
  await visit(page, "/sign-up");
  const email = uniqueEmail("returner");
  await signUp(page, "Maureen Fletcher", email, "tidal wicker sparrow 19");
  await expect(page.getByRole("heading", { name: "Hello, Maureen" })).toBeVisible();
  await expect(page.getByText("Welcome to Practice Pathways")).toBeVisible();
  await expect(page.getByText("You are on the route back into social work.")).toBeVisible();
  await expectAccessible(page);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("pp_session"));
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("a wrong password is refused with a message and no session cookie", async ({ page }) => {
  await visit(page, "/sign-in");
  await page.getByLabel("Email address").fill(DEMO.nqsw);
  await page.getByLabel("Password", { exact: true }).fill("not the right password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  await expect(page.getByLabel("Email address")).toHaveValue(DEMO.nqsw);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expectAccessible(page);
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.name.endsWith("pp_session"))).toEqual([]);
});

test("the sixth rapid wrong attempt is told to wait, and even the right password is then refused", async ({ page }) => {
  const email = uniqueEmail("locked");
  await signUp(page, "Dev Kapoor", email, "marble heron quilt 77");
  await page.getByRole("button", { name: "Sign out" }).click();
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(`wrong guess ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("Enter a correct email address and password");
  }
  await page.getByLabel("Password", { exact: true }).fill("marble heron quilt 77");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Too many attempts to sign in");
  await expectAccessible(page);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an invited supervisor sets a password and lands on their start page", async ({ page, browser }) => {
  await signIn(page, DEMO.lead);
  await visit(page, "/organisation/invite");
  const email = uniqueEmail("supervisor");
  await page.getByLabel("Full name").fill("Nadia Brooks");
  await page.getByLabel("Work email address").fill(email);
  await page.getByLabel("Practice supervisor").check();
  await page.getByLabel("Job title (optional)").fill("Practice supervisor");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`We have emailed ${email}`)).toBeVisible();
  await expect(page.getByRole("table").filter({ hasText: "Nadia Brooks" }).last()).toBeVisible();

  const invitationPath = await linkFromLatestEmail(page, email, /invited you/);
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await visit(invitee, invitationPath);
  await expect(
    invitee.getByRole("heading", { name: "Join Northmoor City Council on Practice Pathways" }),
  ).toBeVisible();
  await invitee.getByLabel("New password", { exact: true }).fill("copper meadow violin 31");
  await invitee.getByLabel("Confirm new password").fill("copper meadow violin 31");
  await invitee.getByRole("button", { name: "Set password and continue" }).click();
  await expect(invitee).toHaveURL(/\/supervision/);
  await expect(invitee.getByRole("heading", { name: "Your supervisees" })).toBeVisible();
  await expect(invitee.getByText("Practice supervisor, Northmoor City Council")).toBeVisible();
  await expectAccessible(invitee);

  // The invitation is spent.
  await invitee.goto(invitationPath);
  await expect(invitee.getByRole("heading", { name: "This invitation cannot be used" })).toBeVisible();

  // The programme lead's audit trail shows both steps.
  await visit(page, "/organisation/audit");
  // Once accepted, the invitation names the person it made.
  await expect(
    page.getByRole("row").filter({ hasText: "invited Nadia Brooks to join as a practice supervisor" }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Nadia Brooks accepted their invitation" })).toBeVisible();
  await inviteeContext.close();
});

test("a password reset link works once and is then refused", async ({ page }) => {
  const email = uniqueEmail("reset");
  await signUp(page, "Lucy Haines", email, "garnet pillow canyon 56");
  await page.getByRole("button", { name: "Sign out" }).click();

  await visit(page, "/forgot-password");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectAccessible(page);

  const resetPath = await linkFromLatestEmail(page, email, /Reset your/);
  await visit(page, resetPath);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=done/);
  await expect(page.getByText("Your password has been reset")).toBeVisible();

  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("heading", { name: "Hello, Lucy" })).toBeVisible();

  await visit(page, resetPath);
  await expect(page.getByRole("heading", { name: "This link has expired or has already been used" })).toBeVisible();
});

test("an unknown email gets the same answer as a known one when asking for a reset", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill("nobody.here@example.org");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText("If nobody.here@example.org has a Practice Pathways account")).toBeVisible();
});

test("changing the password signs out the other browser", async ({ page, browser }) => {
  const email = uniqueEmail("change");
  await signUp(page, "Omar Siddiqui", email, "walnut harbour signal 64");

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, "walnut harbour signal 64");
  await otherPage.goto("/account");
  await expect(otherPage.getByRole("heading", { name: "Your account" })).toBeVisible();

  await visit(page, "/account");
  await page.getByLabel("Current password").fill("walnut harbour signal 64");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("You have been signed out on every other device")).toBeVisible();
  await expectAccessible(page);

  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/sign-in\?redirectTo=%2Faccount/);
  await other.close();

  // This browser is still signed in.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, DEMO.nqsw);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out of Practice Pathways.")).toBeVisible();
  await page.goto("/learning");
  await expect(page).toHaveURL(/\/sign-in/);
});
