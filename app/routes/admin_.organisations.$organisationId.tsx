import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextAreaField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { ORGANISATION_KIND_LABELS } from "~/modules/organisations/admin";
import {
  findOrganisation,
  renameOrganisation,
  resendInvitation,
  setOrganisationActive,
} from "~/modules/organisations/admin.server";
import { organisationActionSchema } from "~/modules/organisations/admin-forms.server";
import { listPendingInvitations, listPeople } from "~/modules/organisations/memberships.server";
import { formatDate, headcount } from "~/modules/organisations/people";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} – Practice Pathways` : "Organisation – Practice Pathways" },
];

async function organisationFrom(params: { organisationId?: string }) {
  if (!isUuid(params.organisationId)) notFound();
  const organisation = await findOrganisation(params.organisationId);
  if (!organisation) notFound();
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:manage:any" });
  const organisation = await organisationFrom(params);
  // The same reads as the organisation's own People page, so the numbers agree.
  const [people, invitations] = await Promise.all([
    listPeople(organisation.id),
    listPendingInvitations(organisation.id),
  ]);
  const byPerson = new Map<string, { userId: string; name: string; email: string; roles: string[] }>();
  for (const p of people) {
    const row = byPerson.get(p.userId) ?? { userId: p.userId, name: p.name, email: p.email, roles: [] };
    row.roles.push(ROLE_LABELS[p.role]);
    byPerson.set(p.userId, row);
  }
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      kind: ORGANISATION_KIND_LABELS[organisation.kind],
      region: organisation.region ?? "National",
      deactivatedOn: organisation.deactivatedAt ? formatDate(organisation.deactivatedAt) : null,
    },
    counts: headcount(people),
    members: [...byPerson.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((m) => ({ ...m, roles: m.roles.join(", ") })),
    invitations: invitations.map((i) => ({
      id: i.id,
      name: i.name,
      email: i.email,
      role: ROLE_LABELS[i.role],
      expiresOn: formatDate(i.expiresAt),
      expired: i.expiresAt.getTime() < Date.now(),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "organisation:manage:any" });
  const organisation = await organisationFrom(params);
  const form = await parseSubmission(request, organisationActionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const actor = actorOf(current, context);
  const here = `/admin/organisations/${organisation.id}`;
  const input = form.data;
  switch (input.intent) {
    case "rename": {
      const done = await renameOrganisation(actor, organisation.id, input.name);
      if (!done.ok) return data({ errors: { [done.field]: done.message }, values: form.values }, { status: 409 });
      throw redirect(`${here}?done=renamed`);
    }
    case "deactivate":
    case "reactivate": {
      const active = input.intent === "reactivate";
      const done = await setOrganisationActive(actor, organisation.id, active, "reason" in input ? input.reason : null);
      if (!done.ok) return data({ errors: { [done.field]: done.message }, values: form.values }, { status: 409 });
      throw redirect(`${here}?done=${input.intent}d`);
    }
    case "resend": {
      const invited = (await listPendingInvitations(organisation.id)).some((i) => i.id === input.invitation);
      if (!invited) notFound();
      const done = await resendInvitation(actor, input.invitation, requestDetails(request, context).origin);
      if (!done.ok) return data({ errors: { form: done.message }, values: form.values }, { status: 409 });
      throw redirect(`${here}?done=resent&to=${encodeURIComponent(done.email)}`);
    }
  }
}

const DONE: Record<string, string> = {
  added: "Organisation added",
  renamed: "Organisation renamed",
  deactivated: "Organisation deactivated",
  reactivated: "Organisation reactivated",
  resent: "Invitation sent again",
};

export default function AdminOrganisation() {
  const { organisation, counts, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values as Record<string, string> | undefined) ?? {};
  const [params] = useSearchParams();
  // A refused form shows its errors, never the banner of an earlier success.
  const done = !errors ? params.get("done") : null;
  const here = `/admin/organisations/${organisation.id}`;
  return (
    <>
      {done && DONE[done] ? (
        <Notification title={DONE[done]!}>
          <p>
            {done === "resent"
              ? `We have emailed ${params.get("to") ?? "them"} a new link. It works for 14 days; the old one no longer does.`
              : done === "deactivated"
                ? "Its members can no longer sign in to it. Everything it holds is kept."
                : done === "reactivated"
                  ? "Its members can sign in to it again."
                  : "The audit trail records the change."}
          </p>
        </Notification>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>
        <a href="/admin">Back to organisations</a>
      </p>
      <span className="caption">Platform administration</span>
      <h1>{organisation.name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Kind</dt>
          <dd className="summary-list__value">{organisation.kind}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Region</dt>
          <dd className="summary-list__value">{organisation.region}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Status</dt>
          <dd className="summary-list__value">
            {organisation.deactivatedOn ? `Deactivated on ${organisation.deactivatedOn}` : "Active"}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Learners</dt>
          <dd className="summary-list__value">{counts.learners}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Staff</dt>
          <dd className="summary-list__value">{counts.staff}</dd>
        </div>
      </dl>
      <p>
        <a href={`/organisation/audit?organisation=${organisation.id}`}>Audit trail of {organisation.name}</a>
      </p>

      <h2>Members ({members.length})</h2>
      {members.length === 0 ? (
        <p>No one yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Members of {organisation.name}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Roles</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  <a href={`/admin/people/${m.userId}`}>{m.name}</a>
                  <br />
                  <span className="secondary">{m.email}</span>
                </td>
                <td>{m.roles}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="invitations">Invitations waiting to be accepted ({invitations.length})</h2>
      {invitations.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Invitations waiting to be accepted</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Link works until</th>
              <th scope="col">
                <span className="visually-hidden">Send again</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <td>
                  {i.name}
                  <br />
                  <span className="secondary">{i.email}</span>
                </td>
                <td>{i.role}</td>
                <td>{i.expired ? `Ran out on ${i.expiresOn}` : i.expiresOn}</td>
                <td>
                  <Form method="post" action={here} className="inline-form">
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="invitation" value={i.id} />
                    <button type="submit" className="button button--secondary">
                      Send again<span className="visually-hidden"> to {i.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="narrow">
        <h2>Rename</h2>
        <Form method="post" action={here} noValidate>
          <input type="hidden" name="intent" value="rename" />
          <TextField
            name="name"
            label="New name"
            defaultValue={values.intent === "rename" ? values.name : organisation.name}
            error={errors?.name}
          />
          <button type="submit" className="button button--secondary">
            Rename
          </button>
        </Form>

        {organisation.deactivatedOn ? (
          <>
            <h2>Reactivate</h2>
            <p>Its members will be able to sign in to it again, with the roles they had.</p>
            <Form method="post" action={here}>
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit" className="button">
                Reactivate {organisation.name}
              </button>
            </Form>
          </>
        ) : (
          <>
            <h2>Deactivate</h2>
            <p>
              Its members will no longer be able to sign in to it, from their next page on. Everything it holds
              (learners&rsquo; years, sign-offs, the audit trail) is kept, and you can reactivate it later.
            </p>
            <Form method="post" action={here} noValidate>
              <input type="hidden" name="intent" value="deactivate" />
              <TextAreaField
                name="reason"
                label="Why are you deactivating it?"
                hint="Kept in the audit trail"
                rows={3}
                defaultValue={values.intent === "deactivate" ? values.reason : undefined}
                error={errors?.reason}
              />
              <button type="submit" className="button button--warning">
                Deactivate {organisation.name}
              </button>
            </Form>
          </>
        )}
      </div>
    </>
  );
}
