import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { AuthenticatorKey } from "~/components/TwoFactor";
import { newPhoneSchema } from "~/modules/auth/account-forms.server";
import { signInWindowMinutes } from "~/modules/auth/rate-limit.server";
import {
  cancelNewPhone,
  confirmNewPhone,
  isTwoFactorEnabled,
  newPhoneSetup,
  REPLACEMENT_LIFETIME_MS,
  startMovingToNewPhone,
} from "~/modules/auth/two-factor.server";
import { requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Move two-factor sign-in to a new phone – Practice Pathways" }];

const HERE = "/account/security/new-phone";

/**
 * Two steps on one page: prove it is you (password, and a code from the old phone or a recovery
 * code), then scan a new QR code and confirm a code from the new phone. The second step is shown
 * while a move started in this session is waiting; until it is confirmed the old phone still works.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  if (!(await isTwoFactorEnabled(current.user.id))) throw redirect("/account/security");
  const setup = await newPhoneSetup(current.user, current.session.id);
  const expired = new URL(request.url).searchParams.get("expired") === "1";
  if (!setup) return { step: "prove" as const, expired, minutes: REPLACEMENT_LIFETIME_MS / 60_000 };
  return {
    step: "confirm" as const,
    typed: setup.typed,
    uri: setup.uri,
    qrCode: setup.qrCode,
    email: current.user.email,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await requireUser(request, { partner: "allowed" });
  if (!(await isTwoFactorEnabled(current.user.id))) return redirect("/account/security");
  const form = await parseSubmission(request, newPhoneSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const details = { ...requestDetails(request, context), sessionId: current.session.id };
  const tooMany = (what: string) =>
    data(
      {
        errors: {
          form: `Too many wrong ${what}. For your security, wait ${signInWindowMinutes()} minutes and try again.`,
        },
      },
      { status: 429 },
    );

  if (form.data.intent === "cancel") {
    await cancelNewPhone(current.user, current.session.id);
    return redirect("/account/security");
  }

  if (form.data.intent === "prove") {
    const result = await startMovingToNewPhone(current.user, form.data.password, form.data.code, details);
    if (result.ok) return redirect(HERE);
    if (result.field === "form") return redirect("/account/security");
    if (result.reason === "rate_limited") return tooMany(result.field === "password" ? "passwords" : "codes");
    const message =
      result.field === "password"
        ? "Your password is not right"
        : result.reason === "replayed"
          ? "That security code has already been used. Wait for your authenticator app to show a new code, then enter it"
          : "That code is not right. Enter the code your authenticator app shows now, or an unused recovery code";
    return data({ errors: { [result.field]: message } }, { status: 400 });
  }

  const result = await confirmNewPhone(current.user, form.data.code, details);
  if (result.ok) return redirect("/account/security?two-factor=moved");
  if (result.reason === "not_started") return redirect(`${HERE}?expired=1`);
  if (result.reason === "rate_limited") return tooMany("codes");
  return data(
    {
      errors: {
        code: "That security code is not right. Check the new phone's app shows Practice Pathways and enter the code it shows now",
      },
    },
    { status: 400 },
  );
}

export default function NewPhone() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;

  if (loaded.step === "confirm") {
    return (
      <div className="narrow">
        <ErrorSummary errors={errors} />
        <span className="caption">Your account</span>
        <h1>Set up your new phone</h1>
        <p>
          Your old phone keeps working until you enter a code from the new one. After that, only the new phone&rsquo;s
          codes work.
        </p>
        <ol className="setup-steps">
          <li>
            <h2 className="heading-s">Add Practice Pathways to the app on your new phone</h2>
            <p>In the app, choose to add an account, then scan this QR code with your new phone&rsquo;s camera.</p>
            <AuthenticatorKey qrCode={loaded.qrCode} typed={loaded.typed} uri={loaded.uri} email={loaded.email} />
          </li>
          <li>
            <h2 className="heading-s">Enter the security code from the new phone</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <TextField
                name="code"
                emptyAfterEachTry
                label="Security code from the new phone"
                hint="The app shows a 6-digit code that changes every 30 seconds"
                inputMode="numeric"
                autoComplete="one-time-code"
                spellCheck={false}
                width="third"
                error={errors?.code}
              />
              <button type="submit" className="button">
                Use the new phone
              </button>
            </Form>
          </li>
        </ol>
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="button button--secondary">
            Cancel and keep the old phone
          </button>
        </Form>
      </div>
    );
  }

  return (
    <div className="narrow">
      <ErrorSummary errors={errors} />
      {loaded.expired ? (
        <Notification title="Start again" kind="information">
          <p>
            The new phone was not confirmed within {loaded.minutes} minutes, so your old phone is still the one that
            works. Start again below.
          </p>
        </Notification>
      ) : null}
      <span className="caption">Your account</span>
      <h1>Move two-factor sign-in to a new phone</h1>
      <p>
        First show it is you. Then you will scan a new QR code with your new phone and enter a code from it. Your old
        phone keeps working until then.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="prove" />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors?.password}
        />
        <TextField
          name="code"
          emptyAfterEachTry
          label="Security code from your old phone"
          hint="The 6-digit code your authenticator app shows now. If you no longer have the old phone, enter one of your recovery codes"
          autoComplete="one-time-code"
          spellCheck={false}
          width="half"
          error={errors?.code}
        />
        <div className="button-group">
          <button type="submit" className="button">
            Continue
          </button>
          <a href="/account/security">Cancel</a>
        </div>
      </Form>
    </div>
  );
}
