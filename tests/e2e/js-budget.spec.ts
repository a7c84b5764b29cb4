import { gzipSync } from "node:zlib";
import type { BrowserContext } from "@playwright/test";
import { budgetOf, jsSizes, LESSON_BUDGET, LESSON_ROUTE, PAGE_BUDGET, pageRouteIds } from "../../bench/js-size";
import { DEMO, expect, signIn, test } from "./fixtures";

/**
 * Every page ships at most 110 KB of gzipped JavaScript, the lesson page (what learners open most,
 * often on a phone) less than 100 KB: as built (bench/js-size.ts, the table `npm run build` prints)
 * and as a browser with nothing cached transfers it.
 */
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test("as built, no page ships more than 110 KB of JavaScript gzipped, the lesson page less than 100 KB", async () => {
  // `npm run test:e2e` builds first, so public/build is this build's output.
  const sizes = jsSizes();
  const pages = await pageRouteIds();
  expect(pages, "the server build (build/index.js) lists the page routes").not.toBeNull();
  const measured = sizes.filter((r) => pages!.has(r.routeId));
  // Every page route of the server build is in the assets manifest, so none escapes the budget.
  expect(measured.map((r) => r.routeId).sort()).toEqual([...pages!].filter((id) => id !== "root").sort());

  const lesson = measured.find((r) => r.routeId === LESSON_ROUTE);
  expect(lesson, "the lesson route is in the assets manifest").toBeDefined();
  // The entry, the root and the route itself are all counted.
  expect(lesson!.files.some((f) => /\/entry\.client-/.test(f))).toBe(true);
  expect(lesson!.files.some((f) => /\/root-/.test(f))).toBe(true);
  expect(lesson!.files.some((f) => f.includes("/routes/programmes.$programme.$module.$lesson-"))).toBe(true);
  expect(lesson!.gzipBytes, `lesson page: ${kb(lesson!.gzipBytes)} in ${lesson!.files.length} files`).toBeLessThan(
    LESSON_BUDGET,
  );

  const over = measured
    .filter((r) => r.gzipBytes > budgetOf(r.routeId))
    .map((r) => `${r.pattern}: ${kb(r.gzipBytes)} (budget ${kb(budgetOf(r.routeId))})`);
  expect(over, `pages over budget:\n  ${over.join("\n  ")}`).toEqual([]);
  expect(Math.max(...measured.map((r) => r.gzipBytes))).toBeLessThanOrEqual(PAGE_BUDGET);
});

/** Opens `href` in a fresh browser with `context`'s session and returns the JavaScript it transferred. */
async function scriptsTransferred(context: BrowserContext, href: string) {
  const fresh = await context.browser()!.newContext({ storageState: await context.storageState() });
  const reader = await fresh.newPage();
  const scripts: Promise<{ url: string; bytes: number; zod: boolean }>[] = [];
  reader.on("response", (response) => {
    const url = new URL(response.url());
    if (response.request().resourceType() !== "script" && !url.pathname.endsWith(".js")) return;
    scripts.push(
      (async () => {
        const encoding = (await response.allHeaders())["content-encoding"];
        const body = await response.body();
        // Sent compressed: what crossed the wire. Sent as is: what gzip would make of it.
        const bytes = encoding ? (await response.request().sizes()).responseBodySize : gzipSync(body, { level: 9 }).length;
        return { url: url.pathname, bytes, zod: body.includes("ZodError") };
      })(),
    );
  });
  await reader.goto(href, { waitUntil: "networkidle" });
  await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
  const loaded = await Promise.all(scripts);
  await fresh.close();
  const total = loaded.reduce((n, s) => n + s.bytes, 0);
  const listing = `JavaScript transferred for ${href}: ${kb(total)}\n  ${loaded.map((s) => `${s.url} ${kb(s.bytes)}`).join("\n  ")}`;
  return { loaded, total, listing };
}

test("a lesson opened in the browser transfers less than 100 KB of JavaScript", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.masters);
  const lesson = await page
    .getByRole("link", { name: /Continue where you left off/ })
    .first()
    .getAttribute("href");
  expect(lesson).toMatch(/^\/programmes\/[^/]+\/[^/]+\/[^/]+$/);

  const { loaded, total, listing } = await scriptsTransferred(context, lesson!);
  // The page really is hydrated from these files: the route's own module is among them.
  expect(loaded.map((s) => s.url)).toContainEqual(
    expect.stringContaining("/routes/programmes.$programme.$module.$lesson-"),
  );
  expect(total, listing).toBeLessThan(LESSON_BUDGET);
  await context.close();
});

test("a form page opened in the browser transfers at most 110 KB of JavaScript, and no zod", async ({ browser }) => {
  // The evidence form is the heaviest form a learner opens.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.nqsw);
  await page.goto("/learning");
  const year = await page.getByRole("link", { name: "Your assessed year" }).first().getAttribute("href");
  expect(year).toMatch(/^\/year\/[0-9a-f-]{36}$/);

  const { loaded, total, listing } = await scriptsTransferred(context, `${year}/portfolio/new?kind=reflective_log`);
  expect(loaded.map((s) => s.url)).toContainEqual(expect.stringContaining("/routes/year.$enrolmentId.portfolio.new-"));
  expect(total, listing).toBeLessThanOrEqual(PAGE_BUDGET);
  // Validation happens on the server: the form's messages come back from its action.
  expect(loaded.filter((s) => s.zod).map((s) => s.url), "scripts carrying zod").toEqual([]);
  await context.close();
});
