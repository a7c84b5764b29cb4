/**
 * JavaScript shipped per page: for each route of the Remix assets manifest
 * (public/build/manifest-*.js), the gzipped bytes of the client entry and the modules of the
 * route chain (root, parents, the route), with everything they import, each file counted once.
 * Run after `remix build`: `tsx bench/js-size.ts` prints the table, largest first, and marks any
 * page over its budget; tests/e2e/js-budget.spec.ts holds every page to these budgets.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: string;
  imports?: string[];
}

interface AssetsManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
}

/** No page ships more than 110 KB of gzipped JavaScript (validation libraries stay on the server). */
export const PAGE_BUDGET = 110 * 1024;
/** The lesson page, what learners open most and often on a phone, ships less than 100 KB. */
export const LESSON_BUDGET = 100 * 1024;
export const LESSON_ROUTE = "routes/programmes.$programme.$module.$lesson";

export function budgetOf(routeId: string) {
  return routeId === LESSON_ROUTE ? LESSON_BUDGET : PAGE_BUDGET;
}

export interface RouteJs {
  routeId: string;
  /** The URL pattern, e.g. /programmes/:programme/:module/:lesson. */
  pattern: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export function readAssetsManifest(publicDir = "public"): AssetsManifest {
  const buildDir = path.join(publicDir, "build");
  let names: string[];
  try {
    names = readdirSync(buildDir).filter((f) => /^manifest-[A-Z0-9]+\.js$/i.test(f));
  } catch {
    names = [];
  }
  if (names.length !== 1)
    throw new Error(`Expected one manifest-*.js in ${buildDir}, found ${names.length}: run "remix build" first`);
  const source = readFileSync(path.join(buildDir, names[0]!), "utf8").trim();
  const json = source.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;$/, "");
  return JSON.parse(json) as AssetsManifest;
}

/** The gzipped size (level 9) and raw size of every route's JavaScript, largest first. */
export function jsSizes(publicDir = "public"): RouteJs[] {
  const manifest = readAssetsManifest(publicDir);
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const sizeOf = (url: string) => {
    let size = sizes.get(url);
    if (!size) {
      const body = readFileSync(path.join(publicDir, url));
      size = { bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
      sizes.set(url, size);
    }
    return size;
  };
  const chain = (id: string | undefined): ManifestRoute[] => {
    const route = id ? manifest.routes[id] : undefined;
    return route ? [...chain(route.parentId), route] : [];
  };
  return Object.values(manifest.routes)
    .filter((r) => r.id !== "root")
    .map((route) => {
      const routes = chain(route.id);
      const files = [
        ...new Set([
          manifest.entry.module,
          ...(manifest.entry.imports ?? []),
          ...routes.flatMap((r) => [r.module, ...(r.imports ?? [])]),
        ]),
      ];
      const pattern = "/" + routes.flatMap((r) => (r.path ? [r.path] : [])).join("/");
      const total = files
        .map(sizeOf)
        .reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzipBytes: a.gzipBytes + b.gzipBytes }));
      return { routeId: route.id, pattern, files, ...total };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes || a.pattern.localeCompare(b.pattern));
}

/** Route ids that render a page (a default export), read from the server build; resource routes ship no JS. */
export async function pageRouteIds(): Promise<Set<string> | null> {
  try {
    const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as {
      routes: Record<string, { module: { default?: unknown } }>;
    };
    return new Set(
      Object.entries(build.routes).flatMap(([id, r]) => (typeof r.module.default === "function" ? [id] : [])),
    );
  } catch {
    return null;
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const pages = await pageRouteIds();
  const rows = jsSizes().filter((r) => !pages || pages.has(r.routeId));
  const width = Math.max(...rows.map((r) => r.pattern.length), 4);
  console.log(`JavaScript per page, gzipped (level 9), client entry and route chain:`);
  console.log(`${"page".padEnd(width)}  ${"gzipped".padStart(9)}  ${"raw".padStart(9)}  files  budget`);
  for (const r of rows) {
    const budget = budgetOf(r.routeId);
    console.log(
      `${r.pattern.padEnd(width)}  ${kb(r.gzipBytes).padStart(9)}  ${kb(r.bytes).padStart(9)}  ${String(r.files.length).padStart(5)}  ${kb(budget).padStart(8)}${r.gzipBytes > budget ? "  OVER" : ""}`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
