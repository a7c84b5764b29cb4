/** The forms of shared sessions (ADR 026), checked on the server (no page's JavaScript carries zod). */
import { z } from "zod";
import { englandInstant } from "~/modules/masters/assignments";
import { checkFile, describeBytes, storedFileName } from "~/modules/portfolio/files";
import type { UploadedFile } from "~/modules/portfolio/portfolio.server";
import { dayField, numberInBox } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import type { UploadForm } from "~/utils/uploads.server";
import { ATTENDANCE, SESSION_MINUTES } from "./rules";

const uuidList = (message: string) => z.array(z.string().refine(isUuid, message)).max(500, message).default([]);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || null);

export const sessionSchema = z
  .object({
    topic: z
      .string({ error: "Choose the session's topic" })
      .regex(/^[a-z0-9-]{1,100}(\/[a-z0-9-]{1,100})?$/, "Choose the session's topic"),
    day: dayField("Enter the date, for example 2027-03-14"),
    time: z
      .string({ error: "Enter the start time, for example 09:30" })
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time on the 24-hour clock, for example 09:30"),
    minutes: numberInBox(
      z
        .number({ error: "Enter how long the session lasts, in minutes, for example 180" })
        .int("Enter a whole number of minutes")
        .min(SESSION_MINUTES.min, `A session lasts at least ${SESSION_MINUTES.min} minutes`)
        .max(SESSION_MINUTES.max, `A session lasts at most ${SESSION_MINUTES.max} minutes (10 hours)`),
    ),
    place: optionalText("The place", 200),
    link: optionalText("The link", 500).refine((v) => !v || /^https:\/\/[^\s<>"]+$/.test(v), "Enter the online link as a web address starting https://"),
    facilitatorId: z.string({ error: "Choose who facilitates the session" }).refine(isUuid, "Choose who facilitates the session"),
    learners: uuidList("Choose learners from the list"),
    partners: uuidList("Choose partners from the list"),
  })
  .refine((v) => v.place || v.link, { path: ["place"], message: "Enter where the session is held, an online link, or both" })
  .transform((v) => {
    const [moduleSlug, lessonSlug] = v.topic.split("/") as [string, string | undefined];
    return { ...v, moduleSlug, lessonSlug: lessonSlug ?? null, startsAt: englandInstant(v.day, v.time) };
  });

export const SESSION_LISTS = ["learners", "partners"] as const;

export const sessionIntentSchema = z.object({
  intent: z.enum(["register", "invite", "material"], { error: "Choose what to do" }),
});

export const inviteSchema = z
  .object({ learners: uuidList("Choose learners from the list"), partners: uuidList("Choose partners from the list") })
  .refine((v) => v.learners.length + v.partners.length > 0, { path: ["learners"], message: "Choose at least one learner or partner to invite" });

/** One choice per person on the register, named status-<their id>; a person left unmarked is left as they were. */
export function registerSchema(userIds: string[]) {
  return z.object(
    Object.fromEntries(
      userIds.map((id) => [`status-${id}`, z.enum(ATTENDANCE, { error: "Choose attended, sent apologies or absent" }).optional()]),
    ),
  );
}

/** The one file a materials field carries, checked by its bytes; or why it cannot be kept. */
export async function readMaterialFile(
  upload: UploadForm,
  field = "material",
): Promise<{ ok: true; file: UploadedFile | null } | { ok: false; message: string }> {
  const badName = upload.badNames.get(field);
  if (badName) return { ok: false, message: badName };
  if (upload.unexpected.length) return { ok: false, message: "Add one file at a time: nothing was saved, so choose it again" };
  const big = upload.oversized.get(field);
  if (big) return { ok: false, message: `The file must be 10 MB or smaller (the one chosen is ${describeBytes(big.size)}). Choose a smaller file` };
  const chosen = upload.formData.get(field);
  if (!(chosen instanceof File) || !chosen.name) return { ok: true, file: null };
  const bytes = Buffer.from(await chosen.arrayBuffer());
  const check = checkFile({ name: chosen.name, size: bytes.length, head: bytes.subarray(0, 16) });
  if (!check.ok) return { ok: false, message: check.message };
  return { ok: true, file: { name: storedFileName(chosen.name, check.kind), bytes, check } };
}
