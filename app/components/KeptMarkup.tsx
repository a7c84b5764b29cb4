import { createContext, useContext, useMemo, type ComponentType, type HTMLAttributes } from "react";
import { fromJsonText, type JsonText } from "~/utils/json-text";

/**
 * Markup of a page's part already drawn on the server from exactly the data the page was given
 * (see keepMarkup in kept-markup.server): entry.server provides it, by name, for one request.
 */
const KeptMarkupContext = createContext<ReadonlyMap<string, string> | null>(null);
export const KeptMarkupProvider = KeptMarkupContext.Provider;

/**
 * An element (`as`, with its attributes) whose content `Part` draws from `props` (JSON text, as the
 * loader sent it), or, while the server draws the page, the markup kept for `name` — the same
 * markup, drawn earlier from the same text, so the browser's React finds in it what it would draw
 * itself.
 */
export function Kept<P extends object>({
  name,
  as: Element,
  Part,
  props,
  ...attributes
}: {
  name: string;
  as: "tbody" | "ol";
  Part: ComponentType<P>;
  props: JsonText<P>;
} & Omit<HTMLAttributes<HTMLElement>, "children" | "dangerouslySetInnerHTML">) {
  const kept = useContext(KeptMarkupContext)?.get(name);
  // Read only where the part is drawn here: in the browser, or on a server that kept nothing.
  const parsed = useMemo(() => (kept === undefined ? fromJsonText(props) : null), [kept, props]);
  if (parsed === null) return <Element {...attributes} dangerouslySetInnerHTML={{ __html: kept! }} />;
  return (
    <Element {...attributes}>
      <Part {...parsed} />
    </Element>
  );
}
