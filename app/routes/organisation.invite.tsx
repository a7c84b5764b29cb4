import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { createInvitation } from "~/modules/auth/accounts.server";
import { invitationSchema } from "~/modules/auth/account-forms.server";
import { type INVITABLE_ROLES, invitableRolesFor, ROLE_LABELS } from "~/modules/organisations/roles";
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
};

/** Why a role this organisation does not have cannot be chosen. */
const NOT_HERE: Partial<Record<(typeof INVITABLE_ROLES)[number], string>> = {
  marker: "Markers are invited by a university, for its Masters coursework: choose another role",
  external_examiner: "External examiners are invited by a university, to examine its Masters programme: choose another role",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "invitation:create:organisation" });
  return { organisation: current.active.organisation.name, roles: invitableRolesFor(current.active.organisation.kind) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "invitation:create:organisation" });
  const form = await parseSubmission(request, invitationSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  if (!invitableRolesFor(current.active.organisation.kind).includes(form.data.role))
    return data(
      { errors: { role: NOT_HERE[form.data.role] ?? "Choose one of the roles listed" }, values: form.values },
      { status: 400 },
    );
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
    );
    return `/organisation?invited=${encodeURIComponent(form.data.email)}`;
  });
  return redirect(location);
}

export default function Invite() {
  const { organisation, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
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
          defaultValue={values?.role}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
        />
        <TextField
          name="jobTitle"
          label="Job title (optional)"
          hint="For example, Newly qualified social worker"
          defaultValue={values?.jobTitle}
          error={errors?.jobTitle}
        />
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
