import { isMonday, parseISO } from "date-fns";
import { z } from "zod";
import { dayField, numberInBox } from "~/utils/forms.server";

const number = (missing: string, rules: (n: z.ZodNumber) => z.ZodNumber) =>
  numberInBox(rules(z.number({ error: missing })));

export const workloadActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("week"),
    weekStarting: dayField("Enter the Monday the week starts, for example 2027-01-04")
      .refine((v) => isMonday(parseISO(v)), "A week starts on a Monday"),
    caseload: number("Enter the number of cases held", (n) =>
      n.int("Enter a whole number of cases").min(0, "Cases cannot be negative").max(200, "Enter 200 cases or fewer"),
    ),
    contractedHours: number("Enter the hours contracted that week", (n) =>
      n.min(1, "Enter the hours contracted that week").max(80, "Enter 80 hours or fewer"),
    ),
    protectedHours: number("Enter the protected development hours taken", (n) =>
      n.min(0, "Hours cannot be negative").max(80, "Enter 80 hours or fewer"),
    ),
  }),
  z.object({
    intent: z.literal("limit"),
    maxCaseload: number("Enter the caseload limit", (n) =>
      n.int("Enter a whole number").min(1, "The limit is at least 1 case").max(200, "Enter 200 cases or fewer"),
    ),
  }),
]);
