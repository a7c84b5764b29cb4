import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup, ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { createInvitation } from "~/modules/auth/accounts.server";
import { invitationSchema } from "~/modules/auth/account-forms.server";
import { type INVITABLE_ROLES, invitableRolesFor, ROLE_LABELS } from "~/modules/organisations/roles";
import { AGENCY_KINDS, AGENCY_LABELS } from "~/modules/shared-sessions/rules";
import { inviteByInvitation, upcomingSessions } from "~/modules/shared-sessions/sessions.server";
import { requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { savedOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";

export const meta: MetaFunction = () => [{ title: "Invite someone – Practice Pathways" }];

const ROLE_HINTS: Record<(typeof INVITABLE_ROLES)[number], string> = {
  learner: "An NQSW, early-career worker or other learner",
  supervisor: "Holds and records supervision, signs off review points",
  assessor: "Assesses portfolios and makes the final recommendation",
  team_manager: "Line manages NQSWs and allocates their work; signs learning agreements, countersigns reviews",
  programme_lead: "Runs the programme for your organisation, as you do",
  marker: "Marks Masters coursework anonymously, for the assignments you allocate them to",
  external_examiner: "From another university: reads the marking of the programme you appoint them to, and comments for the exam board",
  independent_assessor:
    "Assesses advanced practitioner and CP lead portfolios against the criteria, for candidates outside their own team you appoint them to",
  partner:
    "From police, health or education: comes to the shared sessions you choose below and sees only those sessions and their materials, nothing of any learner's record",
};

/** Why a role this organisation does not have cannot be chosen. */
const NOT_HERE: Partial<Record<(typeof INVITABLE_ROLES)[number], string>> = {
  marker: "Markers are invited by a university, for its Masters coursework: choose another role",
  external_examiner: "External examiners are invited by a university, to examine its Masters programme: choose another role",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "invitation:create:organisation" });
  const roles = invitableRolesFor(current.active.organisation.kind);
  return {
    organisation: current.active.organisation.name,
    roles,
    // A partner is invited to sessions still to come (a university has none: it invites no partners).
    sessions: roles.includes("partner") ? await upcomingSessions(current.active.organisationId) : [],
    role: new URL(request.url).searchParams.get("role"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "invitation:create:organisation" });
  const form = await parseSubmission(request, invitationSchema, { lists: ["sessions"] });
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  if (!invitableRolesFor(current.active.organisation.kind).includes(form.data.role))
    return data(
      { errors: { role: NOT_HERE[form.data.role] ?? "Choose one of the roles listed" }, values: form.values },
      { status: 400 },
    );
  const partner = form.data.role === "partner";
  // Checked whatever the role, so a session that is not one of the organisation's is never let past.
  if (form.data.sessions.length) {
    const open = new Set((await upcomingSessions(current.active.organisationId)).map((s) => s.id));
    if (form.data.sessions.some((id) => !open.has(id)))
      return data({ errors: { sessions: "Choose sessions from the list: each must be one of yours still to come" }, values: form.values }, { status: 400 });
  }
  const location = await savedOnce(request, form.sent, current.user.id, async () => {
    await createInvitation(
      {
        userId: current.user.id,
        name: current.user.name,
        role: current.active.role,
        organisationId: current.active.organisationId,
        organisationName: current.active.organisation.name,
      },
      form.data,
      requestDetails(request, context),
      partner
        ? (tx, invitationId) => inviteByInvitation(tx, invitationId, current.active.organisationId, form.data.sessions, current.user.id)
        : undefined,
    );
    return `/organisation?invited=${encodeURIComponent(form.data.email)}`;
  });
  return redirect(location);
}

export default function Invite() {
  const { organisation, roles, sessions, role } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const chosenSessions = new Set((actionData?.values as Record<string, string | string[]> | undefined)?.sessions ?? []);
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">{organisation}</span>
      <h1>Invite someone</h1>
      <p>
        We will email them a link to set a password. When they accept, they join {organisation} in the role you choose.
      </p>
      <Form method="post" noValidate>
        <SubmissionKey />
        <TextField
          name="name"
          label="Full name"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values?.name}
          error={errors?.name}
        />
        <TextField
          name="email"
          label="Work email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={values?.email}
          error={errors?.email}
        />
        <RadioGroup
          name="role"
          legend="Role"
          error={errors?.role}
          defaultValue={values?.role ?? (role && (roles as string[]).includes(role) ? role : undefined)}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
        />
        <TextField
          name="jobTitle"
          label="Job title (optional)"
          hint="For example, Newly qualified social worker"
          defaultValue={values?.jobTitle}
          error={errors?.jobTitle}
        />
        {roles.includes("partner") ? (
          <fieldset className="fieldset">
            <legend className="fieldset__legend">If you are inviting a partner from police, health or education</legend>
            <p className="hint">
              A partner comes to the shared sessions of your Child Protection Lead Practitioner programme you choose, and
              sees only those sessions and their materials.
            </p>
            <RadioGroup
              name="agencyKind"
              legend="Their agency is"
              error={errors?.agencyKind}
              defaultValue={values?.agencyKind}
              options={AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_LABELS[k] }))}
            />
            <TextField
              name="agency"
              label="Their agency's name"
              hint="For example, Northmoor Police, Public Protection Unit"
              defaultValue={values?.agency}
              error={errors?.agency}
            />
            <CheckboxGroup
              name="sessions"
              legend="Shared sessions to invite them to"
              error={errors?.sessions}
              options={sessions.map((s) => ({ value: s.id, label: s.topic, hint: s.when, checked: chosenSessions.has(s.id) }))}
              empty={
                <>
                  No shared session is coming up: <a href="/organisation/shared-sessions/new">add one</a> first.
                </>
              }
            />
          </fieldset>
        ) : null}
        <div className="button-group">
          <button type="submit" className="button">
            Send invitation
          </button>
          <a href="/organisation">Cancel</a>
        </div>
      </Form>
    </div>
  );
}
