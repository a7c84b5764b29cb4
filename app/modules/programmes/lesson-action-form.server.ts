/** Forms on the lesson page, as zod schemas; server-only, so that no page's JavaScript carries zod. */
import { z } from "zod";
import { REFLECTION_MAX } from "./limits";

export const lessonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("complete") }),
  z.object({ intent: z.literal("incomplete") }),
  z.object({ intent: z.literal("check"), checkIds: z.string().max(2000) }),
  z.object({
    intent: z.literal("reflection-save"),
    reflectionId: z.string().max(100),
    body: z
      .string()
      .max(REFLECTION_MAX, `Your reflection must be ${REFLECTION_MAX.toLocaleString("en-GB")} characters or fewer`),
  }),
  z.object({ intent: z.literal("reflection-send"), reflectionId: z.string().max(100) }),
]);
