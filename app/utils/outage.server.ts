/**
 * Telling a database outage from a bug: a lost or refused connection, a server shutting
 * down or full, is answered 503 ("try again shortly") rather than 500, and is logged as such.
 */

/** postgres.js and Node socket error codes for a connection that failed or went away. */
const CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

/** SQLSTATEs: class 08 (connection exception), admin/crash shutdown, cannot connect now, too many connections. */
const SERVER_CODES = /^(08...|57P01|57P02|57P03|53300)$/;

export function isDatabaseOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || SERVER_CODES.test(code))) return true;
  // 55000 is also used for other things; only "not currently accepting connections" is an outage.
  if (code === "55000" && /not currently accepting connections/i.test(String((error as Error).message))) return true;
  // PGlite closed under us (the server is shutting down).
  if (error instanceof Error && /PGlite is closed/i.test(error.message)) return true;
  const nested = [(error as { cause?: unknown }).cause, ...((error as { errors?: unknown[] }).errors ?? [])];
  return nested.some((e) => isDatabaseOutage(e, depth + 1));
}

export const OUTAGE_MESSAGE =
  "Practice Pathways cannot reach its database for a moment. Nothing you saved has been lost. Please try again shortly.";

/** What a route's error boundary is given instead of the raw error: a 503 it can explain. */
export function serviceUnavailable() {
  // The shape React Router recognises as an error response (isRouteErrorResponse).
  return { status: 503, statusText: "Service Unavailable", internal: false, data: { message: OUTAGE_MESSAGE } };
}

/**
 * A resource route (a PDF, a calendar file, an evidence file) has no error page to say "try again
 * shortly", so while the database is away it answers 503 itself, as pages do, rather than 500.
 */
export function answeringOutages<Args extends { request: Request }>(loader: (args: Args) => Promise<Response>) {
  return async (args: Args): Promise<Response> => {
    try {
      return await loader(args);
    } catch (error) {
      if (!isDatabaseOutage(error)) throw error;
      console.error(
        `[database] unavailable during GET ${new URL(args.request.url).pathname}:`,
        (error as Error).message,
      );
      return new Response(`${OUTAGE_MESSAGE}\n`, {
        status: 503,
        headers: { "Retry-After": "10", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
  };
}
