/**
 * Route matching is patched (patches/, ADR 017) to keep ranked branches by the shape of the
 * route tree. These check what the patch must not change: a match names the routes of the tree it
 * was asked about, even when an identical tree was matched before, and ranking, index routes,
 * optional segments, splats and case are as React Router's own.
 */
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";

function tree(): AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        {
          id: "year",
          path: "year/:enrolmentId",
          children: [
            { id: "year-index", index: true },
            { id: "evidence", path: "portfolio/:itemId" },
            { id: "new-evidence", path: "portfolio/new" },
          ],
        },
        { id: "lang", path: ":lang?/about" },
        { id: "Exact", path: "Exact", caseSensitive: true },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

const ids = (routes: AgnosticRouteObject[], path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching", () => {
  it("answers with the routes of the tree it is given, not of an identical one matched before", () => {
    const first = tree();
    const second = tree();
    const a = matchRoutes(first, "/year/7/portfolio/9")!;
    const b = matchRoutes(second, "/year/7/portfolio/9")!;
    expect(a.map((m) => m.route.id)).toEqual(["root", "year", "evidence"]);
    expect(a[2]!.route).toBe(first[0]!.children![1]!.children![1]);
    expect(b[2]!.route).toBe(second[0]!.children![1]!.children![1]);
    expect(b[2]!.params).toEqual({ enrolmentId: "7", itemId: "9" });
  });

  it("ranks static segments before dynamic ones, and finds index routes, optional segments and the splat", () => {
    const routes = tree();
    expect(ids(routes, "/year/7/portfolio/new")).toEqual(["root", "year", "new-evidence"]);
    expect(ids(routes, "/year/7")).toEqual(["root", "year", "year-index"]);
    expect(ids(routes, "/")).toEqual(["root", "home"]);
    expect(ids(routes, "/about")).toEqual(["root", "lang"]);
    expect(matchRoutes(routes, "/cy/about")![1]!.params.lang).toBe("cy");
    expect(ids(routes, "/no/such/page")).toEqual(["root", "splat"]);
    expect(ids(routes, "/Exact")).toEqual(["root", "Exact"]);
    expect(ids(routes, "/exact")).toEqual(["root", "splat"]);
  });

  it("sees a route added to a tree it has matched before", () => {
    const routes = tree();
    expect(ids(routes, "/year/7/history")).toEqual(["root", "splat"]);
    routes[0]!.children![1]!.children!.push({ id: "history", path: "history" });
    expect(ids(routes, "/year/7/history")).toEqual(["root", "year", "history"]);
  });

  it("sees a route of a tree it has matched before changed in place, or its children replaced", () => {
    const routes = tree();
    expect(ids(routes, "/year/7/portfolio/new")).toEqual(["root", "year", "new-evidence"]);
    routes[0]!.children![1]!.children![2]!.path = "portfolio/add";
    expect(ids(routes, "/year/7/portfolio/new")).toEqual(["root", "year", "evidence"]);
    expect(ids(routes, "/year/7/portfolio/add")).toEqual(["root", "year", "new-evidence"]);
    routes[0]!.children![1]!.children = [{ id: "only", path: "only" }];
    expect(ids(routes, "/year/7/only")).toEqual(["root", "year", "only"]);
    expect(ids(routes, "/year/7/portfolio/add")).toEqual(["root", "splat"]);
  });
});
