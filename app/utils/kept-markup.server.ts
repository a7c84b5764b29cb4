/**
 * Keeps the server's markup for a long, data-heavy part of a page (the desk's rows) between
 * requests. Drawing twenty supervisees' rows with React is most of the desk's cost on the server,
 * and a supervisor reads the same rows again and again between changes. A loader names the part,
 * whose it is, and the component and the props (as JSON text, as the loader sends them) that draw
 * it; when the page is drawn (a document request, never a data request), entry.server asks for the
 * markup, which is drawn again only when the text differs in any way from that it was drawn from.
 * See ADR 015.
 */
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { fromJsonText, type JsonText } from "~/utils/json-text";
import { setNewest } from "~/utils/memo";
import { requestScopeValue } from "~/utils/request-scope.server";

const MAX_ENTRIES = 1_000;

interface Kept {
  props: string;
  markup: string;
}

const kept = new Map<string, Kept>();

interface Wanted {
  owner: string;
  props: string;
  draw: () => string;
}

/**
 * Asks for the markup of `Component` with `props` to be kept as `name` for this request's page.
 * `owner` scopes it (whose page it is): markup is only ever reused for the same owner and the
 * same props text.
 */
export function keepMarkup<P extends object>(
  name: string,
  owner: string,
  Component: ComponentType<P>,
  props: JsonText<P>,
) {
  const wanted = requestScopeValue<Map<string, Wanted>>("kept-markup", () => new Map());
  // Drawn only if a page is drawn (keptMarkup), never for a data request.
  wanted?.set(name, { owner, props, draw: () => renderToString(createElement(Component, fromJsonText(props))) });
}

/** The kept markup this request's loaders asked for, drawn now where it was not kept already. */
export function keptMarkup(): ReadonlyMap<string, string> | null {
  const wanted = requestScopeValue<Map<string, Wanted>>("kept-markup");
  if (!wanted || wanted.size === 0) return null;
  const markup = new Map<string, string>();
  for (const [name, want] of wanted) {
    const key = `${name}:${want.owner}`;
    let entry = kept.get(key);
    if (!entry || entry.props !== want.props) {
      entry = { props: want.props, markup: want.draw() };
      setNewest(kept, key, entry, MAX_ENTRIES);
    }
    markup.set(name, entry.markup);
  }
  return markup;
}

/** Forgets all kept markup (tests). */
export function forgetKeptMarkup() {
  kept.clear();
}
