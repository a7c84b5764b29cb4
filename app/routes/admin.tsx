import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ORGANISATION_KIND_LABELS } from "~/modules/organisations/admin";
import { listOrganisationsWithCounts } from "~/modules/organisations/memberships.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Organisations – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:read:any" });
  const organisations = await listOrganisationsWithCounts();
  return {
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      kindLabel: ORGANISATION_KIND_LABELS[o.kind],
      region: o.region,
      learners: o.learners,
      staff: o.staff,
      deactivated: !!o.deactivatedAt,
    })),
  };
}

export default function Admin() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Platform administration</span>
      <h1>Organisations</h1>
      <p>
        <a href="/admin/organisations/new" className="button">
          Add an organisation
        </a>
      </p>
      <p>
        <a href="/admin/people">Find a person</a> by name or email address ·{" "}
        <a href="/organisation/audit">Audit trail</a> of every organisation
      </p>
      <table className="table">
        <caption className="visually-hidden">Organisations on Practice Pathways</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Kind</th>
            <th scope="col">Region</th>
            <th scope="col">Learners</th>
            <th scope="col">Staff</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <a href={`/admin/organisations/${o.id}`}>{o.name}</a>
              </td>
              <td>{o.kindLabel}</td>
              <td>{o.region ?? "National"}</td>
              <td>{o.learners}</td>
              <td>{o.staff}</td>
              <td>
                {o.deactivated ? (
                  <strong className="tag tag--grey">Deactivated</strong>
                ) : (
                  <strong className="tag tag--green">Active</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
