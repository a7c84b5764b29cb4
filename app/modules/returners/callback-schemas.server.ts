/**
 * The returners' public forms (the self-check and the callback request) and the helpline
 * desk's forms, as zod schemas: what each field must be, in the words shown next to it. Pure;
 * server-only so that no page's JavaScript carries zod.
 */
import { format, isAfter, isValid, parseISO } from "date-fns";
import { z } from "zod";
import {
  CALL_OUTCOMES,
  CALLBACK_STATUSES,
  REGIONS,
  REGISTRATION_STATUSES,
  SPECIALISMS,
  type RegistrationStatus,
} from "./options";

const EARLIEST_YEAR = 1950;

/** A month and year typed into two boxes, as the first of that month (yyyy-MM-01), or the problem. */
export function monthOf(
  month: string | undefined,
  year: string | undefined,
  what: string,
  today: string,
): { ok: true; date: string } | { ok: false; message: string } {
  const m = (month ?? "").trim();
  const y = (year ?? "").trim();
  if (!m && !y) return { ok: false, message: `Enter ${what}` };
  if (!m) return { ok: false, message: `${capitalise(what)} must include a month` };
  if (!y) return { ok: false, message: `${capitalise(what)} must include a year` };
  const monthNumber = /^\d{1,2}$/.test(m) ? Number(m) : NaN;
  if (!(monthNumber >= 1 && monthNumber <= 12))
    return { ok: false, message: `${capitalise(what)} must have a real month` };
  if (!/^\d{4}$/.test(y))
    return { ok: false, message: `${capitalise(what)}: enter the year as four digits, like 2019` };
  const yearNumber = Number(y);
  if (yearNumber < EARLIEST_YEAR)
    return { ok: false, message: `${capitalise(what)} must be ${EARLIEST_YEAR} or later` };
  const date = `${y}-${String(monthNumber).padStart(2, "0")}-01`;
  if (isAfter(parseISO(date), parseISO(today)))
    return { ok: false, message: `${capitalise(what)} must be in the past` };
  return { ok: true, date };
}

/** A whole date typed into three boxes (day, month list, year), as yyyy-MM-dd, or the problem. */
export function dateOf(
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
  what: string,
  today: string,
): { ok: true; date: string } | { ok: false; message: string } {
  const d = (day ?? "").trim();
  if (!d && !(month ?? "").trim() && !(year ?? "").trim()) return { ok: false, message: `Enter ${what}` };
  const monthly = monthOf(month, year, what, today);
  if (!d) return { ok: false, message: `${capitalise(what)} must include a day` };
  if (!monthly.ok) return monthly;
  const dayNumber = /^\d{1,2}$/.test(d) ? Number(d) : NaN;
  const date = `${monthly.date.slice(0, 8)}${String(dayNumber).padStart(2, "0")}`;
  if (!(dayNumber >= 1 && dayNumber <= 31) || !isValid(parseISO(date)) || format(parseISO(date), "yyyy-MM-dd") !== date)
    return { ok: false, message: `${capitalise(what)} must be a real date` };
  if (isAfter(parseISO(date), parseISO(today)))
    return { ok: false, message: `${capitalise(what)} must be in the past` };
  return { ok: true, date };
}

function capitalise(s: string) {
  return s[0]!.toUpperCase() + s.slice(1);
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ?? "").trim());

const monthField = z.string().max(10, "Enter the month as a number from 1 to 12").optional();
const yearField = z.string().max(10, "Enter the year as four digits").optional();

/** The answers both the self-check and the callback form ask for, with the month/year pairs checked. */
const answerFields = {
  registration: z.enum(REGISTRATION_STATUSES, { error: "Select where you are with the register" }),
  lastPractisedMonth: monthField,
  lastPractisedYear: yearField,
  lapsedDay: z.string().max(10, "Enter the day as a number from 1 to 31").optional(),
  lapsedMonth: monthField,
  lapsedYear: yearField,
  specialism: z.enum(SPECIALISMS, { error: "Select adults', children's or either" }),
};

interface AnswerInput {
  registration: RegistrationStatus;
  lastPractisedMonth?: string;
  lastPractisedYear?: string;
  lapsedDay?: string;
  lapsedMonth?: string;
  lapsedYear?: string;
}

