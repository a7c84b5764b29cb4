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

/** A programme assessed against criteria has no year: its assessment and the evidence behind it. */
const CRITERIA_SECTIONS = [
  ["/assessment/", "Assessment"],
  ["/portfolio/new", "Add evidence"],
] as const;

/** The parts of one learner's assessed year (or assessment against criteria), on every page of it. */
export function YearNav({
  enrolmentId,
  label,
  criteria,
  writes,
}: {
  enrolmentId: string;
  label: string;
  criteria?: boolean;
  /** Whether this person adds evidence (the candidate): the others read it. */
  writes?: boolean;
}) {
  if (criteria)
    return (
      <nav className="sub-nav" aria-label={label}>
        <ul className="sub-nav__list">
          {CRITERIA_SECTIONS.filter(([path]) => writes || path === "/assessment/").map(([path, title]) => (
            <li key={path}>
              <MenuLink
                to={path === "/assessment/" ? `/assessment/${enrolmentId}` : `/year/${enrolmentId}${path}`}
                end
                className="sub-nav__link"
              >
                {title}
              </MenuLink>
            </li>
          ))}
        </ul>
      </nav>
    );
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
