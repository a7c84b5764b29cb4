import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { RecoveryCodes } from "~/components/TwoFactor";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import { isTwoFactorEnabled, regenerateRecoveryCodes } from "~/modules/auth/two-factor.server";
import { newRecoveryCodesSchema } from "~/modules/auth/account-forms.server";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Get new recovery codes – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  if (!(await isTwoFactorEnabled(current.user.id))) throw redirect("/account/security");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, newRecoveryCodesSchema);
  if (!form.ok) return data({ errors: form.errors, recoveryCodes: null }, { status: 400 });
  const proof = form.data.code ? { code: form.data.code } : { password: form.data.password };
  const result = await regenerateRecoveryCodes(current.user, proof, {
    ipAddress: requestDetails(request, context).ipAddress,
  });
  if (result.ok) return { errors: undefined, recoveryCodes: result.recoveryCodes };
  if (result.field === "form") throw redirect("/account/security");
  const message =
    result.reason === "rate_limited"
      ? `Too many wrong tries. For your security, wait ${signInWindowMinutes()} minutes and try again.`
      : result.field === "password"
        ? "Your password is not right"
        : result.reason === "replayed"
          ? "That security code has already been used. Wait for your authenticator app to show a new code, then enter it"
          : "That security code is not right. Enter the code your authenticator app shows now";
  return data(
    { errors: { [result.reason === "rate_limited" ? "form" : result.field]: message }, recoveryCodes: null },
    { status: result.reason === "rate_limited" ? 429 : 400 },
  );
}

export default function NewRecoveryCodes() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  if (actionData?.recoveryCodes) {
    return (
      <div className="narrow">
        <Notification title="New recovery codes made">
          <p>Your old recovery codes no longer work.</p>
        </Notification>
        <h1>Your new recovery codes</h1>
        <RecoveryCodes codes={actionData.recoveryCodes} next={{ href: "/account/security", label: "Continue" }} />
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">Your account</span>
      <h1>Get new recovery codes</h1>
      <p>You will get 10 new recovery codes. The codes you have now, used or not, will stop working.</p>
      <Form method="post" noValidate>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">Confirm it is you</legend>
          <p className="hint">
            Enter a security code from your authenticator app. If you do not have your phone, enter your password
            instead.
          </p>
          <TextField
            name="code"
            emptyAfterEachTry
            label="Security code"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            width="third"
            error={errors?.code}
          />
          <TextField
            name="password"
            label="Or your password"
            type="password"
            autoComplete="current-password"
            error={errors?.password}
          />
        </fieldset>
        <button type="submit" className="button">
          Get new recovery codes
        </button>
      </Form>
      <p>
        <a href="/account/security">Cancel</a>
      </p>
    </div>
  );
}
