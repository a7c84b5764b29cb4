import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PurchaseSummary } from "~/components/PurchaseSummary";
import { describeStanding, listPurchases } from "~/modules/payments/places.server";
import { formatDate } from "~/modules/organisations/people";
import { formatPence } from "~/modules/programmes/labels";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your payments – Practice Pathways" }];

/** A person's own payments for their own learning, with Stripe's receipts (an organisation's are on its places page). */
export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const purchases = await listPurchases({ buyerId: current.user.id, selfFunded: true });
  return {
    lead: current.active?.role === "programme_lead",
    purchases: purchases.map((p) => ({
      id: p.id,
      programmeSlug: p.programmeSlug,
      programmeTitle: p.programmeTitle,
      quantity: p.quantity,
      total: formatPence(p.totalPence),
      vat: p.vatPence ? formatPence(p.vatPence) : null,
      boughtOn: formatDate(p.createdAt),
      standing: describeStanding(p, { day: formatDate, money: formatPence }),
      disputed: p.standing.disputed,
      receiptUrl: p.standing.receiptUrl,
      test: p.mode === "test",
      enrolled: p.places[0]?.state.state === "held",
    })),
  };
}

export default function Payments() {
  const { purchases, lead } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Your payments</h1>
      {lead ? (
        <p>
          Places you buy for your organisation are on <a href="/organisation/places">Places</a>.
        </p>
      ) : null}
      {purchases.length === 0 ? (
        <p>
          You have not paid for any learning. Programmes with a fee, such as the Masters, can be bought from their
          page: see <a href="/programmes">all programmes</a>.
        </p>
      ) : (
        purchases.map((p) => (
          <section key={p.id} aria-labelledby={`purchase-${p.id}`}>
            <h2 className="heading-m" id={`purchase-${p.id}`}>
              {p.programmeTitle}
            </h2>
            <PurchaseSummary {...p} />
            {p.enrolled ? (
              <p>
                <a href={`/programmes/${p.programmeSlug}`}>Go to {p.programmeTitle}</a>
              </p>
            ) : null}
          </section>
        ))
      )}
    </div>
  );
}
