/**
 * Form types shared by pages and actions. Only types live here: route modules import this file,
 * and a value import of zod would put the whole validation library into every form page's
 * JavaScript. Reading a form, and the schema helpers, are in forms.server.ts.
 */
export type FieldErrors = Record<string, string>;

/** What was typed, to put back into the page: one string per field, a list for each list field. */
export type SubmittedValues = Record<string, string>;
export type SubmittedValuesWithLists = Record<string, string | string[]>;

/**
 * A refused per-row form's errors keyed by that row's own field ids (`outcome` of row 7 is
 * `outcome-7`), so the error summary links to the field of the row that failed. "form" stays.
 */
export function rowErrors(errors: FieldErrors, rowId: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field === "form" ? field : `${field}-${rowId}`, message]));
}
