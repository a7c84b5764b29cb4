/** Form schemas for the platform admin's pages (server-only, like every schema: see app/utils/forms.ts). */
import { z } from "zod";
import { isUuid } from "~/utils/ids";
import { REGIONS } from "~/modules/returners/options";
import { ROLES } from "./roles";

const name = z
  .string({ error: "Enter the organisation's name" })
  .trim()
  .min(1, "Enter the organisation's name")
  .max(120, "The name must be 120 characters or fewer")
  .refine((v) => /\p{L}/u.test(v), "Enter the organisation's name in words");

const reason = z
  .string({ error: "Say why, for the audit trail" })
  .trim()
  .min(1, "Say why, for the audit trail")
  .max(500, "The reason must be 500 characters or fewer");

const id = (message: string) => z.string({ error: message }).refine((v) => isUuid(v), message);

export const newOrganisationSchema = z.object({
  name,
  kind: z.enum(["council", "voluntary", "university", "helpline"], { error: "Choose what kind of organisation it is" }),
  region: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum([...REGIONS, "National"], { error: "Choose a region from the list" }).optional(),
  ),
});

export const organisationActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("rename"), name }),
    z.object({ intent: z.literal("deactivate"), reason }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("resend"), invitation: id("Choose an invitation to send again") }),
  ],
  { error: "Choose what to do" },
);

export const personActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("role"),
      membership: id("Choose which of their roles to change"),
      role: z.enum(ROLES, { error: "Choose their new role" }),
    }),
    z.object({ intent: z.literal("deactivate"), reason }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("resend"), invitation: id("Choose an invitation to send again") }),
  ],
  { error: "Choose what to do" },
);

export const personSearchSchema = z.object({
  q: z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z.string().trim().max(200, "Enter 200 characters or fewer of a name or email address"),
  ),
});
