/**
 * Councils' vacancies: the public list's filters, whether a post is open and how it is shown.
 * Pure: shared by the pages, the server code and the tests. The form's schema is in
 * vacancy-schema.server.ts, so that no page's JavaScript carries zod.
 */
import { REGIONS, SPECIALISM_LABELS, SPECIALISMS, type Specialism } from "./options";

export type VacancyState = "open" | "closed" | "withdrawn";

export const VACANCY_STATE_LABELS: Record<VacancyState, string> = {
  open: "Open",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

/** Withdrawn by the council, closed once its closing date has passed, otherwise open. */
export function vacancyState(v: { closesOn: string; withdrawnAt: Date | string | null }, today: string): VacancyState {
  if (v.withdrawnAt) return "withdrawn";
  return v.closesOn < today ? "closed" : "open";
}

/** What the public list is asked for; anything it does not recognise is ignored, never an error. */
export interface VacancyFilters {
  region: string | null;
  specialism: Specialism | null;
  returnerFriendly: boolean;
  page: number;
}

export const VACANCIES_PER_PAGE = 20;

export function readVacancyFilters(params: URLSearchParams): VacancyFilters {
  const region = params.get("region");
  const specialism = params.get("specialism");
  const page = Number(params.get("page"));
  return {
    region: region && (REGIONS as readonly string[]).includes(region) ? region : null,
    specialism: specialism && (SPECIALISMS as readonly string[]).includes(specialism) ? (specialism as Specialism) : null,
    returnerFriendly: params.get("returnerFriendly") === "yes",
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** Posts for a specialism are those for it and those open to either. */
export function specialismsMatching(wanted: Specialism): Specialism[] {
  return wanted === "either" ? [...SPECIALISMS] : [wanted, "either"];
}

export function formatSalary(from: number, to: number) {
  const f = (n: number) => `£${n.toLocaleString("en-GB")}`;
  return from === to ? f(from) : `${f(from)} to ${f(to)}`;
}

/** A post's specialism in words: "either" is a post open to adults' or children's social workers. */
export function postSpecialismLabel(specialism: Specialism) {
  return specialism === "either" ? "Adults' or children's social work" : SPECIALISM_LABELS[specialism];
}
