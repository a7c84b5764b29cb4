/**
 * Reads a submitted form with a zod schema into data, or field errors plus the values to put back;
 * and the schema helpers. Server-only, like the schemas themselves (see forms.ts).
 */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import type { FieldErrors, SubmittedValues, SubmittedValuesWithLists } from "./forms";
import { sentFormOf, type SentForm } from "./save-once.server";

export type Submission<T, V = SubmittedValues> =
  | { ok: true; data: T; values: V; /** The form's key, for saveOnce (ADR 021). */ sent: SentForm | null }
  | { ok: false; errors: FieldErrors; values: V };

export interface SubmissionOptions {
  /** Fields sent once per ticked box (a checkbox group): all their values are read, as a list. */
  lists: readonly string[];
}

/** Values never echoed back into a page (a postcode is not a secret code). */
const SECRET_FIELD = /password|token|secret|(?<!post)code$/i;
const ECHO_MAX = 20_000;
const UNREADABLE: FieldErrors = { form: "We could not read that form. Please try again." };

export const NUL_MESSAGE =
  "This has a character that cannot be saved (a null character, which can come with pasted text): we have taken it out, so check the text and save again";

/**
 * Nothing but spaces and characters that show nothing: control and format characters (zero-width
 * spaces and joiners, direction marks and overrides, the byte order mark) and the blank letters
 * some alphabets have. A name or a note made only of these is as good as empty.
 */
const INVISIBLE_ONLY = /^[\s\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** True when `value` has something in it but nothing a person could see. */
export function isInvisibleOnly(value: string) {
  return value !== "" && INVISIBLE_ONLY.test(value);
}

/**
 * A form's text as the schemas should see it, done once at the edge for every form: NUL bytes
 * taken out (and the fields that had them named, to be refused: PostgreSQL cannot store them, and
 * a person never types one), and text made only of invisible characters read as empty, so a
 * required name is asked for again. Secret fields are compared as typed, so only NULs come out.
 */
export function screenForm(formData: FormData): { formData: FormData; withNul: string[] } {
  const screened = new FormData();
  const withNul = new Set<string>();
  for (const [rawName, value] of formData) {
    const name = rawName.replaceAll("\0", "");
    if (name !== rawName) withNul.add(name);
    if (typeof value !== "string") {
      screened.append(name, value);
      continue;
    }
    let text = value;
    if (text.includes("\0")) {
      withNul.add(name);
      text = text.replaceAll("\0", "");
    }
    if (!SECRET_FIELD.test(name) && isInvisibleOnly(text)) text = "";
    screened.append(name, text);
  }
  return { formData: screened, withNul: [...withNul] };
}

/**
 * The one way an action reads a form. Each field's first value wins, so a duplicated field
 * cannot smuggle a second value past validation; only fields named in `lists` keep every value.
 * A body that is not a form is a form-level error, never a crash.
 */
export async function parseSubmission<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
): Promise<Submission<z.infer<S>>>;
export async function parseSubmission<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
  options: SubmissionOptions,
): Promise<Submission<z.infer<S>, SubmittedValuesWithLists>>;
export async function parseSubmission<S extends z.ZodType>(
  source: Request | FormData,
  schema: S,
  options?: SubmissionOptions,
): Promise<Submission<z.infer<S>, SubmittedValuesWithLists>> {
  let sentData: FormData;
  if (source instanceof FormData) sentData = source;
  else {
    try {
      sentData = await source.formData();
    } catch {
      return { ok: false, errors: UNREADABLE, values: {} };
    }
  }
  const { formData, withNul } = screenForm(sentData);
  const lists = new Set(options?.lists ?? []);
  const raw: Record<string, unknown> = {};
  const values: SubmittedValuesWithLists = {};
  for (const name of lists) {
    const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
    raw[name] = all;
    if (!SECRET_FIELD.test(name)) values[name] = all.map((v) => v.slice(0, ECHO_MAX));
  }
  for (const [name, value] of formData) {
    if (lists.has(name) || name in raw) continue;
    raw[name] = typeof value === "string" ? value : undefined;
    if (typeof value === "string" && !SECRET_FIELD.test(name)) values[name] = value.slice(0, ECHO_MAX);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success && !withNul.length) return { ok: true, data: parsed.data, values, sent: sentFormOf(sentData) };
  const errors: FieldErrors = {};
  for (const name of withNul) errors[name] = NUL_MESSAGE;
  if (parsed.success) return { ok: false, errors, values };
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/** An empty text box is a missing value, not zero: `z.coerce.number()` alone would read "" as 0. */
export function blankAsMissing<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}

/**
 * A number typed in a box, read only when written in digits (a decimal point allowed, for the
 * schema's own rule on whole numbers to judge), spaces around it ignored; blank is missing.
 * "0x10", "1e1", "0b101", "+5" and "-5" stay text, so the schema refuses them with the field's
 * own message rather than reading them as 16, 10, 5, 5 and -5 as `Number()` would.
 */
export function numberInBox<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const typed = value.trim();
    if (typed === "") return undefined;
    return /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : typed;
  }, schema);
}

/** The days a date on this site may fall on: no record of social work is dated outside them. */
export const EARLIEST_DAY = "1900-01-01";
export const LATEST_DAY = "2100-12-31";
export const DAY_RANGE_MESSAGE = "Enter a date from 1 January 1900 to 31 December 2100";

/** True when `value` is a real day written yyyy-MM-dd, from 1900 to 2100. */
export function isDayInRange(value: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value)) && value >= EARLIEST_DAY && value <= LATEST_DAY;
}

/**
 * A date typed as yyyy-MM-dd (what a date box sends): `format` when it is not written so,
 * `real` when there is no such day, and the range message before 1900 or after 2100.
 */
export function dayField(format: string, real = "Enter a real date") {
  return z
    .string({ error: format })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, format)
    .refine((v) => isValid(parseISO(v)), real)
    .refine((v) => !isValid(parseISO(v)) || (v >= EARLIEST_DAY && v <= LATEST_DAY), DAY_RANGE_MESSAGE);
}
