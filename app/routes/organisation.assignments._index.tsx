import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCourseworkLead } from "~/modules/masters/access.server";
import { assignmentsForOrganisation, creditBearingCohorts, openAssignment } from "~/modules/masters/assignments.server";
import { openAssignmentSchema } from "~/modules/masters/coursework-forms.server";
import { assignmentStages } from "~/modules/masters/marking.server";
import { actorOf } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction = () => [{ title: "Assignments – Practice Pathways" }];

/** The university's assignments with how many have handed in, and the form to open another. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const [assignments, cohorts] = await Promise.all([
    assignmentsForOrganisation(current.active.organisationId),
    creditBearingCohorts(current.active.organisationId),
  ]);
  const stages = await assignmentStages(assignments);
  return {
    organisation: current.active.organisation.name,
    assignments: assignments.map((a) => ({
      ...a,
      deadline: englandDateTime(a.deadline, "short"),
      stage: stages.get(a.id) ?? "",
    })),
    targets: cohorts.flatMap((c) =>
      c.modules.map((m) => ({
        value: `${c.id}:${m.slug}`,
        label: `${c.name}: ${m.title} (${m.wordLimit.toLocaleString("en-GB")} words)`,
      })),
    ),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const form = await parseSubmission(request, openAssignmentSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await openAssignment(actorOf(current, context), form.data);
    if (!result.ok) {
      const field = result.field === "deadline" ? "deadlineDay" : "target";
      return refuse(data({ errors: { [field]: result.message }, values: form.values }, { status: 400 }));
    }
    return `/organisation/assignments/${result.assignmentId}?opened=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function Assignments() {
  const { organisation, assignments, targets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <>
      <ErrorSummary errors={errors} order={["target", "deadlineDay", "deadlineTime"]} />
      <span className="caption">{organisation}</span>
      <h1>Assignments</h1>
      {assignments.length === 0 ? (
        <p>No assignments are open yet. Open one below for a cohort.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Assignments</caption>
          <thead>
            <tr>
              <th scope="col">Assignment</th>
              <th scope="col">Cohort</th>
              <th scope="col">Deadline</th>
              <th scope="col">Submitted</th>
              <th scope="col">Late</th>
              <th scope="col">Not submitted</th>
              <th scope="col">Extensions to decide</th>
              <th scope="col">Where it stands</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/organisation/assignments/${a.id}`}>{a.moduleTitle}</a>
                </td>
                <td>{a.cohortName}</td>
                <td>{a.deadline}</td>
                <td>{a.counts.submitted}</td>
                <td>{a.counts.late}</td>
                <td>{a.counts.not_submitted}</td>
                <td>{a.extensionsWaiting}</td>
                <td>{a.stage}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="narrow">
        <h2>Open an assignment</h2>
        {targets.length === 0 ? (
          <p>
            Assignments are opened for a Masters cohort. <a href="/organisation/cohorts">Start a cohort</a> on the
            Masters first.
          </p>
        ) : (
          <Form method="post" noValidate>
            <SubmissionKey />
            <SelectField
              name="target"
              label="Cohort and module"
              hint="The word limit comes from the module's brief."
              options={targets}
              defaultValue={values?.target}
              error={errors?.target}
            />
            <TextField
              name="deadlineDay"
              label="Deadline date"
              type="date"
              width="third"
              defaultValue={values?.deadlineDay}
              error={errors?.deadlineDay}
            />
            <TextField
              name="deadlineTime"
              label="Deadline time (in England)"
              hint="On the 24-hour clock. Left empty, it is 12:00."
              type="time"
              width="third"
              defaultValue={values?.deadlineTime ?? "12:00"}
              error={errors?.deadlineTime}
            />
            <button type="submit" className="button">
              Open assignment
            </button>
          </Form>
        )}
      </div>
    </>
  );
}
