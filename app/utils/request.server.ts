import type { AppLoadContext } from "@remix-run/node";
import type { RequestDetails } from "~/modules/auth/accounts.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

/** The origin used in emailed links: APP_ORIGIN when set, else the request's own. */
export function requestDetails(request: Request, context: AppLoadContext): RequestDetails {
  return {
    ipAddress: context.clientIp ?? "unknown",
    userAgent: request.headers.get("User-Agent"),
    origin: process.env.APP_ORIGIN ?? new URL(request.url).origin,
  };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Whether the request came from this machine itself. A proxy on the same machine makes every
 * request arrive from loopback, so one that carries a forwarding header is not counted as ours.
 */
export function fromThisMachine(request: Request, context: AppLoadContext) {
  if (["forwarded", "x-forwarded-for", "x-real-ip"].some((h) => request.headers.has(h))) return false;
  return LOOPBACK.test(context.clientIp ?? "");
}

const BASE = "http://practice-pathways.invalid";

/**
 * Only paths on this site may be redirected to after sign-in. Browsers drop tabs and
 * newlines and read "\\" as "/", so "/\t/evil.com" would become "//evil.com": any control
 * character or backslash is refused, and what is left must resolve to this origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (!to || typeof to !== "string") return fallback;
  // eslint-disable-next-line no-control-regex
  if (!to.startsWith("/") || to.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    if (new URL(to, BASE).origin !== BASE) return fallback;
  } catch {
    return fallback;
  }
  return to;
}
