/** The introductions the helpline has made, and where each stands, for its advisors. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/modules/organisations/people";
import { listHelplineIntroductions } from "~/modules/returners/introductions.server";
import { INTRODUCTION_STATUS_LABELS } from "~/modules/returners/options";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Introductions – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "introduction:create:helpline" });
  const rows = await listHelplineIntroductions(current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    introductions: rows.map((i) => ({
      id: i.id,
      requestId: i.requestId,
      reference: i.reference,
      name: i.name,
      council: i.council,
      vacancyTitle: i.vacancyTitle,
      status: INTRODUCTION_STATUS_LABELS[i.status],
      changedOn: formatDate(i.updatedAt),
    })),
  };
}

export default function HelplineIntroductions() {
  const { organisation, introductions } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>Introductions</h1>
      <p>Returners you have introduced to councils, the most recently changed first. Councils record each step.</p>
      {introductions.length === 0 ? (
        <p>No introductions yet. Introduce someone from the vacancies page of their request.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Introductions</caption>
          <thead>
            <tr>
              <th scope="col">Returner</th>
              <th scope="col">Council and post</th>
              <th scope="col">Status</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {introductions.map((i) => (
              <tr key={i.id}>
                <td>
                  <a href={`/helpline/requests/${i.requestId}/vacancies`}>{i.name}</a>
                  <div className="hint">{i.reference}</div>
                </td>
                <td>
                  {i.council}: {i.vacancyTitle}
                </td>
                <td>{i.status}</td>
                <td>{i.changedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
