import { gzipSync } from "node:zlib";
import { jsSizes } from "../../bench/js-size";
import { DEMO, expect, signIn, test } from "./fixtures";

/** The lesson page is what learners open most, often on a phone: it ships at most 150 KB of JavaScript. */
const BUDGET = 150 * 1024;
const LESSON_ROUTE = "routes/programmes.$programme.$module.$lesson";
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

test("as built, the lesson page's JavaScript is at most 150 KB gzipped", () => {
  // `npm run test:e2e` builds first, so public/build is this build's output.
  const lesson = jsSizes().find((r) => r.routeId === LESSON_ROUTE);
  expect(lesson, "the lesson route is in the assets manifest").toBeDefined();
  // The entry, the root and the route itself are all counted.
  expect(lesson!.files.some((f) => /\/entry\.client-/.test(f))).toBe(true);
  expect(lesson!.files.some((f) => /\/root-/.test(f))).toBe(true);
  expect(lesson!.files.some((f) => f.includes("/routes/programmes.$programme.$module.$lesson-"))).toBe(true);
  expect(
    lesson!.gzipBytes,
    `lesson page: ${kb(lesson!.gzipBytes)} gzipped in ${lesson!.files.length} files`,
  ).toBeLessThanOrEqual(BUDGET);
});

test("a lesson opened in the browser transfers at most 150 KB of JavaScript", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.masters);
  const lesson = await page
    .getByRole("link", { name: /Continue where you left off/ })
    .first()
    .getAttribute("href");
  expect(lesson).toMatch(/^\/programmes\/[^/]+\/[^/]+\/[^/]+$/);

  // A fresh browser (nothing cached) with the same session opens the lesson and everything it loads.
  const fresh = await browser.newContext({ storageState: await context.storageState() });
  const reader = await fresh.newPage();
  const scripts: Promise<{ url: string; bytes: number }>[] = [];
  reader.on("response", (response) => {
    const url = new URL(response.url());
    if (response.request().resourceType() !== "script" && !url.pathname.endsWith(".js")) return;
    scripts.push(
      (async () => {
        const encoding = (await response.allHeaders())["content-encoding"];
        // Sent compressed: what crossed the wire. Sent as is: what gzip would make of it.
        const bytes = encoding
          ? (await response.request().sizes()).responseBodySize
          : gzipSync(await response.body(), { level: 9 }).length;
        return { url: url.pathname, bytes };
      })(),
    );
  });
  await reader.goto(lesson!, { waitUntil: "networkidle" });
  await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
  const loaded = await Promise.all(scripts);
  const total = loaded.reduce((n, s) => n + s.bytes, 0);
  const listing = loaded.map((s) => `${s.url} ${kb(s.bytes)}`).join("\n  ");
  // The page really is hydrated from these files: the route's own module is among them.
  expect(loaded.map((s) => s.url)).toContainEqual(
    expect.stringContaining("/routes/programmes.$programme.$module.$lesson-"),
  );
  expect(total, `JavaScript transferred for ${lesson}: ${kb(total)}\n  ${listing}`).toBeLessThanOrEqual(BUDGET);
  await fresh.close();
  await context.close();
});
