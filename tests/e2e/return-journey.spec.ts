/**
 * The route back in, end to end, as the three people on it live it: a member of the public checks
 * what they need and asks for a call back; the helpline advisor finds the request, logs the call,
 * makes their account and introduces them to a council's vacancy; the council's programme lead
 * records an offer; the returner sets a password, sees the offer, logs updating days and watches
 * the count move. Every page on the way is checked with axe.
 */
import type { Page } from "@playwright/test";
import { format, subDays } from "date-fns";
import { DEMO, expect, expectAccessible, linkFromLatestEmail, signIn, test } from "./fixtures";
import { askForCallBack, selfCheck } from "./returners";

const NAME = "Grace Adebayo";
const PASSWORD = "harbour lantern meadow 48";

/** "1 of 60 days counted" → 1 */
async function counted(page: Page) {
  const text = await page
    .getByText(/of 60 days counted/)
    .first()
    .textContent();
  const match = /([\d.]+) of 60 days counted/.exec(text ?? "");
  expect(match, `the count on ${page.url()}`).toBeTruthy();
  return Number(match![1]);
}

test("a returner's way back: self-check, call back, introduction, offer, and the first updating day", async ({
  browser,
}) => {
  test.setTimeout(300_000);

  // A member of the public.
  const visitor = await (await browser.newContext()).newPage();
  await selfCheck(visitor);
  const { email, reference } = await askForCallBack(visitor, NAME);

  // The helpline advisor finds the request in the queue, logs the call and makes the account.
  const advisor = await (await browser.newContext()).newPage();
  await signIn(advisor, DEMO.helpline);
  await expect(advisor.getByRole("heading", { level: 1, name: "Callback requests" })).toBeVisible();
  await advisor.getByLabel("Region", { exact: true }).selectOption("North West");
  await advisor.getByRole("button", { name: "Filter" }).click();
  await advisor.getByRole("link", { name: reference }).click();
  await expect(advisor.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await advisor.getByLabel("Spoke to them").check();
  await advisor
    .getByLabel("Note", { exact: true })
    .fill("Lapsed in 2020; keen on a children's team with a supervised start.");
  await advisor.getByRole("button", { name: "Log the call" }).click();
  await expect(advisor.getByText("Call logged")).toBeVisible();
  await advisor.getByRole("button", { name: "Create their account and enrol them on the refresher programme" }).click();
  await expect(advisor.getByText(`Linked to the account of ${NAME}`)).toBeVisible();
  await expectAccessible(advisor);

  // Suitable vacancies, ranked; the introduction needs the consent the form recorded.
  await advisor.getByRole("link", { name: "Find vacancies and introduce" }).click();
  await expect(advisor.getByRole("heading", { name: `Vacancies for ${NAME}` })).toBeVisible();
  await expectAccessible(advisor);
  await advisor
    .getByRole("button", { name: new RegExp(`^Introduce ${NAME} to Northmoor City Council`) })
    .first()
    .click();
  await expect(advisor.getByRole("row", { name: /Northmoor City Council/ }).first()).toContainText("Introduced");
  await expectAccessible(advisor);

  // Northmoor's programme lead sees the introduction and records an offer.
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, DEMO.lead);
  await lead.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Introductions" }).click();
  await lead.getByRole("link", { name: NAME }).first().click();
  await expect(lead.getByRole("heading", { name: NAME })).toBeVisible();
  await expectAccessible(lead);
  await lead
    .getByLabel("Note for the helpline and the returner (optional)")
    .fill("Offered a post in the Children in Need team.");
  await lead.getByRole("button", { name: "Record the offer" }).click();
  await expect(lead.getByText("Recorded")).toBeVisible();
  await expectAccessible(lead);

  // The returner sets a password from the helpline's email and signs in.
  const returner = await (await browser.newContext()).newPage();
  const link = await linkFromLatestEmail(returner, email, /Set your password/);
  await returner.goto(link);
  await returner.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await returner.getByLabel("Confirm new password").fill(PASSWORD);
  await returner.getByRole("button", { name: "Save new password" }).click();
  await expect(returner).toHaveURL(/\/sign-in/);
  await signIn(returner, email, PASSWORD);
  await returner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your return" }).click();
  await expect(returner.getByRole("heading", { level: 1, name: "Your return to social work" })).toBeVisible();
  await expect(returner.getByRole("heading", { name: "Offer made: Northmoor City Council" })).toBeVisible();
  expect(await counted(returner)).toBe(0);
  await expectAccessible(returner);

  // A day of formal study, then half a day of private study: the count moves.
  await returner.getByRole("link", { name: /your updating log/i }).click();
  await expect(returner.getByRole("heading", { level: 1 })).toHaveText("Updating days");
  await returner.getByLabel("Hours").fill("6");
  await returner.getByLabel("Formal study").check();
  await returner.getByLabel("What you did").fill("The refresher's day on the Care Act and safeguarding adults.");
  await returner.getByRole("button", { name: "Add to the log" }).click();
  await expect(returner.getByText("Added to your log")).toBeVisible();
  expect(await counted(returner)).toBe(1);
  // On another date: one date counts for one day at most.
  await returner.getByLabel("Date", { exact: true }).fill(format(subDays(new Date(), 1), "yyyy-MM-dd"));
  await returner.getByLabel("Hours").fill("3");
  await returner.getByLabel("Private study").check();
  await returner.getByLabel("What you did").fill("Read the Children Act 1989 guidance on assessment.");
  await returner.getByRole("button", { name: "Add to the log" }).click();
  // The notice from the first entry is still up: wait for the count itself to move.
  await expect.poll(() => counted(returner)).toBe(1.5);
  await expectAccessible(returner);

  for (const p of [visitor, advisor, lead, returner]) await p.context().close();
});
