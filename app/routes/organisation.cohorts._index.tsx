import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { listProgrammes } from "~/modules/programmes/catalogue.server";
import { cohortSchema } from "~/modules/programmes/cohort-schemas.server";
import { createCohort, listCohorts } from "~/modules/programmes/cohorts.server";
import { formatDate } from "~/modules/organisations/people";
import { actorOf, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";

export const meta: MetaFunction = () => [{ title: "Cohorts – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "enrolment:manage:organisation" });
  const programmes = new Map(listProgrammes().map((p) => [p.slug, p.title]));
  const cohorts = await listCohorts(current.active.organisationId);
  return {
    organisation: current.active.organisation.name,
    programmes: [...programmes].map(([value, label]) => ({ value, label })),
    cohorts: cohorts.map((c) => ({
      ...c,
      programme: programmes.get(c.programmeSlug) ?? c.programmeSlug,
      startsOn: formatDate(c.startsOn),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "enrolment:manage:organisation" });
  const form = await parseSubmission(request, cohortSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
    const result = await createCohort(actorOf(current, context), form.data);
    if (!result.ok)
      return refuse(
        data(
          { errors: { [result.field]: result.message }, values: form.data as Record<string, string> },
          { status: 400 },
        ),
      );
    return `/organisation/cohorts/${result.cohort.id}?created=1`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function Cohorts() {
  const { organisation, programmes, cohorts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="caption">{organisation}</span>
      <h1>Cohorts</h1>
      {cohorts.length === 0 ? (
        <p>No cohorts yet. Start one below, then enrol your learners into it.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Cohorts</caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col">Programme</th>
              <th scope="col">Starts</th>
              <th scope="col">Learners</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/organisation/cohorts/${c.id}`}>{c.name}</a>
                </td>
                <td>{c.programme}</td>
                <td>{c.startsOn}</td>
                <td>{c.learners}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="narrow">
        <h2>Start a cohort</h2>
        <Form method="post" noValidate>
          <SubmissionKey />
          <SelectField
            name="programmeSlug"
            label="Programme"
            options={programmes}
            defaultValue={values?.programmeSlug}
            error={errors?.programmeSlug}
          />
          <TextField
            name="name"
            label="Cohort name"
            hint="For example, ASYE January 2027 intake"
            defaultValue={values?.name}
            error={errors?.name}
          />
          <TextField
            name="startsOn"
            label="Start date"
            type="date"
            width="third"
            defaultValue={values?.startsOn}
            error={errors?.startsOn}
          />
          <button type="submit" className="button">
            Start cohort
          </button>
        </Form>
      </div>
    </>
  );
}
