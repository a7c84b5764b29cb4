import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { ROLE_LABELS } from "~/modules/organisations/roles";
import {
  listStaffTwoFactor,
  organisationSettings,
  setTwoFactorRequirement,
} from "~/modules/organisations/settings.server";
import { twoFactorPolicySchema } from "~/modules/auth/account-forms.server";
import { actorOf, notFound, requireMembership } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Organisation settings – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "settings:manage:organisation" });
  const [settings, staff] = await Promise.all([
    organisationSettings(current.active.organisationId),
    listStaffTwoFactor(current.active.organisationId),
  ]);
  if (!settings) notFound();
  return {
    organisation: settings.name,
    requireTwoFactor: settings.requireTwoFactor,
    youHaveTwoFactor: current.twoFactor.enabled,
    staff: staff.map((s) => ({ ...s, roleLabel: s.roles.map((r) => ROLE_LABELS[r]).join(", ") })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireMembership(request, { permission: "settings:manage:organisation" });
  const form = await parseSubmission(request, twoFactorPolicySchema);
  // A checkbox is either sent or not; anything else is treated as not ticked.
  const required = form.ok && form.data.requireTwoFactor === "yes";
  await setTwoFactorRequirement(actorOf(current, context), required);
  // Someone now required to use it who has not set it up is sent to do so by the gate on the next page.
  return redirect("/organisation/settings?saved=1");
}

export default function OrganisationSettings() {
  const { organisation, requireTwoFactor, youHaveTwoFactor, staff } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withoutIt = staff.filter((s) => !s.twoFactorOn).length;
  return (
    <>
      {params.get("saved") ? (
        <Notification title="Settings saved">
          <p>
            {requireTwoFactor
              ? "Staff who have not set up two-factor sign-in will be asked to the next time they use Practice Pathways."
              : "Two-factor sign-in is now a choice for each member of staff."}
          </p>
        </Notification>
      ) : null}
      <span className="caption">{organisation}</span>
      <h1>Organisation settings</h1>
      <div className="narrow">
        <h2>Two-factor sign-in</h2>
        <p>
          Two-factor sign-in asks for a security code from an authenticator app on the person&rsquo;s phone as well as
          their password. Requiring it protects the records of learners and of the people they work with if a password is
          guessed or reused.
        </p>
        <Form method="post" noValidate>
          <CheckboxField
            name="requireTwoFactor"
            label="Require two-factor sign-in for supervisors, assessors, team managers, programme leads and admins"
            hint={
              <>
                Staff who have not set it up are asked to before they can use anything else. Learners and returners are
                never asked.
                {youHaveTwoFactor ? null : " You have not set it up yourself, so you will be asked to straight away."}
              </>
            }
            defaultChecked={requireTwoFactor}
          />
          <button type="submit" className="button">
            Save settings
          </button>
        </Form>
      </div>
      <h2>
        Staff using two-factor sign-in ({staff.length - withoutIt} of {staff.length})
      </h2>
      <table className="table">
        <caption className="visually-hidden">Staff and whether they use two-factor sign-in</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Two-factor sign-in</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.userId}>
              <td>
                {s.name}
                <br />
                <span className="secondary">{s.email}</span>
              </td>
              <td>{s.roleLabel}</td>
              <td>
                {s.twoFactorOn ? (
                  <strong className="tag tag--green">On</strong>
                ) : (
                  <strong className="tag tag--grey">Not set up</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
