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

export function describePrice(price: Programme["price"]) {
  if (!price) return "Free";
  return `£${price.pounds.toLocaleString("en-GB")}${price.note ? ` ${price.note}` : ""}`;
}

export function describeMinutes(minutes: number) {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${rest} minutes` : ""}`;
}
