import { DEMO, expect, expectAccessible, linkFromLatestEmail, signIn, test } from "./fixtures";

// One NQSW's first year, in order: these journeys share Amara's year, so they run one after another.
test.describe.configure({ mode: "serial" });

test("the NQSW, their supervisor and their team manager each sign the learning agreement; the lead reads it", async ({
  browser,
}) => {
  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, DEMO.nqsw);
  await nqsw.getByRole("link", { name: "Learning agreement", exact: true }).click();
  await expect(nqsw.getByRole("heading", { name: "Learning agreement" })).toBeVisible();
  await expect(nqsw.getByText("Waiting for signatures")).toBeVisible();
  await expect(nqsw.getByRole("row", { name: /Team manager/ })).toContainText("Not yet (Rachel Whitaker)");
  await expectAccessible(nqsw);

  // Bad input: every part is needed, and what was typed is kept.
  await nqsw.getByLabel("Learning goals").fill("Build confidence in child and family assessments");
  await nqsw.getByRole("button", { name: "Save the agreement" }).click();
  await expect(nqsw.getByRole("alert")).toContainText("Write the support offered");
  await expect(nqsw.getByLabel("Learning goals")).toHaveValue("Build confidence in child and family assessments");
  await nqsw.getByLabel("Support offered").fill("Weekly supervision with Daniel; shadowing two court hearings");
  await nqsw.getByLabel("Protected development time").fill("Thursday afternoons, about 10% of my week");
  await nqsw
    .getByLabel("Caseload agreed")
    .fill("Ten families, rising to fourteen by month six; no child protection cases held alone");
  await nqsw.getByRole("button", { name: "Save the agreement" }).click();
  await expect(nqsw.getByText("Agreement saved")).toBeVisible();
  await nqsw.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(nqsw.getByRole("row", { name: /Newly qualified social worker/ })).toContainText("Amara Nwosu");
  const agreementPath = new URL(nqsw.url()).pathname;

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisor);
  await supervisor
    .getByRole("row", { name: /Amara Nwosu/ })
    .getByRole("link", { name: /learning agreement/ })
    .click();
  await expect(supervisor).toHaveURL(new RegExp(`${agreementPath}$`));
  await supervisor.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(supervisor.getByRole("row", { name: /Practice supervisor/ })).toContainText("Daniel Okafor");
  await expectAccessible(supervisor);

  // The programme lead reads it, and signs nothing: the team manager signs for the employer.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.lead);
  await lead.getByRole("link", { name: "Amara Nwosu" }).click();
  await lead.getByRole("link", { name: "learning agreement" }).click();
  await expect(lead.getByText("The year's team manager, Rachel Whitaker, signs for the employer.")).toBeVisible();
  await expect(lead.getByRole("button", { name: "Sign the agreement" })).toHaveCount(0);
  await expect(lead.getByRole("button", { name: "Save the agreement" })).toHaveCount(0);
  await expectAccessible(lead);
  const origin = new URL(lead.url()).origin;
  expect(
    (
      await leadContext.request.post(agreementPath, {
        form: { intent: "sign", version: "1" },
        headers: { Origin: origin },
      })
    ).status(),
  ).toBe(403);

  // The team manager is emailed that it waits for them, and signs it from the link.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO.teamManager);
  await expect(manager.getByRole("heading", { name: "Your team" })).toBeVisible();
  await expect(
    manager
      .getByRole("row", { name: /Amara Nwosu/ })
      .getByRole("link", { name: "Learning agreement to sign for Amara Nwosu" }),
  ).toBeVisible();
  await expectAccessible(manager);
  const emailed = await linkFromLatestEmail(
    manager,
    DEMO.teamManager,
    /Amara Nwosu's learning agreement \(version \d+\) is signed by them and their supervisor/,
  );
  expect(emailed).toBe(agreementPath);
  await manager.goto(emailed);
  await expect(manager.getByRole("heading", { name: "Sign as team manager" })).toBeVisible();
  await manager.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(manager.getByText("Signed by all three")).toBeVisible();
  await expect(manager.getByRole("row", { name: /Team manager/ })).toContainText("Rachel Whitaker");
  await expectAccessible(manager);

  // Another council's programme lead, and another team manager of the council, cannot open it.
  for (const email of [DEMO.otherCouncilLead, DEMO.otherTeamManager]) {
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    await signIn(other, email);
    expect((await other.goto(agreementPath))?.status(), email).toBe(404);
    await otherContext.close();
  }

  // An edit after signing asks everyone to sign again.
  await supervisor.reload();
  await supervisor.getByLabel("Caseload agreed").fill("Twelve families, rising to fourteen by month six");
  await supervisor.getByRole("button", { name: "Save the agreement" }).click();
  await expect(supervisor.getByText("Everyone signs again")).toBeVisible();
  await expect(supervisor.getByRole("row", { name: /Team manager/ })).toContainText("Signed an earlier version");

  for (const c of [nqswContext, supervisorContext, leadContext, managerContext]) await c.close();
});

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
  await expect(supervisor.getByRole("row", { name: /Tom Gallagher/ })).toContainText("1 supervision missed");

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

