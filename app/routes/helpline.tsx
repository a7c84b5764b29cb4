import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDistanceToNowStrict } from "date-fns";
import { listConsentingReturners } from "~/modules/organisations/memberships.server";
import { formatDate } from "~/modules/organisations/people";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Returners – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "returner:read:consented" });
  const returners = await listConsentingReturners();
  return {
    organisation: current.active.organisation.name,
    returners: returners.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      joined: formatDate(r.createdAt),
      waiting: formatDistanceToNowStrict(r.createdAt),
    })),
  };
}

export default function Helpline() {
  const { organisation, returners } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>Returners who asked to be contacted</h1>
      <p>
        People who created an account to return to social work and agreed that the helpline may contact them, oldest
        first. Only those who gave consent are listed.
      </p>
      {returners.length === 0 ? (
        <p>Nobody is waiting.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Returners who asked to be contacted</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Joined</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {returners.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </td>
                <td>{r.joined}</td>
                <td>{r.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
