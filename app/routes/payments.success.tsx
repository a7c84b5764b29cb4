import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { findOwnCheckout } from "~/modules/payments/checkout.server";
import { checkoutReport, heardOf } from "~/modules/payments/places.server";
import { formatPence } from "~/modules/programmes/labels";
import { notFound, requireUser } from "~/utils/auth.server";
import { isUuid } from "~/utils/ids";

/** While the payment's webhook has still to arrive, the page looks again every few seconds (without JavaScript too). */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Your payment – Practice Pathways" },
  ...(data?.waiting ? [{ httpEquiv: "refresh", content: "3" }] : []),
];

/**
 * Where Stripe sends the buyer back. It never enrols anyone: it only shows what the webhook has done
 * (Stripe's redirect can arrive before its event, be opened twice, or be typed in by hand).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const id = new URL(request.url).searchParams.get("session") ?? undefined;
  if (!isUuid(id)) notFound();
  const session = await findOwnCheckout(current.user.id, id);
  if (!session) notFound();
  const [report, heard] = await Promise.all([checkoutReport(session.id, current.user.id), heardOf(session.stripeSessionId)]);
  if (!report) notFound();
  const { purchase, enrolment } = report;
  const state = purchase.standing.state;
  const selfFunded = !session.organisationId;
  const enrolled = selfFunded && enrolment?.status === "active";
  return {
    id: session.id,
    programme: { slug: purchase.programmeSlug, title: purchase.programmeTitle },
    total: formatPence(purchase.totalPence),
    quantity: purchase.quantity,
    selfFunded,
    test: session.mode === "test",
    byInvoice: session.byInvoice,
    state,
    heard,
    enrolled,
    free: purchase.places.filter((p) => p.state.state === "free").length,
    receiptUrl: purchase.standing.receiptUrl,
    /** Nothing from Stripe yet, or paid and the self-funder's enrolment still to be made: look again shortly. */
    waiting: !heard || (state === "paid" && selfFunded && !enrolled),
  };
}

export default function PaymentSuccess() {
  const c = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <span className="caption">{c.programme.title}</span>
      {c.state === "paid" && c.selfFunded && c.enrolled ? (
        <>
          <h1>You are enrolled</h1>
          <div className="panel" role="status">
            <p>
              We received your payment of {c.total} and you are enrolled on <strong>{c.programme.title}</strong>.
            </p>
            <a href={`/programmes/${c.programme.slug}`} className="button">
              Start {c.programme.title}
            </a>
          </div>
        </>
      ) : c.state === "paid" && !c.selfFunded ? (
        <>
          <h1>Your places are ready</h1>
          <div className="panel" role="status">
            <p>
              We received your payment of {c.total} for {c.quantity} {c.quantity === 1 ? "place" : "places"} on{" "}
              {c.programme.title}. {c.free} {c.free === 1 ? "place is" : "places are"} ready to give to your learners.
            </p>
            <a href="/organisation/places" className="button">
              Give places to learners
            </a>
          </div>
        </>
      ) : c.state === "failed" ? (
        <>
          <h1>The payment did not go through</h1>
          <p>No places were given. You can try again from the programme’s page.</p>
        </>
      ) : c.state === "refunded" || c.state === "part_refunded" ? (
        <>
          <h1>This payment was refunded</h1>
          <p>The places it paid back have ended. Your payments page shows the refund.</p>
        </>
      ) : c.heard && c.byInvoice ? (
        <>
          <h1>Waiting for your bank transfer</h1>
          <p role="status">
            Your order is placed. We give the places as soon as the transfer of {c.total} reaches us; we email you then.
          </p>
          {c.test ? (
            <p>
              <a href={`/payments/test-checkout?session=${c.id}`}>Open the test checkout to play the bank’s part</a>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <h1>Payment received, enrolling you</h1>
          <p role="status">
            {c.selfFunded
              ? "We are confirming your payment with the bank and enrolling you: this page shows your enrolment as soon as that is done, usually within a few seconds."
              : "We are confirming your payment with the bank: this page shows your places as soon as that is done, usually within a few seconds."}
          </p>
          <p>
            <a href={`/payments/success?session=${c.id}`}>Check again</a>
          </p>
        </>
      )}
      <p>
        {c.receiptUrl ? (
          <a href={c.receiptUrl}>Your receipt from Stripe</a>
        ) : c.test ? (
          "This was a test checkout, so there is no Stripe receipt."
        ) : null}{" "}
        <a href={c.selfFunded ? "/payments" : "/organisation/places"}>All your payments</a>
      </p>
    </div>
  );
}
