import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import { turnOffTwoFactor, twoFactorStatus } from "~/modules/auth/two-factor.server";
import { turnOffTwoFactorSchema } from "~/modules/auth/account-forms.server";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Turn off two-factor sign-in – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const status = await twoFactorStatus(current.user.id);
  if (!status.enabled) throw redirect("/account/security");
  return { requiredBy: status.requiredBy };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, turnOffTwoFactorSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await turnOffTwoFactor(current.user, form.data.password, form.data.code, {
    ipAddress: requestDetails(request, context).ipAddress,
  });
  if (result.ok) return redirect("/account/security?two-factor=off");
  if (result.field === "form") {
    if (result.reason === "not_on") return redirect("/account/security");
    return data(
      {
        errors: {
          form: `${result.requiredBy.join(" and ")} ${result.requiredBy.length > 1 ? "require" : "requires"} two-factor sign-in for your role, so you cannot turn it off.`,
        },
      },
      { status: 403 },
    );
  }
  if (result.reason === "rate_limited") {
    return data(
      {
        errors: {
          form: `Too many wrong tries. For your security, wait ${signInWindowMinutes()} minutes and try again.`,
        },
      },
      { status: 429 },
    );
  }
  const message =
    result.field === "password"
      ? "Your password is not right"
      : result.reason === "replayed"
        ? "That security code has already been used. Wait for your authenticator app to show a new code, then enter it"
        : "That code is not right. Enter the code your authenticator app shows now, or an unused recovery code";
  return data({ errors: { [result.field]: message } }, { status: 400 });
}

export default function TurnOffTwoFactor() {
  const { requiredBy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">Your account</span>
      <h1>Turn off two-factor sign-in</h1>
      {requiredBy.length ? (
        <>
          <p>
            {requiredBy.join(" and ")} {requiredBy.length > 1 ? "require" : "requires"} two-factor sign-in for your
            role, so you cannot turn it off.
          </p>
          <p>
            If you have lost your phone, you can sign in with one of your recovery codes. If you have none left, contact
            your programme lead or the Practice Pathways team.
          </p>
          <p>
            <a href="/account/security">Back to two-factor sign-in</a>
          </p>
        </>
      ) : (
        <>
          <div className="warning-text">
            Without two-factor sign-in, anyone who finds out your password can sign in as you and see the records of the
            people you work with.
          </div>
          <Form method="post" noValidate>
            <TextField
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              error={errors?.password}
            />
            <TextField
              name="code"
              emptyAfterEachTry
              label="Security code"
              hint="The 6-digit code your authenticator app shows now, or one of your recovery codes"
              autoComplete="one-time-code"
              spellCheck={false}
              width="half"
              error={errors?.code}
            />
            <div className="button-group">
              <button type="submit" className="button button--warning">
                Turn off two-factor sign-in
              </button>
              <a href="/account/security">Cancel</a>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
