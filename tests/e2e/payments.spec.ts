/**
 * Payments (ADR 027) through the keyless test checkout, which signs its events and sends them to the
 * same webhook handler as Stripe's: a self-funder buys the advanced practitioner programme and lands
 * enrolled (and a test refund ends it); a lead buys three Masters places, gives two and takes one back.
 */
import { DEMO, DEMO_PASSWORD, expect, expectAccessible, signIn, test, uniqueEmail, visit } from "./fixtures";

test("a self-funder buys the advanced practitioner programme through the test checkout and lands enrolled", async ({ page, browser }) => {
  const name = `Priti Selfridge ${Date.now().toString(36)}`;
  await page.goto("/sign-up");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(uniqueEmail("selffunder"));
  await page.getByLabel("Create a password").fill("lantern quarry bramble 42");
  await page.getByLabel("I am paying for my own learning, such as a Masters module").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/learning/);
  // Not a dead end: the start page says how to buy a place.
  await expect(page.getByText("You are paying for your own learning.")).toBeVisible();
  await expectAccessible(page);

  await visit(page, "/programmes/advanced-practitioner");
  await expect(page.getByText("A place costs £1,200.")).toBeVisible();
  await expect(page.getByText("Online payment here is a test checkout")).toBeVisible();
  await page.getByRole("button", { name: "Pay £1,200 and enrol" }).click();

  await expect(page).toHaveURL(/\/payments\/test-checkout\?session=/);
  await expect(page.getByRole("heading", { name: "Test checkout: no money is taken" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Pay for a place" })).toBeVisible();
  await expect(page.getByText("£1,200 (including £200 VAT)")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Pay £1,200 (test card)" }).click();

  await expect(page).toHaveURL(/\/payments\/success\?session=/);
  await expect(page.getByRole("heading", { level: 1, name: "You are enrolled" })).toBeVisible();
  await expect(page.getByText("We received your payment of £1,200")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Start Advanced practitioner" }).click();
  await expect(page.getByRole("heading", { name: "Your progress" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Pay £1,200/ })).toHaveCount(0);

  await visit(page, "/payments");
  const purchase = page.getByRole("region", { name: "Advanced practitioner" });
  await expect(purchase).toContainText(/Paid on \d+ \w+ \d{4}/);
  await expect(purchase).toContainText("None: this was a test checkout");

  // The platform admin sees the payment, and (keyless only) refunds it as Stripe's dashboard would.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expectAccessible(admin);
  const row = admin.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("£1,200");
  await row.getByRole("button", { name: /Refund \(test\)/ }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Test payment refunded" })).toBeVisible();
  await admin.getByLabel("Kind").selectOption({ label: "Refunds" });
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/kind=refunded/);
  await expect(admin.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  await expect(admin.getByRole("row").filter({ hasText: name })).toContainText("Refund");
  const csv = await admin.request.get(await admin.getByRole("link", { name: /spreadsheet/ }).getAttribute("href") ?? "");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(name);
  await admin.context().close();

  // The refund ended the place: the programme is open to buy again, and the payment says so.
  await page.goto("/programmes/advanced-practitioner");
  await expect(page.getByRole("heading", { name: "Your progress" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pay £1,200 and enrol" })).toBeVisible();
  await page.goto("/payments");
  await expect(page.getByRole("region", { name: "Advanced practitioner" })).toContainText("Refunded in full (£1,200)");
});

test("a lead buys three Masters places, gives two and takes one back", async ({ page }) => {
  await signIn(page, DEMO.otherCouncilLead, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Places" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Places" })).toBeVisible();
  await expectAccessible(page);

  // A wrong number is refused beside its field, and what was chosen is kept.
  await page.getByLabel("Programme").selectOption({ label: "MA Advanced Social Work Practice: £8,700 a place" });
  await page.getByLabel("How many places").fill("three");
  await page.getByRole("button", { name: "Go to checkout" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter how many places");
  await expect(page.getByLabel("Programme")).toHaveValue("masters");
  await page.getByLabel("How many places").fill("3");
  await page.getByRole("button", { name: "Go to checkout" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Pay for 3 places" })).toBeVisible();
  await expect(page.getByText("£26,100 (no VAT)")).toBeVisible();
  await page.getByRole("button", { name: "Pay £26,100 (test card)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your places are ready" })).toBeVisible();
  await expect(page.getByText("3 places are ready to give to your learners")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Give places to learners" }).click();

  const order = page.getByRole("region", { name: /MA Advanced Social Work Practice: 3 places/ });
  const places = order.getByRole("table");
  await expect(places.getByRole("row").filter({ hasText: "Free" })).toHaveCount(3);
  await order.getByLabel("Give place 1 to").selectOption({ label: "Aisha Rahman" });
  await order.getByRole("button", { name: "Give place 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Place given" })).toContainText("Aisha Rahman is enrolled");
  await order.getByLabel("Give place 2 to").selectOption({ label: "Jamal Campbell" });
  await order.getByRole("button", { name: "Give place 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Place given" })).toContainText("Jamal Campbell is enrolled");
  await expect(places.getByRole("row").filter({ hasText: "Aisha Rahman (not started)" })).toBeVisible();

  await order.getByRole("button", { name: "Take back place 2 from Jamal Campbell" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Place taken back" })).toContainText("Jamal Campbell is no longer enrolled");
  const second = places.getByRole("row").nth(2);
  await expect(second).toContainText("Free");
  await expect(second).toContainText("given to Jamal Campbell by Marcus Reid");
  await expect(second).toContainText("taken back from Jamal Campbell by Marcus Reid");
  await expect(places.getByRole("row").filter({ hasText: "Free" })).toHaveCount(2);
  await expectAccessible(page);
});
