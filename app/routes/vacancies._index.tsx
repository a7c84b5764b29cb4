import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/modules/organisations/people";
import { REGIONS, SPECIALISM_LABELS, SPECIALISMS } from "~/modules/returners/options";
import { formatSalary, readVacancyFilters, VACANCIES_PER_PAGE, postSpecialismLabel } from "~/modules/returners/vacancies";
import { listOpenVacancies } from "~/modules/returners/vacancies.server";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction = () => [
  { title: "Social work vacancies – Practice Pathways" },
  { name: "description", content: "Open social work posts at councils and trusts, including posts for returners." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = readVacancyFilters(url.searchParams);
  const { rows, total } = await listOpenVacancies(filters, englandDay());
  const pages = Math.max(1, Math.ceil(total / VACANCIES_PER_PAGE));
  const pageHref = (page: number) => {
    const next = new URLSearchParams();
    if (filters.region) next.set("region", filters.region);
    if (filters.specialism) next.set("specialism", filters.specialism);
    if (filters.returnerFriendly) next.set("returnerFriendly", "yes");
    if (page > 1) next.set("page", String(page));
    const query = next.toString();
    return `/vacancies${query ? `?${query}` : ""}`;
  };
  return {
    filters,
    total,
    page: filters.page,
    pages,
    previous: filters.page > 1 ? pageHref(Math.min(filters.page - 1, pages)) : null,
    next: filters.page < pages ? pageHref(filters.page + 1) : null,
    vacancies: rows.map((v) => ({
      id: v.id,
      title: v.title,
      council: v.council,
      team: v.team,
      region: v.region,
      specialism: postSpecialismLabel(v.specialism),
      salary: formatSalary(v.salaryFrom, v.salaryTo),
      grade: v.grade,
      returnerFriendly: v.returnerFriendly,
      closesOn: formatDate(v.closesOn),
    })),
  };
}

export default function PublicVacancies() {
  const { filters, total, page, pages, previous, next, vacancies } = useLoaderData<typeof loader>();
  const filtered = !!(filters.region || filters.specialism || filters.returnerFriendly);
  return (
    <>
      <h1>Social work vacancies</h1>
      <p className="lead">
        Open posts at councils and trusts, closing soonest first. If you are returning to social work, the{" "}
        <a href="/return-to-social-work/callback">recruitment helpline</a> can introduce you to the council.
      </p>
      <Form method="get" className="panel" aria-label="Filter vacancies">
        <h2 className="heading-s">Filter the list</h2>
        <div className="form-group">
          <label className="label" htmlFor="region">
            Region
          </label>
          <select id="region" name="region" className="select" defaultValue={filters.region ?? ""}>
            <option value="">Any region</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="specialism">
            Adults&apos; or children&apos;s social work
          </label>
          <select id="specialism" name="specialism" className="select" defaultValue={filters.specialism ?? ""}>
            <option value="">Any</option>
            {SPECIALISMS.filter((s) => s !== "either").map((s) => (
              <option key={s} value={s}>
                {SPECIALISM_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              id="returnerFriendly"
              name="returnerFriendly"
              type="checkbox"
              value="yes"
              defaultChecked={filters.returnerFriendly}
            />
            <label className="checkboxes__label" htmlFor="returnerFriendly">
              Only posts open to returners
            </label>
          </div>
        </div>
        <button type="submit" className="button button--secondary">
          Show vacancies
        </button>{" "}
        {filtered ? <a href="/vacancies">Clear the filters</a> : null}
      </Form>
      <p role="status">
        {total === 0
          ? filtered
            ? "No open vacancies match those filters."
            : "There are no open vacancies just now."
          : `${total} open ${total === 1 ? "vacancy" : "vacancies"}${filtered ? " match" : ""}${pages > 1 ? `, page ${page} of ${pages}` : ""}.`}
      </p>
      {vacancies.length ? (
        <ul className="plain-list vacancy-list">
          {vacancies.map((v) => (
            <li key={v.id} className="card">
              <h2 className="heading-m">
                <a href={`/vacancies/${v.id}`}>{v.title}</a>
              </h2>
              <p>
                {v.council}, {v.team}
              </p>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt>Region</dt>
                  <dd>{v.region}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>Specialism</dt>
                  <dd>{v.specialism}</dd>
                </div>
                <div className="summary-list__row">
                  <dt>Salary</dt>
                  <dd>
                    {v.salary} ({v.grade})
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>Closes on</dt>
                  <dd>{v.closesOn}</dd>
                </div>
              </dl>
              {v.returnerFriendly ? <span className="tag tag--green">Returners welcome</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {previous || next ? (
        <nav className="pagination" aria-label="Pages of vacancies">
          {previous ? (
            <a href={previous} rel="prev" className="pagination__link">
              <span className="pagination__label">Previous page</span>
            </a>
          ) : null}
          {next ? (
            <a href={next} rel="next" className="pagination__link pagination__link--next">
              <span className="pagination__label">Next page</span>
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
