import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextAreaField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { rolesFor } from "~/modules/organisations/admin";
import {
  changeMemberRole,
  personForAdmin,
  resendInvitation,
  setAccountActive,
} from "~/modules/organisations/admin.server";
import { personActionSchema } from "~/modules/organisations/admin-forms.server";
import { formatDate } from "~/modules/organisations/people";
import { ROLE_LABELS, ROLES } from "~/modules/organisations/roles";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.name} – Practice Pathways` : "Person – Practice Pathways" },
];

async function personFrom(params: { personId?: string }) {
  if (!isUuid(params.personId)) notFound();
  const person = await personForAdmin(params.personId);
  if (!person) notFound();
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "organisation:manage:any" });
  const person = await personFrom(params);
  const kinds = new Set(person.memberships.map((m) => m.kind));
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      since: formatDate(person.createdAt),
      deactivatedOn: person.deactivatedAt ? formatDate(person.deactivatedAt) : null,
      hasPassword: person.hasPassword,
      twoFactorOn: person.twoFactorOn,
      isYou: person.id === current.user.id,
    },
    memberships: person.memberships.map((m) => ({
      id: m.membershipId,
      label: `${ROLE_LABELS[m.role]} at ${m.organisationName}`,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      role: ROLE_LABELS[m.role],
      organisationDeactivated: m.organisationDeactivated,
    })),
    // The roles any of their organisations has, in the usual order.
    roleChoices: ROLES.filter((r) => [...kinds].some((k) => rolesFor(k).includes(r))).map((r) => ({
      value: r,
      label: ROLE_LABELS[r],
    })),
    invitations: person.invitations.map((i) => ({
      id: i.id,
      label: `${ROLE_LABELS[i.role]} at ${i.organisationName}`,
      expiresOn: formatDate(i.expiresAt),
      expired: i.expiresAt.getTime() < Date.now(),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "organisation:manage:any" });
  const person = await personFrom(params);
  const form = await parseSubmission(request, personActionSchema);
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 });
  const actor = actorOf(current, context);
  const here = `/admin/people/${person.id}`;
  const input = form.data;
  const refused = (field: string, message: string) =>
    data({ errors: { [field]: message }, values: form.values }, { status: 409 });
  switch (input.intent) {
    case "role": {
      // Only this person's own memberships can be changed from their page.
      if (!person.memberships.some((m) => m.membershipId === input.membership))
        return refused("membership", "Choose which of their roles to change");
      const done = await changeMemberRole(actor, input.membership, input.role);
      if (!done.ok) return refused(done.field, done.message);
      throw redirect(`${here}?done=role`);
    }
    case "deactivate":
    case "reactivate": {
      const active = input.intent === "reactivate";
      const done = await setAccountActive(actor, person.id, active, "reason" in input ? input.reason : null);
      if (!done.ok) return refused(done.field, done.message);
      throw redirect(`${here}?done=${input.intent}d`);
    }
    case "resend": {
      if (!person.invitations.some((i) => i.id === input.invitation)) notFound();
      const done = await resendInvitation(actor, input.invitation, requestDetails(request, context).origin);
      if (!done.ok) return refused("form", done.message);
      throw redirect(`${here}?done=resent`);
    }
  }
}

const DONE: Record<string, { title: string; text: string }> = {
  role: { title: "Role changed", text: "They work in their new role from their next page on. The audit trail records the change." },
  deactivated: {
    title: "Account deactivated",
    text: "They have been signed out everywhere and cannot sign in. Their records are kept.",
  },
  reactivated: { title: "Account reactivated", text: "They can sign in again." },
  resent: { title: "Invitation sent again", text: "We have emailed them a new link. It works for 14 days; the old one no longer does." },
};

export default function AdminPerson() {
  const { person, memberships, roleChoices, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values as Record<string, string> | undefined) ?? {};
  const [params] = useSearchParams();
  // A refused form shows its errors, never the banner of an earlier success.
  const done = !errors ? DONE[params.get("done") ?? ""] : undefined;
  const here = `/admin/people/${person.id}`;
  return (
    <>
      {done ? (
        <Notification title={done.title}>
          <p>{done.text}</p>
        </Notification>
      ) : null}
      <ErrorSummary errors={errors} />
      <p>
        <a href="/admin/people">Find another person</a>
      </p>
      <span className="caption">Platform administration</span>
      <h1>{person.name}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Email address</dt>
          <dd className="summary-list__value">{person.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Account</dt>
          <dd className="summary-list__value">
            {person.deactivatedOn
              ? `Deactivated on ${person.deactivatedOn}`
              : person.hasPassword
                ? `Active since ${person.since}`
                : "Not yet set up: they have not chosen a password"}
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/organisation/audit?person=${encodeURIComponent(person.email)}`}>
          What {person.name} did, and what was done about them, in the audit trail
        </a>
      </p>

      <h2>Roles</h2>
      {memberships.length === 0 ? (
        <p>{person.name} has no role in any organisation.</p>
      ) : (
        <ul>
          {memberships.map((m) => (
            <li key={m.id}>
              {m.role} at <a href={`/admin/organisations/${m.organisationId}`}>{m.organisationName}</a>
              {m.organisationDeactivated ? " (organisation deactivated)" : ""}
            </li>
          ))}
        </ul>
      )}
      {memberships.length ? (
        <div className="narrow">
          <h3>Change a role</h3>
          <Form method="post" action={here} noValidate>
            <input type="hidden" name="intent" value="role" />
            <SelectField
              name="membership"
              label="Which role"
              options={memberships.map((m) => ({ value: m.id, label: m.label }))}
              defaultValue={values.intent === "role" ? values.membership : memberships.length === 1 ? memberships[0]!.id : undefined}
              error={errors?.membership}
            />
            <SelectField
              name="role"
              label="New role"
              options={roleChoices}
              defaultValue={values.intent === "role" ? values.role : undefined}
              error={errors?.role}
            />
            <button type="submit" className="button">
              Change the role
            </button>
          </Form>
        </div>
      ) : null}

      {invitations.length ? (
        <>
          <h2>Invitations waiting to be accepted</h2>
          <ul>
            {invitations.map((i) => (
              <li key={i.id}>
                {i.label}: the link {i.expired ? `ran out on ${i.expiresOn}` : `works until ${i.expiresOn}`}{" "}
                <Form method="post" action={here} className="inline-form">
                  <input type="hidden" name="intent" value="resend" />
                  <input type="hidden" name="invitation" value={i.id} />
                  <button type="submit" className="button button--secondary">
                    Send again<span className="visually-hidden">: {i.label}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Two-factor sign-in</h2>
      <p>Two-factor sign-in is {person.twoFactorOn ? "on" : "off"} for {person.name}.</p>
      {person.twoFactorOn && memberships.length ? (
        <ul className="plain-list">
          {memberships.map((m) => (
            <li key={m.id}>
              <a href={`/members/${m.id}/two-factor`}>
                Reset two-factor sign-in<span className="visually-hidden"> for {person.name}</span> ({m.label})
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      <div className="narrow">
        {person.deactivatedOn ? (
          <>
            <h2>Reactivate the account</h2>
            <p>{person.name} will be able to sign in again, with the roles they had.</p>
            <Form method="post" action={here}>
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit" className="button">
                Reactivate {person.name}&rsquo;s account
              </button>
            </Form>
          </>
        ) : person.isYou ? (
          <>
            <h2>Deactivate the account</h2>
            <p>This is your own account: another platform admin can deactivate it.</p>
          </>
        ) : (
          <>
            <h2>Deactivate the account</h2>
            <p>
              {person.name} will be signed out everywhere at once and will not be able to sign in. Everything they
              wrote and signed is kept, and you can reactivate the account later.
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
                Deactivate {person.name}&rsquo;s account
              </button>
            </Form>
          </>
        )}
      </div>
    </>
  );
}
