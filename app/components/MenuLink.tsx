import { useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

/** Whether a menu link to `to` names the page at `pathname`: that page, or (unless `end`) one below it. */
export function isCurrentPage(pathname: string, to: string, end: boolean) {
  const here = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return here === to || (!end && here.startsWith(to.endsWith("/") ? to : `${to}/`));
}

/**
 * A link in a navigation list (the main menu, a year's or a return's sections), marked as the
 * current page ("active" in its class, aria-current="page"), as <NavLink> marks it. It is a plain
 * anchor, like every link between pages (ADR 019): <NavLink> resolves its path four times on each
 * draw, and the menu is on every page.
 */
export function MenuLink({
  to,
  end = false,
  className,
  children,
}: {
  to: string;
  end?: boolean;
  className: string;
  children: ReactNode;
}) {
  const current = isCurrentPage(useLocation().pathname, to, end);
  return (
    <a href={to} className={current ? `${className} active` : className} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}
