import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxField, ErrorSummary, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { resetTwoFactorSchema } from "~/modules/auth/account-forms.server";
import { twoFactorResetRefusal } from "~/modules/auth/two-factor";
import { findResetTarget, resetTwoFactor } from "~/modules/auth/two-factor-reset.server";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { actorOf, forbidden, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `Two-factor sign-in: ${data.member.name} – Practice Pathways`
      : "Two-factor sign-in – Practice Pathways",
  },
];

/**
 * A member's two-factor sign-in, for a platform admin (any organisation's member) or the programme
 * lead of the member's organisation (no other's: 404). Resetting it is for a member who has lost
 * their phone and their recovery codes.
 */
async function gate(request: Request, membershipId: string | undefined) {
  const current = await requireMembership(request, { roles: ["programme_lead", "admin"] });
  if (!isUuid(membershipId)) notFound();
  const target = await findResetTarget(membershipId);
  if (!target) notFound();
  const refusal = twoFactorResetRefusal(
    { userId: current.user.id, role: current.active.role, organisationId: current.active.organisationId },
    target,
  );
  if (refusal === "other_organisation" || refusal === "not_allowed") notFound();
  return { current, target, refusal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { current, target, refusal } = await gate(request, params.membershipId);
  const admin = current.active.role === "admin";
  return {
    refusal,
    member: {
      name: target.name,
      email: target.email,
      role: ROLE_LABELS[target.role],
      organisation: target.organisationName,
      twoFactorOn: target.twoFactorOn,
      requiredBy: target.requiredBy,
    },
    back: admin
      ? { href: `/admin/organisations/${target.organisationId}`, label: `Back to ${target.organisationName}` }
      : target.role === "learner"
        ? { href: `/learners/${target.membershipId}`, label: `Back to ${target.name}'s record` }
        : { href: "/organisation", label: "Back to people" },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { current, target, refusal } = await gate(request, params.membershipId);
  if (refusal === "self") forbidden("You cannot reset your own two-factor sign-in here. Use Your account instead.");
  if (refusal === "admin")
    forbidden("Only the Practice Pathways team can reset a platform admin's two-factor sign-in.");
  const here = new URL(request.url).pathname;
  if (!target.twoFactorOn) return redirect(here);
  const form = await parseSubmission(request, resetTwoFactorSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await resetTwoFactor(
    {
      ...actorOf(current, context),
      role: current.active.role,
      name: current.user.name,
      organisationName: current.active.organisation.name,
    },
    target,
    form.data.reason,
    requestDetails(request, context).origin,
  );
  // Done now, or by someone else a moment before: either way it is off, and the page says so.
  return redirect(`${here}?reset=1`);
}

export default function MemberTwoFactor() {
  const { refusal, member, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  const [params] = useSearchParams();
  const required = member.requiredBy.length > 0;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("reset") === "1" && !member.twoFactorOn ? (
        <Notification title="Two-factor sign-in reset">
          <p>
            {member.name} has been signed out everywhere, and we have emailed them to say you reset it.{" "}
            {required
              ? "The next time they sign in, they will be asked to set it up again."
              : "The next time they sign in, they will need only their password."}
          </p>
        </Notification>
      ) : null}
      <span className="caption">{member.organisation}</span>
      <h1>Two-factor sign-in: {member.name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>{member.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Role</dt>
          <dd>{member.role}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Two-factor sign-in</dt>
          <dd>
            {member.twoFactorOn ? (
              <strong className="tag tag--green">On</strong>
            ) : (
              <strong className="tag tag--grey">Off</strong>
            )}
            {required ? <span className="secondary"> (required by {member.requiredBy.join(" and ")})</span> : null}
          </dd>
        </div>
      </dl>
      {refusal === "self" ? (
        <div className="inset">
          This is your own account. To use a new phone, go to{" "}
          <a href="/account/security">Your account, Two-factor sign-in</a>. If you have lost your phone and your
          recovery codes, ask the Practice Pathways team to reset it.
        </div>
      ) : refusal === "admin" ? (
        <div className="inset">
          {member.name} is a platform admin. Only the Practice Pathways team can reset their two-factor sign-in.
        </div>
      ) : !member.twoFactorOn ? (
        <p>
          {member.name} does not have two-factor sign-in on, so there is nothing to reset.
          {required ? " They will be asked to set it up the next time they sign in." : null}
        </p>
      ) : (
        <>
          <h2>Reset two-factor sign-in</h2>
          <p>
            Reset it only for someone who has lost their phone and their recovery codes, and only once you are sure it
            is them asking. Resetting removes their security codes and recovery codes, and signs them out everywhere.{" "}
            {required
              ? "The next time they sign in, they will be asked to set it up again."
              : "Until they set it up again, their password alone will sign them in."}{" "}
            We email them to say who reset it.
          </p>
          <Form method="post" noValidate>
            <TextAreaField
              name="reason"
              label="Why are you resetting it?"
              hint="For example, they lost their phone and you called them back on their work number to check. This goes in the audit trail."
              rows={3}
              defaultValue={values.reason}
              error={errors?.reason}
            />
            <CheckboxField
              name="confirm"
              label={`I have checked that ${member.name} is the person asking`}
              error={errors?.confirm}
            />
            <div className="button-group">
              <button type="submit" className="button button--warning">
                Reset two-factor sign-in
              </button>
              <a href={back.href}>Cancel</a>
            </div>
          </Form>
        </>
      )}
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </div>
  );
}
