/**
 * HTTP caching of pages, decided in one place (entry.server.tsx calls it for every page and every
 * data request). A page anyone may read, asked for by someone signed out, may be kept by the
 * browser and by shared caches for a minute and revalidated with its ETag; everything else is
 * personal and never stored. Rendered HTML is never cached on the server.
 */
import { createHash } from "node:crypto";
import { sessionCookieName } from "~/modules/auth/cookie.server";

/** Shared caches may serve a copy up to a minute old, and a stale one for five more while they fetch a fresh one. */
export const PUBLIC_CACHE = "public, max-age=60, stale-while-revalidate=300";
export const PRIVATE_NO_STORE = "private, no-store";

/**
 * Pages that show the same thing to everyone who is signed out. The same URLs show a signed-in
 * reader their own navigation and progress, so they are public only to requests without a session
 * cookie (and say `Vary: Cookie`). Lessons are not here: reading one needs an account.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  "routes/_index",
  "routes/privacy",
  "routes/accessibility",
  "routes/programmes._index",
  "routes/programmes.$programme._index",
  "routes/programmes.$programme.$module._index",
  "routes/vacancies._index",
  "routes/vacancies.$vacancyId",
  "routes/return-to-social-work._index",
  "routes/return-to-social-work.callback",
  "routes/return-to-social-work.callback_.sent",
]);

function signedIn(request: Request) {
  const cookies = request.headers.get("Cookie");
  // Any session cookie, even an expired one: a page that might be personal is never shared.
  return !!cookies && cookies.includes(`${sessionCookieName()}=`);
}

/** Whether this answer may be stored and shared: a public page, read signed out, answered 200. */
export function isPublicAnswer(request: Request, routeId: string | undefined, status: number) {
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    status === 200 &&
    routeId !== undefined &&
    PUBLIC_ROUTES.has(routeId) &&
    !signedIn(request)
  );
}

/**
 * A weak ETag over the page. The CSP nonce differs on every response, so it is left out of the
 * hash: the same page gets the same tag, and a browser revalidating it gets a 304.
 */
export function pageETag(body: Buffer, nonce: string) {
  const html = body.toString("utf8");
  const hash = createHash("sha1")
    .update(nonce ? html.split(nonce).join("") : html)
    .digest("base64url");
  return `W/"${hash}"`;
}

function matches(ifNoneMatch: string | null, etag: string) {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
}

/**
 * Sets the page's caching headers; returns a 304 to send instead when the browser already holds
 * this version of a public page.
 */
export function cachePage(
  request: Request,
  routeId: string | undefined,
  status: number,
  headers: Headers,
  body: Buffer,
  nonce: string,
): Response | null {
  if (!isPublicAnswer(request, routeId, status)) {
    headers.set("Cache-Control", PRIVATE_NO_STORE);
    return null;
  }
  const etag = pageETag(body, nonce);
  headers.set("Cache-Control", PUBLIC_CACHE);
  headers.append("Vary", "Cookie");
  headers.set("ETag", etag);
  if (!matches(request.headers.get("If-None-Match"), etag)) return null;
  const notModified = new Headers(headers);
  notModified.delete("Content-Type");
  return new Response(null, { status: 304, headers: notModified });
}

/** Data requests (client-side navigations and form results) are never stored. */
export function cacheData(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", PRIVATE_NO_STORE);
}
