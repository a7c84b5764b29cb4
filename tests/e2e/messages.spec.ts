/**
 * Pages say what the records say (issue 19 items 1 and 8): a returner at interview is told about
 * her interview and the helpline does not list her as waiting; a refused form shows no success
 * banner from an earlier save, and its summary reads down the form; someone with two roles in one
 * organisation is offered "Switch role". With and without JavaScript where it is a form.
 */
import { DEMO, expect, expectAccessible, signIn, signUp, test, uniqueEmail } from "./fixtures";

test("Janet, at interview, is told about her interview, and the helpline does not list her as waiting", async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO.returner);
  await page.goto("/learning");
  await expect(page.locator(".inset")).toContainText("Northmoor City Council has arranged an interview with you");
  await expect(page.getByText(/An advisor will be in touch/)).toHaveCount(0);
  await page.goto("/return");
  await expect(page.locator(".lead").first()).toContainText("has arranged an interview with you");
  const next = page.getByRole("region", { name: "What to do next" });
  await expect(next.getByRole("link").first()).toHaveText(/^Interview with Northmoor City Council on /);
  await next.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/return#introductions$/);
  await expectAccessible(page);
  await page.context().close();

  const advisor = await (await browser.newContext()).newPage();
  await signIn(advisor, DEMO.helpline);
  await advisor.goto("/helpline");
  await expect(advisor.getByRole("heading", { name: "Returners who signed up and asked to be contacted" })).toBeVisible();
  await expect(advisor.getByRole("table", { name: "Returners who asked to be contacted" }).getByText("Janet Okoye")).toHaveCount(0);
  await advisor.context().close();
});

for (const javaScriptEnabled of [true, false])
  test(`a refused form shows no earlier success banner, and its problems in the form's order (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
    browser,
  }) => {
    const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signUp(page, "Nadia Brook", uniqueEmail("banner"), "copper lantern meadow 42");
    await page.goto("/return");
    await page.getByLabel("My registration has lapsed").check();
    await page.getByLabel("On what date did your registration lapse?").fill("2019-03-01");
    await page.getByLabel("When did you last practise as a social worker?").fill("2019-01");
    await page.getByLabel("Which region do you want to work in?").selectOption("North West");
    await page.getByLabel("Children and families").check();
    await page.getByRole("button", { name: "Work out what I need" }).click();
    await expect(page).toHaveURL(/\/return\?saved=answers$/);
    const banner = page.getByRole("status").filter({ hasText: "Your answers are saved" });
    await expect(banner).toBeVisible();

    // Now the same page (still ?saved=answers) with the lapsed date and the region taken away.
    const answers = page.locator("details#answers");
    if (!(await answers.getAttribute("open"))) await answers.locator("summary").click();
    await answers.getByLabel("On what date did your registration lapse?").fill("");
    await answers.getByLabel("Which region do you want to work in?").selectOption("");
    await answers.getByRole("button", { name: "Save your answers" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    // The refused answer comes back to the address that still says the answers were saved...
    await expect(page).toHaveURL(/\/return\?(index&)?saved=answers$/);
    // ...but what it says is no longer true of the page, so it is not shown beside the errors.
    await expect(banner).toHaveCount(0);
    // The lapsed date (checked by a rule across answers, so found last) is listed before the region, as on the form.
    await expect(summary.getByRole("listitem")).toHaveText([
      /date your registration lapsed/,
      /Choose the region you want to work in/,
    ]);
    await expectAccessible(page);
    await page.context().close();
  });

test("someone with two roles in one organisation is offered Switch role", async ({ page }) => {
  await signIn(page, DEMO.supervisorAndAssessor);
  await expect(page.getByRole("banner").getByRole("link", { name: "Switch role" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Switch organisation" })).toHaveCount(0);
});
