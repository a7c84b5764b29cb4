/**
 * The audit trail's filters, read from the page's address (a GET form, so they work without
 * JavaScript, can be bookmarked, and the spreadsheet export takes the same ones).
 */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { parseSubmission } from "~/utils/forms.server";
import type { FieldErrors, SubmittedValues } from "~/utils/forms";
import { isUuid } from "~/utils/ids";
import type { AuditFilters } from "./audit.server";
import { AUDIT_KIND_VALUES, type AuditKind } from "./kinds";

/** An empty filter box is no filter. */
export const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A filter's day, yyyy-mm-dd, optional (shared with the payments filters). */
export const day = (message: string) =>
  z.preprocess(
    blank,
    z
      .string({ error: message })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, message)
      .refine((v) => isValid(parseISO(v)) && v >= "1900-01-01" && v <= "9999-12-30", message)
      .optional(),
  );

export const auditFilterSchema = z
  .object({
    person: z.preprocess(
      blank,
      z.string().trim().max(200, "Enter 200 characters or fewer of a name or email address").optional(),
    ),
    kind: z.preprocess(blank, z.enum(AUDIT_KIND_VALUES, { error: "Choose a kind of event from the list" }).optional()),
    from: day("Enter the from date as a real date, for example 2026-09-01"),
    to: day("Enter the to date as a real date, for example 2026-09-30"),
    organisation: z.preprocess(
      blank,
      z
        .string()
        .refine((v) => isUuid(v), "Choose an organisation from the list")
        .optional(),
    ),
    page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).catch(1).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "The to date must be the same as or after the from date",
  });

export interface ReadFilters {
  filters: AuditFilters;
  organisationId?: string;
  page: number;
  errors?: FieldErrors;
  /** What was asked for, to put back into the form. */
  values: SubmittedValues;
}

/**
 * The filters in a request's address. A filter that cannot be read is reported beside its field
 * and left out, so the page still shows the trail (never a 500, never a silently wrong list).
 */
export async function readAuditFilters(request: Request): Promise<ReadFilters> {
  const form = new FormData();
  for (const [name, value] of new URL(request.url).searchParams) form.append(name, value);
  const parsed = await parseSubmission(form, auditFilterSchema);
  if (parsed.ok) {
    const { person, kind, from, to, organisation, page } = parsed.data;
    return {
      filters: { person, kind: kind as AuditKind | undefined, from, to },
      organisationId: organisation,
      page: page ?? 1,
      values: parsed.values,
    };
  }
  // Keep every filter that is good on its own; drop the ones that are not.
  const kept: Record<string, unknown> = {};
  for (const key of ["person", "kind", "from", "to", "organisation"] as const) {
    if (!parsed.errors[key]) kept[key] = parsed.values[key];
  }
  const again = auditFilterSchema.safeParse(kept);
  const good = again.success ? again.data : {};
  return {
    filters: { person: good.person, kind: good.kind as AuditKind | undefined, from: good.from, to: good.to },
    organisationId: good.organisation,
    page: 1,
    errors: parsed.errors,
    values: parsed.values,
  };
}
