import type { Programme } from "./content-schema";

export const PROGRAMME_KIND_LABELS: Record<Programme["kind"], string> = {
  assessed: "Assessed programme",
  taught: "Taught programme",
  masters: "Postgraduate (Masters)",
  specialist: "Specialist training and assessment",
  returner: "Return to practice",
};

export function describeLength(months: number) {
  return months % 12 === 0
    ? `${months / 12} ${months === 12 ? "year" : "years"} (${months} months)`
    : `${months} months`;
}

/** "£1,200" or "£1,200.50": whole pounds without pence. */
export function formatPence(pence: number) {
  const pounds = pence / 100;
  return `£${pounds.toLocaleString("en-GB", { minimumFractionDigits: pence % 100 ? 2 : 0, maximumFractionDigits: 2 })}`;
}

const VAT_WORDS = { exempt: "no VAT", included: "including VAT", added: "plus VAT" } as const;

export function describePrice(price: Programme["price"]) {
  if (!price) return "Free";
  return `${formatPence(price.pence)} (${VAT_WORDS[price.vat]})${price.note ? ` ${price.note}` : ""}`;
}

export function describeMinutes(minutes: number) {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${rest} minutes` : ""}`;
}
