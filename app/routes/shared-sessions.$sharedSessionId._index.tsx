import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxGroup, ErrorSummary, RadioGroup } from "~/components/forms";
import { MaterialFileField } from "~/components/MaterialFileField";
import { Notification } from "~/components/Notification";
import { SubmissionKey } from "~/components/SubmissionKey";
import { ROLE_LABELS, type Role } from "~/modules/organisations/roles";
import { describeBytes } from "~/modules/portfolio/files";
import { requireSession } from "~/modules/shared-sessions/access.server";
import { inviteSchema, readMaterialFile, registerSchema, SESSION_LISTS, sessionIntentSchema } from "~/modules/shared-sessions/forms.server";
import { AGENCY_LABELS, ATTENDANCE, ATTENDANCE_LABELS, endsAt, registerProblem, type Attendance } from "~/modules/shared-sessions/rules";
import {
  addMaterial,
  inviteeView,
  inviteOptions,
  inviteToSession,
  recordRegister,
  sessionRecord,
} from "~/modules/shared-sessions/sessions.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { actorOf, forbidden } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { refuse, saveOnce } from "~/utils/save-once.server";
import { keepingWhatWasTyped } from "~/utils/saving.server";
import { readUploadForm } from "~/utils/uploads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.topic} – Shared session – Practice Pathways` : "Shared session – Practice Pathways" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, session, standing } = await requireSession(request, params.sharedSessionId);
  const now = new Date();
  const programme = findProgramme(session.programmeSlug);
  const base = {
    id: session.id,
    topic: session.topic,
    programme: programme?.title ?? "",
    organisation: current.active.organisation.name,
    when: englandDateTime(session.startsAt),
    until: englandDateTime(endsAt(session)).split(" at ")[1] ?? "",
    minutes: session.minutes,
    place: session.place,
    link: session.link,
    facilitator: session.facilitatorId === current.user.id ? `${session.facilitatorName} (you)` : session.facilitatorName,
    standing,
    criteria: programme?.sharedSessions?.evidences.join(", ") ?? "",
  };
  const material = (m: { id: string; fileName: string; sizeBytes: number }) => ({ id: m.id, fileName: m.fileName, size: describeBytes(m.sizeBytes) });
  if (!standing.lead && !standing.facilitator) {
    // A learner or partner invited: the session, its materials and their own attendance; no one else's.
    const view = await inviteeView(session.id, current.user.id);
    return {
      ...base,
      materials: view.materials.map(material),
      attendance: view.attendance ? ATTENDANCE_LABELS[view.attendance.status] : null,
      manage: null,
    };
  }
  const [record, options] = await Promise.all([sessionRecord(session.id), inviteOptions(session.organisationId, session.programmeSlug)]);
  const invitedUsers = new Set(record.invitees.flatMap((i) => (i.userId ? [i.userId] : [])));
  const closed = registerProblem(session, now);
  return {
    ...base,
    materials: record.materials.map(material),
    attendance: null,
    manage: {
      registerClosed: closed,
      // Someone new is invited to sessions still to come (the invitation page offers only those).
      upcoming: endsAt(session).getTime() > now.getTime(),
      canRecord: standing.facilitator && !closed,
      invitees: record.invitees.map((i) => {
        const latest = i.userId ? record.latest.get(i.userId) : undefined;
        return {
          id: i.id,
          userId: i.userId,
          name: i.name,
          party: i.party,
          about:
            i.party === "partner"
              ? [i.jobTitle, i.agency, i.agencyKind ? AGENCY_LABELS[i.agencyKind] : null].filter(Boolean).join(", ")
              : [i.jobTitle, i.team].filter(Boolean).join(", "),
          joined: !!i.userId,
          status: latest?.status ?? null,
          statusLabel: latest ? ATTENDANCE_LABELS[latest.status] : null,
          recorded: latest ? `${latest.recordedBy}, ${englandDateTime(latest.recordedAt, "short")}` : null,
        };
      }),
      history: [...record.entries].reverse().map((e) => ({
        id: e.id,
        name: record.invitees.find((i) => i.userId === e.userId)?.name ?? "Someone",
        status: ATTENDANCE_LABELS[e.status],
        by: e.recordedBy,
        role: (ROLE_LABELS[e.recordedByRole as Role] ?? e.recordedByRole).toLowerCase(),
        at: englandDateTime(e.recordedAt, "short"),
      })),
      toInvite: {
        learners: options.learners.filter((l) => !invitedUsers.has(l.userId)).map((l) => ({ value: l.enrolmentId, label: l.name, hint: l.team ?? undefined })),
        partners: options.partners
          .filter((p) => !invitedUsers.has(p.userId))
          .map((p) => ({ value: p.membershipId, label: p.name, hint: [p.jobTitle, p.agency].filter(Boolean).join(", ") })),
      },
    },
  };
}