test("the NQSW builds her portfolio and sees the meter move; the supervisor records a direct observation", async ({
  browser,
}) => {
  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, DEMO.nqsw);
  await nqsw.getByRole("link", { name: "Portfolio of evidence" }).click();
  await expect(nqsw.getByRole("heading", { name: "Your portfolio of evidence" })).toBeVisible();
  const meter = nqsw.getByText(/Evidence towards the final assessment: \d+%/);
  await expect(meter).toHaveText("Evidence towards the final assessment: 0%");
  await expectAccessible(nqsw);
  const portfolioPath = new URL(nqsw.url()).pathname;

  await nqsw.getByRole("link", { name: "Add evidence" }).click();
  await expect(nqsw.getByRole("heading", { name: "Add evidence" })).toBeVisible();
  await expectAccessible(nqsw);
  await nqsw.getByLabel("Critical reflective log").check();
  await nqsw.getByRole("button", { name: "Continue" }).click();
  await expect(nqsw.getByRole("heading", { name: "Critical reflective log" })).toBeVisible();
  await expectAccessible(nqsw);
  // Bad input: a message next to each field and in the summary, and the text typed is kept.
  await nqsw.getByLabel("Your reflection").fill("My first home visit on my own, and what I learnt about my nerves.");
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByRole("alert")).toContainText("Write a title");
  await expect(nqsw.getByRole("alert")).toContainText("Choose at least one capability this evidence shows");
  await expect(nqsw.getByLabel("Your reflection")).toHaveValue(
    "My first home visit on my own, and what I learnt about my nerves.",
  );
  await nqsw.getByLabel("Title").fill("First home visit on my own");
  await nqsw.getByLabel("PCF-1 Professionalism").check();
  await nqsw.getByLabel("PCF-6 Critical reflection and analysis").check();
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByText("Evidence added")).toBeVisible();
  await expect(nqsw.getByRole("heading", { name: "First home visit on my own" })).toBeVisible();
  await expectAccessible(nqsw);
  const itemPath = new URL(nqsw.url()).pathname;

  await nqsw.goto(portfolioPath);
  // One of two reflective logs, and one of two pieces for each of PCF-1 and PCF-6: 3 of 42.
  await expect(meter).toHaveText("Evidence towards the final assessment: 7%");
  await expect(nqsw.getByRole("row", { name: /PCF-1 Professionalism/ })).toContainText("1 of 2");
  await expect(nqsw.getByRole("row", { name: /PCF-2 Values and ethics/ })).toContainText("0 of 2");
  await expect(nqsw.getByRole("row", { name: /^Critical reflective log/ })).toContainText(
    "a critical reflection for the final assessment",
  );

  // An edit is a new version; the first stays readable.
  await nqsw.goto(itemPath);
  await nqsw.getByRole("link", { name: /^Edit/ }).click();
  await expect(nqsw.getByRole("heading", { name: "Edit evidence" })).toBeVisible();
  await expectAccessible(nqsw);
  await nqsw.getByLabel("Title").fill("First home visit on my own, and what it taught me");
  await nqsw.getByRole("button", { name: "Save as a new version" }).click();
  await expect(nqsw.getByText("Version 2 saved")).toBeVisible();
  await nqsw.getByRole("link", { name: "Version 1" }).click();
  await expect(nqsw.getByText("You are reading version 1")).toBeVisible();
  await expect(nqsw.getByRole("heading", { name: "First home visit on my own" })).toBeVisible();

  // A file of the wrong kind is refused with a message and nothing typed is lost; a PDF is kept.
  await nqsw.goto(`${portfolioPath}/new?kind=written_work`);
  await nqsw.getByLabel("Title").fill("Assessment of a family's needs");
  await nqsw.getByLabel("Kind of document").fill("Child and family assessment");
  await nqsw.getByLabel("What this piece of work shows").fill("Analysis of risk and strengths, anonymised.");
  await nqsw.getByLabel("KSS-CF-6 Child and family assessment").check();
  await nqsw
    .getByLabel("Attach a file (optional)")
    .setInputFiles({ name: "assessment.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByRole("alert")).toContainText("The file must be a PDF");
  await expect(nqsw.getByLabel("Title")).toHaveValue("Assessment of a family's needs");
  await nqsw.getByLabel("Attach a file (optional)").setInputFiles({
    name: "assessment.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
  });
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByText("Evidence added")).toBeVisible();
  const fileHref = await nqsw.getByRole("link", { name: "assessment.pdf" }).getAttribute("href");
  const download = await nqswContext.request.get(fileHref!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The supervisor records a direct observation; it asks for the NQSW's reflection.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisor);
  await supervisor.getByRole("link", { name: "Portfolio of Amara Nwosu" }).click();
  await supervisor.getByRole("link", { name: "Record a direct observation" }).click();
  await expectAccessible(supervisor);
  await supervisor.getByLabel("Title").fill("First visit with the family in the team");
  await supervisor.getByLabel("What was observed").fill("A planned home visit with a parent");
  await supervisor.getByLabel("Meets the expected level for this point in the year").check();
  await supervisor
    .getByLabel("What you observed")
    .fill("Amara explained why we were there in plain words and listened well. Next: summarise before leaving.");
  await supervisor.getByLabel("PCF-7 Skills and interventions").check();
  await supervisor.getByLabel("KSS-CF-1 Relationships and effective direct work").check();
  await supervisor.getByRole("button", { name: "Save the observation" }).click();
  await expect(supervisor.getByText("Evidence added")).toBeVisible();
  await expect(supervisor.getByText("Not added yet.")).toBeVisible();
  const observationPath = new URL(supervisor.url()).pathname;

  await nqsw.goto(portfolioPath);
  await expect(nqsw.getByRole("row", { name: /First visit with the family/ })).toContainText("Add your reflection");
  await nqsw.getByRole("link", { name: "First visit with the family in the team" }).click();
  await expect(nqsw.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await nqsw
    .getByLabel("Your reflection on the observation")
    .fill("I felt nervous but the feedback matched my sense of it. I will summarise next time.");
  await nqsw.getByRole("button", { name: "Save your reflection" }).click();
  await expect(nqsw.getByText("Reflection saved")).toBeVisible();
  await expectAccessible(nqsw);

  await supervisor.goto(observationPath);
  await expect(supervisor.getByText("I felt nervous but the feedback matched")).toBeVisible();
  // The desk: the next supervision is due, and nothing is overdue.
  await supervisor.goto("/supervision");
  const amara = supervisor.getByRole("row", { name: /Amara Nwosu/ });
  await expect(amara).toContainText("Next by");
  await expect(amara).toContainText("Nothing overdue");
  await supervisor.getByRole("link", { name: "The year of Amara Nwosu" }).click();
  await expect(supervisor.getByRole("heading", { name: "Amara Nwosu's assessed year" })).toBeVisible();
  await expect(supervisor.getByRole("link", { name: /Direct observation of practice: First visit/ })).toBeVisible();
  await expectAccessible(supervisor);

  // Nobody else opens Amara's evidence or its file: a colleague, another council's lead.
  for (const email of ["liam.doherty@northmoor.example", DEMO.otherCouncilLead]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    expect((await page.goto(itemPath))?.status()).toBe(404);
    expect((await context.request.get(fileHref!)).status()).toBe(404);
    await context.close();
  }
  // The NQSW cannot record an observation of herself.
  expect((await nqsw.goto(`${portfolioPath}/new?kind=direct_observation`))?.status()).toBe(403);
  for (const c of [nqswContext, supervisorContext]) await c.close();
});

test("a draft survives the session being lost: sign in again and it is there", async ({ browser }) => {
  const context = await browser.newContext();
  const nqsw = await context.newPage();
  await signIn(nqsw, DEMO.nqsw);
  await nqsw.getByRole("link", { name: "Portfolio of evidence" }).click();
  await nqsw.getByRole("link", { name: "Add evidence" }).click();
  await nqsw.getByLabel("Reflection on supervision").check();
  await nqsw.getByRole("button", { name: "Continue" }).click();
  await expect(nqsw).toHaveURL(/kind=supervision_reflection/);
  const formUrl = nqsw.url();
  await nqsw.getByLabel("Title").fill("What I took from supervision this week");
  await nqsw.getByLabel("Your reflection").pressSequentially("Daniel asked me what I was most worried about.", {
    delay: 5,
  });
  await expect(nqsw.getByText(/Draft saved at \d\d:\d\d/)).toBeVisible();

  // The session cookie goes (an expired session, a closed browser); the draft does not.
  await context.clearCookies();
  await nqsw.reload();
  await expect(nqsw).toHaveURL(/\/sign-in\?redirectTo=/);
  await nqsw.getByLabel("Email address").fill(DEMO.nqsw);
  await nqsw.getByLabel("Password", { exact: true }).fill("Pathways-demo-2026");
  await nqsw.getByRole("button", { name: "Sign in" }).click();
  await expect(nqsw).toHaveURL(formUrl);
  await expect(nqsw.getByText("Your draft is back")).toBeVisible();
  await expect(nqsw.getByLabel("Title")).toHaveValue("What I took from supervision this week");
  await expect(nqsw.getByLabel("Your reflection")).toHaveValue("Daniel asked me what I was most worried about.");
  await expectAccessible(nqsw);
  await nqsw.getByRole("button", { name: "Discard the draft and start again" }).click();
  await expect(nqsw.getByLabel("Title")).toHaveValue("");

  // The same for the supervisor's notes of a session.
  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisor);
  await supervisor
    .getByRole("row", { name: /Amara Nwosu/ })
    .getByRole("link", { name: /Next by/ })
    .click();
  await supervisor.getByRole("link", { name: "Record a session" }).click();
  await supervisor.getByLabel("Agenda").pressSequentially("Caseload, the first visit, wellbeing", { delay: 5 });
  await expect(supervisor.getByText(/Draft saved at/)).toBeVisible();
  await supervisorContext.clearCookies();
  await signIn(supervisor, DEMO.supervisor);
  await supervisor.goto("/supervision");
  await supervisor
    .getByRole("row", { name: /Amara Nwosu/ })
    .getByRole("link", { name: /Next by/ })
    .click();
  await supervisor.getByRole("link", { name: "Record a session" }).click();
  await expect(supervisor.getByLabel("Agenda")).toHaveValue("Caseload, the first visit, wellbeing");
  await supervisor.getByRole("button", { name: "Discard the draft and start again" }).click();
  await expect(supervisor.getByLabel("Agenda")).toHaveValue("");
  for (const c of [context, supervisorContext]) await c.close();
});

