/**
 * The marking forms, checked at the edge (zod stays on the server): a first mark or third reading
 * with a band for each rubric criterion, a mark out of 100, feedback and an optional annotated file
 * (PDF or Word, checked by its bytes like a hand-in); a second marker's agreement or proposal with
 * reasons; an agreed mark. Errors come back with everything typed.
 */
import { z } from "zod";
import { checkFile, describeBytes, storedFileName } from "~/modules/portfolio/files";
import { screenForm } from "~/utils/forms.server";
import { sentFormOf, type SentForm } from "~/utils/save-once.server";
import type { UploadForm } from "~/utils/uploads.server";
import type { HandedInFile } from "./assignments.server";
import type { MarkInput } from "./marking.server";
import type { MarkerTask } from "./marking";
import { markProblem } from "./marks";

const longText = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(10_000, "Write 10,000 characters or fewer");
const mark = z.string({ error: "Enter a mark out of 100" }).superRefine((v, ctx) => {
  const problem = markProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export interface RubricCriterion {
  criterion: string;
  bands: { band: string }[];
}

/** The shape of the form for the task in hand; the rubric's criteria are "band-0", "band-1", … */
export function markFormSchema(task: Exclude<MarkerTask, null>, rubric: RubricCriterion[]) {
  if (task === "first-mark" || task === "third-read") {
    const bands = Object.fromEntries(
      rubric.map((c, i) => [
        `band-${i}`,
        z.enum(c.bands.map((b) => b.band) as [string, ...string[]], { error: `Choose a band for “${c.criterion}”` }),
      ]),
    );
    return z
      .object({ ...bands, mark, feedback: longText("Write feedback for the learner") })
      .transform((v): Omit<MarkInput, "file"> => ({
        kind: "mark",
        mark: Number(v.mark.trim()),
        criteria: rubric.map((c, i) => ({ criterion: c.criterion, band: (v as Record<string, string>)[`band-${i}`]! })),
        feedback: v.feedback,
      }));
  }
  if (task === "second-mark")
    return z
      .object({
        outcome: z.enum(["agree", "propose"], {
          error: "Choose whether you agree with the first mark or propose another",
        }),
        mark: z.string().optional(),
        feedback: z.string().trim().max(10_000, "Write 10,000 characters or fewer").default(""),
      })
      .superRefine((v, ctx) => {
        if (v.outcome !== "propose") return;
        const problem = markProblem(v.mark);
        if (problem) ctx.addIssue({ code: "custom", path: ["mark"], message: problem });
        if (!v.feedback)
          ctx.addIssue({ code: "custom", path: ["feedback"], message: "Give your reasons for proposing another mark" });
      })
      .transform((v): Omit<MarkInput, "file"> => ({
        kind: v.outcome,
        mark: v.outcome === "propose" ? Number(v.mark!.trim()) : null,
        criteria: [],
        feedback: v.feedback,
      }));
  return z
    .object({ mark, feedback: z.string().trim().max(10_000, "Write 10,000 characters or fewer").default("") })
    .transform((v): Omit<MarkInput, "file"> => ({
      kind: "agreed",
      mark: Number(v.mark.trim()),
      criteria: [],
      feedback: v.feedback,
    }));
}

export type MarkForm =
  | { ok: true; input: MarkInput; sent: SentForm | null }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Reads the marking form (read once by readUploadForm, with the "annotated" file field). */
export async function readMarkForm(
  upload: UploadForm,
  task: Exclude<MarkerTask, null>,
  rubric: RubricCriterion[],
): Promise<MarkForm> {
  const { formData, withNul } = screenForm(upload.formData);
  const values: Record<string, string> = {};
  for (const [name, value] of formData)
    if (typeof value === "string" && !(name in values)) values[name] = value.slice(0, 10_000);
  const errors: Record<string, string> = {};
  for (const name of withNul) errors[name] = "Remove the hidden control character from this text";
  const parsed = markFormSchema(task, rubric).safeParse(values);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors[issue.path.length ? String(issue.path[0]) : "form"] ??= issue.message;

  let file: HandedInFile | null = null;
  const badName = upload.badNames.get("annotated");
  if (badName) errors.annotated = badName;
  if (upload.unexpected.length)
    errors.annotated = "Attach one file, with the “Annotated copy” field: nothing was saved, so try again";
  const big = upload.oversized.get("annotated");
  const chosen = formData.get("annotated");
  if (big)
    errors.annotated = `The file must be 10 MB or smaller (the one chosen is ${describeBytes(big.size)}). Choose a smaller file`;
  else if (chosen instanceof File && chosen.name) {
    const bytes = Buffer.from(await chosen.arrayBuffer());
    const check = checkFile({ name: chosen.name, size: bytes.length, head: bytes.subarray(0, 16) });
    if (!check.ok || (check.kind !== "pdf" && check.kind !== "docx"))
      errors.annotated = "Attach a PDF or a Word document (DOCX)";
    else file = { name: storedFileName(chosen.name, check.kind), bytes, check, wordCount: null };
  }
  if (file && Object.keys(errors).length)
    errors.annotated ??= `Choose ${file.name} again: for your security, a browser does not keep a chosen file after an error`;
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors, values };
  return { ok: true, input: { ...parsed.data, file }, sent: sentFormOf(upload.formData) };
}

/** The lead's allocation and sample forms. */
export const allocationSchema = z.object({
  stage: z.enum(["first", "second", "third"], { error: "Choose the stage" }),
  markerId: z.string({ error: "Choose a marker" }).uuid("Choose a marker"),
});

/**
 * Drawing a sample names only the attempt it is for (the first, or the resubmissions), besides the
 * form's key, so a double click draws once.
 */
export const drawSampleSchema = z.object({
  attempt: z.coerce
    .number({ error: "Choose the attempt to sample" })
    .int("Choose the attempt to sample")
    .min(1, "Choose the attempt to sample")
    .max(9, "Choose the attempt to sample")
    .default(1),
});
