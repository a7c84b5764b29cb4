/** The evidence forms as zod schemas; server-only, so that no page's JavaScript carries zod. */
import { isAfter, parseISO } from "date-fns";
import { z } from "zod";
import { BODY_LABELS, JUDGEMENTS, KIND_DETAILS, type EvidenceKind } from "./rules";
import { englandToday } from "~/utils/england";
import { dayField, numberInBox } from "~/utils/forms.server";

export const TEXT_MAX = 20_000;

const text = (label: string, max = TEXT_MAX) =>
  z
    .string({ error: `Write ${label}` })
    .trim()
    .min(1, `Write ${label}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be ${max.toLocaleString("en-GB")} characters or fewer`);

/**
 * The schema of the evidence form for one kind. `codes` are the capability codes the learner's
 * programme maps to; at least one must be chosen, and nothing else is accepted.
 */
export function evidenceSchema(
  kind: EvidenceKind,
  codes: Set<string>,
  today = englandToday(),
  /** Why the chosen codes do not fit the evidence's date (a withdrawn framework), or null. */
  mappingProblem: (occurredOn: string, chosen: string[]) => string | null = () => null,
) {
  const details: Record<string, z.ZodType<string>> = {};
  for (const field of KIND_DETAILS[kind]) {
    details[field.name] =
      field.choices === "judgement"
        ? z.enum(Object.keys(JUDGEMENTS) as [keyof typeof JUDGEMENTS], { error: "Choose the observer's judgement" })
        : text(field.label.toLowerCase(), field.long ? TEXT_MAX : 500);
  }
  return z
    .object({
      title: text("a title", 200),
      occurredOn: dayField("Enter the date, for example 2027-01-04").refine(
        (v) => !isAfter(parseISO(v), today),
        "The date cannot be in the future",
      ),
      body: text(BODY_LABELS[kind]),
      capabilities: z
        .array(z.string())
        .min(1, "Choose at least one capability this evidence shows")
        .max(30, "Choose at most 30 capabilities")
        .refine((list) => list.every((c) => codes.has(c)), "Choose capabilities from the list"),
      details: z.object(details),
    })
    .superRefine((value, ctx) => {
      const problem = mappingProblem(value.occurredOn, value.capabilities);
      if (problem) ctx.addIssue({ code: "custom", path: ["capabilities"], message: problem });
    });
}

export const reflectionSchema = z.object({
  learnerReflection: text("your reflection"),
  version: numberInBox(z.number().int().positive()),
});

/** The raw values of an evidence form, ready for the schema: capability ticks and detail fields gathered. */
export function evidenceFormValues(form: FormData, kind: EvidenceKind) {
  const str = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  const details: Record<string, string | undefined> = {};
  for (const field of KIND_DETAILS[kind]) details[field.name] = str(`details.${field.name}`);
  return {
    title: str("title"),
    occurredOn: str("occurredOn"),
    body: str("body"),
    capabilities: form.getAll("capabilities").filter((v): v is string => typeof v === "string"),
    details,
  };
}

export type EvidenceFormErrors = Record<string, string>;

/** zod issues as field errors, named as the form names its fields ("details.from", "capabilities"). */
export function evidenceErrors(error: z.ZodError): EvidenceFormErrors {
  const errors: EvidenceFormErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0] === "details" ? `details.${String(issue.path[1])}` : String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Feedback on a version of an item, or a reply to it. */
export const feedbackSchema = z.object({
  feedback: text("your feedback", 5_000),
  version: numberInBox(z.number().int().positive()),
});
