import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { signIn } from "~/modules/auth/accounts.server";
import { pendingSignInCookie, sessionCookie } from "~/modules/auth/cookie.server";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import { signInSchema } from "~/modules/auth/account-forms.server";
import { PENDING_SIGN_IN_LIFETIME_MS } from "~/modules/auth/two-factor.server";
import { requireAnonymous } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails, safeRedirect } from "~/utils/request.server";
import { Notification } from "~/components/Notification";

export const meta: MetaFunction = () => [{ title: "Sign in – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await parseSubmission(request, signInSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const redirectTo = form.data.redirectTo ? safeRedirect(form.data.redirectTo) : null;
  const result = await signIn(form.data.email, form.data.password, requestDetails(request, context), redirectTo);
  if (!result.ok && result.reason === "second_step") {
    // The password was right; two-factor sign-in asks for a security code next.
    return redirect("/sign-in/two-factor", {
      headers: { "Set-Cookie": pendingSignInCookie(result.pendingToken, PENDING_SIGN_IN_LIFETIME_MS / 1000) },
    });
  }
  if (!result.ok) {
    const values = { email: form.data.email, redirectTo: form.data.redirectTo ?? "" };
    if (result.reason === "rate_limited") {
      return data(
        {
          errors: {
            form: `Too many attempts to sign in. For your security, wait ${signInWindowMinutes()} minutes and try again, or reset your password.`,
          },
          values,
        },
        { status: 429 },
      );
    }
    return data({ errors: { email: "Enter a correct email address and password" }, values }, { status: 400 });
  }
  const destination =
    result.membershipCount > 1 && !form.data.redirectTo ? "/account/organisation" : safeRedirect(form.data.redirectTo);
  return redirect(destination, { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Sign in</h1>
      {params.get("step") === "expired" ? (
        <Notification title="Sign in again" kind="information">
          <p>
            For your security, the security code must be entered within 10 minutes of your password. Sign in again with
            your email address and password.
          </p>
        </Notification>
      ) : null}
      {params.get("held") === "1" ? (
        <Notification title="We kept what you wrote" kind="information">
          <p>
            Your session had ended, so what you sent was not saved yet. We have kept it: sign in and it will be back on
            the form for you to check and save.
          </p>
        </Notification>
      ) : null}
      {params.get("reset") === "done" ? (
        <Notification title="Password changed">
          <p>Your password has been reset and you have been signed out everywhere. Sign in with your new password.</p>
        </Notification>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={values?.redirectTo ?? params.get("redirectTo") ?? ""} />
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={values?.email}
          error={errors?.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors?.password}
        />
        <button type="submit" className="button">
          Sign in
        </button>
      </Form>
      <p>
        <a href="/forgot-password">I have forgotten my password</a>
      </p>
      <h2>New to Practice Pathways?</h2>
      <p>
        If your employer uses Practice Pathways, your programme lead will send you an invitation by email. If you are
        returning to social work, or paying for your own learning, you can <a href="/sign-up">create an account</a>.
      </p>
    </div>
  );
}
