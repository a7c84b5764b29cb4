import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { listPeople } from "~/modules/organisations/memberships.server";
import { formatDate } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { enrolSchema } from "~/modules/programmes/cohort-schemas.server";
import { enrolLearner, findCohort, listCohortEnrolments } from "~/modules/programmes/cohorts.server";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { englandDay } from "~/utils/england";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.cohort.name ?? "Cohort"} – Practice Pathways` },
];

async function cohortOr404(request: Request, cohortId: string | undefined) {
  const current = await requireMembership(request, { permission: "enrolment:manage:organisation" });
  if (!isUuid(cohortId)) notFound();
  const cohort = await findCohort(current.active.organisationId, cohortId);
  if (!cohort) notFound();
  return { current, cohort };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, cohort } = await cohortOr404(request, params.cohortId);
  const [enrolled, people] = await Promise.all([
    listCohortEnrolments(cohort.id),
    listPeople(current.active.organisationId),
  ]);
  const enrolledIds = new Set(enrolled.map((e) => e.userId));
  return {
    organisation: current.active.organisation.name,
    cohort: {
      id: cohort.id,
      name: cohort.name,
      startsOn: formatDate(cohort.startsOn),
      startsOnIso: cohort.startsOn,
      programme: findProgramme(cohort.programmeSlug)?.title ?? cohort.programmeSlug,
      /** An assessed year has a team manager, who signs and countersigns in it. */
      assessed: !!findProgramme(cohort.programmeSlug)?.assessment,
    },
    enrolled: enrolled.map((e) => ({ ...e, startedOn: formatDate(e.startedOn) })),
    learners: people
      .filter((p) => p.role === "learner" && !enrolledIds.has(p.userId))
      .map((p) => ({ value: p.userId, label: p.name })),
    supervisors: people.filter((p) => p.role === "supervisor").map((p) => ({ value: p.userId, label: p.name })),
    teamManagers: people.filter((p) => p.role === "team_manager").map((p) => ({ value: p.userId, label: p.name })),
    today: englandDay(),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, cohort } = await cohortOr404(request, params.cohortId);
  const form = await parseSubmission(request, enrolSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await enrolLearner(actorOf(current, context), cohort.id, form.data);
    if (!result.ok)
      return refuse(
        data(
          { errors: { [result.field]: result.message }, values: form.data as Record<string, string | null> },
          { status: 400 },
        ),
      );
    return `/organisation/cohorts/${cohort.id}?enrolled=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function CohortPage() {
  const { organisation, cohort, enrolled, learners, supervisors, teamManagers, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string | undefined> | undefined;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("enrolled") ? (
        <Notification title="Learner enrolled">
          <p>They can now see the programme on their start page, and their supervisor can see them.</p>
        </Notification>
      ) : null}
      {params.get("created") ? (
        <Notification title="Cohort started">
          <p>Now enrol your learners into it.</p>
        </Notification>
      ) : null}
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <a href="/organisation/cohorts">Cohorts</a>
          </li>
        </ol>
      </nav>
      <span className="caption">
        {organisation} · {cohort.programme}
      </span>
      <h1>{cohort.name}</h1>
      <p>Starts {cohort.startsOn}.</p>
      <h2>Learners ({enrolled.length})</h2>
      {enrolled.length === 0 ? (
        <p>Nobody is enrolled yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Learners in this cohort</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Started</th>
              <th scope="col">Practice supervisor</th>
              {cohort.assessed ? <th scope="col">Team manager</th> : null}
            </tr>
          </thead>
          <tbody>
            {enrolled.map((e) => (
              <tr key={e.enrolmentId}>
                <td>{e.name}</td>
                <td>{e.startedOn}</td>
                <td>{e.supervisorName ?? "Not assigned"}</td>
                {cohort.assessed ? (
                  <td>
                    {e.teamManagerName ?? (
                      <>
                        Not named yet{" "}
                        <a href={`/year/${e.enrolmentId}/settings`}>
                          Name one<span className="visually-hidden"> for {e.name}</span>
                        </a>
                      </>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="narrow">
        <h2>Enrol a learner</h2>
        {learners.length === 0 ? (
          <p>
            Every learner in {organisation} is already in this cohort.{" "}
            <a href="/organisation/invite">Invite a learner</a> first.
          </p>
        ) : (
          <Form method="post" noValidate>
            <SubmissionKey />
            <SelectField
              name="learnerId"
              label="Learner"
              options={learners}
              defaultValue={values?.learnerId}
              error={errors?.learnerId}
            />
            <SelectField
              name="supervisorId"
              label="Practice supervisor"
              options={supervisors}
              defaultValue={values?.supervisorId}
              error={errors?.supervisorId}
            />
            {cohort.assessed ? (
              <SelectField
                name="teamManagerId"
                label="Team manager (optional)"
                hint="The learner's line manager: signs the learning agreement and countersigns reviews. Leave it to name one later, on the year's settings."
                options={teamManagers}
                defaultValue={values?.teamManagerId ?? undefined}
                error={errors?.teamManagerId}
              />
            ) : null}
            <TextField
              name="startedOn"
              label="Date they start the programme"
              hint="For the assessed first year, the day they started in their qualified post"
              type="date"
              width="third"
              defaultValue={values?.startedOn ?? (cohort.startsOnIso > today ? cohort.startsOnIso : today)}
              error={errors?.startedOn}
            />
            <button type="submit" className="button">
              Enrol learner
            </button>
          </Form>
        )}
      </div>
    </>
  );
}
