/** Form schemas for the notices pages, used by their actions. */
import { z } from "zod";
import { DELIVERIES, NOTICE_KINDS } from "./notices";

export const noticeActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), notice: z.uuid({ error: "Choose a notice" }) }),
  z.object({ intent: z.literal("read-all") }),
]);

const delivery = z.enum(DELIVERIES, { error: "Choose how you hear about this" });

export const noticePreferencesSchema = z.object(
  Object.fromEntries(NOTICE_KINDS.map((k) => [k, delivery])) as Record<(typeof NOTICE_KINDS)[number], typeof delivery>,
);
