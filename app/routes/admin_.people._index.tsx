import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { findPendingInvitations, findPeople } from "~/modules/organisations/admin.server";
import { personSearchSchema } from "~/modules/organisations/admin-forms.server";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import { requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Find a person – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMembership(request, { permission: "organisation:manage:any" });
  const asked = new FormData();
  asked.set("q", new URL(request.url).searchParams.get("q") ?? "");
  const form = await parseSubmission(asked, personSearchSchema);
  const q = form.ok ? form.data.q : "";
  const [people, invitations] = q
    ? await Promise.all([findPeople(q), findPendingInvitations(q)])
    : [[], []];
  return {
    q: form.values.q ?? "",
    errors: form.ok ? null : form.errors,
    searched: !!q,
    people: people.map((p) => ({
      ...p,
      memberships: p.memberships.map((m) => `${ROLE_LABELS[m.role]}, ${m.organisation}`),
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      name: i.name,
      email: i.email,
      role: ROLE_LABELS[i.role],
      organisationId: i.organisationId,
      organisationName: i.organisationName,
    })),
  };
}

export default function FindPerson() {
  const page = useLoaderData<typeof loader>();
  const errors = page.errors ?? undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <p>
        <a href="/admin">Back to organisations</a>
      </p>
      <span className="caption">Platform administration</span>
      <h1>Find a person</h1>
      <Form method="get" action="/admin/people" className="filters" aria-label="Find a person">
        <TextField name="q" label="Name or email address" hint="Part of either is enough" width="half" defaultValue={page.q} error={errors?.q} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            Find
          </button>
        </div>
      </Form>
      {page.searched ? (
        <>
          <h2>People ({page.people.length})</h2>
          {page.people.length === 0 ? (
            <p>No one has an account with a name or email address like that.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">People found</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Account</th>
                </tr>
              </thead>
              <tbody>
                {page.people.map((p) => (
                  <tr key={p.userId}>
                    <td>
                      <a href={`/admin/people/${p.userId}`}>{p.name}</a>
                      <br />
                      <span className="secondary">{p.email}</span>
                    </td>
                    <td>
                      {p.memberships.length === 0 ? (
                        "None"
                      ) : (
                        <ul className="plain-list">
                          {p.memberships.map((m) => (
                            <li key={m}>{m}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {p.deactivated ? (
                        <strong className="tag tag--grey">Deactivated</strong>
                      ) : (
                        <strong className="tag tag--green">Active</strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {page.invitations.length ? (
            <>
              <h2>Invitations waiting to be accepted ({page.invitations.length})</h2>
              <ul>
                {page.invitations.map((i) => (
                  <li key={i.id}>
                    {i.name} ({i.email}), invited as {i.role.toLowerCase()} by{" "}
                    <a href={`/admin/organisations/${i.organisationId}#invitations`}>{i.organisationName}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
