import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorSummary, RadioGroup, SelectField, TextField } from "~/components/forms";
import { ORGANISATION_KIND_LABELS } from "~/modules/organisations/admin";
import { createOrganisation } from "~/modules/organisations/admin.server";
import { newOrganisationSchema } from "~/modules/organisations/admin-forms.server";
import { REGIONS } from "~/modules/returners/options";
import { actorOf, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Add an organisation – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:manage:any" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "organisation:manage:any" });
  const form = await parseSubmission(request, newOrganisationSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const region = form.data.region && form.data.region !== "National" ? form.data.region : null;
  const created = await createOrganisation(actorOf(current, context), { ...form.data, region });
  if (!created.ok) return data({ errors: { [created.field]: created.message }, values: form.values }, { status: 409 });
  throw redirect(`/admin/organisations/${created.id}?done=added`);
}

const KINDS = ["council", "voluntary", "university", "helpline"] as const;

export default function NewOrganisation() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values as Record<string, string> | undefined) ?? {};
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <p>
        <a href="/admin">Back to organisations</a>
      </p>
      <span className="caption">Platform administration</span>
      <h1>Add an organisation</h1>
      <Form method="post" action="/admin/organisations/new" noValidate>
        <TextField name="name" label="Name" hint="As the organisation calls itself, for example Northmoor City Council" defaultValue={values.name} error={errors?.name} />
        <RadioGroup
          name="kind"
          legend="What kind of organisation is it?"
          options={KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }))}
          defaultValue={values.kind}
          error={errors?.kind}
        />
        <SelectField
          name="region"
          label="Region (optional)"
          options={[...REGIONS, "National"].map((r) => ({ value: r, label: r }))}
          defaultValue={values.region}
          error={errors?.region}
        />
        <button type="submit" className="button">
          Add the organisation
        </button>
      </Form>
    </div>
  );
}
