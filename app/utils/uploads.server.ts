/**
 * Reads a form that may carry a file, without ever holding more of a file than the
 * portfolio accepts: an oversized file is drained and reported, not kept, so the rest of
 * the form (the person's text) still arrives and can be put back on the page.
 */
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_FILE_BYTES } from "~/modules/portfolio/files";

const TEXT_PART_MAX = 1024 * 1024;

export interface UploadForm {
  formData: FormData;
  /** Files refused for size before they were kept, by field name. */
  oversized: Map<string, { name: string; size: number }>;
  /** File parts the form does not ask for, or a second file for one field: read past, never kept. */
  unexpected: string[];
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
  const seen = new Set<string>();
  const contentType = request.headers.get("Content-Type") ?? "";
  try {
    if (!contentType.startsWith("multipart/form-data"))
      return { formData: await request.formData(), oversized, unexpected };
    const handler: UploadHandler = async ({ name, filename, contentType: type, data }) => {
      if (filename !== undefined && (!fileFields.includes(name) || seen.has(name))) {
        for await (const chunk of data) void chunk;
        unexpected.push(name);
        return null;
      }
      if (filename !== undefined) seen.add(name);
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
    return { formData: await unstable_parseMultipartFormData(request, handler), oversized, unexpected };
  } catch {
    return null;
  }
}
