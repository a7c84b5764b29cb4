import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { NewPasswordFields } from "~/components/NewPasswordFields";
import { changePassword } from "~/modules/auth/accounts.server";
import { changePasswordSchema } from "~/modules/auth/account-forms.server";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { Notification } from "~/components/Notification";

export const meta: MetaFunction = () => [{ title: "Your account – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  return {
    name: current.user.name,
    email: current.user.email,
    twoFactorOn: current.twoFactor.enabled,
    // A partner from police, health or education keeps no career record here (ADR 026).
    careerRecord: current.active?.role !== "partner",
    memberships: current.memberships.map((m) => ({
      id: m.id,
      organisation: m.organisation.name,
      role: ROLE_LABELS[m.role],
      jobTitle: m.jobTitle,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, changePasswordSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await changePassword(
    current.user.id,
    current.session.id,
    form.data.currentPassword,
    form.data.password,
    requestDetails(request, context),
  );
  if (!result.ok) return data({ errors: { [result.field]: result.message } }, { status: 400 });
  return redirect("/account?password=changed");
}

export default function Account() {
  const { name, email, memberships, twoFactorOn, careerRecord } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("password") === "changed" ? (
        <Notification title="Password changed">
          <p>Your new password is saved. You have been signed out on every other device.</p>
        </Notification>
      ) : null}
      <h1>Your account</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Name</dt>
          <dd>{name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Email address</dt>
          <dd>{email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Organisations</dt>
          <dd>
            {memberships.length === 0 ? (
              "None"
            ) : (
              <ul className="plain-list">
                {memberships.map((m) => (
                  <li key={m.id}>
                    {m.role}, {m.organisation}
                    {m.jobTitle ? ` (${m.jobTitle})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      {careerRecord ? (
        <>
          <h2>Your career record</h2>
          <p>
            <a href="/career">Your career record</a>: every programme you are or were on, wherever you were, your
            awards and who you share it with.
          </p>
          <h2>Payments</h2>
          <p>
            <a href="/payments">Your payments</a>: what you have paid for your own learning, with Stripe’s receipts.
          </p>
        </>
      ) : null}
      <h2>Notices</h2>
      <p>
        <a href="/account/notices">Choose how you hear about what needs you</a>
      </p>
      <h2>Two-factor sign-in</h2>
      {twoFactorOn ? (
        <p>
          <strong className="tag tag--green">On</strong> You enter a security code from your authenticator app when you
          sign in.
        </p>
      ) : (
        <p>
          <strong className="tag tag--grey">Off</strong> Add a security code from an app on your phone to your password,
          so no one can sign in as you with your password alone.
        </p>
      )}
      <p>
        <a href="/account/security">{twoFactorOn ? "Manage two-factor sign-in" : "Turn on two-factor sign-in"}</a>
      </p>
      <h2>Change your password</h2>
      <p>Changing your password signs you out on every other device.</p>
      <Form method="post" noValidate>
        <TextField
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors?.currentPassword}
        />
        <NewPasswordFields errors={errors} />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
    </div>
  );
}
