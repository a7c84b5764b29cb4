/** Form types shared by pages and actions, and schema helpers. Reading a form is forms.server.ts. */
import { z } from "zod";

export type FieldErrors = Record<string, string>;

/** What was typed, to put back into the page: one string per field, a list for each list field. */
export type SubmittedValues = Record<string, string>;
export type SubmittedValuesWithLists = Record<string, string | string[]>;

/** An empty text box is a missing value, not zero: `z.coerce.number()` alone would read "" as 0. */
export function blankAsMissing<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}
