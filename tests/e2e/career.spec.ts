import { chooseRole, expect, expectAccessible, signIn, test } from "./fixtures";

/** Bethan Morris: first year certified at Riverside (which she has left), the refresher, the MA at Eastbridge, now CP lead at Northmoor. */
const BETHAN = "bethan.morris@northmoor.example";
const SIMON = "simon.fairweather@eastbridge.example";
const PRIYA = "priya.shah@northmoor.example";
const MARCUS = "marcus.reid@riverside.example";

test.describe.configure({ mode: "serial" });

/**
 * Bethan opens her career record (every programme, wherever she was, and the path), shares it with
 * Eastbridge, whose programme lead then reads it from her page; Northmoor's lead reads it too (she
 * shared it there before); her former employer's lead cannot. The PDF downloads and its code verifies,
 * listing her first-year certificate.
 */
test("a social worker shares her career record, her employer's lead reads it, and the PDF's code verifies", async ({ browser }) => {
  const bethan = await (await browser.newContext()).newPage();
  await signIn(bethan, BETHAN);
  // She belongs to Northmoor and Eastbridge: she chooses where to work first.
  await chooseRole(bethan, "Learner, Northmoor City Council");
  await bethan.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your career record" }).click();
  await expect(bethan.getByRole("heading", { level: 1, name: "Your career record" })).toBeVisible();
  const path = bethan.getByRole("list").filter({ hasText: "Newly qualified" });
  await expect(path.getByRole("listitem")).toHaveText([/Newly qualified\s*Reached/, /Experienced\s*Reached.*Riverside Borough Council/, /Advanced\s*Not reached/, /Lead\s*Working towards.*Child Protection Lead Practitioner/]);
  await expect(bethan.getByText("Reached newly qualified, experienced (2 of 4 stages); working towards lead.")).toBeVisible();
  await expect(bethan.getByRole("heading", { name: /NQSW support programme \(ASYE\)\s*Completed/ })).toBeVisible();
  await expect(bethan.getByRole("heading", { name: /Return to social work refresher\s*Completed/ })).toBeVisible();
  await expect(bethan.getByRole("heading", { name: /MA Advanced Social Work Practice\s*In progress/ })).toBeVisible();
  await expect(bethan.getByRole("heading", { name: /Child Protection Lead Practitioner\s*In progress/ })).toBeVisible();
  await expect(bethan.getByRole("cell", { name: "Return to social work refresher: law and policy since 2019" })).toBeVisible();
  const certificateCode = await bethan.getByRole("link", { name: /^PP-/ }).first().textContent();
  await expectAccessible(bethan);

  const eastbridge = bethan.getByRole("group", { name: "Share your career record with University of Eastbridge?" });
  await expect(bethan.getByRole("group", { name: "Share your career record with Northmoor City Council?" }).getByLabel("Yes, share it")).toBeChecked();
  await eastbridge.getByLabel("Yes, share it").check();
  await bethan.getByRole("button", { name: "Save your choice for University of Eastbridge" }).click();
  await expect(bethan.getByText("University of Eastbridge can now read your career record")).toBeVisible();
  await expect(eastbridge.getByLabel("Yes, share it")).toBeChecked();

  const [download] = await Promise.all([
    bethan.waitForEvent("download"),
    bethan.getByRole("link", { name: "Download your career record (PDF)" }).click(),
  ]);
  const code = /career-record-(PP-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4})\.pdf/.exec(download.suggestedFilename())?.[1];
  expect(code).toBeTruthy();
  await bethan.context().close();

  // Eastbridge's programme lead finds her among the People and opens the record she has just shared.
  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, SIMON);
  await simon.goto("/organisation");
  await simon.getByRole("link", { name: "Bethan Morris" }).first().click();
  await simon.getByRole("link", { name: "Bethan Morris's career record" }).click();
  await expect(simon.getByRole("heading", { level: 1, name: "Bethan Morris’s career record" })).toBeVisible();
  await expect(simon.getByText(certificateCode!).first()).toBeVisible();
  await expectAccessible(simon);
  const shared = simon.url();
  await simon.context().close();

  // Northmoor's lead reads it too; Riverside's, her former employer, cannot (nor with Northmoor's address).
  const priya = await (await browser.newContext()).newPage();
  await signIn(priya, PRIYA);
  await priya.goto("/organisation");
  await priya.getByRole("link", { name: "Bethan Morris" }).first().click();
  await priya.getByRole("link", { name: "Bethan Morris's career record" }).click();
  await expect(priya.getByRole("heading", { level: 2, name: "Where Bethan Morris stands on the path" })).toBeVisible();
  await expectAccessible(priya);
  const northmoorRecord = priya.url();
  await priya.context().close();
  const marcus = await (await browser.newContext()).newPage();
  await signIn(marcus, MARCUS);
  for (const url of [northmoorRecord, shared]) expect((await marcus.goto(url))!.status()).toBe(404);
  await marcus.context().close();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  await visitor.getByLabel("Verification code").fill(code!);
  await visitor.getByRole("button", { name: "Check" }).click();
  await expect(visitor.getByText("This career record is genuine")).toBeVisible();
  await expect(visitor.getByText("Bethan Morris")).toBeVisible();
  await expect(visitor.getByText(new RegExp(`Certificate: NQSW support programme \\(ASYE\\), Riverside Borough Council, 17 September 2015 \\(its own code ${certificateCode}\\)`))).toBeVisible();
  await expectAccessible(visitor);
  await visitor.context().close();
});
