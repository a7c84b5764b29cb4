import { checkFile, MAX_FILE_BYTES, safeFileName } from "~/modules/portfolio/files";

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(values.flatMap((v) => (typeof v === "string" ? [...Buffer.from(v, "latin1")] : [v])));

const PDF = bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
const PNG = bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, "IHDR");
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, "JFIF", 0);
const ZIP = bytes("PK", 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, "[Content_Types].xml");
const EXE = bytes("MZ", 0x90, 0x00, 0x03, 0x00, 0x00, 0x00);
const TEXT = bytes("Notes from the home visit on Tuesday\n");

const file = (name: string, head: Uint8Array, size = 50_000) => ({ name, head, size });

describe("which files a portfolio accepts", () => {
  it("accepts a PDF, a PNG and a JPEG by their first bytes", () => {
    expect(checkFile(file("care-plan.pdf", PDF))).toEqual({ ok: true, kind: "pdf", contentType: "application/pdf" });
    expect(checkFile(file("genogram.png", PNG))).toEqual({ ok: true, kind: "png", contentType: "image/png" });
    expect(checkFile(file("ecomap.jpg", JPEG))).toEqual({ ok: true, kind: "jpeg", contentType: "image/jpeg" });
  });

  it("accepts a zip as a Word document only when the name ends .docx, in any case", () => {
    const docx = {
      ok: true,
      kind: "docx",
      contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };
    expect(checkFile(file("assessment.docx", ZIP))).toEqual(docx);
    expect(checkFile(file("Court Report.DOCX", ZIP))).toEqual(docx);
    expect(checkFile(file("archive.zip", ZIP)).ok).toBe(false);
    expect(checkFile(file("assessment.docx.zip", ZIP)).ok).toBe(false);
    expect(checkFile(file("report.xlsx", ZIP)).ok).toBe(false);
  });

  it("goes by the bytes, not the name: a program or plain text called .pdf is refused", () => {
    const refused = "The file must be a PDF, a Word document (DOCX), or a PNG or JPEG image";
    expect(checkFile(file("report.pdf", EXE))).toEqual({ ok: false, message: refused });
    expect(checkFile(file("notes.pdf", TEXT))).toEqual({ ok: false, message: refused });
    expect(checkFile(file("photo.jpg", ZIP))).toEqual({ ok: false, message: refused });
    expect(checkFile(file("setup.exe", EXE))).toEqual({ ok: false, message: refused });
  });

  it("calls a real PDF a PDF whatever its name says", () => {
    expect(checkFile(file("scan.png", PDF))).toMatchObject({ ok: true, kind: "pdf" });
  });

  it("refuses a file whose first bytes only nearly match", () => {
    expect(checkFile(file("short.pdf", bytes("%PDF"))).ok).toBe(false);
    expect(checkFile(file("short.png", bytes(0x89, "PNG"))).ok).toBe(false);
  });

  it("refuses an empty file", () => {
    expect(checkFile(file("empty.pdf", new Uint8Array(0), 0))).toEqual({
      ok: false,
      message: "The file you chose is empty",
    });
  });

  it("takes a file of exactly 10 MB and refuses a larger one, saying 10 MB", () => {
    expect(checkFile(file("big.pdf", PDF, MAX_FILE_BYTES)).ok).toBe(true);
    const tooBig = checkFile(file("bigger.pdf", PDF, 12 * 1024 * 1024));
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.message).toBe("The file must be 10 MB or smaller (the one chosen is 12.0 MB)");
    const justOver = checkFile(file("bigger.pdf", PDF, MAX_FILE_BYTES + 1));
    expect(!justOver.ok && justOver.message).toContain("10 MB or smaller");
    // Rounded up: a file just over the limit does not claim to be 10.0 MB.
    expect(!justOver.ok && justOver.message).toContain("the one chosen is 10.1 MB");
  });
});

describe("safe file names", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeFileName("Child and family assessment (draft 2).docx")).toBe(
      "Child and family assessment (draft 2).docx",
    );
  });

  it("keeps letters of any script, so a name like Łukasz or Noémie survives", () => {
    expect(safeFileName("Łukasz Nowak – assessment.pdf")).toBe("Łukasz Nowak _ assessment.pdf");
    expect(safeFileName("Noe\u0301mie.docx")).toBe("Noémie.docx");
  });

  it("strips folders, Unix or Windows", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName("C:\\Users\\amara\\Documents\\report.pdf")).toBe("report.pdf");
    expect(safeFileName("/home/amara/")).toBe("file");
  });

  it("replaces characters that could break a header or a page", () => {
    const name = safeFileName('report";\r\nSet-Cookie: x=1<script>.pdf');
    expect(name).not.toMatch(/["\r\n;:<>=]/);
    expect(name).toBe("report_Set-Cookie_ x_1_script_.pdf");
  });

  it("drops leading dots so a name cannot be hidden or climb out", () => {
    expect(safeFileName(".htaccess")).toBe("htaccess");
    expect(safeFileName("..")).toBe("file");
  });

  it("never gives an empty name, and keeps a long one to 120 characters", () => {
    expect(safeFileName("")).toBe("file");
    expect(safeFileName("***")).toBe("_");
    const long = safeFileName(`${"a".repeat(200)}.pdf`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.startsWith("a".repeat(100))).toBe(true);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});

describe("file names (issue 18 item 8)", () => {
  it("refuses a name over 255 characters, or with control or direction characters", async () => {
    const { fileNameProblem } = await import("~/utils/uploads.server");
    expect(fileNameProblem(`${"a".repeat(251)}.pdf`)).toBeNull();
    expect(fileNameProblem(`${"a".repeat(252)}.pdf`)).toMatch(/longer than 255 characters/);
    expect(fileNameProblem(`${"ł".repeat(251)}.pdf`)).toBeNull();
    expect(fileNameProblem("notes\u202Efdp.exe")).toMatch(/control or direction characters/);
    expect(fileNameProblem("notes\u2066.pdf")).toMatch(/control or direction characters/);
    expect(fileNameProblem("notes\n.pdf")).toMatch(/control or direction characters/);
    expect(fileNameProblem("Łukasz – supervision notes (final).pdf")).toBeNull();
    expect(fileNameProblem("تقرير.pdf")).toBeNull();
  });

  it("keeps a file under its name with the extension of what its bytes show it to be", async () => {
    const { storedFileName } = await import("~/modules/portfolio/files");
    expect(storedFileName("court-report.pdf", "pdf")).toBe("court-report.pdf");
    expect(storedFileName("photo.JPG", "jpeg")).toBe("photo.JPG");
    expect(storedFileName("photo.jpeg", "jpeg")).toBe("photo.jpeg");
    expect(storedFileName("scan.pdf", "png")).toBe("scan.png");
    expect(storedFileName("letter", "pdf")).toBe("letter.pdf");
    expect(storedFileName("report.pdf.exe", "pdf")).toBe("report.pdf.pdf");
    expect(storedFileName("C:\\Users\\amara\\notes.docx", "docx")).toBe("notes.docx");
    expect(storedFileName("visit 12.03.2027", "pdf")).toBe("visit 12.03.2027.pdf");
    expect(storedFileName(".pdf", "pdf")).toBe(".pdf.pdf");
    expect(storedFileName("\u200b", "png")).toBe("file.png");
  });
});
