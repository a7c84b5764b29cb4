import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A link in a navigation list (the main menu, a year's or a return's sections), marked as the
 * current page ("active", aria-current="page") as <NavLink> marks it. Only "active" is added to the
 * class: NavLink's own "pending" would give the link the styles of the page's loading bar. The
 * router finds its route when it is followed (discover="none"), as for the long lists of links.
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
  return (
    <NavLink
      to={to}
      end={end}
      discover="none"
      className={({ isActive }) => (isActive ? `${className} active` : className)}
    >
      {children}
    </NavLink>
  );
}
