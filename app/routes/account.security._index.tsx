import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Notification } from "~/components/Notification";
import { twoFactorStatus } from "~/modules/auth/two-factor.server";
import { formatDate } from "~/modules/organisations/people";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  const status = await twoFactorStatus(current.user.id);
  return {
    enabled: status.enabled,
    enabledOn: status.enabledAt ? formatDate(status.enabledAt) : null,
    recoveryCodesLeft: status.recoveryCodesLeft,
    requiredBy: status.requiredBy,
  };
}

export default function AccountSecurity() {
  const { enabled, enabledOn, recoveryCodesLeft, requiredBy } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const usedRecoveryCode = params.get("recovery-code") === "used";
  return (
    <div className="narrow">
      {params.get("two-factor") === "off" ? (
        <Notification title="Two-factor sign-in is off">
          <p>You will only need your password to sign in. Your recovery codes no longer work.</p>
        </Notification>
      ) : null}
      {params.get("two-factor") === "moved" ? (
        <Notification title="Two-factor sign-in is on your new phone">
          <p>
            Codes from your old phone no longer work. You have been signed out on every other device. Your recovery
            codes have not changed.
          </p>
        </Notification>
      ) : null}
      {usedRecoveryCode ? (
        <Notification title="You signed in with a recovery code" kind="information">
          <p>
            That code cannot be used again. You have {recoveryCodesLeft} recovery{" "}
            {recoveryCodesLeft === 1 ? "code" : "codes"} left.
          </p>
          <p>
            If you have lost your phone, <a href="/account/security/recovery-codes">get new recovery codes</a> now
            and keep them somewhere safe, and{" "}
            <a href="/account/security/new-phone">move two-factor sign-in to a new phone</a> (a recovery code will
            do).
          </p>
        </Notification>
      ) : null}
      <span className="caption">Your account</span>
      <h1>Two-factor sign-in</h1>
      <p>
        With two-factor sign-in, you enter a security code from an authenticator app on your phone as well as your
        password. Someone who finds out your password still cannot sign in as you.
      </p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Two-factor sign-in</dt>
          <dd>
            {enabled ? <strong className="tag tag--green">On</strong> : <strong className="tag tag--grey">Off</strong>}
            {enabledOn ? <span className="secondary"> since {enabledOn}</span> : null}
          </dd>
        </div>
        {enabled ? (
          <div className="summary-list__row">
            <dt>Recovery codes</dt>
            <dd>
              {recoveryCodesLeft} of 10 left
              {recoveryCodesLeft <= 3 ? <strong className="tag tag--yellow"> Running low</strong> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {enabled ? (
        <>
          <h2>Recovery codes</h2>
          <p>
            If you do not have your phone, you can sign in with a recovery code instead of a security code. Each code
            works once. Getting new codes stops the old ones working.
          </p>
          <p>
            <a href="/account/security/recovery-codes" className="button button--secondary">
              Get new recovery codes
            </a>
          </p>
          <h2>New phone</h2>
          <p>
            Got a new phone, or lost the old one? Set up the authenticator app on the new phone. You need your password
            and a code from the old phone, or one of your recovery codes.
          </p>
          <p>
            <a href="/account/security/new-phone" className="button button--secondary">
              Move to a new phone
            </a>
          </p>
          <h2>Turn off two-factor sign-in</h2>
          {requiredBy.length ? (
            <div className="inset">
              {requiredBy.join(" and ")} {requiredBy.length > 1 ? "require" : "requires"} two-factor sign-in for your
              role, so you cannot turn it off.
            </div>
          ) : (
            <p>
              <a href="/account/security/turn-off">Turn off two-factor sign-in</a>
            </p>
          )}
        </>
      ) : (
        <>
          <p>You need your phone with an authenticator app on it. It takes about 2 minutes.</p>
          <p>
            <a href="/account/security/two-factor" className="button">
              Turn on two-factor sign-in
            </a>
          </p>
        </>
      )}
      <p>
        <a href="/account">Back to your account</a>
      </p>
    </div>
  );
}
