import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { ErrorSummary, RadioGroup, SelectField, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { formatDate } from "~/modules/organisations/people";
import { changeStatusSchema, createAccountSchema, logCallSchema } from "~/modules/returners/callback-schemas.server";
import { isOverdue } from "~/modules/returners/helpline-queue";
import {
  changeStatus,
  createReturnerAccount,
  findRequest,
  listNotes,
  logCall,
  type HelplineActor,
} from "~/modules/returners/helpline-queue.server";
import { checkEligibility } from "~/modules/returners/eligibility";
import {
  CALL_OUTCOME_LABELS,
  CALL_OUTCOMES,
  CALLBACK_STATUS_LABELS,
  CALLBACK_STATUSES,
  SPECIALISM_LABELS,
} from "~/modules/returners/options";
import { type ActingUser, actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { englandDay } from "~/utils/england";
import { savedOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { HeldTextNotice } from "~/components/HeldText";
import { heldPostFor } from "~/modules/drafts/held-posts.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.request.reference} – Callback requests – Practice Pathways`
      : "Callback request – Practice Pathways",
  },
];

async function requestOf(request: Request, requestId: string | undefined) {
  const current = await requireMembership(request, { permission: "callback:manage:helpline" });
  const found = await findRequest(current.active.organisationId, requestId);
  if (!found) notFound("We could not find that callback request.");
  return { current, found };
}

const monthYear = (day: string) => format(parseISO(day), "MMMM yyyy");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, found } = await requestOf(request, params.requestId);
  const r = found.request;
  const today = englandDay();
  const notes = await listNotes(r.id);
  const eligibility = checkEligibility(
    {
      qualifiedInUk: true,
      registration: r.registrationStatus,
      lapsedOn: r.lapsedOn ?? undefined,
      lastPractisedOn: r.lastPractisedOn,
      specialism: r.specialism,
    },
    today,
  );
  return {
    request: {
      id: r.id,
      reference: r.reference,
      name: r.name,
      email: r.email,
      phone: r.phone,
      region: r.region,
      specialism: SPECIALISM_LABELS[r.specialism],
      lastPractised: monthYear(r.lastPractisedOn),
      registration:
        r.registrationStatus === "lapsed"
          ? `Lapsed${r.lapsedOn ? ` on ${format(parseISO(r.lapsedOn), "d MMMM yyyy")}` : ""}`
          : r.registrationStatus === "registered"
            ? "Still on the register"
            : "Never registered: applies as a new applicant",
      bestTimes: r.bestTimes,
      consent: r.consentToShare,
      consentRecorded: r.consentRecordedAt ? formatDate(r.consentRecordedAt) : null,
      status: r.status,
      requested: formatDate(r.createdAt),
      callBackBy: formatDate(r.callBackBy),
      overdue: isOverdue(r.status, r.callBackBy, today),
      firstContact: r.firstContactAt ? format(r.firstContactAt, "d MMMM yyyy, h:mmaaa") : null,
      account: r.returnerId ? { name: found.returnerName ?? "", email: found.returnerEmail ?? "" } : null,
    },
    eligibility,
    notes: notes.map((n) => ({
      id: n.id,
      outcome: CALL_OUTCOME_LABELS[n.outcome],
      note: n.note,
      author: n.author,
      at: format(n.createdAt, "d MMMM yyyy, h:mmaaa"),
      iso: n.createdAt.toISOString(),
    })),
    held: await heldPostFor(request, current.user.id),
  };
}

