import { MenuLink } from "~/components/MenuLink";

const SECTIONS = [
  ["/return", "Your return"],
  ["/return/updating", "Updating days"],
  ["/return/cpd", "CPD records"],
] as const;

/** The parts of a returner's own route back into practice, on every page of it. */
export function ReturnNav() {
  return (
    <nav className="sub-nav" aria-label="Your return to social work">
      <ul className="sub-nav__list">
        {SECTIONS.map(([path, title]) => (
          <li key={path}>
            <MenuLink to={path} end className="sub-nav__link">
              {title}
            </MenuLink>
          </li>
        ))}
        <li>
          <a href="/return/evidence.pdf" className="sub-nav__link" download>
            Evidence pack (PDF)
          </a>
        </li>
      </ul>
    </nav>
  );
}
