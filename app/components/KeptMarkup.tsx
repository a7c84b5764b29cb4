import { createContext, useContext, type ReactNode } from "react";

/**
 * Markup of a page's part already drawn on the server from exactly the data the page was given
 * (see keepMarkup in kept-markup.server): entry.server provides it, by name, for one request.
 */
const KeptMarkupContext = createContext<ReadonlyMap<string, string> | null>(null);
export const KeptMarkupProvider = KeptMarkupContext.Provider;

/**
 * A `<tbody>` whose rows are drawn from `children`, or, while the server draws the page, sent as the
 * markup kept for `name` — the same markup, drawn earlier from the same data, so the browser's
 * React finds in it the rows it would draw itself.
 */
export function KeptTableBody({ name, children }: { name: string; children: ReactNode }) {
  const kept = useContext(KeptMarkupContext)?.get(name);
  if (kept !== undefined) return <tbody dangerouslySetInnerHTML={{ __html: kept }} />;
  return <tbody>{children}</tbody>;
}
