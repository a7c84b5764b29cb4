import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("the 3-month review: submitted, returned with a comment, resubmitted, approved and countersigned", async ({
  browser,
}) => {
  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, "tom.gallagher@northmoor.example");
  await nqsw.getByRole("link", { name: "Your assessed year" }).click();
  await nqsw.getByRole("link", { name: "Reviews", exact: true }).first().click();
  await expect(nqsw.getByRole("row", { name: /3-month review/ })).toContainText("Not submitted");
  await expectAccessible(nqsw);
  await nqsw.getByRole("link", { name: "3-month review" }).click();
  await expectAccessible(nqsw);

  // Bad input: nothing chosen, nothing written.
  await nqsw.getByRole("button", { name: "Submit for review" }).click();
  await expect(nqsw.getByRole("alert")).toContainText("Choose at least one piece of evidence for the review");
  await expect(nqsw.getByRole("alert")).toContainText("Write your comments for the review");
  const evidence = nqsw.locator('input[name="evidence"]');
  const count = await evidence.count();
  expect(count).toBeGreaterThan(1);
  await evidence.first().check();
  await nqsw.getByLabel("Your comments for the review").fill("Three months in: more confident on visits.");
  await nqsw.getByRole("button", { name: "Submit for review" }).click();
  await expect(nqsw.getByText("Review submitted")).toBeVisible();
  await expect(nqsw.getByText("Waiting for the supervisor")).toBeVisible();
  const reviewPath = new URL(nqsw.url()).pathname;

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisor);
  await supervisor.getByRole("link", { name: "3-month review to decide for Tom Gallagher" }).click();
  await expect(supervisor.getByText("Three months in: more confident on visits.")).toBeVisible();
  await expectAccessible(supervisor);
  await supervisor.getByLabel("Return with comments").check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByRole("alert")).toContainText("Say what the learner needs to change");
  await supervisor.getByLabel("Comments", { exact: true }).fill("Add the feedback from the health visitor too.");
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByText("Review returned")).toBeVisible();

  // Tom's home puts the returned review first among what he has to do.
  await nqsw.goto("/learning");
  const tasks = nqsw.locator(".task-list").first().getByRole("listitem");
  await expect(tasks.first()).toContainText("Returned");
  await expect(tasks.first()).toContainText("3-month review returned: make the changes and submit again");

  // Tom is told: a notice counted in his header, and one email in the mailbox.
  await nqsw.getByRole("link", { name: "Notices, 1 unread" }).click();
  await expectAccessible(nqsw);
  await expect(nqsw.getByText("1 unread.")).toBeVisible();
  const mailbox = await nqswContext.newPage();
  await mailbox.goto("/dev/mail");
  await expect(
    mailbox
      .getByRole("row")
      .filter({ hasText: "tom.gallagher@northmoor.example" })
      .filter({ hasText: "returned your 3-month review" }),
  ).toHaveCount(1);
  await mailbox.close();
  // Opening the notice marks it read and goes where the review is done.
  await nqsw.getByRole("button", { name: /^Daniel Okafor returned your 3-month review/ }).click();
  await expect(nqsw).toHaveURL(new RegExp(`${reviewPath}$`));
  await expect(nqsw.getByRole("link", { name: "Notices, 0 unread" })).toBeVisible();
  await expect(nqsw.getByText("Add the feedback from the health visitor too.")).toBeVisible();
  await expect(nqsw.getByRole("heading", { name: "Revise and submit again" })).toBeVisible();
  for (let i = 0; i < count; i++) await evidence.nth(i).check();
  await nqsw.getByLabel("Your comments for the review").fill("Three months in: more confident, with all my feedback.");
  await nqsw.getByRole("button", { name: "Submit for review" }).click();
  await expect(nqsw.getByText("Review submitted")).toBeVisible();
  await expect(nqsw.getByRole("heading", { name: /Submission 2/ })).toBeVisible();

  await supervisor.goto(reviewPath);
  // Approving asks whether the NQSW is on track, and for an action plan when not.
  await supervisor.getByRole("radio", { name: /^Approve/ }).check();
  await supervisor.getByLabel("Not on track: an action plan follows").check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByRole("alert")).toContainText("Write the action plan");
  await supervisor.getByLabel("On track", { exact: true }).check();
  await supervisor.getByRole("button", { name: "Record the decision" }).click();
  await expect(supervisor.getByText("Review approved")).toBeVisible();
  await expect(supervisor.getByText(/Approved by Daniel Okafor, practice supervisor/)).toBeVisible();
  expect(
    (
      await supervisorContext.request.post(reviewPath, {
        form: { intent: "countersign" },
        headers: { Origin: new URL(supervisor.url()).origin },
      })
    ).status(),
  ).toBe(403);

  // The programme lead reads it and cannot countersign: the year's team manager does.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.lead);
  await lead.goto(reviewPath);
  await expect(
    lead.getByText("Waiting for the countersignature of the year's team manager, Rachel Whitaker."),
  ).toBeVisible();
  await expect(lead.getByRole("button", { name: "Countersign the review" })).toHaveCount(0);
  await expectAccessible(lead);
  const refused = await leadContext.request.post(reviewPath, {
    form: { intent: "countersign" },
    headers: { Origin: new URL(lead.url()).origin },
  });
  expect(refused.status()).toBe(403);

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, DEMO.teamManager);
  // Rachel is told the approval waits for her countersignature, by one email and a notice that leads to it.
  const managerMail = await managerContext.newPage();
  await managerMail.goto("/dev/mail");
  await expect(
    managerMail
      .getByRole("row")
      .filter({ hasText: "rachel.whitaker@northmoor.example" })
      .filter({ hasText: "Tom Gallagher's 3-month review is approved and waits for your countersignature" }),
  ).toHaveCount(1);
  await managerMail.close();
  await manager.getByRole("link", { name: /^Notices, [1-9]\d* unread$/ }).click();
  await manager
    .getByRole("button", {
      name: "Tom Gallagher's 3-month review is approved and waits for your countersignature",
      exact: true,
    })
    .click();
  await expect(manager).toHaveURL(new RegExp(`${reviewPath}$`));
  await manager.goto("/home");
  await manager.getByRole("link", { name: "3-month review to countersign for Tom Gallagher" }).click();
  await expectAccessible(manager);
  await manager.getByRole("button", { name: "Countersign the review" }).click();
  await expect(manager.getByText("Review countersigned")).toBeVisible();
  await expect(manager.getByText("Signed off", { exact: true })).toBeVisible();

  // Signed off, the review is nobody's task any more: not Tom's, not Rachel's.
  await manager.goto("/home");
  await expect(manager.getByRole("link", { name: "3-month review to countersign for Tom Gallagher" })).toHaveCount(0);
  await nqsw.goto("/learning");
  await expect(nqsw.getByRole("main")).not.toContainText("3-month review");

  // The signed version is what the NQSW sees; another council cannot open it.
  await nqsw.goto(reviewPath);
  await expect(nqsw.getByText(/Countersigned by Rachel Whitaker, team manager/)).toBeVisible();
  await expect(nqsw.getByRole("button", { name: "Submit for review" })).toHaveCount(0);
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.otherCouncilLead);
  expect((await other.goto(reviewPath))?.status()).toBe(404);
  expect((await other.goto(reviewPath.replace(/reviews\/.*$/, "history")))?.status()).toBe(404);

  // The year's history shows each step, who took it and in which role.
  await nqsw.getByRole("link", { name: "History" }).click();
  await expect(nqsw.getByRole("heading", { name: "History of the year" })).toBeVisible();
  const history = nqsw.getByRole("table");
  await expect(history).toContainText("Review countersigned");
  await expect(history).toContainText("Review returned with comments");
  await expect(history.getByRole("row", { name: /Review approved/ })).toContainText(
    "Daniel Okafor (practice supervisor)",
  );
  await expect(history.getByRole("row", { name: /Review countersigned/ }).first()).toContainText(
    "Rachel Whitaker (team manager)",
  );
  await expectAccessible(nqsw);
  // The whole year as one PDF, for an appeal.
  const href = await nqsw.getByRole("link", { name: "Download the whole year as one PDF" }).getAttribute("href");
  const exported = await nqswContext.request.get(href!);
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toBe("application/pdf");
  const bytes = await exported.body();
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.length).toBeGreaterThan(5_000);
  expect((await otherContext.request.get(href!)).status()).toBe(404);
  for (const c of [nqswContext, supervisorContext, leadContext, managerContext, otherContext]) await c.close();
});

