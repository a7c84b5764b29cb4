import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { AuthenticatorKey, RecoveryCodes } from "~/components/TwoFactor";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import { confirmSetup, pendingSetup } from "~/modules/auth/two-factor.server";
import { startPathFor } from "~/modules/organisations/roles";
import { twoFactorSetupSchema } from "~/modules/auth/account-forms.server";
import { requireUserDuringTwoFactorSetup } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Set up two-factor sign-in – Practice Pathways" }];

// The setup page is the one page (with signing out) open to someone who must set it up first.
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUserDuringTwoFactorSetup(request);
  const setup = await pendingSetup(current.user);
  // Already on. Not a redirect: this loader runs again right after turning it on, and the
  // page must then show the recovery codes the action returned.
  if (!setup) return { alreadyOn: true as const };
  return {
    alreadyOn: false as const,
    typed: setup.typed,
    uri: setup.uri,
    qrCode: setup.qrCode,
    email: current.user.email,
    requiredBy: current.twoFactor.requiredBy,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUserDuringTwoFactorSetup(request);
  const form = await parseSubmission(request, twoFactorSetupSchema);
  if (!form.ok) return data({ errors: form.errors, recoveryCodes: null, next: null }, { status: 400 });
  const result = await confirmSetup(current.user, form.data.code, {
    ipAddress: requestDetails(request, context).ipAddress,
    sessionId: current.session.id,
  });
  if (!result.ok) {
    if (result.reason === "not_started") throw redirect("/account/security");
    const errors =
      result.reason === "rate_limited"
        ? { form: `Too many wrong codes. For your security, wait ${signInWindowMinutes()} minutes and try again.` }
        : {
            code: "That security code is not right. Check the app shows Practice Pathways and enter the code it shows now",
          };
    return data({ errors, recoveryCodes: null, next: null }, { status: result.reason === "rate_limited" ? 429 : 400 });
  }
  const forced = current.twoFactor.requiredBy.length > 0;
  return {
    errors: undefined,
    recoveryCodes: result.recoveryCodes,
    next: forced
      ? { href: startPathFor(current.active?.role), label: "Continue" }
      : { href: "/account/security", label: "Continue" },
  };
}

export default function SetUpTwoFactor() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;

  if (actionData?.recoveryCodes && actionData.next) {
    return (
      <div className="narrow">
        <span className="caption">Your account</span>
        <h1>Two-factor sign-in is on</h1>
        <p>
          From now on you will be asked for a security code from your authenticator app each time you sign in. You have
          been signed out on every other device.
        </p>
        <RecoveryCodes codes={actionData.recoveryCodes} next={actionData.next} />
      </div>
    );
  }

  if (loaded.alreadyOn) {
    return (
      <div className="narrow">
        <span className="caption">Your account</span>
        <h1>Two-factor sign-in is already on</h1>
        <p>
          <a href="/account/security">Go to two-factor sign-in</a> to get new recovery codes or turn it off.
        </p>
      </div>
    );
  }

  const { typed, uri, qrCode, requiredBy, email } = loaded;
  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      <span className="caption">Your account</span>
      <h1>Set up two-factor sign-in</h1>
      {requiredBy.length ? (
        <Notification title="Your organisation asks you to do this" kind="information">
          <p>
            {requiredBy.join(" and ")} {requiredBy.length > 1 ? "ask" : "asks"} everyone who supervises, assesses or
            runs programmes to use two-factor sign-in. Set it up now to carry on. It takes about 2 minutes.
          </p>
        </Notification>
      ) : null}
      <p>
        Two-factor sign-in keeps the records of the people you work with safe: as well as your password, you enter a
        security code from an app on your phone. Someone who finds out your password still cannot sign in as you.
      </p>
      <ol className="setup-steps">
        <li>
          <h2 className="heading-s">Get an authenticator app</h2>
          <p>
            Install an authenticator app on your phone if you do not have one. Any will do, for example Microsoft
            Authenticator, Google Authenticator, or the password manager on your phone.
          </p>
        </li>
        <li>
          <h2 className="heading-s">Add Practice Pathways to the app</h2>
          <p>In the app, choose to add an account, then scan this QR code with your phone&rsquo;s camera.</p>
          <AuthenticatorKey qrCode={qrCode} typed={typed} uri={uri} email={email} />
        </li>
        <li>
          <h2 className="heading-s">Enter the security code</h2>
          <Form method="post" noValidate>
            <TextField
              name="code"
              emptyAfterEachTry
              label="Security code from the app"
              hint="The app shows a 6-digit code that changes every 30 seconds"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              width="third"
              error={errors?.code}
            />
            <button type="submit" className="button">
              Turn on two-factor sign-in
            </button>
          </Form>
        </li>
      </ol>
    </div>
  );
}
