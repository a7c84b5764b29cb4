import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const MODULE = "/programmes/masters/critical-practice-and-research-mindedness";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

// One story on one demo world: Hannah hands in first, then her work is marked.
test.describe.configure({ mode: "serial" });

/**
 * Hannah hands in her first Masters assignment without JavaScript and gets a receipt, then asks for
 * an extension; Simon, Eastbridge's programme lead, sees her submission counted and approves it.
 */
test("a Masters learner hands in work and the university's lead decides her extension", async ({ browser }) => {
  const hannahContext = await browser.newContext({ javaScriptEnabled: false });
  const hannah = await hannahContext.newPage();
  await signIn(hannah, DEMO.masters);
  await hannah.goto(MODULE);
  await expect(hannah.getByRole("heading", { name: "Your assignment" })).toBeVisible();
  await expect(hannah.getByText("Your deadline")).toBeVisible();
  await expectAccessible(hannah);

  await hannah.getByLabel("Your work", { exact: true }).fill("Why do some parents say nothing at their first child protection conference?");
  await hannah.getByLabel("Add a file (optional)").setInputFiles({ name: "proposal.pdf", mimeType: "application/pdf", buffer: PDF });
  await hannah.getByRole("button", { name: "Hand in", exact: true }).click();
  await expect(hannah.getByRole("heading", { name: "Receipt: version 1 handed in" })).toBeVisible();
  await expect(hannah.locator("#receipt code")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(hannah.getByRole("link", { name: "proposal.pdf" })).toBeVisible();
  await expectAccessible(hannah);

  await hannah.getByLabel("Ask for an extension: why do you need more time?").fill("My father was taken into hospital.");
  await hannah.getByLabel("The date you are asking for").fill("2099-01-15");
  await hannah.getByRole("button", { name: "Ask for an extension" }).click();
  await expect(hannah.getByText("Your request has been sent to your programme lead.")).toBeVisible();

  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assignments" }).click();
  await expect(simon.getByRole("heading", { level: 1, name: "Assignments" })).toBeVisible();
  const row = simon.getByRole("row").filter({ hasText: "Critical practice and research-mindedness" });
  await expect(row.getByRole("cell").nth(3)).toHaveText(/^[1-9]/); // at least Hannah has handed in
  await expectAccessible(simon);
  await row.getByRole("link", { name: "Critical practice and research-mindedness" }).click();
  await expect(simon.getByRole("row").filter({ hasText: "Hannah Clarke" })).toContainText("Submitted");
  await expectAccessible(simon);
  const request = simon.getByRole("region", { name: /Hannah Clarke: asked on/ }).last();
  await request.getByRole("radio", { name: "Approve" }).check();
  await request.getByRole("button", { name: "Record decision" }).click();
  await expect(simon.getByText(/Approved: new deadline 15 Jan 2099/).first()).toBeVisible();

  await hannah.goto(MODULE);
  await expect(hannah.getByText("15 January 2099 at 12:00 (with your extension)")).toBeVisible();
  await hannahContext.close();
  await simon.context().close();
});

/**
 * Hannah hands in a new version; Aisha, Eastbridge's first marker, marks it by candidate number against the
 * rubric without JavaScript and never sees Hannah's name; Simon draws the second-marking sample;
 * Tom, the second marker, agrees with the first mark, and it is ready for the exam board.
 */
test("a marker marks Hannah's work anonymously against the rubric and a second marker agrees", async ({ browser }) => {
  const hannah = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(hannah, DEMO.masters);
  await hannah.goto(MODULE);
  await hannah.getByLabel("Your work", { exact: true }).fill("What helps parents speak at a child protection conference?");
  await hannah.getByLabel("Add a file (optional)").setInputFiles({ name: "Hannah-Clarke-essay.pdf", mimeType: "application/pdf", buffer: PDF });
  await hannah.getByRole("button", { name: "Hand in a new version" }).click();
  await expect(hannah.getByRole("heading", { name: /Receipt: version \d+ handed in/ })).toBeVisible();
  const candidate = /C\d{6}/.exec((await hannah.locator("dd").filter({ hasText: "Markers see this number" }).textContent()) ?? "")![0];
  await hannah.context().close();

  const aisha = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(aisha, DEMO.marker);
  await expect(aisha.getByRole("heading", { level: 1, name: "Marking" })).toBeVisible();
  await expect(aisha.getByText(/marks due by \d{1,2} \w+ \d{4}/).first()).toBeVisible();
  await expect(aisha.locator("main")).not.toContainText("Hannah");
  await expectAccessible(aisha);
  await aisha.getByRole("link", { name: candidate }).click();
  await expect(aisha.getByRole("heading", { level: 1, name: `Candidate ${candidate}` })).toBeVisible();
  await expect(aisha.locator("main")).not.toContainText("Hannah");
  await expect(aisha.locator("main")).not.toContainText("Clarke");
  const download = aisha.getByRole("link", { name: `${candidate}-critical-practice-and-research-mindedness.pdf` });
  await expect(download).toBeVisible();
  await expectAccessible(aisha);

  // Nothing typed is lost when the form is refused.
  await aisha.getByLabel("Mark out of 100").fill("64.5");
  await aisha.getByLabel("Feedback for the learner").fill("A clear, practice-rooted question; the rationale could say more about families.");
  await aisha.getByRole("button", { name: "Save mark" }).click();
  await expect(aisha.getByRole("link", { name: "Enter a whole mark from 0 to 100, without a decimal point" })).toBeVisible();
  await expect(aisha.getByText(/Choose a band for/).first()).toBeVisible();
  await expect(aisha.getByLabel("Feedback for the learner")).toHaveValue(/A clear, practice-rooted question/);
  await expectAccessible(aisha);
  for (const group of await aisha.locator("form fieldset").all()) await group.getByRole("radio", { name: "60–69 (merit)" }).check();
  await aisha.getByLabel("Mark out of 100").fill("64");
  await aisha.getByRole("button", { name: "Save mark" }).click();
  await expect(aisha.getByText("Saved. Provisional until the exam board confirms it.")).toBeVisible();
  await expect(aisha.getByRole("heading", { name: "First marker: mark 64 (Merit)" })).toBeVisible();
  await aisha.context().close();

  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.goto("/organisation/assignments");
  await simon.getByRole("link", { name: "Critical practice and research-mindedness" }).click();
  await expect(simon.getByRole("heading", { name: "Marking", exact: true })).toBeVisible();
  await simon.getByRole("button", { name: "Draw the second-marking sample" }).click();
  await expect(simon.getByRole("table", { name: "The second-marking sample" }).getByRole("row").filter({ hasText: candidate })).toContainText("Waiting for the second marker");
  await expectAccessible(simon);

  const tom = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(tom, DEMO.secondMarker);
  await tom.getByRole("link", { name: candidate }).click();
  await expect(tom.getByRole("heading", { name: "First marker: mark 64 (Merit)" })).toBeVisible();
  await expect(tom.locator("main")).not.toContainText("Hannah");
  await tom.getByRole("radio", { name: "I agree with the first mark" }).check();
  await tom.getByRole("button", { name: "Save second marking" }).click();
  await expect(tom.getByText("The mark for the exam board is 64: the first mark, confirmed by the second marker.")).toBeVisible();
  await expectAccessible(tom);
  await tom.context().close();

  await simon.reload();
  await expect(simon.getByRole("table", { name: "The second-marking sample" }).getByRole("row").filter({ hasText: candidate })).toContainText("Ready for the board: 64");
  await simon.context().close();
});

test("the board confirms Hannah's second-marked work, and she sees it on her transcript, whose code verifies", async ({ browser }) => {
  const module = "Critical practice and research-mindedness";
  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Assignments" }).click();
  await simon.getByRole("link", { name: module }).click();
  await simon.getByRole("link", { name: /Exam board/ }).click();
  await expect(simon.getByRole("heading", { level: 1, name: `Exam board: ${module}` })).toBeVisible();
  await expect(simon.getByRole("row").filter({ hasText: "Hannah Clarke" })).toContainText("64");
  await simon.getByLabel(/The board has considered every mark/).check();
  await simon.getByLabel("Sign with your full name").fill("Simon Fairweather");
  await simon.getByRole("button", { name: "Confirm and release the marks" }).click();
  await expect(simon.getByText(/marks are confirmed and released/)).toBeVisible();
  await simon.context().close();

  const hannah = await (await browser.newContext()).newPage();
  await signIn(hannah, DEMO.masters);
  await hannah.goto("/programmes/masters/critical-practice-and-research-mindedness");
  await expect(hannah.getByText("64 out of 100")).toBeVisible();
  await expect(hannah.getByText("A clear, practice-rooted question").first()).toBeVisible();
  await hannah.getByRole("link", { name: "Your transcript" }).first().click();
  const row = hannah.getByRole("row").filter({ hasText: module });
  await expect(row).toContainText("64");
  await expect(row).toContainText("Merit");
  await expect(row).toContainText("30 of 30");
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
  await visitor.context().close();
});
