import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listOrganisationsWithCounts } from "~/modules/organisations/memberships.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Organisations – Practice Pathways" }];

const KIND_LABELS = {
  council: "Council",
  voluntary: "Voluntary organisation",
  university: "University",
  helpline: "Recruitment helpline",
  platform: "Platform team",
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:read:any" });
  const organisations = await listOrganisationsWithCounts();
  return { organisations: organisations.map((o) => ({ ...o, kindLabel: KIND_LABELS[o.kind] })) };
}

export default function Admin() {
  const { organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Platform administration</span>
      <h1>Organisations</h1>
      <table className="table">
        <caption className="visually-hidden">Organisations on Practice Pathways</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Kind</th>
            <th scope="col">Region</th>
            <th scope="col">Learners</th>
            <th scope="col">Staff</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/admin/organisations/${o.id}`}>{o.name}</Link>
              </td>
              <td>{o.kindLabel}</td>
              <td>{o.region ?? "National"}</td>
              <td>{o.learners}</td>
              <td>{o.staff}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
