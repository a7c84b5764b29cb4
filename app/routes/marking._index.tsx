import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireMarker } from "~/modules/masters/marker-access.server";
import { longDay, STAGE_LABELS } from "~/modules/masters/marking";
import { markingQueue } from "~/modules/masters/marking.server";
import { englandDateTime } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Marking – Practice Pathways" }];

/** The marker's queue: the work of each assignment they are allocated to, by candidate number only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMarker(request);
  const queue = await markingQueue(current.user.id, current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    assignments: queue.map((a) => ({
      ...a,
      stage: STAGE_LABELS[a.stage],
      deadline: englandDateTime(a.deadline, "short"),
      markingDue: longDay(a.markingDue),
    })),
  };
}

export default function MarkingQueue() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <span className="caption">{page.organisation}</span>
      <h1>Marking</h1>
      <p className="narrow">
        You see each piece of work by its candidate number, not the learner's name. Marks are provisional until the exam
        board confirms them.
      </p>
      {page.assignments.length === 0 ? <p>You have not been allocated any assignments to mark yet.</p> : null}
      {page.assignments.map((a) => (
        <section key={a.assignmentId} aria-labelledby={`assignment-${a.assignmentId}`}>
          <h2 id={`assignment-${a.assignmentId}`}>{a.moduleTitle}</h2>
          <p>
            {a.cohortName}. You are the {a.stage.toLowerCase()}. Handed in by {a.deadline}; marks due by {a.markingDue}.
          </p>
          <p>
            <strong>
              {a.done} done, {a.toDo} to do
            </strong>
            {a.sampleWaiting ? `: ${a.sampleWaiting}` : ""}
          </p>
          {a.items.length ? (
            <table className="table">
              <caption className="visually-hidden">Work to mark for {a.moduleTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Version</th>
                  <th scope="col">Flags</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {a.items.map((i) => (
                  <tr key={i.submissionId}>
                    <th scope="row">
                      <a href={`/marking/${i.submissionId}`}>{i.candidateNumber}</a>
                    </th>
                    <td>{i.version}</td>
                    <td>
                      {i.resubmission ? <span className="tag">Resubmission</span> : null}{" "}
                      {i.late ? <span className="tag tag--orange">Late</span> : null}{" "}
                      {i.overLength ? <span className="tag tag--orange">Over length</span> : null}
                    </td>
                    <td>{i.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
    </>
  );
}
