import { MenuLink } from "~/components/MenuLink";

const SECTIONS = [
  ["", "The year"],
  ["/agreement", "Learning agreement"],
  ["/supervision", "Supervision"],
  ["/portfolio", "Portfolio"],
  ["/reviews", "Reviews"],
  ["/workload", "Workload"],
  ["/history", "History"],
] as const;

/** The parts of one learner's assessed year, on every page of it. */
export function YearNav({ enrolmentId, label }: { enrolmentId: string; label: string }) {
  return (
    <nav className="sub-nav" aria-label={label}>
      <ul className="sub-nav__list">
        {SECTIONS.map(([path, title]) => (
          <li key={path}>
            <MenuLink to={`/year/${enrolmentId}${path}`} end={path === ""} className="sub-nav__link">
              {title}
            </MenuLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
