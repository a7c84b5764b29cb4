/** Steps of the public route back in, shared by the specs that start there. */
import type { Page } from "@playwright/test";
import { expect, expectAccessible, uniqueEmail } from "./fixtures";

/** The self-check, with its errors first: lapsed on 1 January 7 years ago, so 60 updating days. */
export async function selfCheck(page: Page) {
  await page.goto("/return-to-social-work");
  await expect(page.getByRole("heading", { level: 1, name: "Return to social work" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check what I need" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Select where you are with the register");
  await expect(summary).toContainText("Enter when you last practised");
  await expectAccessible(page);
  const year = String(new Date().getFullYear() - 7);
  await page.getByRole("group", { name: "Did you qualify as a social worker in the UK?" }).getByLabel("Yes").check();
  await page.getByLabel("My registration has lapsed").check();
  await page.locator("#lapsed").fill("1");
  await page.locator("#lapsed-month").selectOption("1");
  await page.locator("#lapsed-year").fill(year);
  await page.locator("#lastPractised").selectOption("1");
  await page.locator("#lastPractised-year").fill(year);
  await page
    .getByRole("group", { name: "Which social work do you want to return to?" })
    .getByLabel("Adults' social work")
    .check();
  await page.getByRole("button", { name: "Check what I need" }).click();
  await expect(page.getByRole("heading", { name: "You need 60 updating days" })).toBeVisible();
  await expect(
    page.getByText(/You have been off the register for 7 years( and \d+ days?)?, counted from the day it lapsed/),
  ).toBeVisible();
  // The answers stay in the form, so they can be changed and checked again.
  await expect(page.locator("#lastPractised-year")).toHaveValue(year);
  await expectAccessible(page);
}

export async function askForCallBack(page: Page, name = "Rosa Delgado") {
  const email = uniqueEmail("returner");
  await page.goto("/return-to-social-work");
  await page.getByRole("link", { name: "Ask us to call you back" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Ask us to call you back" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill("rosa.delgado@");
  await page.getByLabel("Phone number").fill("07700 900 123");
  await page.getByLabel("Best times to call (optional)").fill("Weekday mornings");
  await page.getByLabel("Where would you like to work?").selectOption("North West");
  await page.getByLabel("Children and families").check();
  await page.locator("#lastPractised").selectOption("3");
  await page.locator("#lastPractised-year").fill("2019");
  await page.getByLabel("My registration has lapsed").check();
  await page.locator("#lapsed").fill("1");
  await page.locator("#lapsed-month").selectOption("6");
  await page.locator("#lapsed-year").fill("2020");
  await page.getByRole("button", { name: "Ask for a call back" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("Enter an email address in the correct format");
  await expect(summary).toContainText("we cannot introduce you without it");
  await expect(page.getByLabel("Full name")).toHaveValue(name);
  await expect(page.getByLabel("Email address")).toHaveValue("rosa.delgado@");
  await expect(page.getByLabel("Best times to call (optional)")).toHaveValue("Weekday mornings");
  await expect(page.getByLabel("Where would you like to work?")).toHaveValue("North West");
  await expect(page.getByLabel("Children and families")).toBeChecked();
  await expect(page.locator("#lapsed-year")).toHaveValue("2020");
  await expectAccessible(page);

  await page.getByLabel("Email address").fill(email);
  await page.getByLabel(/I agree that the helpline may share my details/).check();
  await page.getByRole("button", { name: "Ask for a call back" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "We will call you back" })).toBeVisible();
  const reference = (await page.locator(".reference").textContent())?.trim() ?? "";
  expect(reference).toMatch(/^RTS-[A-Z0-9]{6}$/);
  await expect(page.getByText(name)).toHaveCount(0);
  await expectAccessible(page);
  return { email, reference };
}
