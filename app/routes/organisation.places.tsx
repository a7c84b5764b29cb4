import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, RadioGroup, SelectField, TextField } from "~/components/forms";
import { Notification } from "~/components/Notification";
import { PurchaseSummary } from "~/components/PurchaseSummary";
import { SubmissionKey } from "~/components/SubmissionKey";
import { listInRole } from "~/modules/organisations/memberships.server";
import { formatDate } from "~/modules/organisations/people";
import { startCheckout } from "~/modules/payments/checkout.server";
import {
  assignPlaceSchema,
  buyPlacesSchema,
  paidProgrammes,
  takeBackSchema,
} from "~/modules/payments/payment-forms.server";
import { assignPlace, describeStanding, listPurchases, takeBackPlace } from "~/modules/payments/places.server";
import { chargeFor, INVOICE_FROM, MOST_PLACES } from "~/modules/payments/prices";
import { stripeSettings } from "~/modules/payments/stripe.server";
import { describePrice, formatPence } from "~/modules/programmes/labels";
import { actorOf, requireMembership } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { parseSubmission } from "~/utils/forms.server";
import { requestDetails } from "~/utils/request.server";
import { refuse, saveOnce } from "~/utils/save-once.server";

export const meta: MetaFunction = () => [{ title: "Places – Practice Pathways" }];

const gate = (request: Request) => requireMembership(request, { permission: "places:manage:organisation" });

