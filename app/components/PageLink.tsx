import { useLocation, useNavigate } from "@remix-run/react";
import { useEffect, type AnchorHTMLAttributes } from "react";

/**
 * A link to another page of this site by its full path, for pages that list many: it renders the
 * same anchor Remix's <Link> does, without the router hooks each <Link> runs while the page is
 * drawn on the server (a supervisor's desk has about eight links a supervisee). In the browser the
 * one click handler of `usePageLinks` (in the root) follows it without reloading the page; Remix
 * finds the route when it is clicked, rather than asking the server ahead for the routes of every
 * link on a long page (as a <Link>'s `data-discover` does). Without JavaScript it is an ordinary link.
 */
export function PageLink({ to, ...rest }: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  return <a href={to} data-page-link="" {...rest} />;
}

/**
 * A PageLink in a navigation list, marked as the current page (class "active", aria-current="page")
 * as Remix's <NavLink> marks it: when the address is its path, or, unless `end`, below it. One
 * location read instead of the several router hooks each <NavLink> runs (the year's pages have ten).
 */
export function PageNavLink({
  to,
  end = false,
  className,
  ...rest
}: { to: string; end?: boolean; className: string } & Omit<
  AnchorHTMLAttributes<HTMLAnchorElement>,
  "href" | "className"
>) {
  const { pathname } = useLocation();
  const here = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  const current = here === to || (!end && here.startsWith(to) && here.charAt(to.length) === "/");
  return (
    <PageLink
      to={to}
      className={current ? `${className} active` : className}
      aria-current={current ? "page" : undefined}
      {...rest}
    />
  );
}

/** Follows a click on any PageLink inside the app, as a click on a <Link> is followed. */
export function usePageLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    function follow(event: MouseEvent) {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.altKey ||
        event.ctrlKey ||
        event.shiftKey
      )
        return;
      const anchor = (event.target as Element | null)?.closest?.("a[data-page-link]");
      if (!(anchor instanceof HTMLAnchorElement)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(url.pathname + url.search + url.hash);
    }
    document.addEventListener("click", follow);
    return () => document.removeEventListener("click", follow);
  }, [navigate]);
}
