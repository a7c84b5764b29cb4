/**
 * Spreadsheet exports (CSV) that are safe to open in Excel, LibreOffice or Google Sheets.
 * Pure: build every export's body with `toCsv`, and serve it with `CSV_HEADERS`.
 */

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return,
 * can shift what follows it into a formula): text typed by anyone (a name, a vacancy title) is
 * never to run as one when a lead opens the export ("formula injection", OWASP's CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text with a leading formula character made harmless by a single quote before it. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One cell: neutralised, then quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvCell(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  // Numbers the export itself computed are not typed by anyone: "-3" stays a number.
  const text =
    typeof value === "number" ? String(value) : value instanceof Date ? value.toISOString() : neutraliseCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Excel reads a CSV file as UTF-8 (Łukasz, Noémie, Siobhán) only when it starts with the byte order mark. */
export const UTF8_BOM = "\uFEFF";

/** The whole file: the byte order mark, a header row, then the rows, each line ended CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly Parameters<typeof csvCell>[0][])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return UTF8_BOM + lines.map((line) => `${line}\r\n`).join("");
}

/** Headers for a download of personal data: never kept by a browser or a proxy. */
export function csvHeaders(fileName: string): Record<string, string> {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
