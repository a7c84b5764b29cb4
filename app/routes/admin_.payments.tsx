import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import {
  PAYMENT_KIND_LABELS,
  paidProgrammes,
  readPaymentFilters,
  testRefundSchema,
} from "~/modules/payments/payment-forms.server";
import { listAllPayments, organisationsThatBought } from "~/modules/payments/places.server";
import { stripeSettings } from "~/modules/payments/stripe.server";
import { refundTestCheckout } from "~/modules/payments/test-checkout.server";
import { findCheckout } from "~/modules/payments/checkout.server";
import { formatPence } from "~/modules/programmes/labels";
import { requireMembership } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Payments – Practice Pathways" }];

const gate = (request: Request) => requireMembership(request, { permission: "payments:read:any" });

/** Every payment, refund and dispute on the platform, filtered by the page's address (a GET form). */
export async function loader({ request }: LoaderFunctionArgs) {
  await gate(request);
  const read = await readPaymentFilters(request);
  const [rows, organisations] = await Promise.all([listAllPayments(read.filters), organisationsThatBought()]);
  const query = new URL(request.url).search;
  return {
    errors: read.errors ?? null,
    values: read.values,
    exportHref: `/admin/payments.csv${query}`,
    testCheckout: stripeSettings().mode === "test",
    kinds: Object.entries(PAYMENT_KIND_LABELS).map(([value, label]) => ({ value, label })),
    programmes: paidProgrammes().map((p) => ({ value: p.slug, label: p.title })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: PAYMENT_KIND_LABELS[r.kind],
      amount: formatPence(r.amountPence),
      when: englandDateTime(r.occurredAt, "short"),
      programme: r.programmeTitle ?? "Not matched to a checkout yet",
      quantity: r.quantity,
      buyer: r.buyerName
        ? `${r.buyerName}${r.organisationName ? `, ${r.organisationName}` : " (self-funded)"}`
        : "Unknown",
      reason: r.reason?.replace(/_/g, " ") ?? null,
      receiptUrl: r.receiptUrl,
      checkoutId: r.checkoutId,
      test: r.mode === "test",
    })),
  };
}

/** Without keys only: the admin plays the part of Stripe's dashboard and refunds a test payment in full. */
export async function action({ request }: ActionFunctionArgs) {
  await gate(request);
  const form = await parseSubmission(request, testRefundSchema);
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const session = stripeSettings().mode === "test" ? await findCheckout(form.data.checkout) : null;
  const answer = session ? await refundTestCheckout(session) : null;
  if (!answer)
    return data(
      { errors: { checkout: "Only a paid test checkout can be refunded here: refund real payments on Stripe" } },
      { status: 400 },
    );
  throw redirect("/admin/payments?refunded=1");
}

export default function AdminPayments() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.errors ?? page.errors ?? undefined) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("refunded") ? (
        <Notification title="Test payment refunded">
          <p>The refund went through the webhook like Stripe’s: the places it paid for have ended.</p>
        </Notification>
      ) : null}
      <span className="caption">Platform administration</span>
      <h1>Payments</h1>
      <p>Every payment, refund and dispute Stripe has told us of, newest first.</p>
      <Form method="get" action="/admin/payments" className="filters" aria-label="Filter payments">
        <SelectField
          name="kind"
          label="Kind"
          options={[{ value: "", label: "All kinds" }, ...page.kinds]}
          defaultValue={page.values.kind ?? ""}
          error={errors?.kind}
        />
        <SelectField
          name="programme"
          label="Programme"
          options={[{ value: "", label: "All programmes" }, ...page.programmes]}
          defaultValue={page.values.programme ?? ""}
          error={errors?.programme}
        />
        <SelectField
          name="organisation"
          label="Organisation"
          options={[{ value: "", label: "All organisations" }, ...page.organisations]}
          defaultValue={page.values.organisation ?? ""}
          error={errors?.organisation}
        />
        <TextField
          name="from"
          label="From"
          type="date"
          width="third"
          defaultValue={page.values.from}
          error={errors?.from}
        />
        <TextField name="to" label="To" type="date" width="third" defaultValue={page.values.to} error={errors?.to} />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            Filter
          </button>
        </div>
      </Form>
      <p>
        <a href={page.exportHref}>Download these as a spreadsheet (CSV)</a>
      </p>
      {page.rows.length === 0 ? (
        <p>No payments match.</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="payments-caption" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden" id="payments-caption">
              Payments, refunds and disputes
            </caption>
            <thead>
              <tr>
                <th scope="col">When (England)</th>
                <th scope="col">Kind</th>
                <th scope="col">Amount</th>
                <th scope="col">Programme</th>
                <th scope="col">Bought by</th>
                <th scope="col">Receipt</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.when}</td>
                  <td>
                    {r.kindLabel.replace(/s$/, "")}
                    {r.reason ? ` (${r.reason})` : ""}
                    {r.test ? " · test" : ""}
                  </td>
                  <td>{r.amount}</td>
                  <td>
                    {r.programme}
                    {r.quantity ? `, ${r.quantity} ${r.quantity === 1 ? "place" : "places"}` : ""}
                  </td>
                  <td>{r.buyer}</td>
                  <td>
                    {r.receiptUrl ? <a href={r.receiptUrl}>Stripe receipt</a> : "None"}
                    {page.testCheckout && r.test && r.kind === "paid" && r.checkoutId ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="checkout" value={r.checkoutId} />
                        <button type="submit" className="button button--secondary">
                          Refund (test)
                          <span className="visually-hidden">
                            {" "}
                            {r.amount} from {r.buyer}
                          </span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
