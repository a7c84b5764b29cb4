/**
 * Parses a form with a zod schema into data, or field errors plus the values to put back. Only
 * zod's types are imported: route modules import this file, and a value import would put the
 * whole validation library into every form page's JavaScript. Schemas live in *.server modules.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Values never echoed back into a page (a postcode is not a secret code). */
const SECRET_FIELD = /password|token|secret|(?<!post)code$/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string" || key in values || SECRET_FIELD.test(key)) continue;
    values[key] = value.slice(0, 20_000);
  }
  return values;
}

export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    // The first value wins: a duplicated field cannot smuggle a second value past validation.
    if (!(key in raw)) raw[key] = typeof value === "string" ? value : undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "form";
    errors[key] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(formData) };
}

export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, errors: { form: "We could not read that form. Please try again." }, values: {} };
  }
  return parseForm(formData, schema);
}
