import { requestDetails, safeRedirect } from "~/utils/request.server";

const ORIGIN = "https://pathways.test";
/** Where a browser would actually go if sent this Location from our origin. */
const landsOn = (location: string) => new URL(location, `${ORIGIN}/sign-in`).origin;

describe("safeRedirect", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeRedirect("/learning")).toBe("/learning");
    expect(safeRedirect("/learners/0b6d?tab=evidence#top")).toBe("/learners/0b6d?tab=evidence#top");
  });

  it.each([
    ["a protocol-relative URL", "//evil.com"],
    ["a protocol-relative URL with a path", "//evil.com/sign-in"],
    ["an absolute URL", "https://evil.com"],
    ["an absolute URL to this site's name", "https://pathways.test.evil.com/"],
    ["a backslash that browsers treat as a slash", "/\\evil.com"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "learning"],
    ["an empty value", ""],
  ])("refuses %s and uses the fallback", (_label, to) => {
    expect(safeRedirect(to)).toBe("/home");
    expect(safeRedirect(to, "/learning")).toBe("/learning");
  });

  it("uses the fallback when there is no value or it is a file", () => {
    expect(safeRedirect(null)).toBe("/home");
    expect(safeRedirect(undefined)).toBe("/home");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/home");
  });

  it("never returns anything a browser would resolve to another site (checked cases)", () => {
    for (const to of ["/learning", "//evil.com", "/\\evil.com", "https://evil.com", "/%2F/evil.com", "/ /evil.com"]) {
      expect(landsOn(safeRedirect(to)), JSON.stringify(to)).toBe(ORIGIN);
    }
  });

  // Browsers strip tab and newline characters from a URL before resolving it,
  // so "/<TAB>/evil.com" is "//evil.com" to them.
  it("refuses a path that a browser turns into //evil.com by dropping a tab", () => {
    const sneaky = "/\t/evil.com";
    expect(landsOn(safeRedirect(sneaky))).toBe(ORIGIN);
  });
});

describe("requestDetails", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("takes the address from the server context and the browser from the User-Agent", () => {
    vi.stubEnv("APP_ORIGIN", undefined);
    const request = new Request("http://localhost:3000/sign-in", { headers: { "User-Agent": "Firefox" } });
    expect(requestDetails(request, { cspNonce: "n", clientIp: "198.51.100.4" })).toEqual({
      ipAddress: "198.51.100.4",
      userAgent: "Firefox",
      origin: "http://localhost:3000",
    });
  });

  it("builds emailed links from APP_ORIGIN when set, not from the request's Host", () => {
    vi.stubEnv("APP_ORIGIN", "https://practicepathways.example");
    const request = new Request("http://attacker-controlled-host.example/forgot-password");
    expect(requestDetails(request, { cspNonce: "n", clientIp: "198.51.100.4" }).origin).toBe(
      "https://practicepathways.example",
    );
  });
});
