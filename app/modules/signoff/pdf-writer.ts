/** A small flowing-text writer over pdf-lib: headings and wrapped paragraphs, new pages as needed. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";

const A4 = [595, 842] as const;
const MARGIN = 50;

/**
 * DejaVu Sans (the Bitstream Vera licence: free to embed), from the dejavu-fonts-ttf package. It
 * covers every Latin, Greek and Cyrillic letter, so a name prints exactly as it is written
 * ("Łukasz Wójcik", "Noémie Ní Bhriain"). Read once per process; each document embeds only the
 * glyphs it uses (a subset), with a ToUnicode map so the text can be copied and searched.
 */
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | null = null;
function dejaVu() {
  if (!fontBytes) {
    const folder = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    fontBytes = {
      regular: readFileSync(join(folder, "DejaVuSans.ttf")),
      bold: readFileSync(join(folder, "DejaVuSans-Bold.ttf")),
    };
  }
  return fontBytes;
}

/** The regular and bold Unicode fonts, embedded (subset) in `doc`: every PDF the platform draws uses these. */
export async function embedFonts(doc: PDFDocument) {
  doc.registerFontkit(fontkit);
  const bytes = dejaVu();
  const [regular, bold] = await Promise.all([
    doc.embedFont(bytes.regular, { subset: true }),
    doc.embedFont(bytes.bold, { subset: true }),
  ]);
  return { regular, bold };
}

/**
 * Text as the page draws it: letters are kept exactly (composed, so "e" and a combining accent
 * print as one "é"); only control characters the font has no glyph for are dropped, and a tab
 * becomes a space.
 */
export function printable(text: string) {
  return text
    .normalize("NFC")
    .replace(/\t/g, " ")
    .replace(/\r\n?/g, "\n")
    // Control and format characters (\p{Cc}, \p{Cf}: the bell, zero-width spaces, direction marks) but not the newline.
    .replace(/(?!\n)[\p{Cc}\p{Cf}]/gu, "");
}

export class PdfWriter {
  private page!: PDFPage;
  private y = 0;
  private constructor(
    readonly doc: PDFDocument,
    private regular: PDFFont,
    private bold: PDFFont,
    private footer: string,
  ) {
    this.newPage();
  }

  static async create(title: string, footer: string) {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    const { regular, bold } = await embedFonts(doc);
    return new PdfWriter(doc, regular, bold, printable(footer));
  }

  private newPage() {
    this.page = this.doc.addPage([...A4]);
    this.y = A4[1] - MARGIN;
    const n = this.doc.getPageCount();
    this.page.drawText(`${this.footer} - page ${n}`, {
      x: MARGIN,
      y: 25,
      size: 8,
      font: this.regular,
      color: rgb(0.3, 0.3, 0.3),
    });
  }

  private lines(text: string, font: PDFFont, size: number) {
    const width = A4[0] - 2 * MARGIN;
    const out: string[] = [];
    for (const para of printable(text).split("\n")) {
      let line = "";
      for (const word of para.split(/\s+/).filter(Boolean)) {
        const next = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(next, size) > width && line) {
          out.push(line);
          line = word;
        } else line = next;
      }
      out.push(line);
    }
    return out;
  }

  private write(text: string, font: PDFFont, size: number, gapAfter: number) {
    for (const line of this.lines(text, font, size)) {
      if (this.y < MARGIN + size) this.newPage();
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: rgb(0.05, 0.05, 0.05) });
      this.y -= size * 1.35;
    }
    this.y -= gapAfter;
  }

  heading(text: string, level: 1 | 2 | 3 = 2) {
    const size = level === 1 ? 20 : level === 2 ? 15 : 12;
    if (this.y < MARGIN + size * 4) this.newPage();
    this.y -= level === 1 ? 0 : 8;
    this.write(text, this.bold, size, 4);
  }

  text(text: string) {
    if (text.trim()) this.write(text, this.regular, 10, 6);
  }

  /** "Label: value" lines, the label in bold weight of meaning (kept plain for width). */
  field(label: string, value: string) {
    if (value.trim()) this.write(`${label}: ${value}`, this.regular, 10, 2);
  }

  /**
   * A table with a bold header row, repeated on each new page; each cell's text wraps within its
   * column. `widths` are shares of the page's width.
   */
  table(headers: string[], widths: number[], rows: string[][]) {
    const size = 8.5;
    const lead = size * 1.3;
    const total = A4[0] - 2 * MARGIN;
    const sum = widths.reduce((a, b) => a + b, 0);
    const columns = widths.map((w) => (w / sum) * total);
    const wrap = (text: string, width: number, font: PDFFont) => {
      const out: string[] = [];
      for (const para of printable(text).split("\n")) {
        let line = "";
        for (const word of para.split(/\s+/).filter(Boolean)) {
          const next = line ? `${line} ${word}` : word;
          if (font.widthOfTextAtSize(next, size) > width - 6 && line) {
            out.push(line);
            line = word;
          } else line = next;
        }
        out.push(line);
      }
      return out;
    };
    const drawRow = (cells: string[], font: PDFFont) => {
      const wrapped = cells.map((c, i) => wrap(c, columns[i]!, font));
      const height = Math.max(1, ...wrapped.map((w) => w.length)) * lead + 4;
      if (this.y - height < MARGIN) {
        this.newPage();
        if (font !== this.bold) drawRow(headers, this.bold);
      }
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        lines.forEach((line, n) =>
          this.page.drawText(line, { x, y: this.y - size - n * lead, size, font, color: rgb(0.05, 0.05, 0.05) }),
        );
        x += columns[i]!;
      });
      this.y -= height;
      this.page.drawLine({
        start: { x: MARGIN, y: this.y + 2 },
        end: { x: MARGIN + total, y: this.y + 2 },
        thickness: 0.5,
        color: rgb(0.7, 0.7, 0.7),
      });
    };
    if (this.y < MARGIN + lead * 4) this.newPage();
    drawRow(headers, this.bold);
    for (const row of rows) drawRow(row, this.regular);
    this.y -= 8;
  }

  save() {
    return this.doc.save();
  }
}
