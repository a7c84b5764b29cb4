import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

/**
 * Eastbridge's exam board for a second-marked assignment: the external examiner reads the marking
 * and comments; Simon, the programme lead, sees the comment and every candidate's mark, signs and
 * confirms; Hannah then sees her mark, band, feedback and credits on her transcript, downloads its
 * PDF, and its code verifies at /verify for anyone.
 */
test("the board confirms, Hannah sees her mark on her transcript, and its PDF's code verifies", async ({ browser }) => {
  const grace = await (await browser.newContext()).newPage();
  await signIn(grace, DEMO.externalExaminer);
  await expect(grace.getByRole("heading", { level: 1, name: /Examining/ })).toBeVisible();
  const assignment = grace.getByRole("region", { name: /Practice education and supervision/ });
  await expect(assignment).toContainText("Marks are provisional until the exam board");
  // Candidates are known by number before the board.
  await expect(assignment).not.toContainText("Hannah Clarke");
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
  await expect(simon.getByRole("row").filter({ hasText: "Hannah Clarke" })).toContainText("64");
  await expectAccessible(simon);
  await simon.getByLabel(/The board has considered every mark/).check();
  await simon.getByLabel("Sign with your full name").fill("Simon Fairweather");
  await simon.getByRole("button", { name: "Confirm and release the marks" }).click();
  await expect(simon.getByText(/marks are confirmed and released/)).toBeVisible();
  await expect(simon.getByRole("heading", { name: /First attempt: confirmed by Simon Fairweather/ })).toBeVisible();
  await simon.context().close();

  const hannah = await (await browser.newContext()).newPage();
  await signIn(hannah, DEMO.masters);
  await hannah.goto("/programmes/masters/practice-education-and-supervision");
  await expect(hannah.getByText("64 out of 100")).toBeVisible();
  await expect(hannah.getByText("A thoughtful and well-organised piece.").first()).toBeVisible();
  await hannah.getByRole("link", { name: "Your transcript" }).first().click();
  await expect(hannah.getByRole("heading", { level: 1, name: "Your transcript" })).toBeVisible();
  const row = hannah.getByRole("row").filter({ hasText: "Practice education and supervision" });
  await expect(row).toContainText("64");
  await expect(row).toContainText("Merit");
  await expect(row).toContainText("30 of 30");
  await expectAccessible(hannah);
  const [download] = await Promise.all([
    hannah.waitForEvent("download"),
    hannah.getByRole("link", { name: "Download your transcript (PDF)" }).click(),
  ]);
  const code = /transcript-(PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\.pdf/.exec(download.suggestedFilename())?.[1];
  expect(code).toBeTruthy();
  await hannah.context().close();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  await visitor.getByLabel("Verification code").fill(code!);
  await visitor.getByRole("button", { name: "Check" }).click();
  await expect(visitor.getByText("This transcript is genuine")).toBeVisible();
  await expect(visitor.getByText("Hannah Clarke")).toBeVisible();
  await expectAccessible(visitor);
  await visitor.context().close();
});
