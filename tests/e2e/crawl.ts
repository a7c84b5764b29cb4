import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { CHECKED_PAGES_DIR, expect, expectAccessible } from "./fixtures";

/** One route of the Remix build, with its full URL pattern and whether it renders a page. */
export interface RouteInfo {
  id: string;
  pattern: string;
  /** A route with a default export renders a page; one without is a resource route (files, redirects, JSON). */
  page: boolean;
  regex: RegExp;
  score: number;
}

export interface Visit {
  routeId: string;
  url: string;
  status: number;
}

/** Where each test of the crawl leaves the routes it visited (cleared at the start of every run). */
export const CRAWL_DIR = path.resolve(".data/e2e/crawl");

let cached: RouteInfo[] | undefined;

/**
 * The routes of the server build (build/index.js exports `routes`). Read in a child process so that
 * the server's modules load in plain Node, not in the test runner.
 */
export function buildRoutes(): RouteInfo[] {
  if (cached) return cached;
  const script = `
    const { routes } = await import(${JSON.stringify(new URL(`file://${path.resolve("build/index.js")}`).href)});
    console.log(JSON.stringify(Object.values(routes).map((r) => ({
      id: r.id, parentId: r.parentId, path: r.path, index: !!r.index, page: typeof r.module.default === "function",
    }))));`;
  const raw = JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }),
  ) as {
    id: string;
    parentId?: string;
    path?: string;
    index: boolean;
    page: boolean;
  }[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  const fullPath = (id: string | undefined): string[] => {
    const r = id ? byId.get(id) : undefined;
    if (!r) return [];
    return [...fullPath(r.parentId), ...(r.path ? r.path.split("/") : [])].filter(Boolean);
  };
  cached = raw
    .filter((r) => r.id !== "root")
    .map((r) => {
      const segments = fullPath(r.id);
      const pattern = "/" + segments.join("/");
      const regex = new RegExp(
        "^" +
          segments
            .map((s) => (s === "*" ? "(?:/.*)?" : "/" + (s.startsWith(":") ? "[^/]+" : s.replace(/[.[\]()]/g, "\\$&"))))
            .join("") +
          "/?$",
      );
      // The same ranking as React Router's: static segments beat parameters, which beat a splat.
      const score =
        segments.length +
        (segments.includes("*") ? -2 : 0) +
        (r.index ? 2 : 0) +
        segments.filter((s) => s !== "*").reduce((n, s) => n + (s.startsWith(":") ? 3 : 10), 0);
      return { id: r.id, pattern: segments.length ? pattern : "/", page: r.page, regex, score };
    });
  return cached;
}

/** The route that serves a pathname, as Remix would choose it. */
export function routeFor(pathname: string): RouteInfo | undefined {
  return buildRoutes()
    .filter((r) => r.regex.test(pathname))
    .sort((a, b) => b.score - a.score)[0];
}

/** Links the crawl never follows: signing out, deleting, and downloads (files, PDFs, calendars, spreadsheets). */
export function mustNotFollow(url: URL) {
  return (
    /^\/sign-out\b/.test(url.pathname) ||
    /delete|remove/i.test(url.pathname + url.search) ||
    /\.(pdf|ics|csv)$/i.test(url.pathname) ||
    /\/files\//.test(url.pathname)
  );
}

/**
 * How often one crawl visits a route: twice for a record inside something (a piece of evidence in a
 * year, a lesson in a module: /year/<id>/portfolio/<id>), so two kinds or states are seen; once for the
 * rest (one learner's year, one programme), which keeps a crawl to a few dozen pages.
 */
export function visitsPerRoute(route: RouteInfo) {
  return (route.pattern.match(/\/:/g)?.length ?? 0) >= 2 ? 2 : 1;
}

/**
 * Breadth-first over the same-origin links of every page reached from `start`, GET only. Each page is
 * loaded, must answer below 400, and is checked with axe. A route is visited at most
 * `visitsPerRoute` times, not once per link to it.
 */
export async function crawl(page: Page, start: string): Promise<Visit[]> {
  if (!/^https?:/.test(page.url())) throw new Error("Open a page of the site before crawling it");
  const origin = new URL(page.url()).origin;
  const seen = new Set<string>();
  const budget = new Map<string, number>();
  const visits: Visit[] = [];
  const queue: { url: string; from: string }[] = [];
  const enqueue = (href: string, from: string) => {
    const url = new URL(href, origin);
    url.hash = "";
    if (url.origin !== origin || mustNotFollow(url)) return;
    const key = url.pathname + url.search;
    if (seen.has(key)) return;
    seen.add(key);
    const route = routeFor(url.pathname);
    if (!route?.page) return;
    const used = budget.get(route.id) ?? 0;
    if (used >= visitsPerRoute(route)) return;
    budget.set(route.id, used + 1);
    queue.push({ url: key, from });
  };
  enqueue(start, "(start)");
  for (let next = queue.shift(); next; next = queue.shift()) {
    const response = await page.goto(next.url);
    const status = response?.status() ?? 0;
    expect(status, `status of ${next.url}, linked from ${next.from}`).toBeLessThan(400);
    await expectAccessible(page);
    const landed = new URL(page.url());
    // A redirect may land on another route (a lesson sends a signed-out visitor to sign in).
    const route = routeFor(landed.pathname);
    visits.push({ routeId: route?.id ?? "(none)", url: landed.pathname + landed.search, status });
    seen.add(landed.pathname + landed.search);
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) enqueue(href, next.url);
  }
  return visits;
}

/** Records what one test visited, for the coverage check that runs after the crawl. */
export function recordVisits(name: string, visits: Visit[]) {
  mkdirSync(CRAWL_DIR, { recursive: true });
  const file = path.join(CRAWL_DIR, `${name.replace(/[^a-z0-9-]+/gi, "-")}.json`);
  // Written whole, then renamed: a reader never sees half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify({ name, visits }, null, 2));
  renameSync(`${file}.tmp`, file);
}

export function readVisits(): { name: string; visits: Visit[] }[] {
  let files: string[];
  try {
    files = readdirSync(CRAWL_DIR).filter((f) => f.endsWith(".json"));
  } catch {
    files = [];
  }
  return files.map((f) => JSON.parse(readFileSync(path.join(CRAWL_DIR, f), "utf8")));
}

/** The routes of every page that passed axe in any spec of this run (see expectAccessible). */
export function readCheckedRoutes(): Set<string> {
  let files: string[];
  try {
    files = readdirSync(CHECKED_PAGES_DIR).filter((f) => f.endsWith(".txt"));
  } catch {
    files = [];
  }
  const ids = new Set<string>();
  for (const f of files)
    for (const pathname of readFileSync(path.join(CHECKED_PAGES_DIR, f), "utf8").split("\n"))
      if (pathname) {
        const route = routeFor(pathname);
        if (route) ids.add(route.id);
      }
  return ids;
}
