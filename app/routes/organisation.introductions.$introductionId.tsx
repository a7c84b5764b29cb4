import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { formatDate } from "~/modules/organisations/people";
import { councilStepSchema } from "~/modules/returners/introduction-schema.server";
import { nextSteps } from "~/modules/returners/introductions";
import { findOrganisationIntroduction, recordCouncilStep } from "~/modules/returners/introductions.server";
import { INTRODUCTION_STATUS_LABELS, REGISTRATION_LABELS, SPECIALISM_LABELS } from "~/modules/returners/options";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.introduction.name ?? "Introduction"} – Practice Pathways` },
];

async function introductionOr404(request: Request, introductionId: string | undefined) {
  const current = await requireMembership(request, { permission: "introduction:manage:organisation", employerOnly: true });
  if (!isUuid(introductionId)) notFound();
  const introduction = await findOrganisationIntroduction(current.active.organisationId, introductionId);
  if (!introduction) notFound();
  return { current, introduction };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, introduction: i } = await introductionOr404(request, params.introductionId);
  return {
    held: await heldPostFor(request, current.user.id),
    organisation: current.active.organisation.name,
    next: nextSteps(i.status),
    introduction: {
      id: i.id,
      name: i.name,
      email: i.email,
      phone: i.phone,
      bestTimes: i.bestTimes,
      region: i.region,
      specialism: SPECIALISM_LABELS[i.specialism],
      lastPractised: formatDate(i.lastPractisedOn).replace(/^\d+ /, ""),
      registration: REGISTRATION_LABELS[i.registrationStatus],
      vacancyId: i.vacancyId,
      vacancyTitle: i.vacancyTitle,
      vacancyTeam: i.vacancyTeam,
      status: INTRODUCTION_STATUS_LABELS[i.status],
      interviewOn: i.interviewOn ? formatDate(i.interviewOn) : null,
      startsOn: i.startsOn ? formatDate(i.startsOn) : null,
      events: i.events.map((e) => ({
        status: INTRODUCTION_STATUS_LABELS[e.status],
        note: e.note,
        on: formatDate(e.at),
        by: e.by,
      })),
    },
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, introduction } = await introductionOr404(request, params.introductionId);
  const form = await parseSubmission(request, councilStepSchema);
  if (!form.ok) {
    const { intent, ...fields } = form.errors;
    const errors = intent && !Object.keys(fields).length ? { form: "Choose what to record" } : fields;
    return data({ errors, values: form.values }, { status: 400 });
  }
  const result = await recordCouncilStep(
    actorOf(current, context),
    introduction.id,
    form.data,
  );
  if (!result.ok)
    return data({ errors: { form: result.message }, values: form.data as Record<string, string> }, { status: 400 });
  throw redirect(`/organisation/introductions/${introduction.id}?recorded=${result.status}`);
}

export default function IntroductionPage() {
  const { organisation, introduction: i, next, held: heldPost } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = actionData ? null : heldPost;
  const values = (actionData?.values ?? held?.fields) as Record<string, string> | undefined;
  const recorded = params.get("recorded");
  const mine = (intent: string) => (values?.intent === intent ? errors : undefined);
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {recorded ? (
        <Notification title="Recorded">
          <p>
            {i.name} and the helpline can now see that the introduction is at “{i.status}”.
          </p>
        </Notification>
      ) : null}
      <p>
        <a href="/organisation/introductions">Back to introductions</a>
      </p>
      <span className="caption">{organisation}</span>
      <h1>{i.name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Introduced for</dt>
          <dd>
            <a href={`/organisation/vacancies/${i.vacancyId}`}>{i.vacancyTitle}</a>, {i.vacancyTeam}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            {i.status}
            {i.interviewOn ? `. Interview on ${i.interviewOn}` : null}
            {i.startsOn ? `. Starts on ${i.startsOn}` : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>
            <a href={`mailto:${i.email}`}>{i.email}</a>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Phone</dt>
          <dd>{i.phone}</dd>
        </div>
        {i.bestTimes ? (
          <div className="summary-list__row">
            <dt>Best times to call</dt>
            <dd>{i.bestTimes}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>Region and specialism</dt>
          <dd>
            {i.region}; {i.specialism}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Last in practice</dt>
          <dd>{i.lastPractised}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Registration</dt>
          <dd>{i.registration}</dd>
        </div>
      </dl>
      <p className="hint">
        {i.name} agreed to share these details with councils through the helpline. Use them only for this recruitment.
      </p>

      {next.length ? <h2>Record what happened</h2> : <p>This introduction is finished: nothing more to record.</p>}
      {next.includes("interview") ? (
        <Form method="post" noValidate className="block">
          <h3 className="heading-s">Interview arranged</h3>
          <TextField name="interviewOn" label="Interview date" type="date" width="third" defaultValue={values?.intent === "interview" ? values.interviewOn : undefined} error={mine("interview")?.interviewOn} />
          <button type="submit" name="intent" value="interview" className="button button--secondary">
            Record the interview
          </button>
        </Form>
      ) : null}
      {next.includes("offered") ? (
        <Form method="post" noValidate className="block">
          <h3 className="heading-s">Offer made</h3>
          <TextAreaField name="note" label="Note for the helpline and the returner (optional)" rows={2} defaultValue={values?.intent === "offered" ? values.note : undefined} error={mine("offered")?.note} />
          <button type="submit" name="intent" value="offered" className="button button--secondary">
            Record the offer
          </button>
        </Form>
      ) : null}
      {next.includes("started") ? (
        <Form method="post" noValidate className="block">
          <h3 className="heading-s">Started in post</h3>
          <TextField name="startsOn" label="Start date" type="date" width="third" defaultValue={values?.intent === "started" ? values.startsOn : undefined} error={mine("started")?.startsOn} />
          <button type="submit" name="intent" value="started" className="button button--secondary">
            Record the start
          </button>
        </Form>
      ) : null}
      {next.includes("declined") ? (
        <Form method="post" noValidate className="block">
          <h3 className="heading-s">Not going ahead</h3>
          <TextAreaField
            name="reason"
            label="Why it is not going ahead"
            hint="For example, the returner withdrew, or the post was filled. They and the helpline will see this."
            rows={2}
            defaultValue={values?.intent === "declined" ? values.reason : undefined}
            error={mine("declined")?.reason}
          />
          <button type="submit" name="intent" value="declined" className="button button--warning">
            Record a decline
          </button>
        </Form>
      ) : null}

      <h2>History</h2>
      <ol className="timeline__events plain-list">
        {i.events.map((e, n) => (
          <li key={n}>
            <strong>{e.status}</strong>, {e.on}, by {e.by}
            {e.note ? <div className="preserve-lines">{e.note}</div> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
