import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { NewPasswordFields } from "~/components/NewPasswordFields";
import { checkResetToken, resetPassword } from "~/modules/auth/accounts.server";
import { clearedSessionCookie } from "~/modules/auth/cookie.server";
import { newPasswordSchema } from "~/modules/auth/account-forms.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password – Practice Pathways" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const valid = await checkResetToken(params.token ?? "");
  return { valid: !!valid };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const holder = await checkResetToken(token);
  if (!holder) return data({ errors: { form: "This link has expired or has already been used." } }, { status: 410 });
  const form = await parseSubmission(request, newPasswordSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const done = await resetPassword(token, form.data.password, requestDetails(request, context));
  if (!done) return data({ errors: { form: "This link has expired or has already been used." } }, { status: 410 });
  return redirect("/sign-in?reset=done", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  if (!valid) {
    return (
      <div className="narrow">
        <h1>This link has expired or has already been used</h1>
        <p>Password reset links work once, for one hour. You can ask for a new one.</p>
        <p>
          <a href="/forgot-password" className="button">
            Send me a new link
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Choose a new password</h1>
      <p>When you save it, you will be signed out on every device and can sign in with the new password.</p>
      <Form method="post" noValidate>
        <NewPasswordFields errors={errors} />
        <button type="submit" className="button">
          Save new password
        </button>
      </Form>
    </div>
  );
}
