/**
 * What a page says after a form is sent, so that it matches what happened: a form that came back
 * refused hides the success banner an earlier save left in the query string (`?saved=1`), and the
 * error summary lists the problems in the order of the form's fields. Pure, and free of zod, so
 * pages and components can import it.
 */
import type { FieldErrors } from "./forms";

/** True when the route's action answered with field or form errors: the form was refused. */
export function cameBackRefused(actionData: unknown): boolean {
  if (!actionData || typeof actionData !== "object" || !("errors" in actionData)) return false;
  const errors = (actionData as { errors: unknown }).errors;
  return !!errors && typeof errors === "object" && Object.keys(errors).length > 0;
}

/**
 * The errors as the summary lists them: a problem with the whole form first, then each field in
 * the form's order, then any field the order does not name, as they came. Validation finds
 * problems in its own order (a rule across fields is checked last), not the order people read.
 */
export function inFieldOrder(errors: FieldErrors | undefined, order: readonly string[] = []): [string, string][] {
  const entries = Object.entries(errors ?? {});
  const rank = (field: string) => {
    if (field === "form") return -1;
    const at = order.indexOf(field);
    return at === -1 ? order.length : at;
  };
  // Array.prototype.sort is stable: fields of equal rank keep the order they came in.
  return entries.sort(([a], [b]) => rank(a) - rank(b));
}
