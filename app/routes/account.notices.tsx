import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { DELIVERIES, DELIVERY_LABELS, KIND_LABELS, NOTICE_KINDS } from "~/modules/notices/notices";
import { noticePreferencesSchema } from "~/modules/notices/notice-forms.server";
import { noticePreferences, saveNoticePreferences } from "~/modules/notices/notices.server";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "How you hear about notices – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  return { chosen: await noticePreferences(current.user.id) };
}

/** A person chooses for themselves only. */
export async function action({ request }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, noticePreferencesSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  await saveNoticePreferences(current.user.id, form.data);
  return redirect("/account/notices?saved=1");
}

export default function NoticePreferences() {
  const { chosen } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("saved") && !errors ? (
        <Notification title="Saved">
          <p>We will tell you as you chose.</p>
        </Notification>
      ) : null}
      <h1>How you hear about notices</h1>
      <p>
        Every notice is listed on your notices page. For each kind, choose whether we also email you straight away, put it in
        your daily email, or only show it here. Supervisors, team managers and programme leads get a daily email of what is
        overdue or waiting whatever they choose.
      </p>
      <Form method="post" noValidate>
        {NOTICE_KINDS.map((kind) => (
          <RadioGroup
            key={kind}
            name={kind}
            legend={KIND_LABELS[kind]}
            error={errors?.[kind]}
            defaultValue={values?.[kind] ?? chosen[kind]}
            options={DELIVERIES.map((d) => ({ value: d, label: DELIVERY_LABELS[d] }))}
          />
        ))}
        <button type="submit" className="button">
          Save
        </button>
      </Form>
    </div>
  );
}
