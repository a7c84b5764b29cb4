/**
 * The returner's forms at the edge: their answers, the checklist, the updating log and CPD records.
 * Server-only, so that no page's JavaScript carries zod; the constants the pages show are in
 * updating.ts and cpd.ts.
 */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { numberInBox } from "~/utils/forms.server";
import { PROFESSIONAL_STANDARDS, REGIONS, REGISTRATION_STATUSES, SPECIALISMS } from "./options";
import { HOURS_MAX, HOURS_MIN, UPDATING_KINDS } from "./updating";

const text = (missing: string, max: number, tooLong: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : null));

const pastDay = (label: string, today: string) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} as a real date, for example ${today}`)
    .refine((v) => isValid(parseISO(v)), `Enter the ${label} as a real date, for example ${today}`)
    .refine((v) => v <= today, `The ${label} cannot be in the future`)
    .refine((v) => v >= "2000-01-01", `The ${label} must be in 2000 or later`);

/** A month as the month box sends it (2020-03), kept as its first day. */
const pastMonth = (label: string, today: string) =>
  z
    .string({ error: `Enter the month ${label}` })
    .trim()
    .min(1, `Enter the month ${label}`)
    .regex(/^\d{4}-\d{2}$/, `Enter the month ${label}, for example 2020-03`)
    .transform((v) => `${v}-01`)
    .refine((v) => isValid(parseISO(v)), `Enter the month ${label} as a real month, for example 2020-03`)
    .refine((v) => v <= today, `The month ${label} cannot be in the future`)
    .refine((v) => v >= "1960-01-01", `Enter the month ${label} as a year from 1960 on`);

const tick = z.enum(["yes"], { error: "Tick the box, or leave it empty" }).optional();

export function profileSchema(today: string) {
  const lapsedDay = pastDay("date your registration lapsed", today);
  return z
    .object({
      intent: z.literal("profile"),
      registrationStatus: z.enum(REGISTRATION_STATUSES, { error: "Choose where your registration stands" }),
      lapsedOn: z.string().max(20).optional(),
      lastPractisedOn: pastMonth("you last practised as a social worker", today),
      region: z.enum(REGIONS, { error: "Choose the region you want to work in" }),
      specialism: z.enum(SPECIALISMS, { error: "Choose adults' or children's social work, or either" }),
    })
    .superRefine(
      (v, ctx) => {
        if (v.registrationStatus !== "lapsed") return;
        const lapsed = lapsedDay.safeParse(v.lapsedOn ?? "");
        if (!lapsed.success)
          ctx.addIssue({ code: "custom", path: ["lapsedOn"], message: lapsed.error.issues[0]!.message });
      },
      // Said alongside any other mistakes, once the registration answer itself is readable.
      {
        when: (payload) =>
          !payload.issues.some((i) => ["registrationStatus", "lapsedOn"].includes(String(i.path?.[0]))),
      },
    )
    .transform((v) => ({
      ...v,
      lapsedOn: v.registrationStatus === "lapsed" ? lapsedDay.parse(v.lapsedOn) : null,
    }));
}

export const checklistSchema = z.object({
  intent: z.literal("checklist"),
  registrationRestored: tick,
  referencesReceived: tick,
  supervisedStartAgreed: tick,
});

export function updatingEntrySchema(today: string) {
  return z
    .object({
      intent: z.literal("add"),
      on: pastDay("date", today),
      hours: numberInBox(
        z
          .number({ error: "Enter the hours, for example 3.5" })
          .min(HOURS_MIN, `Enter at least ${HOURS_MIN} hours`)
          .max(HOURS_MAX, `Enter at most ${HOURS_MAX} hours for one day`)
          .refine((n) => Number.isInteger(n * 4), "Enter hours to the nearest quarter hour, for example 3.25"),
      ),
      kind: z.enum(UPDATING_KINDS, { error: "Choose what kind of updating it was" }),
      description: text("Write what you did", 2_000, "What you did must be 2,000 characters or fewer"),
      supervisedBy: optionalText(200, "The supervisor's name must be 200 characters or fewer"),
    })
    .refine((v) => v.kind !== "supervised_practice" || !!v.supervisedBy, {
      path: ["supervisedBy"],
      message: "Enter who supervised your practice",
      // Said alongside any other mistakes, not only once the rest of the form is right.
      when: (payload) => !payload.issues.some((i) => i.path?.[0] === "kind" || i.path?.[0] === "supervisedBy"),
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const deleteEntrySchema = z.object({
  intent: z.literal("delete"),
  entryId: z.string().regex(UUID, "Choose an entry to delete"),
});

const STANDARD_CODES: string[] = PROFESSIONAL_STANDARDS.map((s) => s.code);

export function cpdRecordSchema(today: string) {
  // The ticked boxes become one list first, so a missing standard is said alongside other mistakes.
  return z.preprocess(
    (raw) => {
      const fields = (raw ?? {}) as Record<string, unknown>;
      const ticked = Object.keys(fields)
        .filter((k) => k.startsWith("standard-"))
        .map((k) => [k, fields[k]]);
      return { ...fields, standards: ticked };
    },
    z.object({
      recordedOn: pastDay("date of the activity", today),
      activity: text("Write what you did", 5_000, "What you did must be 5,000 characters or fewer"),
      learning: text("Write what you learnt", 5_000, "What you learnt must be 5,000 characters or fewer"),
      impact: text(
        "Write the impact on your practice",
        5_000,
        "The impact on your practice must be 5,000 characters or fewer",
      ),
      peerReflection: optionalText(5_000, "The reflection with a peer must be 5,000 characters or fewer"),
      peerName: optionalText(200, "The peer's name must be 200 characters or fewer"),
      standards: z
        .array(z.tuple([z.string(), z.unknown()]))
        .transform((pairs, ctx) => {
          const chosen: string[] = [];
          for (const [name, value] of pairs) {
            const code = name.slice("standard-".length);
            if (!STANDARD_CODES.includes(code) || value !== "yes") {
              ctx.addIssue({ code: "custom", message: "Choose the professional standards from the list" });
              return z.NEVER;
            }
            chosen.push(code);
          }
          return STANDARD_CODES.filter((c) => chosen.includes(c));
        })
        .refine((codes) => codes.length > 0, "Choose at least one professional standard"),
    }),
  );
}
