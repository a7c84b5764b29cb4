import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { requestPasswordReset } from "~/modules/auth/accounts.server";
import { forgotPasswordSchema } from "~/modules/auth/account-forms.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Reset your password – Practice Pathways" }];

export async function loader(_: LoaderFunctionArgs) {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseSubmission(request, forgotPasswordSchema);
  if (!form.ok) return data({ sent: null, errors: form.errors, values: form.values }, { status: 400 });
  await requestPasswordReset(form.data.email, requestDetails(request, context));
  // The same answer whether or not the address has an account.
  return { sent: form.data.email, errors: undefined, values: undefined };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  if (actionData?.sent) {
    return (
      <div className="narrow">
        <h1>Check your email</h1>
        <p>
          If <strong>{actionData.sent}</strong> has a Practice Pathways account, we have sent it a link to reset the
          password. The link works once, for one hour.
        </p>
        <p>
          If nothing arrives in a few minutes, check your spam folder, or ask your programme lead which address your
          account uses.
        </p>
        <p>
          <a href="/sign-in">Back to sign in</a>
        </p>
      </div>
    );
  }
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Reset your password</h1>
      <p>Enter the email address you use for Practice Pathways and we will send you a link to choose a new password.</p>
      <Form method="post" noValidate>
        <TextField
          name="email"
          label="Email address"
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={values?.email}
          error={errors?.email}
        />
        <button type="submit" className="button">
          Send the link
        </button>
      </Form>
    </div>
  );
}
