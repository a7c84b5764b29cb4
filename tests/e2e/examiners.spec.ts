import { addDays, addYears, format } from "date-fns";
import { DEMO, expect, expectAccessible, linkFromLatestEmail, signIn, test, uniqueEmail, visit } from "./fixtures";

const day = (d: Date) => format(d, "yyyy-MM-dd");

/**
 * Eastbridge's external examiner from invitation to the sample: Simon, the programme lead, invites
 * someone as an external examiner; they accept and sign in, and are told they are not yet appointed
 * and whom to ask; Simon appoints them to the MA for a term; they then read the programme's
 * second-marking sample at Examining.
 */
test("Simon invites and appoints an external examiner, who then reads the MA's sample", async ({ browser }) => {
  const simon = await (await browser.newContext()).newPage();
  await signIn(simon, DEMO.universityLead);
  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invite someone" }).click();
  const email = uniqueEmail("examiner");
  await simon.getByLabel("Full name").fill("Dr Yusuf Hale");
  await simon.getByLabel("Work email address").fill(email);
  await simon.getByLabel("External examiner").check();
  await simon.getByLabel("Job title (optional)").fill("External examiner, MA Advanced Social Work Practice");
  await simon.getByRole("button", { name: "Send invitation" }).click();
  await expect(simon.getByText(`We have emailed ${email}`)).toBeVisible();

  const invitation = await linkFromLatestEmail(simon, email, /invited you/);
  const yusuf = await (await browser.newContext()).newPage();
  await visit(yusuf, invitation);
  await expect(yusuf.getByRole("heading", { name: "Join University of Eastbridge on Practice Pathways" })).toBeVisible();
  await yusuf.getByLabel("New password", { exact: true }).fill("harbour quill meridian 84");
  await yusuf.getByLabel("Confirm new password").fill("harbour quill meridian 84");
  await yusuf.getByRole("button", { name: "Set password and continue" }).click();
  await expect(yusuf).toHaveURL(/\/examining(\?welcome=1)?$/);
  await expect(yusuf.getByText("Welcome to Practice Pathways")).toBeVisible();
  await expect(yusuf.getByRole("heading", { level: 1 })).toHaveText("You are not appointed to examine a programme at present");
  await expect(yusuf.getByText("Simon Fairweather (simon.fairweather@eastbridge.example)")).toBeVisible();
  await expectAccessible(yusuf);

  await simon.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "External examiners" }).click();
  await expect(simon.getByRole("heading", { level: 1, name: "External examiners" })).toBeVisible();
  await expect(simon.getByRole("region", { name: "Professor Grace Adebayo" })).toContainText("Simon Fairweather, programme lead");
  // Sent with no term: each missing date is asked for, and the page still passes axe.
  await simon.getByLabel("External examiner", { exact: true }).selectOption({ label: "Dr Yusuf Hale" });
  await simon.getByRole("button", { name: "Appoint" }).click();
  await expect(simon.getByRole("alert")).toContainText("Enter the first day of the term");
  await expectAccessible(simon);
  const starts = addDays(new Date(), -1);
  await simon.getByLabel("First day of the term").fill(day(starts));
  await simon.getByLabel("Last day of the term").fill(day(addDays(addYears(starts, 4), -1)));
  await simon.getByRole("button", { name: "Appoint" }).click();
  await expect(simon.getByText(/Dr Yusuf Hale is appointed external examiner of MA Advanced Social Work Practice/)).toBeVisible();
  await expect(simon.getByRole("region", { name: "Dr Yusuf Hale" })).toContainText("Current");
  await expectAccessible(simon);

  await yusuf.goto("/examining");
  await expect(yusuf.getByRole("heading", { level: 1 })).toHaveText("Examining: MA Advanced Social Work Practice");
  const sampled = yusuf.getByRole("region", { name: /Leading practice and change/ });
  await expect(sampled).toContainText("The second-marking sample is drawn.");
  await expect(sampled.getByText(/in the sample/).first()).toBeVisible();
  await expectAccessible(yusuf);
  for (const p of [simon, yusuf]) await p.context().close();
});
