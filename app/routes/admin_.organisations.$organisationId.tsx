import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { twoFactorOnAmong } from "~/modules/auth/two-factor.server";
import { listPeople } from "~/modules/organisations/memberships.server";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { organisationSettings } from "~/modules/organisations/settings.server";
import { notFound, requireMembership } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation} – Practice Pathways` : "Organisation – Practice Pathways" },
];

/** One organisation's members, for the platform team: where an admin resets someone's two-factor sign-in. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:read:any" });
  if (!isUuid(params.organisationId)) notFound();
  const settings = await organisationSettings(params.organisationId);
  if (!settings) notFound();
  const people = await listPeople(params.organisationId);
  const on = await twoFactorOnAmong(people.map((p) => p.userId));
  return {
    organisation: settings.name,
    requireTwoFactor: settings.requireTwoFactor,
    people: people.map((p) => ({
      membershipId: p.membershipId,
      name: p.name,
      email: p.email,
      role: ROLE_LABELS[p.role],
      twoFactorOn: on.has(p.userId),
    })),
  };
}

export default function AdminOrganisation() {
  const { organisation, requireTwoFactor, people } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">Platform administration</span>
      <h1>{organisation}</h1>
      <p>Two-factor sign-in is {requireTwoFactor ? "required" : "not required"} of this organisation&rsquo;s staff.</p>
      <h2>Members ({people.length})</h2>
      <table className="table">
        <caption className="visually-hidden">Members of {organisation}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Two-factor sign-in</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.membershipId}>
              <td>
                {p.name}
                <br />
                <span className="secondary">{p.email}</span>
              </td>
              <td>{p.role}</td>
              <td>
                {p.twoFactorOn ? (
                  <>
                    <strong className="tag tag--green">On</strong>{" "}
                    <Link to={`/members/${p.membershipId}/two-factor`}>
                      Reset<span className="visually-hidden"> two-factor sign-in for {p.name}</span>
                    </Link>
                  </>
                ) : (
                  <strong className="tag tag--grey">Off</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to="/admin">Back to organisations</Link>
      </p>
    </>
  );
}
