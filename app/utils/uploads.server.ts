/**
 * Reads a form that may carry a file, without ever holding more of a file than the
 * portfolio accepts: an oversized file is drained and reported, not kept, so the rest of
 * the form (the person's text) still arrives and can be put back on the page.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_FILE_BYTES } from "~/modules/portfolio/files";

const TEXT_PART_MAX = 1024 * 1024;

/** The longest file name kept, in characters (most file systems' limit). */
export const FILE_NAME_MAX = 255;

/**
 * Why a file's name cannot be kept, or null: too long, or carrying control characters or the
 * direction controls that can make "notes‮fdp.exe" read as "notes.exe.pdf" on screen.
 */
export function fileNameProblem(name: string): string | null {
  if ([...name].length > FILE_NAME_MAX)
    return `The file's name is longer than ${FILE_NAME_MAX} characters: rename the file with a shorter name and choose it again`;
  if (/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(name))
    return "The file's name has hidden control or direction characters: rename the file and choose it again";
  return null;
}

export interface UploadForm {
  formData: FormData;
  /** Files refused for size before they were kept, by field name. */
  oversized: Map<string, { name: string; size: number }>;
  /** File parts the form does not ask for, or a second file for one field: read past, never kept. */
  unexpected: string[];
  /** Files refused for their name (fileNameProblem) before they were kept, by field name: the message. */
  badNames: Map<string, string>;
}

/**
 * `fileFields` are the form's file inputs, each taking one file; any other file part is refused.
 * Text parts are kept up to 1 MB each (the server refuses a larger body before this reads it).
 */
export async function readUploadForm(
  request: Request,
  fileFields: readonly string[] = ["file"],
): Promise<UploadForm | null> {
  const oversized = new Map<string, { name: string; size: number }>();
  const unexpected: string[] = [];
  const badNames = new Map<string, string>();
  const seen = new Set<string>();
  const contentType = request.headers.get("Content-Type") ?? "";
  try {
    if (!contentType.startsWith("multipart/form-data"))
      return { formData: await request.formData(), oversized, unexpected, badNames };
    const handler: UploadHandler = async ({ name, filename, contentType: type, data }) => {
      if (filename !== undefined && (!fileFields.includes(name) || seen.has(name))) {
        for await (const chunk of data) void chunk;
        unexpected.push(name);
        return null;
      }
      if (filename !== undefined) seen.add(name);
      const nameProblem = filename ? fileNameProblem(filename) : null;
      if (nameProblem) {
        for await (const chunk of data) void chunk;
        badNames.set(name, nameProblem);
        return null;
      }
      const limit = filename === undefined ? TEXT_PART_MAX : MAX_FILE_BYTES;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size <= limit) chunks.push(chunk);
      }
      if (filename === undefined) return Buffer.concat(chunks).toString("utf8");
      if (!filename && size === 0) return null;
      if (size > limit) {
        oversized.set(name, { name: filename, size });
        return null;
      }
      return new File([Buffer.concat(chunks)], filename, { type: type || "application/octet-stream" });
    };
    return { formData: await unstable_parseMultipartFormData(request, handler), oversized, unexpected, badNames };
  } catch {
    return null;
  }
}