const HISTORY_WORDS = { assigned: "given to", taken_back: "taken back from", refunded: "ended by a refund" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await gate(request);
  const organisationId = current.active.organisationId;
  const [purchases, learners] = await Promise.all([
    listPurchases({ organisationId }),
    listInRole(organisationId, "learner"),
  ]);
  const chosen = new URL(request.url).searchParams.get("programme");
  return {
    organisation: current.active.organisation.name,
    testCheckout: stripeSettings().mode === "test",
    invoiceFrom: INVOICE_FROM,
    mostPlaces: MOST_PLACES,
    chosen: paidProgrammes().some((p) => p.slug === chosen) ? chosen : null,
    programmes: paidProgrammes().map((p) => ({
      value: p.slug,
      label: `${p.title}: ${formatPence(chargeFor(p.price!, 1).totalPence)} a place`,
      price: describePrice(p.price),
    })),
    learners: learners.map((l) => ({ value: l.userId, label: l.name })),
    purchases: purchases.map((p) => ({
      id: p.id,
      programmeTitle: p.programmeTitle,
      quantity: p.quantity,
      total: formatPence(p.totalPence),
      vat: p.vatPence ? formatPence(p.vatPence) : null,
      boughtOn: formatDate(p.createdAt),
      buyerName: p.buyerName,
      standing: describeStanding(p, { day: formatDate, money: formatPence }),
      disputed: p.standing.disputed,
      receiptUrl: p.standing.receiptUrl,
      test: p.mode === "test",
      places: p.places.map((place) => ({
        seatId: place.seatId,
        number: place.number,
        state: place.state.state,
        learnerName: place.learnerName,
        started: place.started,
        history: place.history.map((h) => ({
          words: `${HISTORY_WORDS[h.kind]}${h.kind === "refunded" ? (h.learnerName ? ` (${h.learnerName}'s)` : "") : ` ${h.learnerName ?? "a learner"}`}`,
          by: h.byRole === "payment" ? "by the payment" : `by ${h.byName ?? "someone"}`,
          at: englandDateTime(h.at, "short"),
        })),
      })),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const current = await gate(request);
  const actor = actorOf(current, context);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "buy") {
    const parsed = await parseSubmission(form, buyPlacesSchema);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, intent }, { status: 400 });
    const outcome = await saveOnce(request, parsed.sent, current.user.id, async () => {
      const result = await startCheckout(actor, {
        programmeSlug: parsed.data.programme,
        quantity: parsed.data.quantity,
        organisationId: actor.organisationId,
        byInvoice: parsed.data.payBy === "invoice",
        buyer: current.user,
        origin: requestDetails(request, context).origin,
      });
      if (!result.ok)
        return refuse(
          data({ errors: { [result.field]: result.message }, values: parsed.values, intent }, { status: 400 }),
        );
      return result.url;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  if (intent === "assign" || intent === "take-back") {
    const parsed = await parseSubmission(form, intent === "assign" ? assignPlaceSchema : takeBackSchema);
    if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, intent }, { status: 400 });
    const outcome = await saveOnce(request, parsed.sent, current.user.id, async () => {
      const result =
        parsed.data.intent === "assign"
          ? await assignPlace(actor, { seatId: parsed.data.seat, learnerId: parsed.data.learner })
          : await takeBackPlace(actor, { seatId: parsed.data.seat });
      if (!result.ok)
        return refuse(
          data(
            { errors: { [`${result.field}-${parsed.data.seat}`]: result.message }, values: parsed.values, intent },
            { status: 400 },
          ),
        );
      return `/organisation/places?${parsed.data.intent === "assign" ? "given" : "taken"}=${encodeURIComponent(result.learnerName)}`;
    });
    if (!outcome.saved) return outcome.refusal;
    throw redirect(outcome.location);
  }
  return data(
    { errors: { form: "Choose what to do: buy places, give one, or take one back" }, values: {}, intent: null },
    { status: 400 },
  );
}

export default function Places() {
  const { organisation, testCheckout, invoiceFrom, mostPlaces, chosen, programmes, learners, purchases } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.intent === "buy" ? actionData.values : undefined) as Record<string, string> | undefined;
  const [params] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={errors} />
      {params.get("given") ? (
        <Notification title="Place given">
          <p>{params.get("given")} is enrolled: the programme is on their start page.</p>
        </Notification>
      ) : null}
      {params.get("taken") ? (
        <Notification title="Place taken back">
          <p>{params.get("taken")} is no longer enrolled, and the place is free to give to someone else.</p>
        </Notification>
      ) : null}
      {params.get("cancelled") ? (
        <Notification title="You left the checkout" kind="information">
          <p>Nothing was paid and no places were bought.</p>
        </Notification>
      ) : null}
      <span className="caption">{organisation}</span>
      <h1>Places</h1>
      <p className="narrow">
        Buy places on paid programmes for your staff, then give each place to a learner: giving a place enrols them. You
        can take a place back until the learner starts.
      </p>
      {purchases.length === 0 ? <p>Your organisation has not bought any places yet.</p> : null}
      {purchases.map((p) => (
        <section key={p.id} aria-labelledby={`order-${p.id}`} className="narrow">
          <h2 className="heading-m" id={`order-${p.id}`}>
            {p.programmeTitle}: {p.quantity} {p.quantity === 1 ? "place" : "places"}, bought by {p.buyerName}
          </h2>
          <PurchaseSummary {...p} />
          {p.places.length ? (
            <div className="table-scroll" role="region" aria-labelledby={`places-${p.id}`} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden" id={`places-${p.id}`}>
                  Places on {p.programmeTitle} bought {p.boughtOn}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Place</th>
                    <th scope="col">Held by</th>
                    <th scope="col">History</th>
                    <th scope="col">
                      <span className="visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {p.places.map((place) => {
                    const error = errors?.[`seat-${place.seatId}`] ?? errors?.[`learner-${place.seatId}`];
                    return (
                      <tr key={place.seatId}>
                        <td>{place.number}</td>
                        <td>
                          {place.state === "free"
                            ? "Free"
                            : place.state === "refunded"
                              ? "Refunded"
                              : `${place.learnerName}${place.started ? " (started)" : " (not started)"}`}
                        </td>
                        <td>
                          {place.history.length ? (
                            <ul className="plain-list">
                              {place.history.map((h, i) => (
                                <li key={i}>
                                  {h.at}: {h.words} {h.by}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            "Not given yet"
                          )}
                        </td>
                        <td>
                          {error ? (
                            <p
                              className="error-message"
                              id={errors?.[`seat-${place.seatId}`] ? `seat-${place.seatId}` : `learner-${place.seatId}`}
                            >
                              <span className="visually-hidden">Error:</span> {error}
                            </p>
                          ) : null}
                          {place.state === "free" ? (
                            <Form method="post">
                              <SubmissionKey />
                              <input type="hidden" name="intent" value="assign" />
                              <input type="hidden" name="seat" value={place.seatId} />
                              <SelectField
                                name="learner"
                                id={`learner-for-${place.seatId}`}
                                label={`Give place ${place.number} to`}
                                options={[{ value: "", label: "Choose a learner" }, ...learners]}
                              />
                              <button type="submit" className="button button--secondary">
                                Give place {place.number}
                              </button>
                            </Form>
                          ) : place.state === "held" && !place.started ? (
                            <Form method="post">
                              <SubmissionKey />
                              <input type="hidden" name="intent" value="take-back" />
                              <input type="hidden" name="seat" value={place.seatId} />
                              <button type="submit" className="button button--secondary">
                                Take back place {place.number}
                                <span className="visually-hidden"> from {place.learnerName}</span>
                              </button>
                            </Form>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ))}
      <section className="narrow" aria-labelledby="buy-places">
        <h2 id="buy-places">Buy places</h2>
        {testCheckout ? (
          <p className="secondary">Payment here is a test checkout: no card is asked for and no money is taken.</p>
        ) : (
          <p className="secondary">You pay on Stripe’s secure page, and Stripe emails a VAT invoice and receipt.</p>
        )}
        <Form method="post" noValidate>
          <SubmissionKey />
          <input type="hidden" name="intent" value="buy" />
          <SelectField
            name="programme"
            label="Programme"
            options={[{ value: "", label: "Choose a programme" }, ...programmes]}
            defaultValue={values?.programme ?? chosen ?? ""}
            error={errors?.programme}
          />
          <TextField
            name="quantity"
            label="How many places"
            hint={`From 1 to ${mostPlaces}.`}
            inputMode="numeric"
            width="third"
            defaultValue={values?.quantity}
            error={errors?.quantity}
          />
          <RadioGroup
            name="payBy"
            legend="How your organisation pays"
            error={errors?.payBy}
            defaultValue={values?.payBy ?? "card"}
            options={[
              { value: "card", label: "By card now" },
              {
                value: "invoice",
                label: `By bank transfer against an invoice (${invoiceFrom} or more places)`,
                hint: "Places are given when the transfer arrives.",
              },
            ]}
          />
          <button type="submit" className="button">
            Go to checkout
          </button>
        </Form>
      </section>
    </>
  );
}
