/** Helpers for the zod schemas of forms; server-only, like the schemas themselves (see forms.ts). */
import { z } from "zod";

/** An empty text box is a missing value, not zero: `z.coerce.number()` alone would read "" as 0. */
export function blankAsMissing<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}
