import { createContext, useContext, useMemo, type ComponentType } from "react";
import { fromJsonText, type JsonText } from "~/utils/json-text";

/**
 * Markup of a page's part already drawn on the server from exactly the data the page was given
 * (see keepMarkup in kept-markup.server): entry.server provides it, by name, for one request.
 */
const KeptMarkupContext = createContext<ReadonlyMap<string, string> | null>(null);
export const KeptMarkupProvider = KeptMarkupContext.Provider;

/**
 * A `<tbody>` whose rows `Rows` draws from `props` (JSON text, as the loader sent it), or, while the
 * server draws the page, the markup kept for `name` — the same markup, drawn earlier from the same
 * text, so the browser's React finds in it the rows it would draw itself.
 */
export function KeptTableBody<P extends object>({
  name,
  Rows,
  props,
}: {
  name: string;
  Rows: ComponentType<P>;
  props: JsonText<P>;
}) {
  const kept = useContext(KeptMarkupContext)?.get(name);
  // Read only where the rows are drawn here: in the browser, or on a server that kept nothing.
  const parsed = useMemo(() => (kept === undefined ? fromJsonText(props) : null), [kept, props]);
  if (parsed === null) return <tbody dangerouslySetInnerHTML={{ __html: kept! }} />;
  return (
    <tbody>
      <Rows {...parsed} />
    </tbody>
  );
}
