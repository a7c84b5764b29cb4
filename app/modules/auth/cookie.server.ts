import { parse, serialize } from "cookie";
import { cookiesAreSecure } from "~/utils/env.server";
import { sessionLifetimes } from "./session.server";

/** How long a post held after a session ended is kept (ADR 020): at least a day, then purged. */
export const HELD_POST_LIFETIME_MS = 24 * 3_600_000;

/** `__Host-` binds the cookie to this exact host over HTTPS; it needs Secure and Path=/. */
export function sessionCookieName() {
  return cookiesAreSecure() ? "__Host-pp_session" : "pp_session";
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[sessionCookieName()];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

/**
 * The cookie outlives its session by a day: a form sent after the session has ended (even at its
 * absolute limit) still names the session, so what was typed can be held for its writer (ADR 020).
 * The server, not the cookie's age, decides whether a session is valid.
 */
export function sessionCookie(token: string) {
  return serialize(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: Math.floor((sessionLifetimes().absoluteMs + HELD_POST_LIFETIME_MS) / 1000),
  });
}

export function clearedSessionCookie() {
  return serialize(sessionCookieName(), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: 0,
  });
}

/** The pending sign-in between the password and the security code: not a session, ten minutes at most. */
export function pendingSignInCookieName() {
  return cookiesAreSecure() ? "__Host-pp_sign_in_step" : "pp_sign_in_step";
}

export function readPendingSignInToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[pendingSignInCookieName()];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

export function pendingSignInCookie(token: string, maxAgeSeconds: number) {
  return serialize(pendingSignInCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearedPendingSignInCookie() {
  return serialize(pendingSignInCookieName(), "", {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: 0,
  });
}

/**
 * The held-post cookie names this browser, so what was typed after a session ended goes back only
 * to the browser it came from (and there only to the person whose session it was).
 */
export function heldPostCookieName() {
  return cookiesAreSecure() ? "__Host-pp_held" : "pp_held";
}

export function readHeldPostToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const token = parse(header)[heldPostCookieName()];
  return token && /^[a-z2-7]{32}$/.test(token) ? token : null;
}

export function heldPostCookie(token: string) {
  return serialize(heldPostCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: HELD_POST_LIFETIME_MS / 1000,
  });
}
