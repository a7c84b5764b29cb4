import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/forms";
import { switchMembership } from "~/modules/auth/accounts.server";
import { ROLE_LABELS, startPathFor } from "~/modules/organisations/roles";
import { switchOrganisationSchema } from "~/modules/auth/account-forms.server";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { Notification } from "~/components/Notification";

export const meta: MetaFunction = () => [{ title: "Choose the organisation you are working in – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  return {
    activeId: current.active?.id ?? null,
    memberships: current.memberships.map((m) => ({
      id: m.id,
      label: `${ROLE_LABELS[m.role]}, ${m.organisation.name}`,
      hint: m.jobTitle ?? undefined,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const form = await parseSubmission(request, switchOrganisationSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const chosen = current.memberships.find((m) => m.id === form.data.membershipId);
  if (!chosen) return data({ errors: { membershipId: "Select one of your organisations" } }, { status: 400 });
  await switchMembership(current.session.id, current.user.id, chosen, requestDetails(request, context));
  return redirect(startPathFor(chosen.role));
}

export default function ChooseOrganisation() {
  const { memberships, activeId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {params.get("joined") ? (
        <Notification title="Invitation accepted">
          <p>The organisation has been added to your account.</p>
        </Notification>
      ) : null}
      <h1>Choose where you are working</h1>
      {memberships.length === 0 ? (
        <p>Your account does not belong to any organisation yet.</p>
      ) : (
        <Form method="post" noValidate>
          <RadioGroup
            name="membershipId"
            legend="You have more than one role. Which are you working in now?"
            hint="You can switch at any time from the top of the page. Each organisation only sees its own records."
            error={errors?.membershipId}
            defaultValue={activeId ?? undefined}
            options={memberships.map((m) => ({ value: m.id, label: m.label, hint: m.hint }))}
          />
          <button type="submit" className="button">
            Continue
          </button>
        </Form>
      )}
    </div>
  );
}
