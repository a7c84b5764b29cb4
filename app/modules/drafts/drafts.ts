/** Drafts of long forms: which forms keep one, and what may be kept. Pure. */
export type DraftFields = Record<string, string | string[]>;

/** A post held after its session ended, as the form it was sent to gets it back (ADR 020). */
export interface HeldText {
  fields: DraftFields;
  /** When it was sent, as an ISO timestamp. */
  heldAt: string;
  /** A file was chosen too: files are not held, so it must be chosen again. */
  fileLeftOut: boolean;
}

/** Form keys name a form and the record it belongs to, e.g. "supervision-new:<enrolment id>". */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SLUG = "[a-z0-9][a-z0-9_-]{0,99}";
const FORM_KEY = new RegExp(
  `^(?:(?:supervision-new|evidence-edit|evidence-reflection|criterion-statements):${UUID}|evidence-new:${UUID}:[a-z_]+|review-submit:${UUID}:[a-z0-9-]+|lesson-reflection:${SLUG}:${SLUG}:${SLUG}:${SLUG})$`,
);

/** The draft of a learner's submission for one review point of their year. */
export const reviewDraftKey = (enrolmentId: string, reviewCode: string) => `review-submit:${enrolmentId}:${reviewCode}`;

/** The draft of a candidate's summary statements, one per criterion, on their assessment page. */
export const statementsDraftKey = (enrolmentId: string) => `criterion-statements:${enrolmentId}`;

/** The draft of one reflection box in a lesson (programme, module and lesson by slug). */
export const lessonReflectionDraftKey = (programme: string, module: string, lesson: string, reflectionId: string) =>
  `lesson-reflection:${programme}:${module}:${lesson}:${reflectionId}`;

export const DRAFT_MAX_CHARS = 100_000;
/** Fields a draft never keeps: what the form is for, and anything secret. */
const SKIPPED = /^(intent|version|file|.*password.*|.*token.*)$/i;

export function isDraftKey(key: unknown): key is string {
  return typeof key === "string" && FORM_KEY.test(key);
}

/** A form's text values by name; a name given more than once (ticked boxes) becomes a list. */
export function collectFields(entries: Iterable<[string, FormDataEntryValue]>, skip?: (name: string) => boolean) {
  const fields: DraftFields = {};
  for (const [name, value] of entries) {
    if (typeof value !== "string" || name.includes("\0") || skip?.(name)) continue;
    // A NUL byte cannot be stored (PostgreSQL refuses it in text); it is never something typed.
    const text = value.replaceAll("\0", "");
    const existing = fields[name];
    fields[name] = existing === undefined ? text : Array.isArray(existing) ? [...existing, text] : [existing, text];
  }
  return fields;
}

const skipped = (name: string) => SKIPPED.test(name) || name === "formKey";

/** The typed values of a form worth keeping; null when there is too much to keep. */
export function draftFields(entries: Iterable<[string, FormDataEntryValue]>): DraftFields | null {
  const fields = collectFields(entries, skipped);
  const size = Object.entries(fields).reduce((n, [k, v]) => n + k.length + [v].flat().join("").length, 0);
  return size > DRAFT_MAX_CHARS ? null : fields;
}

/** Whether a draft says anything: an untouched form is not worth restoring. */
export function hasText(fields: DraftFields) {
  return Object.values(fields).some((v) => (Array.isArray(v) ? v.length > 0 : v.trim() !== ""));
}

/**
 * Fields a post held after a session ended never keeps: passwords, codes and tokens (as
 * parseSubmission never echoes them). A postcode is not a secret code.
 */
const SECRET = /password|token|secret|(?<!post)code$/i;

/** At most what a form may carry (the server refuses a larger form body): a held post never grows past it. */
export const HELD_MAX_CHARS = 1024 * 1024;

/** Everything typed into a form but its secrets, to put back on the form. */
export function typedFields(entries: Iterable<[string, FormDataEntryValue]>): DraftFields {
  return collectFields(entries, (name) => SECRET.test(name));
}

/** The typed values of a post worth holding for its writer; null when it says nothing or is too large. */
export function heldFields(entries: Iterable<[string, FormDataEntryValue]>): DraftFields | null {
  const fields = typedFields(entries);
  const size = Object.entries(fields).reduce((n, [k, v]) => n + k.length + [v].flat().join("").length, 0);
  if (size > HELD_MAX_CHARS) return null;
  const typed = Object.fromEntries(Object.entries(fields).filter(([name]) => !skipped(name)));
  return hasText(typed) ? fields : null;
}

/**
 * The form a post was sent to, as the page it comes back on is addressed: its path and query,
 * without what Remix adds to say which route's action or data is meant.
 */
export function formPath(url: URL): string {
  const search = new URLSearchParams(url.search);
  for (const internal of ["index", "_data", "_routes"]) search.delete(internal);
  const query = search.toString();
  return `${url.pathname.replace(/\.data$/, "")}${query ? `?${query}` : ""}`;
}
