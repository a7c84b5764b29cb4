/** The payment forms' fields, read at the edge (ADR 027). */
import { z } from "zod";
import { blank, day } from "~/modules/audit/filters.server";
import { listProgrammes } from "~/modules/programmes/catalogue.server";
import { numberInBox, parseSubmission } from "~/utils/forms.server";
import type { FieldErrors, SubmittedValues } from "~/utils/forms";
import { isUuid } from "~/utils/ids";
import type { PaymentFilters, PaymentKind } from "./places.server";
import { MOST_PLACES } from "./prices";

/** The programmes with a fee, which can be bought. */
export function paidProgrammes() {
  return listProgrammes().filter((p) => !!p.price);
}

const paidSlug = z
  .string({ error: "Choose a programme" })
  .trim()
  .min(1, "Choose a programme")
  .max(100, "Choose a programme")
  .refine((slug) => paidProgrammes().some((p) => p.slug === slug), "Choose a programme from the list");

/** A programme lead buys places. */
export const buyPlacesSchema = z.object({
  intent: z.literal("buy"),
  programme: paidSlug,
  quantity: numberInBox(
    z
      .number({ error: `Enter how many places, from 1 to ${MOST_PLACES}, in figures` })
      .int(`Enter a whole number of places, from 1 to ${MOST_PLACES}`)
      .min(1, `Enter how many places, from 1 to ${MOST_PLACES}`)
      .max(MOST_PLACES, `You can buy at most ${MOST_PLACES} places at once: ask the platform team about more`),
  ),
  payBy: z.enum(["card", "invoice"], { error: "Choose how your organisation pays" }),
});

const seat = z.string({ error: "Choose a place" }).refine((v) => isUuid(v), "Choose a place");

export const assignPlaceSchema = z.object({
  intent: z.literal("assign"),
  seat,
  learner: z.string({ error: "Choose a learner" }).refine((v) => isUuid(v), "Choose a learner from the list"),
});

export const takeBackSchema = z.object({ intent: z.literal("take-back"), seat });

/** The test checkout's buttons. */
export const testCheckoutSchema = z.object({
  session: z.string({ error: "That checkout was not found" }).refine((v) => isUuid(v), "That checkout was not found"),
  outcome: z.enum(["card", "transfer_started", "transfer_arrived", "transfer_failed", "cancel"], {
    error: "Choose how to finish the test checkout",
  }),
});

/** The admin's test refund (keyless installations only). */
export const testRefundSchema = z.object({
  checkout: z.string({ error: "Choose a payment" }).refine((v) => isUuid(v), "Choose a payment"),
});

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  paid: "Payments",
  failed: "Failed bank transfers",
  refunded: "Refunds",
  disputed: "Disputes",
};

export const paymentFilterSchema = z
  .object({
    kind: z.preprocess(blank, z.enum(["paid", "failed", "refunded", "disputed"], { error: "Choose a kind from the list" }).optional()),
    programme: z.preprocess(blank, paidSlug.optional()),
    organisation: z.preprocess(blank, z.string().refine((v) => isUuid(v), "Choose an organisation from the list").optional()),
    from: day("Enter the from date as a real date, for example 2026-09-01"),
    to: day("Enter the to date as a real date, for example 2026-09-30"),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The to date must be the same as or after the from date" });

/** The admin's filters from the page's address: a filter that cannot be read is reported beside its field and left out. */
export async function readPaymentFilters(request: Request): Promise<{ filters: PaymentFilters; errors?: FieldErrors; values: SubmittedValues }> {
  const form = new FormData();
  for (const [name, value] of new URL(request.url).searchParams) form.append(name, value);
  const parsed = await parseSubmission(form, paymentFilterSchema);
  const toFilters = (f: z.infer<typeof paymentFilterSchema>): PaymentFilters => ({
    kind: f.kind,
    programme: f.programme,
    organisationId: f.organisation,
    from: f.from,
    to: f.to,
  });
  if (parsed.ok) return { filters: toFilters(parsed.data), values: parsed.values };
  const kept: Record<string, unknown> = {};
  for (const key of ["kind", "programme", "organisation", "from", "to"] as const) {
    if (!parsed.errors[key]) kept[key] = parsed.values[key];
  }
  const again = paymentFilterSchema.safeParse(kept);
  return { filters: again.success ? toFilters(again.data) : {}, errors: parsed.errors, values: parsed.values };
}
