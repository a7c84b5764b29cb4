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

/** Only same-site paths may be redirected to after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