test("without JavaScript, evidence is added and a failed submit keeps the text", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, "zainab.hussain@northmoor.example");
  await page.getByRole("link", { name: "Portfolio of evidence" }).click();
  await page.getByRole("link", { name: "Add evidence" }).click();
  await page.getByLabel("Feedback from another professional").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page
    .getByLabel("The feedback", { exact: true })
    .fill("Clear and timely at the core group; followed up every action.");
  await page.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(page.getByRole("alert")).toContainText("Write who gave the feedback");
  await expect(page.getByLabel("The feedback", { exact: true })).toHaveValue(
    "Clear and timely at the core group; followed up every action.",
  );
  await expectAccessible(page);
  await page.getByLabel("Title").fill("Feedback from the school's safeguarding lead");
  await page.getByLabel("Who gave the feedback").fill("Designated safeguarding lead, secondary school");
  await page.getByLabel("PCF-8 Contexts and organisations").check();
  await page.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(page.getByText("Evidence added")).toBeVisible();
  // Editing works as a plain form too, and keeps the first version.
  await page.getByRole("link", { name: /^Edit/ }).click();
  await page.getByLabel("Title").fill("");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("alert")).toContainText("Write a title");
  await expect(page.getByLabel("Who gave the feedback")).toHaveValue("Designated safeguarding lead, secondary school");
  await page.getByLabel("Title").fill("Feedback from the safeguarding lead at the core group");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Version 2 saved")).toBeVisible();
  await expect(page.getByRole("link", { name: "Version 1" })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});
