import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CheckboxField, ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { signUp } from "~/modules/auth/accounts.server";
import { PASSWORD_MIN_LENGTH } from "~/modules/auth/password-rules";
import { sessionCookie } from "~/modules/auth/cookie.server";
import { signUpSchema } from "~/modules/auth/account-forms.server";
import { requireAnonymous } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Create an account – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await parseSubmission(request, signUpSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const { name, email, password, kind, helplineConsent } = form.data;
  const values = { name, email, kind, helplineConsent: helplineConsent ?? "" };
  const result = await signUp(
    { name, email, password, kind, helplineContactConsent: helplineConsent === "yes" },
    requestDetails(request, context),
  );
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values }, { status: 400 });
  return redirect("/learning?welcome=1", { headers: { "Set-Cookie": sessionCookie(result.token) } });
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <h1>Create an account</h1>
      <p>
        This is for social workers returning to practice and for people paying for their own learning. If your employer
        uses Practice Pathways, wait for the invitation from your programme lead instead, so that your supervisor can
        see your work.
      </p>
      <Form method="post" noValidate>
        <TextField
          name="name"
          label="Full name"
          autoComplete="name"
          spellCheck={false}
          defaultValue={values?.name}
          error={errors?.name}
        />
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
          label="Create a password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A phrase of three or four unrelated words is easy to remember and hard to guess.`}
          error={errors?.password}
        />
        <RadioGroup
          name="kind"
          legend="Why are you joining?"
          error={errors?.kind}
          defaultValue={values?.kind}
          options={[
            { value: "returner", label: "I am a qualified social worker returning to practice" },
            { value: "self_funding", label: "I am paying for my own learning, such as a Masters module" },
          ]}
        />
        <CheckboxField
          name="helplineConsent"
          label="If I am returning to practice, the recruitment helpline may contact me about the route back and councils with vacancies"
          defaultChecked={values?.helplineConsent === "yes"}
          error={errors?.helplineConsent}
        />
        <button type="submit" className="button">
          Create account
        </button>
      </Form>
      <p>
        Already have an account? <a href="/sign-in">Sign in</a>
      </p>
    </div>
  );
}
