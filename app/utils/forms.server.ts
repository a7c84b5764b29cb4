/**
 * Reads a submitted form with a zod schema into data, or field errors plus the values to put back;
 * and the schema helpers. Server-only, like the schemas themselves (see forms.ts).
 */
import { z } from "zod";
import type { FieldErrors, SubmittedValues, SubmittedValuesWithLists } from "./forms";

export type Submission<T, V = SubmittedValues> =
  { ok: true; data: T; values: V } | { ok: false; errors: FieldErrors; values: V };

export interface SubmissionOptions {
  /** Fields sent once per ticked box (a checkbox group): all their values are read, as a list. */
  lists: readonly string[];
}

/** Values never echoed back into a page (a postcode is not a secret code). */
const SECRET_FIELD = /password|token|secret|(?<!post)code$/i;
const ECHO_MAX = 20_000;
const UNREADABLE: FieldErrors = { form: "We could not read that form. Please try again." };

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
  let formData: FormData;
  if (source instanceof FormData) formData = source;
  else {
    try {
      formData = await source.formData();
    } catch {
      return { ok: false, errors: UNREADABLE, values: {} };
    }
  }
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
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
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
