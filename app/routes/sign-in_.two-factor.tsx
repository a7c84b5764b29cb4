import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { completeTwoFactorSignIn } from "~/modules/auth/accounts.server";
import { clearedPendingSignInCookie, readPendingSignInToken, sessionCookie } from "~/modules/auth/cookie.server";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import { findPendingSignIn } from "~/modules/auth/two-factor.server";
import { twoFactorSignInSchema } from "~/modules/auth/account-forms.server";
import { requireAnonymous } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails, safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.method === "recovery" ? "Enter a recovery code" : "Enter your security code"} – Practice Pathways`,
  },
];

const methodOf = (value: string | null | undefined) => (value === "recovery" ? "recovery" : "app");

/** Without a live pending sign-in there is nothing to finish: back to the password step. */
function signInAgain() {
  return redirect("/sign-in?step=expired", { headers: { "Set-Cookie": clearedPendingSignInCookie() } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const token = readPendingSignInToken(request);
  if (!token || !(await findPendingSignIn(token))) throw signInAgain();
  return { method: methodOf(new URL(request.url).searchParams.get("method")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const token = readPendingSignInToken(request);
  if (!token) return signInAgain();
  const form = await parseSubmission(request, twoFactorSignInSchema);
  const method = form.ok ? form.data.method : "app";
  const missing =
    method === "recovery" ? "Enter one of your recovery codes" : "Enter the security code from your authenticator app";
  if (!form.ok) return data({ errors: { code: form.errors.code ?? missing } }, { status: 400 });
  if (!form.data.code.trim()) return data({ errors: { code: missing } }, { status: 400 });
  const result = await completeTwoFactorSignIn(token, form.data.code, requestDetails(request, context));
  if (!result.ok) {
    switch (result.reason) {
      case "expired":
        return signInAgain();
      case "rate_limited":
        return data(
          {
            errors: {
              form: `Too many wrong codes. For your security, wait ${signInWindowMinutes()} minutes and try again.`,
            },
          },
          { status: 429 },
        );
      case "replayed":
        return data(
          {
            errors: {
              code: "That security code has already been used. Wait for your authenticator app to show a new code, then enter it",
            },
          },
          { status: 400 },
        );
      default:
        return data(
          {
            errors: {
              code:
                method === "recovery"
                  ? "That recovery code is not right, or it has already been used"
                  : "That security code is not right. Enter the code your authenticator app shows now",
            },
          },
          { status: 400 },
        );
    }
  }
  const destination =
    result.method === "recovery_code"
      ? "/account/security?recovery-code=used"
      : result.membershipCount > 1 && !result.redirectTo
        ? "/account/organisation"
        : safeRedirect(result.redirectTo);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token));
  headers.append("Set-Cookie", clearedPendingSignInCookie());
  return redirect(destination, { headers });
}

export default function TwoFactorStep() {
  const { method } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {method === "recovery" ? (
        <>
          <h1>Enter a recovery code</h1>
          <p>
            Use one of the recovery codes you saved when you turned on two-factor sign-in. Each code works only once.
          </p>
        </>
      ) : (
        <>
          <h1>Enter your security code</h1>
          <p>
            Open the authenticator app on your phone and enter the 6-digit security code it shows for Practice Pathways.
          </p>
        </>
      )}
      <Form method="post" noValidate key={method}>
        <input type="hidden" name="method" value={method} />
        {method === "recovery" ? (
          <TextField
            name="code"
            emptyAfterEachTry
            label="Recovery code"
            hint="For example, k7m2q-x9tn4"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            width="half"
            error={errors?.code}
          />
        ) : (
          <TextField
            name="code"
            emptyAfterEachTry
            label="Security code"
            hint="The code changes every 30 seconds"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            width="third"
            error={errors?.code}
          />
        )}
        <button type="submit" className="button">
          Continue
        </button>
      </Form>
      {method === "recovery" ? (
        <p>
          <a href="/sign-in/two-factor">Use a security code from my authenticator app</a>
        </p>
      ) : (
        <p>
          <a href="/sign-in/two-factor?method=recovery">I cannot use my authenticator app</a>
        </p>
      )}
      <p>
        If you have lost your phone and your recovery codes, contact your programme lead or the Practice Pathways team.
      </p>
      <p>
        <a href="/sign-in">Sign in as someone else</a>
      </p>
    </div>
  );
}
