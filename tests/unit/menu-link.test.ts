import { describe, expect, it } from "vitest";
import { isCurrentPage } from "~/components/MenuLink";

// The rule <NavLink> applies, which the menus kept when they became plain anchors (ADR 019).
describe("a menu link marks the page it names", () => {
  it("marks its own page, with or without a trailing slash", () => {
    expect(isCurrentPage("/supervision", "/supervision", true)).toBe(true);
    expect(isCurrentPage("/supervision/", "/supervision", true)).toBe(true);
  });

  it("with end, does not mark the pages below it: a year's overview is not current on its portfolio", () => {
    expect(isCurrentPage("/year/abc/portfolio", "/year/abc", true)).toBe(false);
    expect(isCurrentPage("/year/abc/portfolio", "/year/abc/portfolio", true)).toBe(true);
  });

  it("without end, marks the pages below it but not a page whose name only starts the same", () => {
    expect(isCurrentPage("/organisation/cohorts/2026", "/organisation/cohorts", false)).toBe(true);
    expect(isCurrentPage("/organisation/cohortsx", "/organisation/cohorts", false)).toBe(false);
    expect(isCurrentPage("/account", "/account", false)).toBe(true);
  });

  it("the start page is current only on itself with end", () => {
    expect(isCurrentPage("/", "/", true)).toBe(true);
    expect(isCurrentPage("/programmes", "/", true)).toBe(false);
  });
});
