import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { NewPasswordFields } from "~/components/NewPasswordFields";
import {
  acceptInvitation,
  acceptInvitationAsUser,
  describeInvitation,
  normaliseEmail,
} from "~/modules/auth/accounts.server";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { newPasswordSchema } from "~/modules/auth/account-forms.server";
import { ROLE_LABELS, startPathFor } from "~/modules/organisations/roles";
import { getCurrentUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Accept your invitation – Practice Pathways" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await describeInvitation(params.token ?? "");
  if (!invitation) return { invitation: null, signedInAs: null };
  const current = await getCurrentUser(request);
  return {
    invitation: { ...invitation, roleLabel: ROLE_LABELS[invitation.role] },
    signedInAs: current
      ? { email: current.user.email, matches: normaliseEmail(current.user.email) === invitation.email }
      : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await describeInvitation(token);
  if (!invitation)
    return data(
      { errors: { form: "This invitation has expired, been withdrawn or already been used." } },
      { status: 410 },
    );
  const details = requestDetails(request, context);
  if (invitation.hasAccount) {
    const current = await getCurrentUser(request);
    if (!current) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    const accepted = await acceptInvitationAsUser(token, current.user, details);
    if (!accepted)
      return data(
        {
          errors: {
            form: `This invitation is for ${invitation.email}. Sign out and sign in with that address to accept it.`,
          },
        },
        { status: 403 },
      );
    throw redirect("/account/organisation?joined=1");
  }
  const form = await parseSubmission(request, newPasswordSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await acceptInvitation(token, form.data.password, details);
  if (!result.ok)
    return data(
      { errors: { form: "This invitation has expired, been withdrawn or already been used." } },
      { status: 410 },
    );
  return redirect(`${startPathFor(invitation.role)}?welcome=1`, {
    headers: { "Set-Cookie": sessionCookie(result.token) },
  });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const { pathname } = useLocation();
  if (!invitation) {
    return (
      <div className="narrow">
        <h1>This invitation cannot be used</h1>
        <p>It may have expired (invitations last 14 days), been withdrawn, or already been accepted.</p>
        <p>
          Ask your programme lead to send a new invitation, or <a href="/sign-in">sign in</a> if you have already
          set your password.
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">{invitation.organisationName}</span>
      <h1>Join {invitation.organisationName} on Practice Pathways</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Name</dt>
          <dd>{invitation.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Role</dt>
          <dd>{invitation.roleLabel}</dd>
        </div>
      </dl>
      {invitation.hasAccount ? (
        signedInAs?.matches ? (
          <Form method="post">
            <p>You already have an account. Accept to add this organisation to it.</p>
            <button type="submit" className="button">
              Accept invitation
            </button>
          </Form>
        ) : (
          <p>
            You already have a Practice Pathways account with this email address.{" "}
            <a href={`/sign-in?redirectTo=${encodeURIComponent(pathname)}`}>Sign in</a> as {invitation.email} to
            accept.
          </p>
        )
      ) : (
        <Form method="post" noValidate>
          <h2>Choose a password</h2>
          <NewPasswordFields errors={errors} />
          <button type="submit" className="button">
            Set password and continue
          </button>
        </Form>
      )}
    </div>
  );
}
