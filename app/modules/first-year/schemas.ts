import { z } from "zod";

const part = (label: string) =>
  z
    .string({ error: `Write the ${label}` })
    .trim()
    .min(1, `Write the ${label}`)
    .max(10_000, `The ${label} must be 10,000 characters or fewer`);

export const agreementActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    goals: part("learning goals"),
    support: part("support offered"),
    protectedTime: part("protected development time"),
    caseload: part("caseload agreed"),
  }),
  z.object({ intent: z.literal("sign"), version: z.coerce.number().int().positive() }),
]);
