import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { format } from "date-fns";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { listPeople } from "~/modules/organisations/memberships.server";
import { listProgrammes } from "~/modules/programmes/catalogue.server";
import { createPanel, listPanels, portfoliosForPanel } from "~/modules/signoff/panel.server";
import { panelSchema } from "~/modules/signoff/panel-schemas.server";
import { actorOf, forbidden, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { savedOnce } from "~/utils/save-once.server";
import { SubmissionKey } from "~/components/SubmissionKey";

export const meta: MetaFunction = () => [{ title: "Moderation panels – Practice Pathways" }];

const PANEL_ROLES = ["programme_lead", "assessor"] as const;

async function panelMembers(organisationId: string) {
  const people = await listPeople(organisationId);
  const seen = new Map<string, string>();
  for (const p of people) if ((PANEL_ROLES as readonly string[]).includes(p.role)) seen.set(p.userId, p.name);
  return [...seen].map(([value, label]) => ({ value, label }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { roles: PANEL_ROLES, employerOnly: true });
  const orgId = current.active.organisationId;
  const programmes = listProgrammes().filter((p) => p.assessment?.reviewPoints.some((r) => r.final));
  const [found, members, ready] = await Promise.all([
    listPanels(orgId),
    panelMembers(orgId),
    Promise.all(
      programmes.map(async (p) => ({ slug: p.slug, title: p.title, ready: await portfoliosForPanel(orgId, p.slug) })),
    ),
  ]);
  return {
    organisation: current.active.organisation.name,
    canCreate: current.active.role === "programme_lead",
    programmes: ready.map((p) => ({
      value: p.slug,
      label: `${p.title} (${p.ready.length} ready: ${p.ready.filter((r) => r.recommendation === "fail").length} recommended fail)`,
    })),
    members,
    panels: found.map(({ panel, chairName }) => ({
      id: panel.id,
      name: panel.name,
      created: format(panel.createdAt, "d MMM yyyy"),
      chairName,
      sampled: panel.sample.length,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { roles: ["programme_lead"], employerOnly: true });
  const formData = await request.formData();
  const form = await parseSubmission(formData, panelSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const members = await panelMembers(current.active.organisationId);
  if (!members.some((m) => m.value === form.data.chairId))
    return data({ errors: { chairId: "Choose the chair from the list" }, values: form.values }, { status: 400 });
  if (!listProgrammes().some((p) => p.slug === form.data.programmeSlug && p.assessment)) forbidden();
  const location = await savedOnce(request, form.sent, current.user.id, async () => {
    const panel = await createPanel(actorOf(current, context, { role: "programme_lead" }), {
      programmeSlug: form.data.programmeSlug,
      name: form.data.name,
      sampleShare: form.data.sharePercent / 100,
      chairId: form.data.chairId,
    });
    return `/organisation/panels/${panel.id}?created=1`;
  });
  throw redirect(location);
}

export default function Panels() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = actionData?.values as Record<string, string> | undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="caption">{page.organisation}</span>
      <h1>Moderation panels</h1>
      <p>
        A panel reads every portfolio whose final assessment recommends a fail, and a share of the passes drawn at
        random (the draw can be repeated from its seed). Panel members read blind: the assessor's name is not shown, and
        people who use services are anonymised. An outcome is final only when the chair signs it.
      </p>
      {page.panels.length ? (
        <table className="table">
          <caption className="visually-hidden">Panels</caption>
          <thead>
            <tr>
              <th scope="col">Panel</th>
              <th scope="col">Made</th>
              <th scope="col">Chair</th>
              <th scope="col" className="numeric">
                Portfolios
              </th>
            </tr>
          </thead>
          <tbody>
            {page.panels.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={`/organisation/panels/${p.id}`}>{p.name}</a>
                </td>
                <td>{p.created}</td>
                <td>{p.chairName}</td>
                <td className="numeric">{p.sampled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No panels yet.</p>
      )}
      {page.canCreate ? (
        <section className="narrow" aria-labelledby="new-panel">
          <h2 id="new-panel">Make a panel</h2>
          <Form method="post" noValidate>
            <SubmissionKey />
            <SelectField
              name="programmeSlug"
              label="Programme"
              options={page.programmes}
              defaultValue={values?.programmeSlug}
              error={errors?.programmeSlug}
            />
            <TextField name="name" label="Name of the panel" defaultValue={values?.name} error={errors?.name} />
            <TextField
              name="sharePercent"
              label="Share of passes to read, in per cent"
              hint="Every recommended fail is read. 10% is usual."
              inputMode="numeric"
              width="third"
              defaultValue={values?.sharePercent ?? "10"}
              error={errors?.sharePercent}
            />
            <SelectField
              name="chairId"
              label="Chair"
              options={page.members}
              defaultValue={values?.chairId}
              error={errors?.chairId}
            />
            <button type="submit" className="button">
              Make the panel and draw its sample
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
