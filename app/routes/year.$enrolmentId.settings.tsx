import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { CheckboxField, ErrorSummary, RadioGroup, SelectField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { PAUSE_REASONS } from "~/modules/first-year/pause-reasons";
import { pauseOrderError, yearSettingsSchema } from "~/modules/first-year/year-forms.server";
import { nameTeamManager, savePauses, saveYearSettings } from "~/modules/first-year/settings.server";
import { listInRole } from "~/modules/organisations/memberships.server";
import { isoDate, optionalReviewPoints, pauseProblem, yearEnd, yearInputFor } from "~/modules/first-year/year";
import { actorOf, forbidden, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Changes to the year – Practice Pathways" }];

async function gate(request: Request, enrolmentId: string | undefined) {
  const current = await requireUser(request);
  const access = await requireYearAccess(current, enrolmentId);
  if (access.party !== "programme_lead") forbidden("The programme lead records changes to the year for the employer.");
  return { current, ...access };
}

const day = (iso: string) => format(parseISO(iso), "d MMM yyyy");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { enrolment, programme, learnerName, teamManagerName } = await gate(request, params.enrolmentId);
  const teamManagers = enrolment.organisationId ? await listInRole(enrolment.organisationId, "team_manager") : [];
  return {
    enrolmentId: enrolment.id,
    learnerName,
    teamManager: teamManagerName,
    teamManagerId: enrolment.teamManagerId,
    teamManagers: teamManagers.map((m) => ({ value: m.userId, label: m.name })),
    programme: programme.title,
    startedOn: day(enrolment.startedOn),
    endsOn: format(yearEnd(yearInputFor(enrolment, programme)), "d MMM yyyy"),
    pathways: programme.assessment!.pathways ?? [],
    pathway: enrolment.pathway,
    workingPercent: String(Math.round(enrolment.fte * 100)),
    extensionDays: String(enrolment.extensionDays),
    optionalReviews: optionalReviewPoints(programme).map((r) => ({
      code: r.code,
      title: r.title,
      month: r.month,
      held: enrolment.optionalReviews.includes(r.code),
    })),
    pauses: enrolment.pauses.map((p) => ({
      ...p,
      label: `${day(p.from)} to ${day(p.to)}`,
      reasonLabel: PAUSE_REASONS[p.reason as keyof typeof PAUSE_REASONS] ?? p.reason,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, enrolment, programme } = await gate(request, params.enrolmentId);
  const formData = await request.formData();
  const form = await parseSubmission(formData, yearSettingsSchema);
  const order = pauseOrderError(formData);
  if (!form.ok || order)
    return data(
      { errors: { ...(form.ok ? {} : form.errors), ...(order ? { to: order } : {}) }, values: form.values },
      { status: 400 },
    );
  const actor = actorOf(current, context, { role: "programme_lead", organisationId: enrolment.organisationId });
  const input = form.data;
  const back = `/year/${enrolment.id}/settings`;
  if (input.intent === "team-manager") {
    const named = await nameTeamManager(enrolment, actor, input.teamManagerId);
    if (!named.ok) return data({ errors: { teamManagerId: named.message }, values: form.values }, { status: 400 });
    throw redirect(`${back}?saved=team-manager`);
  }
  if (input.intent === "settings") {
    const pathways = programme.assessment!.pathways ?? [];
    if (pathways.length && !pathways.some((p) => p.code === input.pathway))
      return data({ errors: { pathway: "Choose the pathway" }, values: form.values }, { status: 400 });
    await saveYearSettings(enrolment.id, actor, {
      pathway: pathways.length ? input.pathway! : null,
      fte: input.workingPercent / 100,
      extensionDays: input.extensionDays,
      // A checkbox per optional review point, "hold-<code>", ticked when the year holds it.
      optionalReviews: optionalReviewPoints(programme)
        .filter((r) => formData.get(`hold-${r.code}`) === "yes")
        .map((r) => r.code),
    });
    throw redirect(`${back}?saved=settings`);
  }
  if (input.intent === "add-pause") {
    const pause = { from: input.from, to: input.to, reason: input.reason };
    const endsOn = isoDate(yearEnd(yearInputFor(enrolment, programme)));
    const problem = pauseProblem(enrolment.startedOn, enrolment.pauses, pause, endsOn);
    if (problem) return data({ errors: { [problem.field]: problem.message }, values: form.values }, { status: 400 });
    await savePauses(enrolment.id, actor, [...enrolment.pauses, pause], { added: pause });
    throw redirect(`${back}?saved=pause`);
  }
  const kept = enrolment.pauses.filter((p) => p.from !== input.from);
  await savePauses(enrolment.id, actor, kept, { removed: input.from });
  throw redirect(`${back}?saved=removed`);
}

export default function YearSettings() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const adding = values?.intent === "add-pause";
  const naming = values?.intent === "team-manager";
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <ErrorSummary errors={errors} />
      {saved === "team-manager" ? (
        <Notification title="Team manager named">
          <p>
            {page.teamManager} signs {page.learnerName}&apos;s learning agreement and countersigns their reviews from
            now on. We have emailed them.
          </p>
        </Notification>
      ) : saved ? (
        <Notification
          title={saved === "settings" ? "Changes saved" : saved === "pause" ? "Pause added" : "Pause removed"}
        >
          <p>Every date in the year has been worked out again. The year now ends on {page.endsOn}.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>Changes to the year</h1>
      <p>
        Started {page.startedOn}; ends {page.endsOn}. Part-time work extends the year pro rata, and a pause moves every
        date after it: supervision, reviews and the final assessment.
      </p>
      <div className="narrow">
        <h2>Team manager</h2>
        <p>
          {page.teamManager
            ? `${page.teamManager} is ${page.learnerName}'s team manager: they sign the learning agreement and countersign reviews and the final recommendation.`
            : "No team manager named yet. Until one is named, nobody signs the learning agreement for the employer or countersigns a review."}
        </p>
        {page.teamManagers.length ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="team-manager" />
            <SelectField
              name="teamManagerId"
              label={page.teamManager ? "Change the team manager" : "Team manager"}
              hint="The learner's line manager, who allocates their work."
              options={page.teamManagers}
              defaultValue={(naming && values?.teamManagerId) || page.teamManagerId || undefined}
              error={errors?.teamManagerId}
            />
            <button type="submit" className="button button--secondary">
              Name the team manager
            </button>
          </Form>
        ) : (
          <p>
            Nobody in your organisation is a team manager yet. <a href="/organisation/invite">Invite one</a>.
          </p>
        )}
        <h2>Pathway, working time and extension</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="settings" />
          {page.pathways.length ? (
            <RadioGroup
              name="pathway"
              legend="Pathway"
              hint="Which Knowledge and Skills Statement the year is assessed against."
              error={errors?.pathway}
              defaultValue={(!adding && values?.pathway) || page.pathway || undefined}
              options={page.pathways.map((p) => ({ value: p.code, label: p.title }))}
            />
          ) : null}
          <TextField
            name="workingPercent"
            label="Working time, as a percentage of full time"
            hint="For example 60 for three days a week."
            inputMode="numeric"
            width="third"
            defaultValue={(!adding && values?.workingPercent) || page.workingPercent}
            error={errors?.workingPercent}
          />
          <TextField
            name="extensionDays"
            label="Extension, in days"
            hint="Days added to the end of the year and the final assessment, for example after a panel agrees an extension."
            inputMode="numeric"
            width="third"
            defaultValue={(!adding && values?.extensionDays) || page.extensionDays}
            error={errors?.extensionDays}
          />
          {page.optionalReviews.map((r) => (
            <CheckboxField
              key={r.code}
              name={`hold-${r.code}`}
              label={`Hold a ${r.title.toLowerCase()}`}
              hint={`An extra review point at month ${r.month}, which the employer may add. It is dated like the others, for part-time work and pauses too.`}
              defaultChecked={values && !adding && !naming ? values[`hold-${r.code}`] === "yes" : r.held}
            />
          ))}
          <button type="submit" className="button">
            Save changes
          </button>
        </Form>

        <h2>Pauses</h2>
        {page.pauses.length === 0 ? (
          <p>The year has not been paused.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Pauses in the year</caption>
            <thead>
              <tr>
                <th scope="col">Dates</th>
                <th scope="col">Reason</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.pauses.map((p) => (
                <tr key={p.from}>
                  <td>{p.label}</td>
                  <td>{p.reasonLabel}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-pause" />
                      <input type="hidden" name="from" value={p.from} />
                      <button type="submit" className="button button--secondary">
                        Remove<span className="visually-hidden"> the pause from {p.label}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="heading-m">Add a pause</h3>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-pause" />
          <TextField
            name="from"
            label="First day of the pause"
            type="date"
            width="third"
            defaultValue={adding ? values?.from : undefined}
            error={errors?.from}
          />
          <TextField
            name="to"
            label="Last day of the pause"
            type="date"
            width="third"
            defaultValue={adding ? values?.to : undefined}
            error={errors?.to}
          />
          <SelectField
            name="reason"
            label="Reason"
            options={Object.entries(PAUSE_REASONS).map(([value, label]) => ({ value, label }))}
            defaultValue={adding ? values?.reason : undefined}
            error={errors?.reason}
          />
          <button type="submit" className="button button--secondary">
            Add the pause
          </button>
        </Form>
        <p>
          <a href={`/year/${page.enrolmentId}`}>Back to the year</a>
        </p>
      </div>
    </>
  );
}
