import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("the final assessment goes to the panel, blind and anonymised, and a pass gives a certificate anyone can check", async ({
  browser,
}) => {
  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, "owen.pritchard@riverside.example");
  // Evidence with a planted name and date of birth, caught and redacted before the panel.
  await nqsw.getByRole("link", { name: "Portfolio of evidence", exact: true }).click();
  await nqsw.getByRole("link", { name: "Add evidence" }).click();
  await nqsw.getByLabel("Critical reflective log").check();
  await nqsw.getByRole("button", { name: "Continue" }).click();
  await nqsw.getByLabel("Title").fill("Final reflection on my year");
  await nqsw
    .getByLabel("Your reflection")
    .fill("Working with Jordan Smith, born 03/04/2015, taught me to slow down and listen before I assess.");
  await nqsw.getByLabel("PCF-9 Professional leadership").check();
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByText("Evidence added")).toBeVisible();
  const yearPath = new URL(nqsw.url()).pathname.replace(/\/portfolio\/.*$/, "");
  await nqsw.goto(`${yearPath}/anonymisation`);
  const section = nqsw.getByRole("region", { name: /Final reflection on my year/ });
  await section
    .getByRole("group", { name: /a name: Jordan Smith/ })
    .getByLabel("Redact it")
    .check();
  await section
    .getByRole("group", { name: /a date of birth/ })
    .getByLabel("Redact it")
    .check();
  await nqsw.getByRole("button", { name: "Save the decisions" }).click();
  await expect(nqsw.getByText("Decisions saved")).toBeVisible();

  await nqsw.goto(`${yearPath}/reviews/final`);
  await nqsw.getByLabel(/Final reflection on my year/).check();
  await nqsw.getByLabel("Your comments for the review").fill("My year, and what I will take into my second.");
  await nqsw.getByRole("button", { name: "Submit for review" }).click();
  await expect(nqsw.getByText("Review submitted")).toBeVisible();

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.otherCouncilSupervisor);
  await supervisor.goto(`${yearPath}/reviews/final`);
  await supervisor.getByRole("radio", { name: /^Approve/ }).check();
  await supervisor.getByLabel(/^Pass: recommend/).check();
  await supervisor.getByLabel("Comments", { exact: true }).fill("A safe, reflective practitioner: Farah's view.");
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByText("Review approved")).toBeVisible();

  // Owen's team manager countersigns the recommendation; then the programme lead makes the panel.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO.otherCouncilTeamManager);
  await manager.goto(`${yearPath}/reviews/final`);
  await manager.getByRole("button", { name: "Countersign the recommendation" }).click();
  await expect(manager.getByText("Review countersigned")).toBeVisible();
  await managerContext.close();

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.otherCouncilLead);
  await lead.goto("/organisation");

  await lead.getByRole("link", { name: "Panels" }).click();
  await expectAccessible(lead);
  await lead.getByLabel("Programme").selectOption({ index: 1 });
  await lead.getByLabel("Name of the panel").fill("ASYE moderation panel, winter");
  await lead.getByLabel("Chair").selectOption({ label: "Marcus Reid" });
  await lead.getByRole("button", { name: "Make the panel and draw its sample" }).click();
  await expect(lead.getByText("Panel made")).toBeVisible();
  await expectAccessible(lead);
  await lead.getByRole("link", { name: "Owen Pritchard" }).click();
  // Blind and anonymised: no assessor's name, no planted name or date of birth.
  await expect(lead.getByText("I will take into my second")).toBeVisible();
  await expect(lead.getByText("[name removed], [date of birth removed]", { exact: false })).toBeVisible();
  await expect(lead.locator("main")).not.toContainText("Jordan Smith");
  await expect(lead.locator("main")).not.toContainText("Farah Ali");
  await expectAccessible(lead);
  await lead.getByRole("button", { name: "Record the outcome" }).click();
  await expect(lead.getByRole("alert")).toContainText("Choose the panel's outcome");
  await lead.getByLabel("Agree with the assessor's recommendation").check();
  await lead.getByRole("button", { name: "Record the outcome" }).click();
  await expect(lead.getByText("Outcome recorded")).toBeVisible();
  await lead.getByRole("button", { name: "Sign the outcome as chair" }).click();
  await expect(lead.getByText("The NQSW's certificate has been issued")).toBeVisible();

  // The NQSW downloads the certificate, and its code checks out on the public page.
  await nqsw.goto(yearPath);
  await expect(nqsw.getByText("The year is passed")).toBeVisible();
  const code = (await nqsw.locator("strong", { hasText: /^PP-/ }).textContent())!;
  const pdf = await nqswContext.request.get(`${yearPath}/certificate.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto("/verify");
  await visitor.getByLabel("Verification code").fill(code);
  await visitor.getByRole("button", { name: "Check" }).click();
  await expect(visitor.getByText("This certificate is genuine")).toBeVisible();
  await expect(visitor.getByText("Owen Pritchard")).toBeVisible();
  await expectAccessible(visitor);
  await visitor.goto("/verify?code=PP-AAAA-BBBB-CCCC");
  await expect(visitor.getByText("No certificate, transcript or career record has this code")).toBeVisible();
  // Another council's staff cannot open the panel or the certificate.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.lead);
  expect((await otherContext.request.get(`${yearPath}/certificate.pdf`)).status()).toBe(404);
  for (const c of [nqswContext, supervisorContext, leadContext, publicContext, otherContext]) await c.close();
});

test("a whole moderation round ends final: the sampled pass and the fail signed, the other passes ratified, every pass certified", async ({
  browser,
}) => {
  // Westmere's round (demo world): three recommended passes and a fail, nobody else's.
  const passes = [
    { name: "Łukasz Wójcik", email: "lukasz.wojcik@westmere.example" },
    { name: "Noémie Ní Bhriain", email: "noemie.nibhriain@westmere.example" },
    { name: "Zoë Smith-Okafor", email: "zoe.smith-okafor@westmere.example" },
  ];
  const fail = { name: "Siobhán D'Souza", email: "siobhan.dsouza@westmere.example" };
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, "nia.roberts@westmere.example");
  await lead.goto("/organisation/panels");
  await lead
    .getByLabel("Programme")
    .selectOption({ label: "NQSW support programme (ASYE) (4 ready: 1 recommended fail)" });
  await lead.getByLabel("Name of the panel").fill("Westmere ASYE moderation, winter");
  await lead.getByLabel("Share of passes to read, in per cent").fill("10");
  await lead.getByLabel("Chair").selectOption({ label: "Nia Roberts" });
  await lead.getByRole("button", { name: "Make the panel and draw its sample" }).click();
  await expect(lead.getByText("Panel made")).toBeVisible();
  const panelUrl = lead.url().replace(/\?.*$/, "");

  // The panel reads the fail and one pass; the other two wait for the chair's ratification.
  const read = lead.getByRole("table", { name: "Portfolios the panel reads" });
  await expect(read.getByRole("row")).toHaveCount(3);
  const unread = lead.getByRole("table", { name: "Passes not drawn for reading" });
  await expect(unread.getByText("Waiting for the chair to ratify")).toHaveCount(2);
  await expect(lead.getByRole("button", { name: /^Ratify/ })).toHaveCount(0);
  await expect(lead.getByText("2 of the portfolios the panel read have no final outcome yet")).toBeVisible();
  await expectAccessible(lead);

  const sampledNames = (await read.getByRole("link").allTextContents()).map((n) => n.trim());
  expect(sampledNames).toContain(fail.name);
  const sampledPass = passes.find((p) => sampledNames.includes(p.name))!;
  expect(sampledPass).toBeTruthy();
  for (const name of sampledNames) {
    await lead.goto(panelUrl);
    await read.getByRole("link", { name }).click();
    await lead.getByLabel("Agree with the assessor's recommendation").check();
    await lead.getByRole("button", { name: "Record the outcome" }).click();
    await expect(lead.getByText("Outcome recorded")).toBeVisible();
    await lead.getByRole("button", { name: "Sign the outcome as chair" }).click();
    await expect(lead.getByText("Outcome signed by the chair")).toBeVisible();
  }

  await lead.goto(panelUrl);
  await expect(read.getByText(/^Final: /)).toHaveCount(2);
  await lead.getByRole("button", { name: "Ratify 2 passes as chair" }).click();
  await expect(lead.getByText("2 passes are final, and each NQSW's certificate has been issued.")).toBeVisible();
  await expect(unread.getByText(/^Final: ratified /)).toHaveCount(2);
  await expect(lead.getByRole("button", { name: /^Ratify/ })).toHaveCount(0);
  await expectAccessible(lead);

  // Each of the three passes downloads a certificate whose code the public checker accepts.
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  for (const pass of passes) {
    const context = await browser.newContext();
    const learner = await context.newPage();
    await signIn(learner, pass.email);
    await learner.goto("/learning");
    await expect(learner.getByText("The year is passed.")).toBeVisible();
    const download = learner.getByRole("link", { name: "Download your certificate (PDF)" });
    const href = (await download.getAttribute("href"))!;
    const pdf = await context.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await learner.goto(href.replace(/\/certificate\.pdf$/, ""));
    await expect(learner.getByText("The year is passed")).toBeVisible();
    const code = (await learner.locator("strong", { hasText: /^PP-/ }).textContent())!;
    await visitor.goto(`/verify?code=${encodeURIComponent(code)}`);
    await expect(visitor.getByText("This certificate is genuine")).toBeVisible();
    await expect(visitor.getByText(pass.name, { exact: true })).toBeVisible();
    await context.close();
  }

  // The fail the panel agreed with is final too: not passed, with what happens next, and no certificate.
  const failContext = await browser.newContext();
  const failed = await failContext.newPage();
  await signIn(failed, fail.email);
  await failed.goto("/learning");
  await expect(failed.getByText("The year is not passed.")).toBeVisible();
  await expect(failed.getByText(/appeal under your employer's procedure/)).toBeVisible();
  await expect(failed.getByRole("link", { name: "Download your certificate (PDF)" })).toHaveCount(0);
  await expectAccessible(failed);
  for (const c of [leadContext, publicContext, failContext]) await c.close();
});
