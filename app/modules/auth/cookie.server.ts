import { parse, serialize } from "cookie";
import { cookiesAreSecure } from "~/utils/env.server";
import { sessionLifetimes } from "./session.server";

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

export function sessionCookie(token: string) {
  return serialize(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookiesAreSecure(),
    path: "/",
    maxAge: Math.floor(sessionLifetimes().absoluteMs / 1000),
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
