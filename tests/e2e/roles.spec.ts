import { DEMO, expect, signIn, test, visit } from "./fixtures";

test("each role starts on its own page and sees only its own navigation", async ({ browser }) => {
  const cases = [
    {
      email: DEMO.nqsw,
      path: "/learning",
      heading: "Hello, Amara",
      nav: ["Your learning", "Your career record", "Programmes", "Your account"],
    },
    {
      email: DEMO.supervisor,
      path: "/supervision",
      heading: "Your supervisees",
      nav: ["Your supervisees", "Programmes", "Your account"],
    },
    {
      email: DEMO.teamManager,
      path: "/team",
      heading: "Your team",
      nav: ["Your team", "Programmes", "Your account"],
    },
    {
      email: DEMO.lead,
      path: "/organisation",
      heading: "People",
      nav: [
        "People",
        "Invite someone",
        "Cohorts",
        "Places",
        "Candidates",
        "Shared sessions",
        "Panels",
        "Grants",
        "Vacancies",
        "Introductions",
        "Audit trail",
        "Settings",
        "Programmes",
        "Your account",
      ],
    },
    {
      email: DEMO.policePartner,
      path: "/shared-sessions",
      heading: "Your shared sessions",
      nav: ["Your shared sessions", "Your account"],
    },
    {
      email: DEMO.helpline,
      path: "/helpline",
      heading: "Callback requests",
      nav: ["Callback requests", "Introductions", "Figures", "Programmes", "Your account"],
    },
    {
      email: DEMO.admin,
      path: "/admin",
      heading: "Organisations",
      nav: ["Organisations", "People", "Payments", "Audit trail", "Settings", "Programmes", "Your account"],
    },
    {
      email: DEMO.returner,
      path: "/learning",
      heading: "Hello, Janet",
      nav: ["Your learning", "Your return", "Your career record", "Programmes", "Your account"],
    },
  ];
  for (const c of cases) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, c.email);
    await expect(page).toHaveURL(new RegExp(`${c.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(c.nav);
    await visit(page, c.path);
    await visit(page, "/account");
    await context.close();
  }
});

test("a supervisor sees their supervisees, at their month of the first year, and can open each record", async ({
  page,
}) => {
  await signIn(page, DEMO.supervisor);
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(5);
  await expect(table.getByRole("row").filter({ hasText: "Amara Nwosu" })).toContainText("Month 1 of 12");
  await expect(table.getByRole("row").filter({ hasText: "Zainab Hussain" })).toContainText("Month 6 of 12");
  await expect(table).not.toContainText("Liam Doherty");
  await table.getByRole("link", { name: "Zainab Hussain", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Zainab Hussain" })).toBeVisible();
  await expect(page.locator(".summary-list__row", { hasText: "Practice supervisor" }).locator("dd")).toHaveText(
    "Daniel Okafor",
  );
  await visit(page, page.url());
});

test("a team manager sees only the years naming them, and none of the programme lead's pages", async ({ page }) => {
  await signIn(page, DEMO.teamManager);
  const table = page.getByRole("table");
  // Children in need, East: three NQSWs on the ASYE and Sophie on the early career programme.
  await expect(table.getByRole("row")).toHaveCount(5);
  for (const name of ["Amara Nwosu", "Tom Gallagher", "Zainab Hussain", "Sophie Bennett"])
    await expect(table.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(table).not.toContainText("Liam Doherty");
  await expect(table.getByRole("row").filter({ hasText: "Zainab Hussain" })).toContainText("Month 6 of 12");
  await table.getByRole("link", { name: "Zainab Hussain", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Zainab Hussain's assessed year" })).toBeVisible();
  await expect(page.getByText("Team manager: Rachel Whitaker")).toBeVisible();
  await expect(page.getByRole("link", { name: "Record a change to the year" })).toHaveCount(0);
  const year = new URL(page.url()).pathname;
  for (const path of [
    "/organisation",
    "/organisation/cohorts",
    "/supervision",
    `${year}/settings`,
    `${year}/supervision/new`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await visit(page, `${year}/portfolio`);
  await expect(page.getByRole("link", { name: "Add evidence" })).toHaveCount(0);
});

test("someone with two roles chooses which one they are working in", async ({ page }) => {
  await signIn(page, DEMO.supervisorAndAssessor);
  await expect(page).toHaveURL(/\/account\/organisation/);
  await visit(page, "/account/organisation");
  await expect(page.getByLabel("Practice supervisor, Northmoor City Council")).toBeChecked();
  await page.getByLabel("Assessor, Northmoor City Council").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/supervision/);
  await expect(page.getByText("Assessor, Northmoor City Council")).toBeVisible();
});

test("a learner of one council opening another council's learner gets the 404 page", async ({ browser }) => {
  const otherCouncil = await (await browser.newContext()).newPage();
  await signIn(otherCouncil, DEMO.otherCouncilLead);
  const href = await otherCouncil.getByRole("link", { name: "Chloe Evans" }).getAttribute("href");
  expect(href).toMatch(/^\/learners\/[0-9a-f-]{36}$/);
  await otherCouncil.goto(href!);
  await expect(otherCouncil.getByRole("heading", { name: "Chloe Evans" })).toBeVisible();

  for (const email of [DEMO.nqsw, DEMO.supervisor, DEMO.lead]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    const response = await page.goto(href!);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Chloe Evans")).toHaveCount(0);
    await visit(page, href!);
    await context.close();
  }
});

test("pages for other roles are refused with the 403 page", async ({ page }) => {
  await signIn(page, DEMO.nqsw);
  for (const path of [
    "/organisation",
    "/organisation/invite",
    "/organisation/audit",
    "/supervision",
    "/helpline",
    "/admin",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
  await visit(page, "/admin");
});

test("signed-out visitors are sent to sign in and come back afterwards", async ({ page }) => {
  await page.goto("/organisation/audit");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Forganisation%2Faudit/);
  await page.getByLabel("Email address").fill(DEMO.lead);
  await page.getByLabel("Password", { exact: true }).fill("Pathways-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/organisation\/audit$/);
});

test("public pages and the 404 page are accessible", async ({ page }) => {
  for (const path of ["/", "/sign-in", "/sign-up", "/forgot-password", "/accessibility", "/privacy"])
    await visit(page, path);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await visit(page, "/no-such-page");
  await page.goto("/learners/not-an-id");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Flearners%2Fnot-an-id/);
  await signIn(page, DEMO.lead);
  const mangled = await page.goto("/learners/not-an-id");
  expect(mangled?.status()).toBe(404);
});
