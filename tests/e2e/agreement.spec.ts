import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

test("the NQSW, their supervisor and the programme lead each sign the learning agreement", async ({ browser }) => {
  const nqswContext = await browser.newContext();
  const nqsw = await nqswContext.newPage();
  await signIn(nqsw, DEMO.nqsw);
  await nqsw.getByRole("link", { name: "Learning agreement" }).click();
  await expect(nqsw.getByRole("heading", { name: "Learning agreement" })).toBeVisible();
  await expect(nqsw.getByText("Waiting for signatures")).toBeVisible();
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

  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signIn(lead, DEMO.lead);
  await lead.getByRole("link", { name: "Amara Nwosu" }).click();
  await lead.getByRole("link", { name: "learning agreement" }).click();
  await lead.getByRole("button", { name: "Sign the agreement" }).click();
  await expect(lead.getByText("Signed by all three")).toBeVisible();

  // Another council's programme lead cannot open it.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, DEMO.otherCouncilLead);
  const refused = await other.goto(agreementPath);
  expect(refused?.status()).toBe(404);

  // An edit after signing asks everyone to sign the new version.
  await supervisor.reload();
  await supervisor.getByLabel("Caseload agreed").fill("Twelve families, rising to fourteen by month six");
  await supervisor.getByRole("button", { name: "Save the agreement" }).click();
  await expect(supervisor.getByText("Everyone signs again")).toBeVisible();
  await expect(supervisor.getByRole("row", { name: /Programme lead/ })).toContainText("Signed an earlier version");

  for (const c of [nqswContext, supervisorContext, leadContext, otherContext]) await c.close();
});
