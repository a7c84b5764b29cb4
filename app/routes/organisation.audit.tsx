import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { format } from "date-fns";
import { listAuditForOrganisation } from "~/modules/audit/audit.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Audit trail – Practice Pathways" }];

const ACTIONS: Record<string, string> = {
  "invitation.created": "Invitation sent",
  "invitation.accepted": "Invitation accepted",
  "membership.switched": "Switched organisation",
  "organisation.two_factor_required": "Required two-factor sign-in for staff",
  "organisation.two_factor_not_required": "Stopped requiring two-factor sign-in for staff",
  "auth.two_factor.reset": "Reset a member's two-factor sign-in",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "audit:read:organisation" });
  const events = await listAuditForOrganisation(current.active.organisationId, 100);
  return {
    organisation: current.active.organisation.name,
    events: events.map((e) => ({
      id: e.id,
      at: format(e.at, "d MMM yyyy, HH:mm"),
      action: ACTIONS[e.action] ?? e.action,
      who: e.actorName ?? "Unknown",
      detail: e.detail
        ? Object.entries(e.detail)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(", ")
        : "",
    })),
  };
}

export default function Audit() {
  const { organisation, events } = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{organisation}</span>
      <h1>Audit trail</h1>
      <p>Every change made by staff in {organisation}, newest first. Entries cannot be edited or deleted.</p>
      {events.length === 0 ? (
        <p>Nothing has been recorded yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>{e.who}</td>
                <td>{e.action}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
