/**
 * A stored file (a portfolio's, a hand-in's, a shared session's material) as a download: never kept
 * by a cache, never sniffed into another type, named safely in the header (ASCII and UTF-8 forms).
 */
import { safeFileName } from "~/modules/portfolio/files";

export function fileDownload(file: { fileName: string; contentType: string }, content: Buffer | Uint8Array) {
  const name = safeFileName(file.fileName);
  return new Response(new Uint8Array(content), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(content.length),
      "Content-Disposition": `attachment; filename="${name.replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
