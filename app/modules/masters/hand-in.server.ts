/**
 * Reads the learner's hand-in form: the text typed, one PDF or Word file (checked by its bytes, up
 * to 10 MB) and which files of the previous version to keep. A Word document's words are counted
 * from its text; a PDF's are not. Errors come back with everything typed.
 */
import { checkFile, describeBytes, storedFileName } from "~/modules/portfolio/files";
import { NUL_MESSAGE, screenForm } from "~/utils/forms.server";
import { isUuid } from "~/utils/ids";
import { sentFormOf, type SentForm } from "~/utils/save-once.server";
import type { UploadForm } from "~/utils/uploads.server";
import { countWords } from "./assignments";
import type { HandedInFile } from "./assignments.server";
import { docxText } from "./docx-text.server";

/** The text box holds at most this many characters (about 30,000 words: twice the dissertation's limit). */
export const HAND_IN_TEXT_MAX = 200_000;

export type HandIn =
  | { ok: true; body: string; file: HandedInFile | null; keepFileIds: string[]; sent: SentForm | null }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** `upload` is the form as readUploadForm read it (the page's action reads it once, for every form). */
export async function readHandIn(upload: UploadForm): Promise<HandIn> {
  const { formData, withNul } = screenForm(upload.formData);
  const body = typeof formData.get("body") === "string" ? (formData.get("body") as string).replace(/\r\n/g, "\n") : "";
  const values = { body };
  const errors: Record<string, string> = {};
  if (withNul.includes("body")) errors.body = NUL_MESSAGE;
  if (body.length > HAND_IN_TEXT_MAX)
    errors.body = `The text must be ${HAND_IN_TEXT_MAX.toLocaleString("en-GB")} characters or fewer: hand in a long piece of work as a file`;
  const badName = upload.badNames.get("file");
  if (badName) errors.file = badName;
  if (upload.unexpected.length) errors.file = "Hand in one file at a time, with the “File” field: nothing was handed in, so try again";
  let file: HandedInFile | null = null;
  const big = upload.oversized.get("file");
  const chosen = formData.get("file");
  if (big) {
    errors.file = `The file must be 10 MB or smaller (the one chosen is ${describeBytes(big.size)}). Choose a smaller file`;
  } else if (chosen instanceof File && chosen.name) {
    const bytes = Buffer.from(await chosen.arrayBuffer());
    const check = checkFile({ name: chosen.name, size: bytes.length, head: bytes.subarray(0, 16) });
    if (!check.ok) errors.file = check.message.replace(/, or a PNG or JPEG image$/, "").replace("a PDF, a Word document", "a PDF or a Word document");
    else if (check.kind !== "pdf" && check.kind !== "docx") errors.file = "Hand in a PDF or a Word document (DOCX)";
    else {
      const text = check.kind === "docx" ? docxText(bytes) : null;
      if (check.kind === "docx" && text === null) errors.file = "We could not read that Word document: save it again as DOCX or PDF and choose it again";
      else file = { name: storedFileName(chosen.name, check.kind), bytes, check, wordCount: text === null ? null : countWords(text) };
    }
  }
  if (file && Object.keys(errors).length)
    errors.file ??= `Choose ${file.name} again: for your security, a browser does not keep a chosen file after an error`;
  if (Object.keys(errors).length) return { ok: false, errors, values };
  return {
    ok: true,
    body,
    file,
    keepFileIds: formData.getAll("keepFile").filter((v): v is string => typeof v === "string" && isUuid(v)),
    sent: sentFormOf(upload.formData),
  };
}
