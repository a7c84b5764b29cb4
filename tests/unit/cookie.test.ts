import {
  clearedSessionCookie,
  heldPostCookie,
  heldPostCookieName,
  readHeldPostToken,
  readSessionToken,
  sessionCookie,
  sessionCookieName,
} from "~/modules/auth/cookie.server";
import { generateToken } from "~/modules/auth/session.server";

const withCookie = (cookie: string) => new Request("http://localhost:3000/home", { headers: { Cookie: cookie } });

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, and outlives its session by the day a post is held for", () => {
    const token = generateToken();
    const header = sessionCookie(token);
    expect(header.startsWith(`${sessionCookieName()}=${token}`)).toBe(true);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    // 12 hours, the absolute session lifetime, and a day: a form sent after the session ended still names it (ADR 020).
    expect(header).toMatch(/Max-Age=129600\b/);
  });

  it("is cleared by an immediately-expiring cookie with the same name", () => {
    expect(clearedSessionCookie()).toMatch(new RegExp(`^${sessionCookieName()}=;`));
    expect(clearedSessionCookie()).toMatch(/Max-Age=0/);
  });

  it("reads back the token it set", () => {
    const token = generateToken();
    expect(readSessionToken(withCookie(`other=1; ${sessionCookieName()}=${token}; theme=dark`))).toBe(token);
  });

  it("ignores a missing or malformed token instead of looking it up", () => {
    expect(readSessionToken(new Request("http://localhost:3000/"))).toBeNull();
    expect(readSessionToken(withCookie("other=1"))).toBeNull();
    expect(readSessionToken(withCookie(`${sessionCookieName()}=short`))).toBeNull();
    expect(readSessionToken(withCookie(`${sessionCookieName()}=${generateToken().toUpperCase()}`))).toBeNull();
    expect(readSessionToken(withCookie(`${sessionCookieName()}=${generateToken()}x`))).toBeNull();
    expect(readSessionToken(withCookie(`${sessionCookieName()}='%20or%201=1`))).toBeNull();
  });
});

describe("the held-post cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, for the day a post is held, and reads back", () => {
    const token = generateToken();
    const header = heldPostCookie(token);
    expect(header.startsWith(`${heldPostCookieName()}=${token}`)).toBe(true);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Max-Age=86400\b/);
    expect(readHeldPostToken(withCookie(`${heldPostCookieName()}=${token}`))).toBe(token);
    expect(readHeldPostToken(withCookie(`${heldPostCookieName()}=short`))).toBeNull();
  });
});
