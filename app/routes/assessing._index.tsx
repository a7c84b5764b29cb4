import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxField, ErrorSummary } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireIndependentAssessor } from "~/modules/assessment/access.server";
import { acceptAppointment, assessorQueue } from "~/modules/assessment/assessment.server";
import { acceptSchema } from "~/modules/assessment/assessment-forms.server";
import { CONFLICT_DECLARATION, OUTCOMES } from "~/modules/assessment/criteria";
import { actorOf } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Assessing – Practice Pathways" }];

/** The independent assessor's queue: the candidates appointed to them, and what waits for them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireIndependentAssessor(request);
  const queue = await assessorQueue(current.user.id, current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    candidates: queue.map((q) => ({
      appointmentId: q.appointmentId,
      name: q.candidateName,
      programme: q.programmeTitle,
      accepted: !!q.acceptedAt,
      submission: q.latest && { id: q.latest.id, number: q.latest.number, confirmed: q.latest.confirmed },
      status: !q.acceptedAt
        ? "Accept the appointment to read the portfolio"
        : !q.latest
          ? "Nothing submitted yet"
          : q.latest.outcome
            ? `${OUTCOMES[q.latest.outcome]} (submission ${q.latest.number})`
            : q.latest.confirmed
              ? `Submission ${q.latest.number} to assess`
              : `Submission ${q.latest.number}: waiting for the line manager's confirmation`,
      toAssess: !!q.acceptedAt && !!q.latest?.confirmed && !q.latest.outcome,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireIndependentAssessor(request);
  const form = await parseSubmission(request, acceptSchema);
  // Each pending appointment has its own form: the problem is named by the appointment's checkbox,
  // so the summary's link and the message beside the box find the right one.
  const declareId = `declare-${typeof form.values.appointmentId === "string" ? form.values.appointmentId : ""}`;
  if (!form.ok) {
    const { declare, ...rest } = form.errors as Record<string, string>;
    return data({ errors: declare ? { [declareId]: declare, ...rest } : rest, values: form.values }, { status: 400 });
  }
  const done = await acceptAppointment(form.data.appointmentId, actorOf(current, context));
  if (!done.ok) return data({ errors: { [declareId]: done.message }, values: form.values }, { status: 404 });
  throw redirect("/assessing?accepted=1");
}

export default function AssessingQueue() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const toAssess = page.candidates.filter((c) => c.toAssess).length;
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("accepted") ? <Notification title="Appointment accepted">
          <p>Your declaration is recorded. You can read the candidate's submitted portfolio once their line manager has confirmed it.</p>
        </Notification> : null}
      <span className="caption">{page.organisation}</span>
      <h1>Assessing</h1>
      <p className="narrow">
        You assess the portfolios of the candidates the programme lead has appointed you to, against the programme's
        criteria. You read exactly the version submitted. {toAssess} {toAssess === 1 ? "submission waits" : "submissions wait"} for you.
      </p>
      {page.candidates.length === 0 ? <p>No candidate has been appointed to you yet.</p> : null}
      {page.candidates.length ? (
        <table className="table">
          <caption className="visually-hidden">Candidates appointed to you</caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">Programme</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {page.candidates.map((c) => (
              <tr key={c.appointmentId}>
                <th scope="row">
                  {c.accepted && c.submission?.confirmed ? (
                    <a href={`/assessing/${c.submission.id}`}>{c.name}</a>
                  ) : (
                    c.name
                  )}
                </th>
                <td>{c.programme}</td>
                <td>{c.toAssess ? <strong>{c.status}</strong> : c.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {page.candidates
        .filter((c) => !c.accepted)
        .map((c) => (
          <section key={c.appointmentId} className="panel narrow" aria-labelledby={`accept-${c.appointmentId}`}>
            <h2 id={`accept-${c.appointmentId}`} className="heading-m">
              Accept the appointment to assess {c.name}
            </h2>
            <Form method="post" noValidate>
              <SubmissionKey />
              <input type="hidden" name="appointmentId" value={c.appointmentId} />
              <CheckboxField
                name="declare"
                id={`declare-${c.appointmentId}`}
                value="yes"
                label="I declare that I have no conflict of interest"
                hint={CONFLICT_DECLARATION}
                error={errors?.[`declare-${c.appointmentId}`]}
              />
              <button type="submit" className="button">
                Accept and declare
              </button>
            </Form>
          </section>
        ))}
    </>
  );
}
