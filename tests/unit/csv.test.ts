/** The spreadsheet helper at its edges: no cell can run as a formula, and names survive Excel. */
import { csvCell, csvHeaders, neutraliseCell, toCsv, UTF8_BOM } from "~/utils/csv";

describe("neutraliseCell", () => {
  it.each(["=1+1", "+44 7700 900123", "-2+3", "@SUM(A1:A2)", "\tleading tab", "\rleading return", "=HYPERLINK(\"http://x\")"])(
    "puts a quote before %j so it is text, not a formula",
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it.each(["", "Zainab Hussain", "Łukasz Wójcik", "Noémie Ní Bhriain", " =not first", "a=b", "1-2", "'already quoted", "é=x"])(
    "leaves %j as it is",
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );
});

describe("csvCell", () => {
  it("quotes a cell with a comma, a quote or a line break, doubling quotes", () => {
    expect(csvCell('Reid, "Marcus"')).toBe('"Reid, ""Marcus"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r")).toBe('"cr\r"');
  });

  it("neutralises before quoting, so a quoted formula is still text", () => {
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("writes numbers the export computed as numbers, and nothing for a missing value", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("-3")).toBe("'-3");
  });
});

describe("toCsv", () => {
  it("starts with the byte order mark and ends every line CRLF", () => {
    const body = toCsv(["Who", "What"], [["Łukasz Wójcik", "=2+2"], ["Siobhán D'Souza", "signed"]]);
    expect(body.startsWith(UTF8_BOM)).toBe(true);
    expect(body.slice(1)).toBe("Who,What\r\nŁukasz Wójcik,'=2+2\r\nSiobhán D'Souza,signed\r\n");
    expect(Buffer.from(body, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("writes the header alone when there are no rows", () => {
    expect(toCsv(["Who"], [])).toBe(`${UTF8_BOM}Who\r\n`);
  });
});

describe("csvHeaders", () => {
  it("is a private download never stored, with a safe file name", () => {
    const headers = csvHeaders('audit "trail"\r\n.csv');
    expect(headers["Cache-Control"]).toBe("private, no-store");
    expect(headers["Content-Type"]).toBe("text/csv; charset=utf-8");
    expect(headers["Content-Disposition"]).toBe('attachment; filename="audit--trail---.csv"');
  });
});
