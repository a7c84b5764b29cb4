import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const MODULE = "/programmes/masters/critical-practice-and-research-mindedness";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

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