/** The advisor, as the helpline's records name them. */
function deskActorOf(current: ActingUser, context: ActionFunctionArgs["context"]): HelplineActor {
  return {
    ...actorOf(current, context),
    name: current.user.name,
    helplineId: current.active.organisationId,
    helplineName: current.active.organisation.name,
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, found } = await requestOf(request, params.requestId);
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return data(
      { errors: { form: "We could not read that form. Please try again." }, values: {}, intent: null },
      { status: 400 },
    );
  }
  const here = `/helpline/requests/${found.request.id}`;
  const actor = deskActorOf(current, context);
  const intent = formData.get("intent");
  if (intent === "log-call") {
    const form = await parseSubmission(formData, logCallSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent }, { status: 400 });
    const { outcome, note } = form.data;
    throw redirect(
      await savedOnce(request, form.sent, current.user.id, async () => {
        await logCall(actor, found.request, outcome, note);
        return `${here}?logged=1`;
      }),
    );
  }
  if (intent === "status") {
    const form = await parseSubmission(formData, changeStatusSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent }, { status: 400 });
    if (form.data.status === found.request.status)
      return data(
        {
          errors: { status: "Choose a status different from the one it has now" },
          values: form.values,
          intent,
        },
        { status: 400 },
      );
    await changeStatus(actor, found.request, form.data.status, form.data.reason);
    throw redirect(`${here}?moved=1`);
  }
  if (intent === "create-account") {
    const form = await parseSubmission(formData, createAccountSchema);
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent }, { status: 400 });
    if (found.request.returnerId) throw redirect(here);
    const result = await createReturnerAccount(actor, found.request, requestDetails(request, context).origin);
    if (!result.ok) return data({ errors: { form: result.message }, values: {}, intent }, { status: 409 });
    throw redirect(`${here}?account=${result.created ? "created" : "linked"}`);
  }
  return data(
    {
      errors: { form: "Choose what to do: log a call, change the status or make their account." },
      values: {},
      intent: null,
    },
    { status: 400 },
  );
}

