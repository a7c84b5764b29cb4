/** A small flowing-text writer over pdf-lib: headings and wrapped paragraphs, new pages as needed. */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";

const A4 = [595, 842] as const;
const MARGIN = 50;

/** The standard fonts cover Latin-1 only: other letters lose their accents rather than failing the document. */
export function printable(text: string) {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, "-")
    .replace(/…/g, "...")
    .replace(/[•●]/g, "-")
    .normalize("NFKD")
    .replace(/[^\x20-\x7E\u00A0-\u00FF\n]/g, "");
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
    return new PdfWriter(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
      printable(footer),
    );
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
