import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/modules/organisations/people";
import { listOrganisationIntroductions } from "~/modules/returners/introductions.server";
import { INTRODUCTION_STATUS_LABELS } from "~/modules/returners/options";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Introductions – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "introduction:manage:organisation", employerOnly: true });
  const rows = await listOrganisationIntroductions(current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    introductions: rows.map((i) => ({
      id: i.id,
      name: i.name,
      email: i.email,
      phone: i.phone,
      vacancyTitle: i.vacancyTitle,
      status: INTRODUCTION_STATUS_LABELS[i.status],
      changedOn: formatDate(i.updatedAt),
    })),
  };
}

export default function Introductions() {
  const { organisation, introductions } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>Introductions</h1>
      <p>
        Social workers returning to practice whom the recruitment helpline has introduced to you for one of your{" "}
        <a href="/organisation/vacancies">vacancies</a>. Each agreed to share their contact details with you.
        Record the interview, offer, start or decline so that they and the helpline can see where things stand.
      </p>
      {introductions.length === 0 ? (
        <p>Nobody has been introduced to you yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Introductions</caption>
            <thead>
              <tr>
                <th scope="col">Returner</th>
                <th scope="col">Contact details</th>
                <th scope="col">Vacancy</th>
                <th scope="col">Status</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {introductions.map((i) => (
                <tr key={i.id}>
                  <td>
                    <a href={`/organisation/introductions/${i.id}`}>{i.name}</a>
                  </td>
                  <td>
                    <a href={`mailto:${i.email}`}>{i.email}</a>
                    <div>{i.phone}</div>
                  </td>
                  <td>{i.vacancyTitle}</td>
                  <td>{i.status}</td>
                  <td>{i.changedOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
