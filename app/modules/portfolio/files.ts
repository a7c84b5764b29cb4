/**
 * What files a portfolio accepts, judged by their first bytes (never by the name or the
 * browser's word alone): PDF, Word (DOCX), PNG and JPEG, up to 10 MB. Pure.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const ACCEPTED = {
  pdf: { contentType: "application/pdf", label: "PDF" },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word (DOCX)",
  },
  png: { contentType: "image/png", label: "PNG image" },
  jpeg: { contentType: "image/jpeg", label: "JPEG image" },
} as const;
export type FileKind = keyof typeof ACCEPTED;

export const ACCEPT_ATTRIBUTE =
  ".pdf,.docx,.png,.jpg,.jpeg," +
  Object.values(ACCEPTED)
    .map((a) => a.contentType)
    .join(",");

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function sniffFileKind(bytes: Uint8Array, fileName: string): FileKind | null {
  const dot = fileName.lastIndexOf(".");
  const ext = dot >= 0 ? fileName.slice(dot + 1).toLowerCase() : "";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  // A DOCX is a zip; so are many other things, so the name must say docx as well.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && ext === "docx") return "docx";
  return null;
}

export type FileCheck = { ok: true; kind: FileKind; contentType: string } | { ok: false; message: string };

export function checkFile(file: { name: string; size: number; head: Uint8Array }): FileCheck {
  if (file.size === 0) return { ok: false, message: "The file you chose is empty" };
  if (file.size > MAX_FILE_BYTES)
    return { ok: false, message: `The file must be 10 MB or smaller (the one chosen is ${describeBytes(file.size)})` };
  const kind = sniffFileKind(file.head, file.name);
  if (!kind) return { ok: false, message: "The file must be a PDF, a Word document (DOCX), or a PNG or JPEG image" };
  return { ok: true, kind, contentType: ACCEPTED[kind].contentType };
}

export function describeBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  // Rounded up, so a file just over the limit never reads as "10.0 MB".
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** The extensions a file of each kind may have; the first is given to a name that has none of them. */
const EXTENSIONS: Record<FileKind, string[]> = { pdf: ["pdf"], docx: ["docx"], png: ["png"], jpeg: ["jpg", "jpeg"] };

/**
 * The name a file is kept under: the name it came with, without any folder, spaces at either
 * end or invisible characters, ending in an extension of the kind its bytes show it to be
 * ("scan.pdf" that is a PNG is kept as "scan.png"; "letter" as "letter.pdf").
 */
export function storedFileName(name: string, kind: FileKind) {
  const base = (name.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(/[\p{Cc}\p{Cf}]/gu, "").trim();
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  if (EXTENSIONS[kind].includes(ext)) return base;
  // A short run of letters and digits after the last dot is an extension to replace; anything else is part of the name.
  const stem = dot > 0 && /^(?=.*[a-z])[a-z0-9]{1,5}$/.test(ext) ? base.slice(0, dot) : base;
  return `${stem || "file"}.${EXTENSIONS[kind][0]}`;
}

/** A file name safe to put in a Content-Disposition header and on screen. */
export function safeFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "file";
  // Letters and digits of any script stay (Łukasz's file keeps his name); the header carries them
  // encoded (utils/download.server), so only what could break a header or a page is replaced.
  const cleaned = base.normalize("NFC").replace(/[^\p{L}\p{M}\p{N}_ .()-]+/gu, "_").replace(/^\.+/, "");
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : "";
  // Shorten the name, never the extension.
  const shortened = cleaned.length > 120 ? cleaned.slice(0, 120 - ext.length) + ext : cleaned;
  return shortened || "file";
}