test("the anonymisation check catches a planted name and date of birth, and the panel reads them redacted", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const nqsw = await context.newPage();
  await signIn(nqsw, "liam.doherty@northmoor.example");
  await nqsw.getByRole("link", { name: "Portfolio of evidence" }).click();
  await nqsw.getByRole("link", { name: "Add evidence" }).click();
  await nqsw.getByLabel("Critical reflective log").check();
  await nqsw.getByRole("button", { name: "Continue" }).click();
  await nqsw.getByLabel("Title").fill("A carers' assessment that went wrong");
  await nqsw
    .getByLabel("Your reflection")
    .fill("I visited Jordan Smith, born 03/04/1950, at home. I had not read the history first and it showed.");
  await nqsw.getByLabel("PCF-6 Critical reflection and analysis").check();
  await nqsw.getByRole("button", { name: "Add to the portfolio" }).click();
  await expect(nqsw.getByText("Evidence added")).toBeVisible();

  await nqsw.getByRole("link", { name: "Reviews", exact: true }).click();
  await nqsw.getByRole("link", { name: "anonymisation check" }).click();
  await expect(nqsw.getByRole("heading", { name: "Anonymisation check" })).toBeVisible();
  const section = nqsw.getByRole("region", { name: /A carers' assessment that went wrong/ });
  const name = section.getByRole("group", { name: /This may be a name: Jordan Smith/ });
  const birth = section.getByRole("group", { name: /This may be a date of birth: born 03\/04\/1950/ });
  await expect(name).toBeVisible();
  await expect(birth).toBeVisible();
  await expectAccessible(nqsw);
  await name.getByLabel("Redact it").check();
  await birth.getByLabel("Redact it").check();
  await nqsw.getByRole("button", { name: "Save the decisions" }).click();
  await expect(nqsw.getByText("Decisions saved")).toBeVisible();
  await section.getByText("What the panel reads").click();
  await expect(section.getByText("I visited [name removed], [date of birth removed], at home.")).toBeVisible();

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, DEMO.supervisorAndAssessor);
  await supervisor.goto(nqsw.url().split("?")[0]!);
  await expect(
    supervisor
      .getByRole("region", { name: /A carers' assessment/ })
      .getByText("Redacted by Liam Doherty (NQSW)")
      .first(),
  ).toBeVisible();
  for (const c of [context, supervisorContext]) await c.close();
});
