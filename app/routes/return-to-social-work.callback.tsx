import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from "~/components/forms";
import { RETURN_ANSWER_FIELDS, ReturnAnswerFields } from "~/components/ReturnAnswerFields";
import { callbackSchema } from "~/modules/returners/callback-schemas.server";
import { overCallbackLimit, saveCallbackRequest } from "~/modules/returners/callbacks.server";
import { makeReference } from "~/modules/returners/helpline-queue";
import { REGIONS } from "~/modules/returners/options";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction = () => [
  { title: "Ask us to call you back – Return to social work – Practice Pathways" },
];

const sent = (reference: string) => `/return-to-social-work/callback/sent?reference=${encodeURIComponent(reference)}`;

export async function action({ request, context }: ActionFunctionArgs) {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return data({ errors: { form: "We could not read that form. Please try again." }, values: {} }, { status: 400 });
  }
  const today = englandDay();
  const form = await parseSubmission(formData, callbackSchema(today));
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  // The trap a person never sees: a robot that fills it is told it worked, and nothing is kept.
  if (form.data.website?.trim()) throw redirect(sent(makeReference()));
  const { ipAddress } = requestDetails(request, context);
  if (await overCallbackLimit(ipAddress)) {
    return data(
      {
        errors: {
          form: "We have had several requests from your connection in the last hour, so we cannot take another just now. Your answers are still here: please try again in an hour, or email the helpline.",
        },
        values: form.values,
      },
      { status: 429 },
    );
  }
  const saved = await saveCallbackRequest(form.data, { ipAddress, today });
  if (!saved)
    return data(
      {
        errors: { form: "The helpline cannot take requests at the moment. Please try again later." },
        values: form.values,
      },
      { status: 503 },
    );
  throw redirect(sent(saved.reference));
}

const CALLBACK_FIELDS = ["name", "email", "phone", "bestTimes", "region", ...RETURN_ANSWER_FIELDS, "consent"];

export default function CallbackRequest() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} order={CALLBACK_FIELDS} />
      <span className="caption">Return to social work</span>
      <h1>Ask us to call you back</h1>
      <p>
        An advisor from the recruitment helpline will call you within two working days to talk about returning to
        practice. It takes about five minutes to fill in.
      </p>
      <Form method="post" noValidate>
        <TextField
          name="name"
          label="Full name"
          autoComplete="name"
          spellCheck={false}
          defaultValue={values.name}
          error={errors?.name}
        />
        <TextField
          name="email"
          label="Email address"
          hint="We will send your reference here."
          type="email"
          autoComplete="email"
          spellCheck={false}
          defaultValue={values.email}
          error={errors?.email}
        />
        <TextField
          name="phone"
          label="Phone number"
          type="tel"
          autoComplete="tel"
          width="half"
          defaultValue={values.phone}
          error={errors?.phone}
        />
        <TextAreaField
          name="bestTimes"
          label="Best times to call (optional)"
          hint="For example, weekday mornings, or after 4pm."
          rows={2}
          defaultValue={values.bestTimes}
          error={errors?.bestTimes}
        />
        <SelectField
          name="region"
          label="Where would you like to work?"
          options={REGIONS.map((r) => ({ value: r, label: r }))}
          defaultValue={values.region}
          error={errors?.region}
        />
        <ReturnAnswerFields values={values} errors={errors} />
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="website">Leave this box empty</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <h2 className="heading-m">Sharing your details with councils</h2>
        <p>
          The helpline introduces returners to councils that have vacant posts. To do that we share your name, contact
          details and the answers on this page with a council, and only after talking to you about which one. We cannot
          introduce you without your agreement, so we need it before we take your request.
        </p>
        <CheckboxField
          name="consent"
          label="I agree that the helpline may share my details with councils that have vacancies"
          hint="You can withdraw this at any time by telling your advisor. Read our privacy notice for how long we keep your details."
          defaultChecked={values.consent === "yes"}
          error={errors?.consent}
        />
        <button type="submit" className="button">
          Ask for a call back
        </button>
      </Form>
      <p>
        <a href="/privacy">Privacy notice</a>
      </p>
    </div>
  );
}
