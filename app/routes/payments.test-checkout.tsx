import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { findOwnCheckout } from "~/modules/payments/checkout.server";
import { testCheckoutSchema } from "~/modules/payments/payment-forms.server";
import { checkoutReport } from "~/modules/payments/places.server";
import { stripeSettings } from "~/modules/payments/stripe.server";
import { finishTestCheckout } from "~/modules/payments/test-checkout.server";
import { formatPence } from "~/modules/programmes/labels";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { parseSubmission } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction = () => [{ title: "Test checkout – Practice Pathways" }];

/** Only without Stripe keys, and only for the person who started the checkout. */
async function ownTestCheckout(request: Request, id: string | null | undefined) {
  const current = await requireUser(request);
  const checkoutId = id ?? undefined;
  if (stripeSettings().mode !== "test" || !isUuid(checkoutId)) notFound();
  const session = await findOwnCheckout(current.user.id, checkoutId);
  if (!session || session.mode !== "test") notFound();
  return { current, session };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { current, session } = await ownTestCheckout(request, new URL(request.url).searchParams.get("session"));
  const report = await checkoutReport(session.id, current.user.id);
  return {
    id: session.id,
    programme: findProgramme(session.programmeSlug)?.title ?? session.programmeSlug,
    quantity: session.quantity,
    total: formatPence(session.totalPence),
    vat: session.vatPence ? formatPence(session.vatPence) : null,
    byInvoice: session.byInvoice,
    email: current.user.email,
    state: report?.purchase.standing.state ?? "awaiting",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const form = await parseSubmission(request, testCheckoutSchema);
  // Without a checkout of the person's own there is nothing here for them: as if the page did not exist.
  if (!form.ok && (form.errors.session || !isUuid(form.values.session))) notFound();
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const { session } = await ownTestCheckout(request, form.data.session);
  if (form.data.outcome === "cancel")
    throw redirect(session.organisationId ? "/organisation/places?cancelled=1" : `/programmes/${session.programmeSlug}?cancelled=1`);
  const answer = await finishTestCheckout(session, form.data.outcome);
  if (answer.status !== 200) throw new Error(`The webhook refused the test checkout's own event: ${answer.reason}`);
  throw redirect(`/payments/success?session=${session.id}`);
}

export default function TestCheckout() {
  const c = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const button = (outcome: string, label: string, kind = "button") => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="session" value={c.id} />
      <input type="hidden" name="outcome" value={outcome} />
      <button type="submit" className={kind}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="narrow">
      <ErrorSummary errors={actionData?.errors as Record<string, string> | undefined} />
      <div className="notification notification--warning" role="note">
        <h2 className="notification__title">Test checkout: no money is taken</h2>
        <div className="notification__body">
          <p>
            This site has no Stripe keys, so it shows its own test checkout instead of Stripe’s. What you choose here is
            sent to the site as a signed payment event, exactly as Stripe would send it, and your places are given in
            the same way.
          </p>
        </div>
      </div>
      <span className="caption">Test checkout</span>
      <h1>Pay for {c.quantity === 1 ? "a place" : `${c.quantity} places`}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Programme</dt>
          <dd>{c.programme}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Places</dt>
          <dd>{c.quantity}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Total</dt>
          <dd>
            {c.total}
            {c.vat ? ` (including ${c.vat} VAT)` : " (no VAT)"}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Your email</dt>
          <dd>{c.email}</dd>
        </div>
      </dl>
      {c.state === "paid" ? (
        <p>
          This checkout is paid. <a href={`/payments/success?session=${c.id}`}>See your places</a>
        </p>
      ) : c.byInvoice ? (
        <>
          <p>Your organisation pays this order by bank transfer against an invoice.</p>
          <div className="button-group">
            {button("transfer_started", "Finish: we will pay by bank transfer")}
            {button("transfer_arrived", "Test: the bank transfer arrives", "button button--secondary")}
            {button("transfer_failed", "Test: the bank transfer fails", "button button--secondary")}
          </div>
        </>
      ) : (
        <div className="button-group">
          {button("card", `Pay ${c.total} (test card)`)}
          {button("cancel", "Cancel and go back", "button button--secondary")}
        </div>
      )}
    </div>
  );
}
