import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { closeDatabase, connectDatabase, currentQueryTally, getDb, withQueryTally } from "~/utils/db.server";
import { seedDemoWorldIfEmpty } from "~/utils/demo-world.server";
import { devMailboxOpen, env, isProduction, mailTransport } from "~/utils/env.server";
import { pruneStoredEmails } from "~/utils/email.server";
import { scheduleDigest } from "~/modules/notices/digest.server";
import { NonceProvider } from "~/utils/nonce";
import { runInRequestScope } from "~/utils/request-scope.server";
import { isDatabaseOutage, serviceUnavailable } from "~/utils/outage.server";
import { cacheData, cachePage } from "~/utils/http-cache.server";

/** Requests whose loader or action lost the database (marked by handleError, which runs first). */
const outages = new WeakSet<Request>();
import { twoFactorKey } from "~/modules/auth/secret-box.server";
import { purgeHeldPosts } from "~/modules/drafts/held-posts.server";
import { purgeSubmissionKeys } from "~/utils/save-once.server";

const ABORT_DELAY = 5_000;

/**
 * Called by the server before it listens: checks settings, migrates, and seeds the demo world. A
 * worker of a server running one process per core (`worker`) finds that done by its primary, and
 * only connects.
 */
export async function startup({ worker = false }: { worker?: boolean } = {}) {
  env();
  if (worker) {
    await connectDatabase();
    return;
  }
  if (twoFactorKey().fallback) {
    const note =
      "TWO_FACTOR_KEY is not set: two-factor secrets are encrypted with the built-in development key. Set it to 32 random bytes (openssl rand -base64 32).";
    if (isProduction()) console.warn(`WARNING: ${note}`);
    else console.log(note);
  }
  const handle = await connectDatabase();
  console.log(`Database: ${handle.driver} (${handle.location}), migrations applied.`);
  const seedSetting = process.env.SEED_DEMO_DATA;
  const seed = seedSetting ? seedSetting === "true" : handle.driver === "pglite";
  if (seed) {
    const seeded = await seedDemoWorldIfEmpty(await getDb());
    if (seeded) console.log("Demo world seeded (see README for the demo logins).");
  }
  if (mailTransport() === "file") {
    const shown = devMailboxOpen()
      ? "shown at /dev/mail"
      : "not shown anywhere (DEV_MAILBOX=true shows it at /dev/mail)";
    const note = `Email is written to ${env().MAIL_DIR}, ${shown}; set SMTP_HOST to send it.`;
    if (isProduction()) console.warn(`WARNING: ${note}`);
    else console.log(note);
    // Reset links must not outlive a day on disk, even when no one sends or reads email.
    const prune = () => pruneStoredEmails().catch((error: unknown) => console.error("[mail] could not remove old emails:", error));
    await prune();
    setInterval(prune, 60 * 60 * 1000).unref();
  }
}

/**
 * The jobs a server process runs while it serves: the daily digest at DIGEST_HOUR (Europe/London).
 * Every process may run it; each person's day is claimed once in the database.
 */
export function startJobs() {
  const hour = env().DIGEST_HOUR;
  if (hour === "off") return;
  scheduleDigest(hour);
}

/**
 * The server runs each request inside a query tally, so that the number of SQL statements a
 * page needed can be reported (the benchmark reads the X-Query-Count header when it is on), and
 * inside a request scope, so that its loaders look the session up once.
 */
export function perRequest(method: string, next: () => void) {
  withQueryTally(() => runInRequestScope(method, next));
}

function reportQueryCount(headers: Headers) {
  if (process.env.QUERY_COUNT_HEADER !== "true") return;
  const tally = currentQueryTally();
  if (tally) headers.set("X-Query-Count", String(tally.count));
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  reportQueryCount(response.headers);
  cacheData(response.headers);
  if (outages.has(request) && response.status >= 500) {
    const headers = new Headers(response.headers);
    headers.set("Retry-After", "10");
    return new Response(response.body, { status: 503, headers });
  }
  return response;
}

/**
 * Each serving process removes, every hour, posts held after a session ended once their day is over,
 * and the ended sessions too old to hold one for (ADR 020). The deletes are idempotent, so several
 * processes doing it is harmless.
 */
export function startHousekeeping() {
  const purge = () => {
    purgeHeldPosts().catch((error: unknown) =>
      console.error("[held-posts] could not purge:", (error as Error).message),
    );
    purgeSubmissionKeys().catch((error: unknown) =>
      console.error("[save-once] could not remove old form keys:", (error as Error).message),
    );
  };
  setInterval(purge, 60 * 60 * 1000).unref();
}

/** Called by the server once in-flight requests have finished. */
export async function shutdown() {
  await closeDatabase();
  console.log("Database closed.");
}

/** The primary of a server with several processes lets go of the database once it has prepared it. */
export async function releaseDatabase() {
  await closeDatabase();
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  reportQueryCount(responseHeaders);
  // A loader or action that lost the database is shown as "unavailable, try again", not as a fault.
  // (In production the errors here are already sanitised, so handleError, which saw them first, says which.)
  const errors = remixContext.staticHandlerContext.errors;
  if (errors && outages.has(request)) {
    for (const [routeId, error] of Object.entries(errors)) {
      if (!(error && typeof error === "object" && "status" in error)) errors[routeId] = serviceUnavailable();
    }
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "10");
  }
  // A form given back because the database could not save it (keepingWhatWasTyped) says when to try again too.
  if (responseStatusCode === 503 && !responseHeaders.has("Retry-After")) responseHeaders.set("Retry-After", "10");
  // No page defers data, so nothing streams in after the first paint: the page is rendered whole and
  // sent as one body, which spares every chunk's trip through a Node and a web stream.
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          const chunks: Buffer[] = [];
          const page = new Writable({
            // Without a 'close' event: React answers one by ending the stream again, which costs a Node
            // error (and its stack) for every page.
            emitClose: false,
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
          });
          page.on("finish", () => {
            clearTimeout(timer);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            const body = Buffer.concat(chunks);
            const matches = remixContext.staticHandlerContext.matches;
            const routeId = matches[matches.length - 1]?.route.id;
            const notModified = cachePage(request, routeId, responseStatusCode, responseHeaders, body, nonce);
            resolve(notModified ?? new Response(body, { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(page);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          if (!shellRendered) responseStatusCode = 500;
          else console.error(`[render] ${request.method} ${new URL(request.url).pathname}:`, error);
        },
      },
    );
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 403 or 404 thrown by a gate (seen here when a resource route throws one) is an answer, not a fault.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status < 500) return;
  if (isDatabaseOutage(error)) {
    outages.add(request);
    console.error(
      `[database] unavailable during ${request.method} ${new URL(request.url).pathname}:`,
      (error as Error).message,
    );
    return;
  }
  console.error(`[remix] ${request.method} ${new URL(request.url).pathname}:`, error);
}
