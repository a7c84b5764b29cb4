import type { LoaderFunctionArgs } from "@remix-run/node";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { PAYMENT_KIND_LABELS, readPaymentFilters } from "~/modules/payments/payment-forms.server";
import { listAllPayments, PAYMENTS_EXPORT_LIMIT } from "~/modules/payments/places.server";
import { actorOf, requireMembership } from "~/utils/auth.server";
import { csvHeaders, toCsv } from "~/utils/csv";
import { englandDateTime, englandDay } from "~/utils/england";

/**
 * Every payment, refund and dispute as a spreadsheet, with the page's filters. Names and reasons are
 * neutralised by toCsv, so a buyer called "=HYPERLINK(…)" is text, never a formula; each download is audited.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "payments:read:any" });
  const read = await readPaymentFilters(request);
  const rows = await listAllPayments(read.filters, PAYMENTS_EXPORT_LIMIT);
  await recordAudit({
    ...actedBy(actorOf(current, context)),
    action: "payment.exported",
    subjectType: "organisation",
    subjectId: current.active.organisationId,
    detail: { rows: rows.length, ...read.filters },
  });
  const body = toCsv(
    ["When (England)", "Kind", "Amount (£)", "Currency", "Programme", "Places", "Checkout total (£)", "VAT in total (£)", "Bought by", "Email", "Organisation", "Dispute reason", "Receipt", "Payment intent", "Stripe checkout", "Test"],
    rows.map((r) => [
      englandDateTime(r.occurredAt, "short"),
      PAYMENT_KIND_LABELS[r.kind],
      (r.amountPence / 100).toFixed(2),
      r.currency.toUpperCase(),
      r.programmeTitle,
      r.quantity,
      r.totalPence === null ? null : (r.totalPence / 100).toFixed(2),
      r.vatPence === null ? null : (r.vatPence / 100).toFixed(2),
      r.buyerName,
      r.buyerEmail,
      r.organisationName ?? (r.buyerName ? "Self-funded" : null),
      r.reason,
      r.receiptUrl,
      r.paymentIntentId,
      r.stripeSessionId,
      r.mode === "test" ? "yes" : "no",
    ]),
  );
  return new Response(body, { headers: csvHeaders(`payments-${englandDay()}.csv`) });
}