export default function CallbackRequestPage() {
  const { request: r, eligibility, notes, held: heldPost } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const held = actionData ? null : heldPost;
  const values = (actionData?.values ?? held?.fields ?? {}) as Record<string, string>;
  const failed = actionData?.intent ?? held?.fields.intent;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {held ? <HeldTextNotice held={held} /> : null}
      {params.get("logged") ? (
        <Notification title="Call logged">
          <p>It is at the top of the history below.</p>
        </Notification>
      ) : null}
      {params.get("moved") ? (
        <Notification title="Status changed">
          <p>The request is now {CALLBACK_STATUS_LABELS[r.status].toLowerCase()}.</p>
        </Notification>
      ) : null}
      {params.get("account") ? (
        <Notification title={params.get("account") === "created" ? "Account made" : "Account linked"}>
          <p>
            {r.name} is enrolled on the refresher programme.{" "}
            {params.get("account") === "created"
              ? `We have emailed ${r.email} a link to set their password.`
              : "They already had an account with this email address, so the request is linked to it."}
          </p>
        </Notification>
      ) : null}
      <p>
        <a href="/helpline">Back to callback requests</a>
      </p>
      <span className="caption">Callback request {r.reference}</span>
      <h1>{r.name}</h1>
      <p>
        <span className="tag">{CALLBACK_STATUS_LABELS[r.status]}</span>{" "}
        {r.status === "new" ? (
          r.overdue ? (
            <span className="overdue">
              <span className="tag tag--red">Overdue</span> Call back was due by {r.callBackBy}
            </span>
          ) : (
            <>Call back by {r.callBackBy}</>
          )
        ) : null}
      </p>

      <dl className="summary-list">
        {(
          [
            ["Reference", r.reference],
            ["Phone", r.phone],
            ["Email address", r.email],
            ["Best times to call", r.bestTimes || "Not given"],
            ["Region", r.region],
            ["Specialism", r.specialism],
            ["Last practised", r.lastPractised],
            ["Registration", r.registration],
            [
              "Consent to share with councils",
              r.consent ? `Given${r.consentRecorded ? ` on ${r.consentRecorded}` : ""}` : "Not given: do not introduce",
            ],
            ["Asked on", r.requested],
            ["First contact", r.firstContact ?? "Not reached yet"],
          ] as const
        ).map(([term, value]) => (
          <div className="summary-list__row" key={term}>
            <dt>{term}</dt>
            <dd>{term === "Email address" ? <a href={`mailto:${value}`}>{value}</a> : value}</dd>
          </div>
        ))}
      </dl>

      <section className="panel" aria-labelledby="eligibility-title">
        <h2 id="eligibility-title">
          {eligibility.route === "still_registered"
            ? "Still registered: no updating days needed"
            : eligibility.route === "new_applicant"
              ? "Never registered: applies to join the register as a new applicant"
              : eligibility.updatingDays
                ? `Needs ${eligibility.updatingDays} updating days`
                : "No updating days needed"}
        </h2>
        <p>
          From their answers: about {eligibility.yearsOutOfPractice} years out of practice
          {eligibility.route === "return" ? `, ${eligibility.timeOffRegister} off the register` : ""}.{" "}
          {eligibility.nationalProgramme
            ? "Within the national programme's 2 to 10 years."
            : "Outside the national programme's 2 to 10 years."}
        </p>
        <ul>
          {eligibility.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </section>

      <div className="narrow">
        <h2>Their account</h2>
        {r.account ? (
          <p>
            Linked to the account of {r.account.name} ({r.account.email}), enrolled on the Return to Social Work
            refresher programme.
          </p>
        ) : (
          <Form method="post">
            <SubmissionKey />
            <input type="hidden" name="intent" value="create-account" />
            <p>
              Make an account for {r.name} with {r.email}, enrol them on the refresher programme, and email them a link
              to set their password. If the address already has an account, the request is linked to it instead.
            </p>
            <button type="submit" className="button button--secondary">
              Create their account and enrol them on the refresher programme
            </button>
          </Form>
        )}
        <p>
          <a href={`/helpline/requests/${r.id}/vacancies`}>Find vacancies and introduce</a>
          {r.consent ? null : <> (they have not agreed to their details being shared, so they cannot be introduced)</>}
        </p>

        <h2>Log a call</h2>
        <Form method="post" noValidate>
          <SubmissionKey />
          <input type="hidden" name="intent" value="log-call" />
          <RadioGroup
            name="outcome"
            legend="What happened?"
            error={failed === "log-call" ? errors?.outcome : undefined}
            defaultValue={failed === "log-call" ? values.outcome : undefined}
            options={CALL_OUTCOMES.map((value) => ({ value, label: CALL_OUTCOME_LABELS[value] }))}
          />
          <TextAreaField
            name="note"
            label="Note"
            hint="What was said or agreed, and what happens next. Needed when you spoke to them."
            rows={4}
            error={failed === "log-call" ? errors?.note : undefined}
            defaultValue={failed === "log-call" ? values.note : undefined}
          />
          <button type="submit" className="button">
            Log the call
          </button>
        </Form>

        <h2>Change the status</h2>
        <Form method="post" noValidate>
          <SubmissionKey />
          <input type="hidden" name="intent" value="status" />
          <SelectField
            name="status"
            label="New status"
            hint={`Now: ${CALLBACK_STATUS_LABELS[r.status]}. Choose "Returned to practice" once they have started work.`}
            options={CALLBACK_STATUSES.filter((s) => s !== r.status).map((s) => ({
              value: s,
              label: CALLBACK_STATUS_LABELS[s],
            }))}
            error={failed === "status" ? errors?.status : undefined}
            defaultValue={failed === "status" ? values.status : undefined}
          />
          <TextAreaField
            name="reason"
            label="Reason"
            hint="Needed when closing a request, for example: no longer wants to return."
            rows={2}
            error={failed === "status" ? errors?.reason : undefined}
            defaultValue={failed === "status" ? values.reason : undefined}
          />
          <button type="submit" className="button button--secondary">
            Change the status
          </button>
        </Form>
      </div>

      <h2>History</h2>
      {notes.length === 0 ? (
        <p>No calls logged yet.</p>
      ) : (
        <ol className="plain-list">
          {notes.map((n) => (
            <li key={n.id} className="block">
              <p>
                <strong>{n.outcome}</strong> · <time dateTime={n.iso}>{n.at}</time> · {n.author}
              </p>
              {n.note ? <p className="preserve-lines">{n.note}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
