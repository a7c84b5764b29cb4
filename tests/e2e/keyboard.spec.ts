import type { Locator, Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures";

/**
 * The NQSW's and the supervisor's core journeys with the keyboard alone: Tab, Shift+Tab, Enter,
 * Space, arrow keys and typing; never a click or a fill. Every element that Tab stops on must show
 * where the focus is. Harbour Family Trust's people are used: no other spec writes to their records.
 */

/** What has the focus, and whether it shows: a visible outline or a box shadow (the focus style). */
async function focusState(page: Page, target?: Locator) {
  const handle = target ? await target.elementHandle() : null;
  return page.evaluate((t) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement)
      return { onPage: false, isTarget: false, visible: false, what: "nothing" };
    const style = getComputedStyle(el);
    const outline =
      style.outlineStyle !== "none" &&
      parseFloat(style.outlineWidth) > 0 &&
      !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(style.outlineColor);
    const shadow = style.boxShadow !== "none";
    // A date field's calendar button is inside the browser's own control: the host input has the
    // focus without matching :focus, and the browser draws its own ring, which no page can style.
    const ownPart =
      el instanceof HTMLInputElement &&
      /^(date|time|datetime-local|month|week)$/.test(el.type) &&
      !el.matches(":focus");
    const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
    return {
      onPage: true,
      isTarget: el === t,
      visible: outline || shadow || ownPart,
      what: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> ${name}`,
    };
  }, handle);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus, checking the focus is visible at every stop. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 250 } = {}) {
  await expect(target).toBeAttached();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    const state = await focusState(page, target);
    // Past the last element the focus leaves the page for the browser's own controls; the next Tab returns.
    if (!state.onPage) continue;
    expect(state.visible, `the focus is visible on ${state.what}`).toBe(true);
    if (state.isTarget) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

/** After a page loads, the skip link is the first stop, shows when focused, and moves the focus to the main content. */
async function followSkipLink(page: Page) {
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect((await focusState(page)).visible).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // The next Tab goes to the first thing inside the main content, not back to the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
}

/** A form sent puts the focus at the start of the new page's main content. */
async function expectFocusOnNewPage(page: Page) {
  await expect(page.locator("main")).toBeFocused();
}

async function signInByKeyboard(page: Page, email: string) {
  await page.goto("/sign-in");
  // The journey is the scripted one (the focus moves to each new page's main content): its keys wait for
  // the page's scripts, or on a busy machine Enter can send the form before them, as a plain post.
  await page.waitForFunction(() => "__remixRouter" in window);
  await followSkipLink(page);
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/sign-in/);
}

test("an NQSW opens a lesson, reflects, marks it done and adds evidence, by keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, DEMO.voluntaryNqsw);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Megan");

  // Open a lesson.
  const resume = page.getByRole("link", { name: /Continue where you left off/ }).first();
  await tabTo(page, resume);
  await page.keyboard.press("Enter");
  await expect(page.locator(".lesson")).toBeVisible();
  // A link loads the next page as a new document (ADR 019): the skip link is the first stop.
  await followSkipLink(page);
  const lesson = new URL(page.url()).pathname;

  // Write a reflection and save it.
  const reflection = page.locator(".reflection").first();
  await tabTo(page, reflection.locator("textarea"));
  const text = "Working only by keyboard, I noticed how much I rely on the mouse to skim a long page.";
  await page.keyboard.type(text);
  await tabTo(page, reflection.getByRole("button", { name: "Save reflection" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your reflection is saved.")).toBeVisible();
  await expect(page.locator(".reflection textarea").first()).toHaveValue(text);

  // Mark the lesson as done.
  await tabTo(page, page.getByRole("button", { name: "Mark as complete" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("heading", { name: "You have completed this lesson" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${lesson}\\?completed=1`));

  // Add a piece of evidence to the portfolio, from the start page.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your learning" }), {
    backwards: true,
  });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello, Megan");
  await tabTo(page, page.getByRole("link", { name: "Portfolio of evidence" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your portfolio of evidence" })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Add evidence" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Add evidence" })).toBeVisible();
  const kind = page.getByLabel("Critical reflective log");
  await tabTo(page, page.getByRole("radio").first());
  // Arrow keys move through a radio group; find the reflective log among the kinds.
  for (let i = 0; i < 10 && !(await kind.isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(kind).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Critical reflective log" })).toBeVisible();

  await tabTo(page, page.getByLabel("Title"));
  await page.keyboard.type("Learning to work without a mouse");
  await tabTo(page, page.getByLabel("Your reflection"));
  await page.keyboard.type("I planned each visit note as a sequence of steps, and it made my recording clearer.");
  const capability = page.getByLabel("PCF-6 Critical reflection and analysis");
  await tabTo(page, capability);
  await page.keyboard.press("Space");
  await expect(capability).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Add to the portfolio" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Evidence added")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Learning to work without a mouse" })).toBeVisible();
});

test("a supervisor opens the desk and a supervisee's year, and records supervision, by keyboard alone", async ({
  page,
}) => {
  await signInByKeyboard(page, DEMO.voluntarySupervisor);
  // Ben is also the trust's ASYE assessor: he chooses the role he works in, the supervisor's already chosen.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose where you are working");
  await expect(page.getByLabel("Practice supervisor, Harbour Family Trust")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  // The supervisor's desk is their start page.
  await expect(page).toHaveURL(/\/supervision$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your supervisees");
  await expectFocusOnNewPage(page);
  await tabTo(page, page.getByRole("link", { name: "The year of Megan Lloyd" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Megan Lloyd's assessed year");
  // Links load the next page as a new document (ADR 019): the skip link is the first stop.
  await followSkipLink(page);

  await tabTo(
    page,
    page.getByRole("navigation", { name: "Megan Lloyd's year" }).getByRole("link", { name: "Supervision" }),
  );
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Supervision" })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Record a session" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Record a supervision session" })).toBeVisible();

  // A bad length is refused and the message is reached from the error summary.
  await tabTo(page, page.getByLabel("Length in minutes"));
  await page.keyboard.press("Control+A");
  await page.keyboard.type("5");
  await tabTo(page, page.getByLabel("Agenda"));
  await page.keyboard.type("Caseload, a first child protection visit, and how Megan is sleeping");
  await tabTo(page, page.getByRole("button", { name: "Save the record" }));
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("A session lasts at least 10 minutes");
  await expect(summary).toBeFocused();
  await tabTo(page, summary.getByRole("link", { name: "A session lasts at least 10 minutes" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Length in minutes")).toBeFocused();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("60");

  await tabTo(page, page.getByLabel("Discussion"));
  await page.keyboard.type("Megan talked through the visit and what she would do differently. We agreed a plan.");
  await tabTo(page, page.getByLabel("Action 1 (optional)"));
  await page.keyboard.type("Write up the visit within two working days");
  await tabTo(page, page.getByRole("button", { name: "Save the record" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Session recorded")).toBeVisible();
  await expect(page.getByRole("row", { name: /Write up the visit within two working days/ })).toBeVisible();
});
