import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { listSupervisees } from "~/modules/organisations/memberships.server";
import { describeProgress } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { lessonStatesFor, listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { programmeProgress } from "~/modules/programmes/progress";
import { format } from "date-fns";
import { yearSummaries } from "~/modules/first-year/summary.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your supervisees – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:supervisee" });
  const supervisees = await listSupervisees(current.active.organisationId, current.user.id);
  const today = new Date();
  const enrolments = await listOrganisationEnrolments(
    current.active.organisationId,
    supervisees.map((s) => s.userId),
  );
  const states = await lessonStatesFor(enrolments.map((e) => e.id));
  // Only the enrolments this supervisor supervises open the learner's year to them.
  const years = await yearSummaries(
    enrolments.filter((e) => e.supervisorId === current.user.id),
    today,
  );
  const yearOf = (userId: string) => [...years.values()].find((y) => y.userId === userId) ?? null;
  const supervisionOf = (userId: string) => {
    const y = yearOf(userId);
    return y
      ? {
          href: y.supervisionHref,
          next: y.nextSupervision ? format(y.nextSupervision, "d MMM yyyy") : null,
          overdue: y.missedSupervision,
          workloadHref: y.workloadHref,
          workloadFlags: y.workloadFlags,
        }
      : null;
  };
  const programmesOf = (userId: string) =>
    enrolments
      .filter((e) => e.userId === userId)
      .flatMap((e) => {
        const programme = findProgramme(e.programmeSlug);
        if (!programme) return [];
        const p = programmeProgress(programme, states.get(e.id) ?? []);
        return [`${programme.title}: ${p.done} of ${p.total} lessons`];
      });
  return {
    organisation: current.active.organisation.name,
    supervisees: supervisees.map((s) => ({
      membershipId: s.membershipId,
      name: s.name,
      team: s.team,
      jobTitle: s.jobTitle,
      progress: describeProgress(s.stage, s.startedOn, today),
      invited: !s.hasPassword,
      programmes: programmesOf(s.userId),
      supervision: supervisionOf(s.userId),
      agreement: yearOf(s.userId)?.agreement ?? null,
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
              <th scope="col">Learning</th>
              <th scope="col">Supervision</th>
              <th scope="col">Learning agreement</th>
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
                <td>{s.programmes.length ? s.programmes.join("; ") : "Not enrolled on a programme"}</td>
                <td>
                  {s.supervision ? (
                    <>
                      <Link to={s.supervision.href}>
                        {s.supervision.next ? `Next by ${s.supervision.next}` : "Record"}
                        <span className="visually-hidden"> for {s.name}</span>
                      </Link>
                      {s.supervision.overdue ? (
                        <>
                          {" "}
                          <span className="tag tag--red">{s.supervision.overdue} missed</span>
                        </>
                      ) : null}
                      <br />
                      <Link to={s.supervision.workloadHref}>
                        Workload<span className="visually-hidden"> for {s.name}</span>
                      </Link>
                      {s.supervision.workloadFlags ? (
                        <>
                          {" "}
                          <span className="tag tag--red">
                            {s.supervision.workloadFlags} {s.supervision.workloadFlags === 1 ? "week" : "weeks"} flagged
                          </span>
                        </>
                      ) : null}
                    </>
                  ) : (
                    "None"
                  )}
                </td>
                <td>
                  {s.agreement ? (
                    <>
                      <Link to={s.agreement.href}>
                        Open<span className="visually-hidden"> {s.name}'s learning agreement</span>
                      </Link>{" "}
                      <AgreementTag state={s.agreement.state} />
                    </>
                  ) : (
                    "None"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
