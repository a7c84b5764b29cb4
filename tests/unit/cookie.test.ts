import { clearedSessionCookie, readSessionToken, sessionCookie, sessionCookieName } from "~/modules/auth/cookie.server";
import { generateToken } from "~/modules/auth/session.server";

const withCookie = (cookie: string) => new Request("http://localhost:3000/home", { headers: { Cookie: cookie } });

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, and lasts as long as a session may", () => {
    const token = generateToken();
    const header = sessionCookie(token);
    expect(header.startsWith(`${sessionCookieName()}=${token}`)).toBe(true);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Max-Age=43200\b/); // 12 hours, the absolute session lifetime
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
