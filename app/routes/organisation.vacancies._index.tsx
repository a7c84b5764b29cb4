import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/modules/organisations/people";
import { formatSalary, VACANCY_STATE_LABELS, vacancyState, postSpecialismLabel } from "~/modules/returners/vacancies";
import { listOrganisationVacancies } from "~/modules/returners/vacancies.server";
import { requireMembership } from "~/utils/auth.server";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Vacancies – Practice Pathways" }];

const TAG = { open: "tag--green", closed: "tag--grey", withdrawn: "tag--grey" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "vacancy:manage:organisation", employerOnly: true });
  const today = englandDay();
  const rows = await listOrganisationVacancies(current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    vacancies: rows.map((v) => ({
      id: v.id,
      title: v.title,
      team: v.team,
      specialism: postSpecialismLabel(v.specialism),
      salary: formatSalary(v.salaryFrom, v.salaryTo),
      closesOn: formatDate(v.closesOn),
      returnerFriendly: v.returnerFriendly,
      state: vacancyState(v, today),
    })),
  };
}

export default function Vacancies() {
  const { organisation, vacancies } = useLoaderData<typeof loader>();
  const open = vacancies.filter((v) => v.state === "open").length;
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>Vacancies</h1>
      <p>
        Open posts are listed on the public <a href="/vacancies">vacancies page</a> until their closing date, and
        the recruitment helpline can introduce returners to them.
      </p>
      <p>
        <a href="/organisation/vacancies/new" className="button">
          Post a vacancy
        </a>
      </p>
      {vacancies.length === 0 ? (
        <p>You have not posted any vacancies yet.</p>
      ) : (
        <>
          <p>
            {open} open {open === 1 ? "post" : "posts"}, {vacancies.length} in all.
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Your vacancies</caption>
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col">Team</th>
                  <th scope="col">Specialism</th>
                  <th scope="col">Salary</th>
                  <th scope="col">Closes</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {vacancies.map((v) => (
                  <tr key={v.id}>
                    <td>
                      <a href={`/organisation/vacancies/${v.id}`}>{v.title}</a>
                      {v.returnerFriendly ? <div className="hint">Returners welcome</div> : null}
                    </td>
                    <td>{v.team}</td>
                    <td>{v.specialism}</td>
                    <td>{v.salary}</td>
                    <td>{v.closesOn}</td>
                    <td>
                      <span className={`tag ${TAG[v.state]}`}>{VACANCY_STATE_LABELS[v.state]}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
