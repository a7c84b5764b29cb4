/**
 * When saving a form fails (the database refuses or loses the write, its disk is full, or a bug),
 * the person gets the form back with what they typed and a plain message, not an error page: the
 * write was one transaction, so nothing of it was kept, and their text is not lost either
 * (issue 18, ADR 020).
 */
import { data } from "@remix-run/node";
import { typedFields, type DraftFields } from "~/modules/drafts/drafts";
import type { FieldErrors } from "./forms";
import { isDatabaseOutage } from "./outage.server";
import { readUploadForm } from "./uploads.server";

export const COULD_NOT_SAVE =
  "We could not save this just now, so nothing of it was saved. What you wrote is below: please try saving it again in a few minutes.";

/** A statement the database itself refused or could not carry out (it has an SQLSTATE), or a lost connection. */
export function isDatabaseFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if (isDatabaseOutage(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return true;
  return isDatabaseFailure((error as { cause?: unknown }).cause, depth + 1);
}

/**
 * What went wrong, for the log, without what was typed: drizzle's message carries the statement's
 * parameters (the person's text), so only the driver's own message and code are logged, or a bug's stack.
 */
function reason(error: Error): string {
  let deepest: Error & { code?: unknown } = error;
  for (let e = error.cause, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) deepest = e;
  if (deepest !== error || isDatabaseFailure(error))
    return `${typeof deepest.code === "string" ? `${deepest.code} ` : ""}${deepest.message.split("\n")[0]}`;
  return error.stack ?? error.message;
}

export interface NotSaved {
  errors: FieldErrors;
  values: DraftFields;
  /** Which of a page's forms was sent, for pages that hold several. */
  intent?: string;
}

/**
 * Wraps a form's action: an error it throws (not a redirect or a refusal, which are answers) gives
 * the form back with everything that was sent but its secrets and files, answered 503 for the
 * database and 500 for anything else. The request is copied before the action reads it, so the
 * text can be read again whatever the action had done with it.
 */
export function keepingWhatWasTyped<Args extends { request: Request }, R>(action: (args: Args) => Promise<R>) {
  return async (args: Args) => {
    const copy = args.request.clone();
    try {
      return await action(args);
    } catch (thrown) {
      if (!(thrown instanceof Error)) throw thrown;
      const database = isDatabaseFailure(thrown);
      console.error(
        `[save] ${args.request.method} ${new URL(args.request.url).pathname} failed; the form goes back with what was typed: ${reason(thrown)}`,
      );
      const upload = await readUploadForm(copy, []);
      const values = upload ? typedFields(upload.formData.entries()) : {};
      const intent = typeof values.intent === "string" ? values.intent : undefined;
      return data<NotSaved>(
        { errors: { form: COULD_NOT_SAVE }, values, ...(intent ? { intent } : {}) },
        { status: database ? 503 : 500, headers: database ? { "Retry-After": "10" } : {} },
      );
    } finally {
      // Not awaited: a copy's cancel settles only once the request's own body is finished with too.
      if (!copy.bodyUsed) copy.body?.cancel().catch(() => {});
    }
  };
}
