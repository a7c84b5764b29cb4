/**
 * The text of a Word document (DOCX), for its word count. A DOCX is a zip; its body is
 * word/document.xml, read with fflate (a small, well-kept zip reader). Only the body is counted:
 * headers, footers, footnotes and comments are not, as most universities count a dissertation.
 */
import { unzipSync } from "fflate";

/** A document whose body unpacks to more than this is refused rather than read (a zip bomb). */
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const BODY = "word/document.xml";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(xml: string) {
  return xml.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The body's text, a line per paragraph; null when the file is not a Word document that can be read. */
export function docxText(bytes: Uint8Array): string | null {
  let body: Uint8Array | undefined;
  try {
    body = unzipSync(bytes, { filter: (f) => f.name === BODY && f.originalSize <= MAX_BODY_BYTES })[BODY];
  } catch {
    return null;
  }
  if (!body) return null;
  const xml = new TextDecoder("utf-8", { fatal: false }).decode(body);
  const paragraphs = xml.split(/<\/w:p>/);
  return paragraphs
    .map((p) =>
      decode(
        // A word can be split across runs, so runs join without a space; tabs and breaks are spaces.
        p
          .replace(/<w:(tab|br|cr)\b[^>]*\/>/g, "<w:t> </w:t>")
          .match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>/g)
          ?.map((t) => t.replace(/<[^>]+>/g, ""))
          .join("") ?? "",
      ),
    )
    .filter((line) => line.trim())
    .join("\n");
}
