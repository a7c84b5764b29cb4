import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCandidatesLead } from "~/modules/assessment/access.server";
import { appointAssessor, candidatesOf, independentAssessorsOf } from "~/modules/assessment/assessment.server";
import { appointSchema } from "~/modules/assessment/assessment-forms.server";
import { actorOf } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Candidates – Practice Pathways" }];

const STAGES: Record<string, string> = {
  building: "Building the portfolio",
  awaiting_manager: "Waiting for the line manager",
  awaiting_assessor: "Waiting for the assessor",
  with_assessor: "With the assessor",
  not_yet_achieved: "Not yet achieved",
  referred: "Referred to you",
  achieved: "Achieved",
};

/** The lead's candidates on programmes assessed against criteria, and their independent assessors. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireCandidatesLead(request);
  const [candidates, assessors] = await Promise.all([
    candidatesOf(current.active.organisationId),
    independentAssessorsOf(current.active.organisationId),
  ]);
  return {
    organisation: current.active.organisation.name,
    candidates: candidates.map((c) => ({ ...c, stageLabel: STAGES[c.stage] ?? c.stage })),
    assessors: assessors.map((a) => ({ value: a.membershipId, label: a.team ? `${a.name} (${a.team})` : a.name })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireCandidatesLead(request);
  const form = await parseSubmission(request, appointSchema);
  if (!form.ok) {
    // Each candidate's select has its own id: the error names the one on the form sent.
    const row = typeof form.values.enrolmentId === "string" ? `assessor-${form.values.enrolmentId}` : "assessor";
    const { assessor, ...rest } = form.errors;
    return data({ errors: assessor ? { ...rest, [row]: assessor } : rest, values: form.values }, { status: 400 });
  }
  const done = await appointAssessor(form.data.enrolmentId, form.data.assessor, actorOf(current, context));
  if (!done.ok)
    return data(
      { errors: { [`assessor-${form.data.enrolmentId}`]: done.message }, values: form.values },
      { status: done.field ? 400 : 404 },
    );
  throw redirect("/organisation/candidates?appointed=1");
}

export default function Candidates() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("appointed") ? (
        <Notification title="Assessor appointed">
          <p>They are asked to accept, declaring they have no conflict of interest, before they read the portfolio.</p>
        </Notification>
      ) : null}
      <span className="caption">{page.organisation}</span>
      <h1>Candidates</h1>
      <p className="narrow">
        Learners on the advanced practitioner and Child Protection Lead Practitioner programmes, assessed against each
        programme's criteria by an independent assessor: someone outside the candidate's own team, who is not their
        supervisor or line manager.
      </p>
      {page.candidates.length === 0 ? <p>No one in the organisation is on a programme assessed against criteria.</p> : null}
      {page.candidates.map((c) => (
        <section key={c.enrolmentId} className="panel" aria-labelledby={`candidate-${c.enrolmentId}`}>
          <h2 id={`candidate-${c.enrolmentId}`} className="heading-m">
            <a href={`/assessment/${c.enrolmentId}`}>{c.name}</a>
          </h2>
          <p>
            {c.programmeTitle} · {c.stageLabel}
            {c.submissions ? ` · ${c.submissions} ${c.submissions === 1 ? "submission" : "submissions"}` : ""}
          </p>
          <p>
            Independent assessor:{" "}
            {c.assessor ? `${c.assessor.name}${c.assessor.accepted ? ", accepted" : ", not yet accepted"}` : "none appointed"}
          </p>
          {c.stage !== "achieved" ? (
            <Form method="post" noValidate>
              <SubmissionKey />
              <input type="hidden" name="enrolmentId" value={c.enrolmentId} />
              <SelectField
                name="assessor"
                id={`assessor-${c.enrolmentId}`}
                options={page.assessors}
                error={errors?.[`assessor-${c.enrolmentId}`]}
                label={c.assessor ? `Appoint another assessor for ${c.name}` : `Appoint an assessor for ${c.name}`}
              />
              <button type="submit" className="button button--secondary">
                Appoint
              </button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}

