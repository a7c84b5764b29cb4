/**
 * The text a PDF drawn by the platform shows, read back without any system tool: each page's
 * content streams are decoded, every string shown with Tj is mapped from glyph ids to letters
 * through its font's ToUnicode map. A letter the font had no glyph for comes back as U+FFFD, so a
 * test fails if a name loses a letter. Enough for pdf-lib's output (Identity-H fonts, one Tj per
 * line of text), not a general PDF reader.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from "pdf-lib";

const bytesOf = (stream: PDFObject | undefined) =>
  stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1") : "";

function toUnicodeMap(cmap: string) {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const text = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(hex(from!), text(to!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, lo, hi, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      for (let g = hex(lo!); g <= hex(hi!); g++) map.set(g, String.fromCodePoint(hex(to!) + g - hex(lo!)));
  return map;
}

/** Every line of text on every page, in drawing order. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const lookup = <T extends PDFObject>(o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o) as T;
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = lookup<PDFDict>(lookup<PDFDict>(page.node.Resources())?.get(PDFName.of("Font")));
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = lookup<PDFDict>(ref);
      fonts.set(name.asString(), toUnicodeMap(bytesOf(lookup(font.get(PDFName.of("ToUnicode"))))));
    }
    const contents = lookup<PDFObject>(page.node.get(PDFName.of("Contents")));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => lookup(r)) : [contents];
    let current = new Map<number, string>();
    for (const stream of streams) {
      const ops = bytesOf(stream);
      for (const [, font, shown] of ops.matchAll(/(?:(\/\S+)\s+[\d.]+\s+Tf)|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (font) current = fonts.get(font) ?? new Map();
        else
          lines.push(
            (shown!.match(/.{4}/g) ?? []).map((g) => current.get(parseInt(g, 16)) ?? "\uFFFD").join(""),
          );
      }
    }
  }
  return lines;
}
