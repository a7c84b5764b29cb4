import type { MetaFunction } from "@remix-run/node";

export const meta: MetaFunction = () => [{ title: "Practice Pathways is up" }];

/**
 * A page that needs nothing but the site itself: no loader, no database (signed out, the root
 * loader sends no query). Public and harmless; the benchmark measures it as the ceiling for pages.
 */
export default function Ping() {
  return (
    <div className="narrow">
      <h1>Practice Pathways is up</h1>
      <p>
        The site is answering. <a href="/">Go to the start page</a>.
      </p>
    </div>
  );
}