/**
 * Checks the month/year boxes, even when other answers are wrong (so every problem is shown at
 * once); the errors go on `lastPractised` and `lapsed`, the ids of each pair's first box.
 */
function checkDates(today: string) {
  return (value: AnswerInput, ctx: z.RefinementCtx) => {
    const last = monthOf(value.lastPractisedMonth, value.lastPractisedYear, "when you last practised", today);
    if (!last.ok) ctx.addIssue({ code: "custom", path: ["lastPractised"], message: last.message });
    if (value.registration === "lapsed") {
      const lapsed = dateOf(
        value.lapsedDay,
        value.lapsedMonth,
        value.lapsedYear,
        "the date your registration lapsed",
        today,
      );
      if (!lapsed.ok) ctx.addIssue({ code: "custom", path: ["lapsed"], message: lapsed.message });
    }
  };
}

/** Once everything is valid: the month/year pairs as dates (the first of the month). */
function withDates<T extends AnswerInput>(value: T, today: string) {
  const last = monthOf(value.lastPractisedMonth, value.lastPractisedYear, "the date", today);
  const lapsed = dateOf(value.lapsedDay, value.lapsedMonth, value.lapsedYear, "the date", today);
  return {
    ...value,
    lastPractisedOn: last.ok ? last.date : "",
    lapsedOn: value.registration === "lapsed" && lapsed.ok ? lapsed.date : null,
  };
}

const always = { when: () => true };

export function eligibilitySchema(today: string) {
  return z
    .object({
      qualifiedInUk: z.enum(["yes", "no"], { error: "Select yes if you qualified as a social worker in the UK" }),
      ...answerFields,
    })
    .superRefine(checkDates(today), always)
    .transform((value) => withDates(value, today));
}

export type EligibilityForm = z.infer<ReturnType<typeof eligibilitySchema>>;

/** The public callback request. `website` is the trap for robots: a person never sees it. */
export function callbackSchema(today: string) {
  return z
    .object({
      name: z
        .string({ error: "Enter your full name" })
        .trim()
        .min(1, "Enter your full name")
        .max(120, "Your name must be 120 characters or fewer"),
      email: z
        .string({ error: "Enter your email address" })
        .trim()
        .min(1, "Enter your email address")
        .max(254, "Your email address must be 254 characters or fewer")
        .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.com" })),
      phone: z
        .string({ error: "Enter a phone number we can call you on" })
        .trim()
        .min(1, "Enter a phone number we can call you on")
        .max(30, "Enter a phone number of 30 characters or fewer")
        .refine(
          (v) => /^\+?[\d\s()-]+$/.test(v) && v.replace(/\D/g, "").length >= 10,
          "Enter a phone number, like 01632 960 001 or 07700 900 982",
        ),
      region: z.enum(REGIONS, { error: "Select the region you would like to work in" }),
      bestTimes: optionalText(500, "Best times to call"),
      consent: z.literal("yes", {
        error: "Tick the box to agree that we may share your details with councils: we cannot introduce you without it",
      }),
      website: z.string().max(2000).optional(),
      ...answerFields,
    })
    .superRefine(checkDates(today), always)
    .transform((value) => withDates(value, today));
}

export type CallbackForm = z.infer<ReturnType<typeof callbackSchema>>;

export const logCallSchema = z
  .object({
    intent: z.literal("log-call"),
    outcome: z.enum(CALL_OUTCOMES, { error: "Select what happened" }),
    note: optionalText(5000, "The note"),
  })
  .superRefine((value, ctx) => {
    if ((value.outcome === "note" || value.outcome === "spoke") && !value.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Write a note of what was said or agreed" });
  });

export const changeStatusSchema = z
  .object({
    intent: z.literal("status"),
    status: z.enum(CALLBACK_STATUSES, { error: "Select the new status" }),
    reason: optionalText(2000, "The reason"),
  })
  .superRefine((value, ctx) => {
    if (value.status === "closed" && !value.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the request is being closed" });
  });

export const createAccountSchema = z.object({ intent: z.literal("create-account") });

export const deskActionSchema = z.discriminatedUnion(
  "intent",
  [logCallSchema, changeStatusSchema, createAccountSchema],
  {
    error: "Choose what to do",
  },
);
