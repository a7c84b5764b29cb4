/** One checkout as its buyer reads it: what was bought, where the money stands, and Stripe's receipt. */
export interface PurchaseSummaryProps {
  programmeTitle: string;
  quantity: number;
  total: string;
  vat: string | null;
  boughtOn: string;
  /** In words: "Paid on 3 March 2027", "Refunded £1,200 of £3,600", … */
  standing: string;
  disputed: boolean;
  receiptUrl: string | null;
  test: boolean;
}


export function PurchaseSummary(p: PurchaseSummaryProps) {
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>Bought</dt>
        <dd>
          {p.quantity === 1 ? "A place" : `${p.quantity} places`} on {p.programmeTitle}, {p.boughtOn}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>Total</dt>
        <dd>
          {p.total} {p.vat ? `(including ${p.vat} VAT)` : "(no VAT)"}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>Payment</dt>
        <dd>
          {p.standing}
          {p.disputed ? ". The payment is disputed with the bank" : ""}
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>Receipt</dt>
        <dd>
          {p.receiptUrl ? (
            <a href={p.receiptUrl}>
              Receipt from Stripe<span className="visually-hidden"> for {p.programmeTitle}, {p.boughtOn}</span>
            </a>
          ) : p.test ? (
            "None: this was a test checkout"
          ) : (
            "Not yet: Stripe sends it once the payment is taken"
          )}
        </dd>
      </div>
    </dl>
  );
}
