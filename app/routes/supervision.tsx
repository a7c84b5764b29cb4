import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Welcome } from "~/components/Welcome";
import { listSupervisees } from "~/modules/organisations/memberships.server";
import { describeProgress } from "~/modules/organisations/people";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your supervisees – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:supervisee" });
  const supervisees = await listSupervisees(current.active.organisationId, current.user.id);
  const today = new Date();
  return {
    organisation: current.active.organisation.name,
    supervisees: supervisees.map((s) => ({
      membershipId: s.membershipId,
      name: s.name,
      team: s.team,
      jobTitle: s.jobTitle,
      progress: describeProgress(s.stage, s.startedOn, today),
      invited: !s.hasPassword,
    })),
  };
}

export default function Supervision() {
  const { organisation, supervisees } = useLoaderData<typeof loader>();
  return (
    <>
      <Welcome>
        <p>Your account is ready. The people you supervise at {organisation} are listed here.</p>
      </Welcome>
      <span className="caption">{organisation}</span>
      <h1>Your supervisees</h1>
      {supervisees.length === 0 ? (
        <p>
          Nobody is assigned to you for supervision yet. Your programme lead assigns supervisees; when they do, each one
          will appear here.
        </p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">People you supervise</caption>
          <thead>
            <tr>
              <th scope="col">Supervisee</th>
              <th scope="col">Post</th>
              <th scope="col">Where they are</th>
            </tr>
          </thead>
          <tbody>
            {supervisees.map((s) => (
              <tr key={s.membershipId}>
                <td>
                  <Link to={`/learners/${s.membershipId}`}>{s.name}</Link>
                  {s.invited ? (
                    <>
                      {" "}
                      <span className="tag tag--grey">Invited</span>
                    </>
                  ) : null}
                </td>
                <td>{[s.jobTitle, s.team].filter(Boolean).join(", ")}</td>
                <td>{s.progress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
