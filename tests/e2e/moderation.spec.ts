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

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.otherCouncilLead);
  await lead.goto(`${yearPath}/reviews/final`);
  await lead.getByRole("button", { name: "Countersign the recommendation" }).click();
  await expect(lead.getByText("Review countersigned")).toBeVisible();

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
  await expect(visitor.getByText("No certificate has this code")).toBeVisible();
  // Another council's staff cannot open the panel or the certificate.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.lead);
  expect((await otherContext.request.get(`${yearPath}/certificate.pdf`)).status()).toBe(404);
  for (const c of [nqswContext, supervisorContext, leadContext, publicContext, otherContext]) await c.close();
});
