/**
 * Councils' vacancies: the form a programme lead fills in, the public list's filters, and
 * whether a post is open. Pure: shared by the pages, the server code and the tests.
 */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { blankAsMissing } from "~/utils/forms";
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

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Must be ${max} characters or fewer`);

const pounds = (missing: string) =>
  blankAsMissing(
    z
      .string({ error: missing })
      .trim()
      .transform((v) => v.replace(/^£/, "").replace(/,/g, ""))
      .pipe(
        z
          .string()
          .regex(/^\d+$/, "Enter the salary in whole pounds, for example 38000")
          .transform(Number)
          .pipe(
            z
              .number()
              .min(10_000, "Enter a salary of at least £10,000")
              .max(250_000, "Enter a salary of £250,000 or less"),
          ),
      ),
  );

/**
 * The vacancy form. `earliestClosing` is the first closing date allowed: today when posting;
 * when editing, today or the date already set (so a lead can correct a post that has closed
 * without being made to reopen it).
 */
export function vacancySchema(earliestClosing: string) {
  return z
    .object({
      title: text("Enter the job title", 120),
      team: text("Enter the team", 120),
      region: z.enum(REGIONS, { error: "Choose the region" }),
      grade: text("Enter the grade, for example Grade 8 or Band 7", 60),
      salaryFrom: pounds("Enter the lowest salary of the band"),
      salaryTo: pounds("Enter the highest salary of the band"),
      specialism: z.enum(SPECIALISMS, { error: "Choose adults', children's or either" }),
      returnerFriendly: z.enum(["yes", "no"], { error: "Say whether the post is open to returners" }),
      supervisionOffered: text("Describe the supervision offered", 2_000),
      inductionOffered: text("Describe the induction offered", 2_000),
      description: z.string().trim().max(10_000, "Description must be 10,000 characters or fewer").optional().default(""),
      closesOn: z
        .string({ error: "Enter the closing date" })
        .trim()
        .min(1, "Enter the closing date")
        .regex(ISO_DAY, "Enter the closing date as a real date, for example 2027-03-31")
        .refine((v) => isValid(parseISO(v)), "Enter the closing date as a real date, for example 2027-03-31")
        .refine((v) => v >= earliestClosing, "The closing date must be today or later"),
    })
    .superRefine((v, ctx) => {
      if (v.salaryTo < v.salaryFrom)
        ctx.addIssue({
          code: "custom",
          path: ["salaryTo"],
          message: "The highest salary must be the same as or more than the lowest",
        });
    })
    .transform((v) => ({ ...v, returnerFriendly: v.returnerFriendly === "yes" }));
}

export type VacancyInput = z.output<ReturnType<typeof vacancySchema>>;

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
