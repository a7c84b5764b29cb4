import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO, previousMonday, isMonday } from "date-fns";
import { ErrorSummary, TextField } from "~/components/forms";
import { LineChart } from "~/components/LineChart";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { breaches, judgeWeeks } from "~/modules/workload/rules";
import { workloadActionSchema } from "~/modules/workload/workload-forms.server";
import { findLimit, listWeeks, recordWeek, setLimit } from "~/modules/workload/workload.server";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Workload – ${data.learnerName} – Practice Pathways` : "Workload – Practice Pathways" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, party, learnerName } = await requireYearAccess(current, params.enrolmentId);
  const [weeks, limit] = await Promise.all([listWeeks(enrolment.id), findLimit(enrolment.id)]);
  const share = programme.assessment!.protectedTimeShare;
  const verdicts = judgeWeeks(weeks, limit, share);
  const today = englandToday();
  return {
    enrolmentId: enrolment.id,
    party,
    learnerName,
    programme: programme.title,
    share,
    limit,
    thisWeek: format(isMonday(today) ? today : previousMonday(today), "yyyy-MM-dd"),
    breaches: breaches(verdicts),
    weeks: verdicts.map((v) => ({ ...v, label: format(parseISO(v.weekStarting), "d MMM") })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, party } = await requireYearAccess(current, params.enrolmentId);
  const form = await parseSubmission(await request.formData(), workloadActionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const actor = actorOf(current, context, { role: party, organisationId: enrolment.organisationId });
  const here = `/year/${enrolment.id}/workload`;
  if (form.data.intent === "limit") {
    if (party === "learner") forbidden("The caseload limit is set by the supervisor or programme lead.");
    await setLimit(enrolment.id, actor, form.data.maxCaseload);
    throw redirect(`${here}?limit=1`);
  }
  const { weekStarting, caseload, contractedHours, protectedHours } = form.data;
  if (protectedHours > contractedHours)
    return data(
      {
        errors: { protectedHours: "Protected hours cannot be more than the hours contracted" },
        values: form.data as unknown as Record<string, string>,
      },
      { status: 400 },
    );
  await recordWeek(enrolment.id, actor, { weekStarting, caseload, contractedHours, protectedHours });
  throw redirect(`${here}?recorded=1`);
}

export default function Workload() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const [params] = useSearchParams();
  const percent = Math.round(page.share * 100);
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <ErrorSummary errors={errors} />
      {params.get("recorded") ? (
        <Notification title="Week recorded">
          <p>The charts and flags below include it.</p>
        </Notification>
      ) : null}
      {params.get("limit") ? (
        <Notification title="Caseload limit saved">
          <p>Weeks above it are flagged to the supervisor and programme lead.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>Workload</h1>
      <p className="narrow">
        Caseload is kept below an experienced colleague&apos;s and rises through the year; about {percent}% of working
        time is protected for development. Each week is checked against the employer&apos;s caseload limit
        {page.limit !== null ? ` (${page.limit} cases)` : " (not set yet)"} and the {percent}% share.
      </p>
      <p>
        {page.breaches === 0 ? (
          <span className="tag tag--green">No weeks flagged</span>
        ) : (
          <span className="tag tag--red">
            {page.breaches} {page.breaches === 1 ? "week" : "weeks"} flagged
          </span>
        )}
      </p>
      {page.weeks.length ? (
        <>
          <h2>Caseload by week</h2>
          <LineChart
            id="caseload-chart"
            title={`Caseload by week for ${page.learnerName}`}
            description={`Cases held each week${page.limit !== null ? `, against a limit of ${page.limit}` : ""}. The same figures are in the table below.`}
            labels={page.weeks.map((w) => w.label)}
            values={page.weeks.map((w) => w.caseload)}
            reference={page.limit}
            referenceLabel={page.limit !== null ? `Limit: ${page.limit}` : undefined}
          />
          <h2>Protected development time by week</h2>
          <LineChart
            id="protected-chart"
            kind="bars"
            title={`Protected development hours by week for ${page.learnerName}`}
            description={`Hours taken each week against ${percent}% of contracted hours. The same figures are in the table below.`}
            labels={page.weeks.map((w) => w.label)}
            values={page.weeks.map((w) => w.protectedHours)}
            reference={page.weeks.map((w) => w.protectedTarget)}
            referenceLabel={`Target: ${percent}% of hours`}
          />
          <table className="table">
            <caption>Weeks recorded</caption>
            <thead>
              <tr>
                <th scope="col">Week starting</th>
                <th scope="col">Cases</th>
                <th scope="col">Protected hours (target)</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {page.weeks.map((w) => (
                <tr key={w.weekStarting}>
                  <td>{format(parseISO(w.weekStarting), "d MMMM yyyy")}</td>
                  <td>{w.caseload}</td>
                  <td>
                    {w.protectedHours} ({w.protectedTarget} of {w.contractedHours})
                  </td>
                  <td>
                    {w.overCaseload ? <span className="tag tag--red">Over the caseload limit</span> : null}{" "}
                    {w.shortOfProtectedTime ? <span className="tag tag--red">Protected time short</span> : null}
                    {!w.overCaseload && !w.shortOfProtectedTime ? "None" : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>No weeks recorded yet.</p>
      )}
      <div className="narrow">
        <h2>Record a week</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="week" />
          <TextField
            name="weekStarting"
            label="Week starting (a Monday)"
            type="date"
            width="third"
            defaultValue={values?.weekStarting ?? page.thisWeek}
            error={errors?.weekStarting}
          />
          <TextField
            name="caseload"
            label="Cases held that week"
            inputMode="numeric"
            width="third"
            defaultValue={values?.caseload}
            error={errors?.caseload}
          />
          <TextField
            name="contractedHours"
            label="Hours contracted that week"
            inputMode="decimal"
            width="third"
            defaultValue={values?.contractedHours ?? "37"}
            error={errors?.contractedHours}
          />
          <TextField
            name="protectedHours"
            label="Protected development hours taken"
            inputMode="decimal"
            width="third"
            defaultValue={values?.protectedHours}
            error={errors?.protectedHours}
          />
          <button type="submit" className="button">
            Record the week
          </button>
        </Form>
        {page.party !== "learner" ? (
          <>
            <h2>Caseload limit</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="limit" />
              <TextField
                name="maxCaseload"
                label="Most cases this NQSW should hold"
                hint="The employer's limit for this point in the year; raise it as the year goes on."
                inputMode="numeric"
                width="third"
                defaultValue={values?.maxCaseload ?? (page.limit !== null ? String(page.limit) : "")}
                error={errors?.maxCaseload}
              />
              <button type="submit" className="button button--secondary">
                Save the limit
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </>
  );
}
