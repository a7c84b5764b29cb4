/**
 * The whole site in-process, for the trust suites: the production server build
 * (build/index.js, made by `npm run build`, which `npm test` runs first) answering
 * Request objects, on this test file's database filled with the demo world.
 * The build shares the test database through db.server's holder on globalThis.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { withQueryTally, type QueryTally } from "#db/query-count";
import { memberships, users } from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import { createSession, generateToken } from "~/modules/auth/session.server";
import { sessionCookieName } from "~/modules/auth/cookie.server";
import { ORIGIN } from "./fixtures";

export { ORIGIN };

const HOST = new URL(ORIGIN).host;
const BUILD = path.resolve("build/index.js");

export async function loadServerBuild(): Promise<ServerBuild> {
  if (!existsSync(BUILD)) throw new Error("build/index.js is missing: run `npm run build` first (npm test does).");
  return (await import(pathToFileURL(BUILD).href)) as ServerBuild;
}

export interface RouteInfo {
  id: string;
  /** The full URL pattern, e.g. /year/:enrolmentId/portfolio/:itemId */
  pattern: string;
  params: string[];
  hasLoader: boolean;
  hasAction: boolean;
  /** A page (has a component) rather than a resource route. */
  isPage: boolean;
}

/** Every route of the Remix route manifest, with its full URL pattern. */
export function routesOf(build: ServerBuild): RouteInfo[] {
  const full = (id: string): string => {
    const route = build.routes[id]!;
    const own = route.path ?? "";
    const parent = route.parentId ? full(route.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const pattern = `/${full(route.id)}`.replace(/\/+/g, "/");
      return {
        id: route.id,
        pattern,
        params: [...pattern.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*"),
        hasLoader: typeof route.module.loader === "function",
        hasAction: typeof route.module.action === "function",
        isPage: typeof route.module.default === "function",
      };
    });
}

export type Handler = (request: Request, tally?: QueryTally) => Promise<Response>;

export async function siteHandler(): Promise<{ build: ServerBuild; handle: Handler }> {
  const build = await loadServerBuild();
  const handler = createRequestHandler(build, "production");
  const context = { cspNonce: "trust-suite", clientIp: "203.0.113.50" } as AppLoadContext;
  const handle: Handler = (request, tally = { count: 0 }) => withQueryTally(() => handler(request, context), tally);
  return { build, handle };
}

export function get(pathname: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${pathname}`, { headers: { Host: HOST, ...(cookie ? { Cookie: cookie } : {}) } });
}

export function post(pathname: string, body: URLSearchParams | FormData, cookie?: string): Request {
  return new Request(`${ORIGIN}${pathname}`, {
    method: "POST",
    body,
    headers: { Host: HOST, Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** A session for a person of the demo world, acting in the membership with the given role. */
export async function sessionFor(db: Database, email: string, role?: string): Promise<string> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No demo user ${email}`);
  const [membership] = role
    ? await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, user.id), sql`${memberships.role} = ${role}`))
    : [];
  const token = generateToken();
  await createSession(token, user.id, { activeMembershipId: membership?.id ?? null });
  return `${sessionCookieName()}=${token}`;
}

export { seedDemoWorld };
