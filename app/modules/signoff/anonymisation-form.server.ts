/** The anonymisation check's form: one redact-or-keep answer per passage, named finding-<key>. Server only, to keep zod out of the page. */
import { z } from "zod";

const FINDING_FIELD = /^finding-([0-9a-f]{24})$/;

/** The answers given, by passage key; at least one is needed. Unknown fields and answers are ignored. */
export const anonymisationDecisionsSchema = z
  .record(z.string(), z.unknown())
  .transform((fields) => {
    const chosen = new Map<string, "redact" | "keep">();
    for (const [name, value] of Object.entries(fields)) {
      const key = FINDING_FIELD.exec(name)?.[1];
      if (key && (value === "redact" || value === "keep")) chosen.set(key, value);
    }
    return chosen;
  })
  .refine((chosen) => chosen.size > 0, "Choose redact or keep for at least one passage, then save");