/** A failed save gives the form back with what was typed (keepingWhatWasTyped). */
export async function action(args: ActionFunctionArgs) {
  return keepingWhatWasTyped(sendForm)(args);
}

async function sendForm({ request, params, context }: ActionFunctionArgs) {
  const { current, session, standing } = await requireSession(request, params.sharedSessionId);
  if (!standing.lead && !standing.facilitator)
    forbidden("The session's facilitator and the programme lead keep its register, invitations and materials.");
  const upload = await readUploadForm(request, ["material"]);
  if (!upload) return data({ errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
  const intent = await parseSubmission(upload.formData, sessionIntentSchema);
  if (!intent.ok) return data({ errors: intent.errors, values: intent.values }, { status: 400 });
  const here = `/shared-sessions/${session.id}`;
  const actor = actorOf(current, context);
  if (intent.data.intent === "register") {
    if (!standing.facilitator) forbidden("The session's facilitator keeps its register.");
    const { invitees } = await sessionRecord(session.id);
    const ids = invitees.flatMap((i) => (i.userId ? [i.userId] : []));
    const form = await parseSubmission(upload.formData, registerSchema(ids));
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent: "register" }, { status: 400 });
    const marked = new Map(
      ids.flatMap((id) => {
        const status = (form.data as Record<string, Attendance | undefined>)[`status-${id}`];
        return status ? [[id, status] as const] : [];
      }),
    );
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const done = await recordRegister(session.id, actor, marked);
      if (!done.ok) return refuse(data({ errors: { register: done.message }, values: form.values, intent: "register" }, { status: 409 }));
      return `${here}?recorded=${done.recorded}#register-heading`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (intent.data.intent === "invite") {
    const form = await parseSubmission(upload.formData, inviteSchema, { lists: SESSION_LISTS });
    if (!form.ok) return data({ errors: form.errors, values: form.values, intent: "invite" }, { status: 400 });
    const outcome = await saveOnce(request, form.sent, current.user.id, async () => {
      const done = await inviteToSession(session.id, actor, { enrolmentIds: form.data.learners, partnerMembershipIds: form.data.partners });
      if (!done.ok) return refuse(data({ errors: { [done.field ?? "learners"]: done.message }, values: form.values, intent: "invite" }, { status: 400 }));
      return `${here}?invited=${done.added}#invitees-heading`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  const file = await readMaterialFile(upload);
  if (!file.ok) return data({ errors: { material: file.message }, values: {}, intent: "material" }, { status: 400 });
  if (!file.file) return data({ errors: { material: "Choose a file to add" }, values: {}, intent: "material" }, { status: 400 });
  const chosen = file.file;
  const outcome = await saveOnce(request, intent.sent, current.user.id, async () => {
    const done = await addMaterial(session.id, actor, chosen);
    if (!done.ok) return refuse(data({ errors: { material: done.message }, values: {}, intent: "material" }, { status: 404 }));
    return `${here}?added=1#materials-heading`;
  });
  if (!outcome.saved) return outcome.refusal;
  throw redirect(outcome.location);
}

export default function SharedSession() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string | string[]> | undefined;
  const manage = page.manage;
  const invitees = manage?.invitees ?? [];
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("created") ? (
        <Notification title="Shared session added">
          <p>Everyone invited can see it, and its materials, on their shared sessions page.</p>
        </Notification>
      ) : null}
      {params.get("recorded") ? (
        <Notification title="Register saved">
          <p>
            {params.get("recorded") === "0"
              ? "Nothing had changed, so nothing new was recorded."
              : "Each change is a new entry in the register, with your name and the time. Learners' attendance is in their portfolios as evidence."}
          </p>
        </Notification>
      ) : null}
      {params.get("invited") ? (
        <Notification title="Invitations added">
          <p>They can see this session and its materials on their shared sessions page.</p>
        </Notification>
      ) : null}
      {params.get("added") ? (
        <Notification title="Material added">
          <p>Everyone invited can download it from this page.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.organisation} · {page.programme} · Shared session
      </span>
      <h1>{page.topic}</h1>
      <dl className="summary-list narrow">
        <div className="summary-list__row">
          <dt>When</dt>
          <dd>
            {page.when} to {page.until} ({page.minutes} minutes)
          </dd>
        </div>
        {page.place ? (
          <div className="summary-list__row">
            <dt>Where</dt>
            <dd>{page.place}</dd>
          </div>
        ) : null}
        {page.link ? (
          <div className="summary-list__row">
            <dt>Online</dt>
            <dd>
              <a href={page.link} rel="noreferrer noopener">
                Join online<span className="visually-hidden"> (the session's link, at another site)</span>
              </a>
            </dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>Facilitator</dt>
          <dd>{page.facilitator}</dd>
        </div>
        {page.standing.invitee === "learner" ? (
          <div className="summary-list__row">
            <dt>Your attendance</dt>
            <dd>
              {page.attendance ?? "Not recorded yet"}
              {page.standing.enrolmentId ? (
                <span className="hint block">
                  Attendance is evidence for {page.criteria} on{" "}
                  <a href={`/assessment/${page.standing.enrolmentId}`}>your assessment page</a>.
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>

      <h2 id="materials-heading">Materials</h2>
      {page.materials.length ? (
        <ul className="list-plain">
          {page.materials.map((m) => (
            <li key={m.id}>
              <a href={`/shared-sessions/${page.id}/files/${m.id}`} download>
                {m.fileName}
              </a>{" "}
              <span className="hint">({m.size})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>No materials yet.</p>
      )}
      {manage ? (
        <Form method="post" encType="multipart/form-data" noValidate className="narrow">
          <SubmissionKey />
          <input type="hidden" name="intent" value="material" />
          <MaterialFileField label="Add a material" error={actionData && "intent" in actionData && actionData.intent === "material" ? errors?.material : undefined} />
          <button type="submit" className="button button--secondary">
            Add the material
          </button>
        </Form>
      ) : null}

      {manage ? (
        <>
          <h2 id="register-heading">Attendance register</h2>
          <p className="narrow hint">
            {manage.registerClosed ??
              (manage.canRecord
                ? "Record each person as attended, sent apologies or absent. A correction is a new entry; the latest stands. A learner's attendance is evidence in their portfolio."
                : `${page.facilitator}, the facilitator, keeps the register.`)}
          </p>
          {errors?.register ? (
            <p className="error-message" id="register">
              <span className="visually-hidden">Error:</span> {errors.register}
            </p>
          ) : null}
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="register" />
            <div className="table-scroll" role="region" aria-labelledby="invitees-heading" tabIndex={0}>
              <table className="table">
                <caption id="invitees-heading">Invited ({invitees.length})</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Invited as</th>
                    <th scope="col">Attendance</th>
                  </tr>
                </thead>
                <tbody>
                  {invitees.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">
                        {i.name}
                        {i.about ? <span className="hint block">{i.about}</span> : null}
                      </th>
                      <td>{i.party === "partner" ? "Partner" : "Learner"}</td>
                      <td>
                        {manage.canRecord && i.userId ? (
                          <RadioGroup
                            name={`status-${i.userId}`}
                            legend={<span className="visually-hidden">Attendance of {i.name}</span>}
                            error={errors?.[`status-${i.userId}`]}
                            defaultValue={(values?.[`status-${i.userId}`] as string | undefined) ?? i.status ?? undefined}
                            options={ATTENDANCE.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))}
                          />
                        ) : i.joined ? (
                          i.statusLabel ?? <span className="hint">Not recorded</span>
                        ) : (
                          <span className="hint">Invited to join Practice Pathways; not joined yet</span>
                        )}
                        {i.recorded ? <span className="hint block">{i.recorded}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {manage.canRecord && invitees.some((i) => i.userId) ? (
              <button type="submit" className="button">
                Save the register
              </button>
            ) : null}
          </Form>
          {manage.history.length ? (
            <details className="details">
              <summary>Every entry in the register ({manage.history.length})</summary>
              <ul>
                {manage.history.map((h) => (
                  <li key={h.id}>
                    {h.at}: {h.name}, {h.status.toLowerCase()} (recorded by {h.by}, {h.role})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}

          <h2 id="invite-heading">Invite more people</h2>
          {manage.toInvite.learners.length || manage.toInvite.partners.length ? (
            <Form method="post" noValidate className="narrow">
              <SubmissionKey />
              <input type="hidden" name="intent" value="invite" />
              {manage.toInvite.learners.length ? (
                <CheckboxGroup name="learners" legend="Learners on the programme" error={errors?.learners} options={manage.toInvite.learners} />
              ) : null}
              {manage.toInvite.partners.length ? (
                <CheckboxGroup name="partners" legend="Partners" error={errors?.partners} options={manage.toInvite.partners} />
              ) : null}
              <button type="submit" className="button button--secondary">
                Invite
              </button>
            </Form>
          ) : (
            <p>Everyone on the programme, and every partner who has joined, is invited.</p>
          )}
          {page.standing.lead && manage.upcoming ? (
            <p>
              <a href="/organisation/invite?role=partner">Invite a partner from police, health or education who is not on Practice Pathways yet</a>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
