import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { requireCourseworkLead } from "~/modules/masters/access.server";
import { appointExaminerSchema, endAppointmentSchema } from "~/modules/masters/examiner-forms.server";
import { APPOINTMENT_STATE_WORDS, dayInWords, MAXIMUM_TERM_YEARS } from "~/modules/masters/examiners";
import { appointableProgrammes, appointExaminer, endAppointment, examinersOf } from "~/modules/masters/examiners.server";
import { listPendingInvitations } from "~/modules/organisations/memberships.server";
import { ROLE_LABELS, type Role } from "~/modules/organisations/roles";
import { actorOf } from "~/utils/auth.server";
import { englandDay } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction = () => [{ title: "External examiners – Practice Pathways" }];

const onDay = (at: Date | string) => dayInWords(englandDay(new Date(at)));
const roleWords = (role: string) => (role in ROLE_LABELS ? ROLE_LABELS[role as Role].toLowerCase() : role);

/** A university's external examiners, their appointments (current and past), and the forms to appoint and end. */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const [examiners, invitations] = await Promise.all([
    examinersOf(current.active.organisationId),
    listPendingInvitations(current.active.organisationId),
  ]);
  return {
    organisation: current.active.organisation.name,
    programmes: appointableProgrammes(),
    invited: invitations.filter((i) => i.role === "external_examiner").map((i) => ({ id: i.id, name: i.name, email: i.email })),
    examiners: examiners.map((e) => ({
      membershipId: e.membershipId,
      name: e.name,
      email: e.email,
      jobTitle: e.jobTitle,
      active: e.active,
      appointments: e.appointments.map((a) => ({
        id: a.id,
        programmeTitle: a.programmeTitle,
        term: `${dayInWords(a.startsOn)} to ${dayInWords(a.endsOn)}`,
        state: a.state,
        stateWords: APPOINTMENT_STATE_WORDS[a.state],
        appointed: `${a.appointedByName}, ${roleWords(a.appointedByRole)}, on ${onDay(a.appointedAt)}`,
        ending: a.ending && { by: `${a.ending.byName}, ${roleWords(a.ending.byRole)}, on ${onDay(a.ending.at)}`, reason: a.ending.reason },
        mayEnd: a.state === "current" || a.state === "upcoming",
      })),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireCourseworkLead(request);
  const formData = await request.formData().catch(() => null);
  const intent = formData?.get("intent");
  if (formData && intent === "appoint") {
    const form = await parseSubmission(formData, appointExaminerSchema);
    if (!form.ok) return data({ intent, errors: form.errors, values: form.values, target: null }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await appointExaminer(actorOf(current, context), form.data);
      if (!result.ok) return refuse(data({ intent, errors: { [result.field]: result.message }, values: form.values, target: null }, { status: 400 }));
      return `/organisation/examiners?appointed=${result.appointmentId}#appointment-${result.appointmentId}`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (formData && intent === "end") {
    const form = await parseSubmission(formData, endAppointmentSchema);
    const target = typeof form.values.appointmentId === "string" ? form.values.appointmentId : null;
    // Each appointment's reason box has its own id, so the error is shown (and linked to) beside the one sent.
    const keyed = (errors: Record<string, string>) =>
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "reason" && target ? `reason-${target}` : k, v]));
    if (!form.ok) return data({ intent, errors: keyed(form.errors), values: form.values, target }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const result = await endAppointment(actorOf(current, context), form.data);
      if (!result.ok) return refuse(data({ intent, errors: { form: result.message }, values: form.values, target }, { status: 400 }));
      return `/organisation/examiners?ended=${form.data.appointmentId}#appointment-${form.data.appointmentId}`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data({ intent: null, errors: { form: "We could not read that form. Please try again." }, values: {}, target: null }, { status: 400 });
}

export default function Examiners() {
  const { organisation, programmes, invited, examiners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const appointing = actionData?.intent === "appoint";
  const target = actionData?.target ?? null;
  const [params] = useSearchParams();
  const all = examiners.flatMap((e) => e.appointments.map((a) => ({ ...a, name: e.name })));
  const appointed = all.find((a) => a.id === params.get("appointed"));
  const ended = all.find((a) => a.id === params.get("ended"));
  const appointable = examiners.filter((e) => e.active);
  return (
    <>
      <ErrorSummary errors={errors} order={["membershipId", "programmeSlug", "startsOn", "endsOn"]} />
      {appointed ? (
        <Notification title="Appointment recorded">
          <p>
            {appointed.name} is appointed external examiner of {appointed.programmeTitle} from {appointed.term}.
            {appointed.state === "current" ? " They can read its marking now, at Examining." : " They can read its marking from the first day of the term."}
          </p>
        </Notification>
      ) : null}
      {ended ? (
        <Notification title="Appointment ended">
          <p>
            {ended.name}&apos;s appointment as external examiner of {ended.programmeTitle} is ended. They no longer see its marking.
          </p>
        </Notification>
      ) : null}
      <span className="caption">{organisation}</span>
      <h1>External examiners</h1>
      <p className="narrow">
        An external examiner reads the second-marking sample, the marks and the feedback of the one programme you appoint them to,
        and comments for the exam board. They see it only while their appointment is current: from the first day of its term to the
        last, unless you end it early. Appointments and their endings are kept as records and cannot be changed.
      </p>

      {examiners.length === 0 ? (
        <p className="narrow">No one holds the external examiner role here yet.</p>
      ) : (
        examiners.map((e) => (
          <section key={e.membershipId} className="card" aria-labelledby={`examiner-${e.membershipId}`}>
            <h2 id={`examiner-${e.membershipId}`}>{e.name}</h2>
            <p>
              {e.jobTitle ? `${e.jobTitle}. ` : ""}
              <a href={`mailto:${e.email}`}>{e.email}</a>
              {e.active ? "" : ". No longer a member here"}
            </p>
            {e.appointments.length === 0 ? <p>Not appointed to a programme yet.</p> : null}
            {e.appointments.map((a) => (
              <div key={a.id} id={`appointment-${a.id}`}>
                <h3>
                  {a.programmeTitle} <span className={`tag ${a.state === "current" ? "tag--green" : "tag--grey"}`}>{a.stateWords}</span>
                </h3>
                <dl className="summary-list">
                  <div className="summary-list__row">
                    <dt>Term</dt>
                    <dd>{a.term}</dd>
                  </div>
                  <div className="summary-list__row">
                    <dt>Appointed by</dt>
                    <dd>{a.appointed}</dd>
                  </div>
                  {a.ending ? (
                    <>
                      <div className="summary-list__row">
                        <dt>Ended early by</dt>
                        <dd>{a.ending.by}</dd>
                      </div>
                      <div className="summary-list__row">
                        <dt>Reason</dt>
                        <dd>{a.ending.reason}</dd>
                      </div>
                    </>
                  ) : null}
                </dl>
                {a.mayEnd ? (
                  <details className="details" open={target === a.id}>
                    <summary>End this appointment early</summary>
                    <Form method="post" noValidate className="narrow">
                      <SubmissionKey />
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <TextAreaField
                        name="reason"
                        id={`reason-${a.id}`}
                        label="Why does it end early?"
                        hint={`${e.name} loses access to the programme's marking at once. The reason is kept with the record.`}
                        rows={3}
                        error={errors?.[`reason-${a.id}`]}
                        defaultValue={target === a.id ? values?.reason : undefined}
                      />
                      <button type="submit" className="button button--warning">
                        End the appointment
                      </button>
                    </Form>
                  </details>
                ) : null}
              </div>
            ))}
          </section>
        ))
      )}
      {invited.length ? (
        <>
          <h2>Invited, not yet joined</h2>
          <ul>
            {invited.map((i) => (
              <li key={i.id}>
                {i.name} ({i.email}): appoint them once they have accepted the invitation
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <div className="narrow">
        <h2>Appoint an external examiner</h2>
        {appointable.length === 0 ? (
          <p>
            Only someone who holds the external examiner role here can be appointed. <a href="/organisation/invite">Invite someone</a>{" "}
            as an external examiner first; once they have accepted, appoint them here.
          </p>
        ) : (
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="appoint" />
            <SelectField
              name="membershipId"
              label="External examiner"
              hint="People who hold the external examiner role here. Invite someone else first to appoint them."
              options={appointable.map((e) => ({ value: e.membershipId, label: e.name }))}
              defaultValue={appointing ? values?.membershipId : undefined}
              error={appointing ? errors?.membershipId : undefined}
            />
            <SelectField
              name="programmeSlug"
              label="Programme"
              options={programmes.map((p) => ({ value: p.slug, label: p.title }))}
              defaultValue={appointing ? values?.programmeSlug : programmes.length === 1 ? programmes[0]!.slug : undefined}
              error={appointing ? errors?.programmeSlug : undefined}
            />
            <TextField
              name="startsOn"
              label="First day of the term"
              type="date"
              width="third"
              defaultValue={appointing ? values?.startsOn : undefined}
              error={appointing ? errors?.startsOn : undefined}
            />
            <TextField
              name="endsOn"
              label="Last day of the term"
              hint={`At most ${MAXIMUM_TERM_YEARS} years: a term from 1 September 2027 ends by 31 August 2031.`}
              type="date"
              width="third"
              defaultValue={appointing ? values?.endsOn : undefined}
              error={appointing ? errors?.endsOn : undefined}
            />
            <button type="submit" className="button">
              Appoint
            </button>
          </Form>
        )}
      </div>
    </>
  );
}
