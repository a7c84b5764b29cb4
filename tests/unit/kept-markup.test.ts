import { createElement, Fragment } from "react";
import { renderToString } from "react-dom/server";
import { Kept, KeptMarkupProvider } from "~/components/KeptMarkup";
import { PageLink } from "~/components/PageLink";
import { toJsonText } from "~/utils/json-text";
import { forgetKeptMarkup, keepMarkup, keptMarkup } from "~/utils/kept-markup.server";
import { runInRequestScope } from "~/utils/request-scope.server";

type Row = { id: string; name: string; due: string | null; items: string[] };

let draws = 0;
/** Rows shaped like the desk's: links, adjacent text, optional parts, lists. */
function Rows({ rows }: { rows: Row[] }) {
  draws += 1;
  return createElement(
    Fragment,
    null,
    rows.map((r) =>
      createElement(
        "tr",
        { key: r.id },
        createElement(
          "td",
          null,
          createElement(PageLink, { to: `/learners/${r.id}` }, r.name),
          " ",
          r.due ? "due " : null,
          r.due,
        ),
        createElement(
          "td",
          null,
          r.items.length
            ? createElement(
                "ul",
                null,
                r.items.map((i) => createElement("li", { key: i }, i)),
              )
            : "Nothing",
        ),
      ),
    ),
  );
}

const rows: Row[] = [
  { id: "a", name: "Amara <Nwosu> & co", due: "9 Dec", items: ["6-month review to decide"] },
  { id: "b", name: "Ben", due: null, items: [] },
];

/** The table as one request's page would draw it: with the kept markup, as the server does. */
function pageInRequest(props: { rows: Row[] }, owner = "supervisor-1") {
  return runInRequestScope("GET", () => {
    const text = toJsonText(props);
    keepMarkup("rows", owner, Rows, text);
    const kept = keptMarkup();
    return renderToString(
      createElement(
        KeptMarkupProvider,
        { value: kept },
        createElement(Kept<{ rows: Row[] }>, { name: "rows", as: "tbody", Part: Rows, props: text }),
      ),
    );
  });
}

beforeEach(() => {
  forgetKeptMarkup();
  draws = 0;
});

describe("kept markup", () => {
  it("sends exactly the markup React draws from the same data, so the browser hydrates it as its own", () => {
    const drawnByReact = renderToString(
      createElement(Kept<{ rows: Row[] }>, { name: "rows", as: "tbody", Part: Rows, props: toJsonText({ rows }) }),
    );
    expect(pageInRequest({ rows })).toBe(drawnByReact);
    expect(drawnByReact).toContain("Amara &lt;Nwosu&gt; &amp; co");
  });

  it("draws the rows once while their data stays the same, and again as soon as anything in it changes", () => {
    const first = pageInRequest({ rows });
    pageInRequest({ rows: structuredClone(rows) });
    expect(draws).toBe(1);
    const changed = pageInRequest({ rows: [{ ...rows[0]!, due: "10 Dec" }, rows[1]!] });
    expect(draws).toBe(2);
    expect(changed).toContain("10 Dec");
    expect(changed).not.toBe(first);
  });

  it("never hands one owner's markup to another, even for the same data", () => {
    pageInRequest({ rows }, "supervisor-1");
    pageInRequest({ rows }, "supervisor-2");
    expect(draws).toBe(2);
  });

  it("draws nothing for a request that only read data (no page was drawn)", () => {
    runInRequestScope("GET", () => keepMarkup("rows", "supervisor-1", Rows, toJsonText({ rows })));
    expect(draws).toBe(0);
  });

  it("outside a request, the rows are simply drawn by React", () => {
    keepMarkup("rows", "supervisor-1", Rows, toJsonText({ rows }));
    expect(keptMarkup()).toBeNull();
  });
});
