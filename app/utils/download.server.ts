/**
 * A file sent to be saved, not shown: certificates, transcripts, exports, evidence and coursework
 * files, calendars. Personal records all, so never kept by a browser or a proxy, and never sniffed
 * into something a browser would run. The name is given twice: plain ASCII for old clients and
 * UTF-8 (RFC 6266) so that Łukasz's file keeps his name.
 */
import { safeFileName } from "~/modules/portfolio/files";

export function download(body: Uint8Array | Buffer | string, file: { name: string; contentType: string }): Response {
  const content = typeof body === "string" ? body : new Uint8Array(body);
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "");
  const length = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
  // RFC 5987's value characters leave out ' ( ) *, which encodeURIComponent keeps.
  const utf8 = encodeURIComponent(file.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(content, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A stored file (a portfolio's, a hand-in's, a shared session's material), under its own name made safe. */
export const fileDownload = (file: { fileName: string; contentType: string }, content: Buffer | Uint8Array) =>
  download(content, { name: safeFileName(file.fileName), contentType: file.contentType });

/** A PDF made here, to be saved under `name`. */
export const pdfDownload = (pdf: Uint8Array | Buffer, name: string) => download(pdf, { name, contentType: "application/pdf" });
