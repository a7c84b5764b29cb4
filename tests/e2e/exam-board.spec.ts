import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

/**
 * Eastbridge's exam board for the intake whose work is second-marked: the external examiner reads
 * the marking and comments; Simon, the programme lead, sees the comment and every candidate's mark,
 * signs and confirms; Nadia, of that intake, then sees her mark, band, feedback and credits on her
 * transcript, downloads its PDF, and its code verifies at /verify for anyone.
 */
test("the board confirms, Nadia sees her mark on her transcript, and its PDF's code verifies", async ({ browser }) => {
  const grace = await (await browser.newContext()).newPage();
  await signIn(grace, DEMO.externalExaminer);
  await expect(grace.getByRole("heading", { level: 1, name: /Examining/ })).toBeVisible();
  const assignment = grace.getByRole("region", { name: /Practice education and supervision/ });
  await expect(assignment).toContainText("Marks are provisional until the exam board");
  // Candidates are known by number before the board.
  await expect(assignment).not.toContainText("Nadia Karim");
  await assignment.getByLabel(/Your comment on the marking/).fill("The second marking of the boundary cases is careful; I support the marks.");
  await assignment.getByRole("button", { name: "Record comment" }).click();
  await expect(grace.getByText("Your comment is recorded for the exam board.")).toBeVisible();
  await expectAccessible(grace);
  await grace.context().close();

  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assignments" }).click();
  await simon.getByRole("link", { name: "Practice education and supervision" }).click();
  await simon.getByRole("link", { name: /Exam board/ }).click();
  await expect(simon.getByRole("heading", { level: 1, name: "Exam board: Practice education and supervision" })).toBeVisible();
  await expect(simon.getByText("The second marking of the boundary cases is careful")).toBeVisible();
  await expect(simon.getByText("Second-marked: ready for the exam board")).toBeVisible();
  await expect(simon.getByRole("row").filter({ hasText: "Nadia Karim" })).toContainText("64");
  await expectAccessible(simon);
  await simon.getByLabel(/The board has considered every mark/).check();
  await simon.getByLabel("Sign with your full name").fill("Simon Fairweather");
  await simon.getByRole("button", { name: "Confirm and release the marks" }).click();
  await expect(simon.getByText(/marks are confirmed and released/)).toBeVisible();
  await expect(simon.getByRole("heading", { name: /First attempt: confirmed by Simon Fairweather/ })).toBeVisible();
  await simon.context().close();

  const nadia = await (await browser.newContext()).newPage();
  await signIn(nadia, DEMO.mastersSecondMarked);
  await nadia.goto("/programmes/masters/practice-education-and-supervision");
  await expect(nadia.getByText("64 out of 100")).toBeVisible();
  await expect(nadia.getByText("A thoughtful and well-organised piece.").first()).toBeVisible();
  await nadia.getByRole("link", { name: "Your transcript" }).first().click();
  await expect(nadia.getByRole("heading", { level: 1, name: "Your transcript" })).toBeVisible();
  const row = nadia.getByRole("row").filter({ hasText: "Practice education and supervision" });
  await expect(row).toContainText("64");
  await expect(row).toContainText("Merit");
  await expect(row).toContainText("30 of 30");
  await expectAccessible(nadia);
  const [download] = await Promise.all([
    nadia.waitForEvent("download"),
    nadia.getByRole("link", { name: "Download your transcript (PDF)" }).click(),
  ]);
  const code = /transcript-(PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\.pdf/.exec(download.suggestedFilename())?.[1];
  expect(code).toBeTruthy();
  await nadia.context().close();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  await visitor.getByLabel("Verification code").fill(code!);
  await visitor.getByRole("button", { name: "Check" }).click();
  await expect(visitor.getByText("This transcript is genuine")).toBeVisible();
  await expect(visitor.getByText("Nadia Karim")).toBeVisible();
  await expectAccessible(visitor);
  await visitor.context().close();
});

/**
 * A resubmission goes the whole way, as the first attempt did: Simon opens Oliver's one resubmission
 * after the board confirmed his fail; Oliver hands it in; Dr Mensah marks it by candidate number;
 * Simon draws the resubmissions' own sample; Dr Donovan second-marks it; the board confirms attempt
 * 2; Oliver's transcript shows the attempt and the mark capped at the pass mark, and the board says
 * nothing more can come to it.
 */
test("Oliver's resubmission is marked, sampled and boarded, and his transcript shows attempt 2 capped", async ({ browser }) => {
  const module = "Leading practice and change";
  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assignments" }).click();
  await expect(simon.getByRole("row").filter({ hasText: module })).toContainText("Exam board confirmed the marks");
  await simon.getByRole("link", { name: module }).click();
  await simon.getByRole("link", { name: /Exam board/ }).click();
  await expect(simon.getByRole("heading", { level: 1, name: `Exam board: ${module}` })).toBeVisible();
  const oliverRow = simon.getByRole("row").filter({ hasText: "Oliver Grant" });
  // A date in the past is refused beside Oliver's own field, and the summary links to it.
  await oliverRow.getByLabel("Resubmission deadline for Oliver Grant").fill("2020-02-01");
  await oliverRow.getByRole("button", { name: "Open a resubmission" }).click();
  const summaryLink = simon.getByRole("link", { name: "The deadline must be in the future" });
  await expect(summaryLink).toBeVisible();
  const target = (await summaryLink.getAttribute("href"))!;
  await expect(simon.locator(target)).toHaveAccessibleName("Resubmission deadline for Oliver Grant");
  await expectAccessible(simon);
  await simon.getByLabel("Resubmission deadline for Oliver Grant").fill("2099-02-01");
  await simon.getByRole("row").filter({ hasText: "Oliver Grant" }).getByRole("button", { name: "Open a resubmission" }).click();
  await expect(simon.getByText("The resubmission is open.")).toBeVisible();
  // Its row for the board's next sitting is waiting, and the first attempt's says it is open.
  await expect(simon.getByRole("heading", { name: "Resubmission (attempt 2): marks for the board" })).toBeVisible();
  const decided = simon.getByRole("table", { name: "Marks the board confirmed" });
  await expect(decided.getByRole("row").filter({ hasText: "Oliver Grant" })).toContainText("Resubmission open, due");

  const oliver = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(oliver, DEMO.mastersFailed);
  await oliver.goto("/programmes/masters/leading-practice-and-change");
  await expect(oliver.getByRole("heading", { name: "Hand in your resubmission" })).toBeVisible();
  await oliver.getByLabel("Your work", { exact: true }).fill("My practice development project, rewritten after my tutor's advice.");
  await oliver.getByRole("button", { name: /^Hand in/ }).click();
  await expect(oliver.getByRole("heading", { name: /Receipt: version 2 handed in/ })).toBeVisible();
  const candidate = /C\d{6}/.exec((await oliver.locator("dd").filter({ hasText: "Markers see this number" }).textContent()) ?? "")![0];

  const joseph = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(joseph, DEMO.earlierFirstMarker);
  const toMark = joseph.getByRole("row").filter({ hasText: candidate }).filter({ hasText: "Resubmission" });
  await expect(toMark).toContainText("To mark");
  await toMark.getByRole("link", { name: candidate }).click();
  await expect(joseph.getByText("(the resubmission)")).toBeVisible();
  await expect(joseph.locator("main")).not.toContainText("Oliver");
  for (const group of await joseph.locator("form fieldset").all()) await group.getByRole("radio", { name: "60–69 (merit)" }).check();
  await joseph.getByLabel("Mark out of 100").fill("64");
  await joseph.getByLabel("Feedback for the learner").fill("A much stronger project: the evaluation now weighs what changed for families.");
  await joseph.getByRole("button", { name: "Save mark" }).click();
  await expect(joseph.getByText("Saved. Provisional until the exam board confirms it.")).toBeVisible();
  await joseph.context().close();

  await simon.getByRole("link", { name: "The assignment: learners, marking, extensions and mitigating circumstances" }).click();
  await expect(simon.getByRole("heading", { name: "Resubmissions (attempt 2)" })).toBeVisible();
  await simon.getByRole("button", { name: "Draw the resubmissions' second-marking sample" }).click();
  const sample = simon.getByRole("table", { name: "The second-marking sample of the resubmissions" });
  await expect(sample.getByRole("row").filter({ hasText: candidate })).toContainText("Waiting for the second marker");
  await expectAccessible(simon);

  const claire = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(claire, DEMO.earlierSecondMarker);
  await claire.getByRole("row").filter({ hasText: candidate }).filter({ hasText: "Resubmission" }).getByRole("link", { name: candidate }).click();
  await expect(claire.getByRole("heading", { name: "First marker: mark 64 (Merit)" })).toBeVisible();
  await claire.getByRole("radio", { name: "I agree with the first mark" }).check();
  await claire.getByRole("button", { name: "Save second marking" }).click();
  await expect(claire.getByText("The mark for the exam board is 64: the first mark, confirmed by the second marker.")).toBeVisible();
  await claire.context().close();

  await simon.getByRole("link", { name: /Exam board/ }).click();
  await expect(simon.getByRole("heading", { name: "Resubmission (attempt 2): marks for the board" })).toBeVisible();
  await expect(simon.getByRole("row").filter({ hasText: "Oliver Grant" }).first()).toContainText("50 (capped from 64)");
  await simon.getByLabel(/The board has considered every mark/).check();
  await simon.getByLabel("Sign with your full name").fill("Simon Fairweather");
  await simon.getByRole("button", { name: "Confirm and release the marks" }).click();
  await expect(simon.getByText(/marks are confirmed and released/)).toBeVisible();
  await expect(simon.getByText(/A failed module may be resubmitted once, so nothing more comes to this board/)).toBeVisible();
  await expect(simon.getByRole("button", { name: "Open a resubmission" })).toHaveCount(0);
  await expectAccessible(simon);
  await simon.context().close();

  await oliver.goto("/transcript");
  const rows = oliver.getByRole("row").filter({ hasText: module });
  await expect(rows.filter({ hasText: "Resubmission (attempt 2)" })).toContainText("50 (capped)");
  await expect(rows.filter({ hasText: "Resubmission (attempt 2)" })).toContainText("30");
  await expectAccessible(oliver);
  await oliver.context().close();
});
