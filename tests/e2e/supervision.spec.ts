import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("the supervisor records a session, the NQSW acknowledges it, and the desk stays up to date", async ({
  browser,
  request,
}) => {
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisor);
  const amara = supervisor.getByRole("row", { name: /Amara Nwosu/ });
  await expect(amara).toContainText("Next by");
  await expect(amara).not.toContainText("missed");
  await expect(supervisor.getByRole("row", { name: /Tom Gallagher/ })).toContainText("1 missed");

  await amara.getByRole("link", { name: /Next by/ }).click();
  await expect(supervisor.getByRole("heading", { name: "Supervision" })).toBeVisible();
  await expect(supervisor.getByText("No supervision is overdue.")).toBeVisible();
  await expectAccessible(supervisor);
  const base = new URL(supervisor.url()).pathname;

  await supervisor.getByRole("link", { name: "Record a session" }).click();
  await expectAccessible(supervisor);
  await supervisor.getByLabel("Length in minutes").fill("5");
  await supervisor.getByRole("button", { name: "Save the record" }).click();
  await expect(supervisor.getByRole("alert")).toContainText("Write the agenda");
  await expect(supervisor.getByRole("alert")).toContainText("A session lasts at least 10 minutes");
  await supervisor.getByLabel("Length in minutes").fill("60");
  await supervisor.getByLabel("Agenda").fill("First week: induction, caseload, how we record supervision");
  await supervisor
    .getByLabel("Discussion")
    .fill("Amara has met the team and read into four families. We talked about the first home visit next week.");
  await supervisor.getByLabel("Action 1 (optional)").fill("Read the local threshold document before Tuesday");
  await supervisor.getByRole("button", { name: "Save the record" }).click();
  await expect(supervisor.getByText("Session recorded")).toBeVisible();
  await expect(supervisor.getByRole("row", { name: /Read the local threshold document/ })).toContainText("Amara Nwosu");

  const ics = await supervisorContext.request.get(`${base}.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain("BEGIN:VCALENDAR");
  const anonymous = await request.get(`${base}.ics`, { maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);

  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, DEMO.nqsw);
  await nqsw.getByRole("link", { name: "Supervision records" }).click();
  await expect(nqsw.getByRole("button", { name: "Record a session" })).toHaveCount(0);
  await nqsw
    .getByRole("row", { name: /Waiting/ })
    .getByRole("link")
    .click();
  await expect(nqsw.getByRole("heading", { name: /Supervision on/ })).toBeVisible();
  await expectAccessible(nqsw);
  await nqsw.getByLabel("Your comment (optional)").fill("Thank you. I would add that we agreed to meet on Tuesdays.");
  await nqsw.getByRole("button", { name: "Acknowledge" }).click();
  await expect(nqsw.getByText("Your supervisor can see that you have read")).toBeVisible();
  const sessionPath = new URL(nqsw.url()).pathname;

  // A colleague of Amara's, and another council's lead, cannot open it.
  for (const email of [DEMO.otherCouncilLead, "liam.doherty@northmoor.example"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    expect((await page.goto(sessionPath))?.status()).toBe(404);
    expect((await page.goto(`${base}/new`))?.status()).toBe(404);
    await context.close();
  }
  // The NQSW cannot record supervision for herself.
  expect((await nqsw.goto(`${base}/new`))?.status()).toBe(403);

  await supervisor.goto(sessionPath);
  await expect(supervisor.getByText(/By Amara Nwosu/)).toBeVisible();
  for (const c of [supervisorContext, nqswContext]) await c.close();
});

test("the programme lead sees which learners need attention", async ({ page }) => {
  await signIn(page, DEMO.lead);
  const tom = page.getByRole("row", { name: /Tom Gallagher/ });
  await expect(tom.getByRole("link", { name: "1 supervision missed" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Zainab Hussain/ })).toContainText("Nothing");
  await expectAccessible(page);
  await tom.getByRole("link", { name: "1 supervision missed" }).click();
  await expect(page.getByText("1 session was missed against the schedule.")).toBeVisible();
});
