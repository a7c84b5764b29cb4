/** Reads an evidence form (with its optional file) into checked input, or errors plus everything typed. */
import { collectFields } from "~/modules/drafts/drafts";
import { NUL_MESSAGE, screenForm } from "~/utils/forms.server";
import { sentFormOf, type SentForm } from "~/utils/save-once.server";
import { readUploadForm } from "~/utils/uploads.server";
import { isUuid } from "~/utils/ids";
import { checkFile, describeBytes, storedFileName } from "./files";
import type { EvidenceInput, UploadedFile } from "./portfolio.server";
import type { EvidenceKind } from "./rules";
import { evidenceErrors, evidenceFormValues, evidenceSchema } from "./reflection-form.server";

export type Submission =
  | {
      ok: true;
      input: EvidenceInput;
      file: UploadedFile | null;
      removeFileIds: string[];
      version: number | null;
      /** The form's key, for saveOnce (ADR 021). */
      sent: SentForm | null;
    }
  | { ok: false; errors: Record<string, string>; values: Record<string, string | string[]> };

export async function readEvidenceSubmission(
  request: Request,
  kind: EvidenceKind,
  codes: Set<string>,
  mappingProblem?: (occurredOn: string, chosen: string[]) => string | null,
): Promise<Submission> {
  const upload = await readUploadForm(request);
  if (!upload) return { ok: false, errors: { form: "We could not read that form. Please try again." }, values: {} };
  const { oversized, unexpected, badNames } = upload;
  const { formData, withNul } = screenForm(upload.formData);
  const values = collectFields(formData);
  const parsed = evidenceSchema(kind, codes, undefined, mappingProblem).safeParse(evidenceFormValues(formData, kind));
  const errors = parsed.success ? {} : evidenceErrors(parsed.error);
  for (const name of withNul) errors[name] = NUL_MESSAGE;
  const badName = badNames.get("file");
  if (badName) errors.file = badName;
  if (unexpected.length)
    errors.file = "Add one file at a time, with the “File” field: nothing was saved, so save again";
  let file: UploadedFile | null = null;
  const big = oversized.get("file");
  const chosen = formData.get("file");
  if (big) {
    errors.file = `The file must be 10 MB or smaller (the one chosen is ${describeBytes(big.size)}). Choose a smaller file`;
  } else if (chosen instanceof File && chosen.name) {
    const bytes = Buffer.from(await chosen.arrayBuffer());
    const check = checkFile({ name: chosen.name, size: bytes.length, head: bytes.subarray(0, 16) });
    if (check.ok) file = { name: storedFileName(chosen.name, check.kind), bytes, check };
    else errors.file = check.message;
  }
  if (file && Object.keys(errors).length)
    errors.file ??= `Choose ${file.name} again: for your security, a browser does not keep a chosen file after an error`;
  if (Object.keys(errors).length) return { ok: false, errors, values };
  const typedVersion = formData.get("version");
  const version = typeof typedVersion === "string" && /^\d+$/.test(typedVersion) ? Number(typedVersion) : NaN;
  return {
    ok: true,
    input: parsed.data!,
    file,
    removeFileIds: formData.getAll("removeFile").filter((v): v is string => typeof v === "string" && isUuid(v)),
    version: Number.isInteger(version) && version > 0 ? version : null,
    sent: sentFormOf(upload.formData),
  };
}
