/**
 * Every PDF the platform draws (the certificate, the year's export, the returner's evidence pack)
 * prints names exactly: the Unicode font is embedded, and the text read back from the file has
 * every letter. The text is read with the test's own ToUnicode reader, and with poppler's pdftotext
 * too where it is installed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certificatePdf } from "~/modules/signoff/certificate.server";
import { PdfWriter, printable } from "~/modules/signoff/pdf-writer";
import { pdfText } from "../support/pdf-text";

const NAMES = [
  "Łukasz Wójcik",
  "Noémie Ní Bhriain",
  "Siobhán D'Souza",
  "Zoë Smith-Okafor",
  "Dafydd ap Llwyd",
  "Chloë O’Brien",
  "Şükrü Öztürk",
  "Ângela Conceição",
  "Dvořák Jiří",
  "Αλέξης Παπαδόπουλος",
  "Ирина Смирнова",
];

const certificate = (learnerName: string, overrides: Record<string, unknown> = {}) =>
  ({
    id: "00000000-0000-4000-8000-000000000000",
    code: "PP-ABCD-EFGH-JKLM",
    enrolmentId: "00000000-0000-4000-8000-000000000001",
    learnerName,
    organisationName: "Cyngor Sir Ynys Môn",
    programmeTitle: "NQSW support programme (ASYE)",
    frameworks:
      "Professional Capabilities Framework; Knowledge and skills statement for child and family practitioners",
    startedOn: "2025-09-01",
    completedOn: "2026-10-02",
    endsOn: "2026-11-16",
    decidedOn: "2026-10-02",
    issuedAt: new Date("2026-10-02T23:30:00Z"),
    ...overrides,
  }) as Parameters<typeof certificatePdf>[0];

let poppler = true;
try {
  execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
} catch {
  poppler = false;
}
const folder = mkdtempSync(join(tmpdir(), "pp-pdf-names-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
function popplerText(bytes: Uint8Array) {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" });
}

describe("names on a certificate", () => {
  it.each(NAMES)("prints %s with every letter", async (name) => {
    const bytes = await certificatePdf(certificate(name), "https://pathways.example/verify");
    const lines = await pdfText(bytes);
    expect(lines).toContain(name.normalize("NFC"));
    expect(lines).toContain("Cyngor Sir Ynys Môn");
    expect(lines.join("\n")).not.toContain("\uFFFD");
    if (poppler) expect(popplerText(bytes)).toContain(name);
  });

  it("states the programme's start and end, and the panel's decision, separately", async () => {
    const lines = await pdfText(
      await certificatePdf(certificate("Zoë Smith-Okafor"), "https://pathways.example/verify"),
    );
    expect(lines).toContain("Programme: 1 September 2025 to 16 November 2026");
    expect(lines).toContain("Moderation panel's decision: 2 October 2026");
    // Issued at 23:30 UTC on 2 October is 00:30 on 3 October in England.
    expect(lines).toContain("Issued 3 October 2026 through Practice Pathways");
    expect(lines).toContain("Verification code PP-ABCD-EFGH-JKLM");
  });

  it("gives the start and the decision on a certificate issued before the end date was kept", async () => {
    const lines = await pdfText(
      await certificatePdf(certificate("Amara Nwosu", { endsOn: null, decidedOn: null }), "https://x.example/verify"),
    );
    expect(lines).toContain("Programme: from 1 September 2025");
    expect(lines).toContain("Moderation panel's decision: 2 October 2026");
  });

  it("shrinks a very long name to fit rather than cutting it", async () => {
    const long = "Maximiliana Alejandra Concepción Fernández-Villaverde de la Santísima Trinidad Ó Súilleabháin";
    expect(await pdfText(await certificatePdf(certificate(long), "https://x.example/verify"))).toContain(long);
  });
});

describe("names in the year's export and the returner's evidence pack", () => {
  it("keeps every letter in headings, text, fields, tables and the footer", async () => {
    const pdf = await PdfWriter.create("Year of Łukasz Wójcik", "Łukasz Wójcik – ASYE");
    pdf.heading("Łukasz Wójcik's assessed year", 1);
    pdf.text("Supervised by Siobhán D'Souza; countersigned by Noémie Ní Bhriain.");
    pdf.field("Assessor", "Zoë Smith-Okafor");
    pdf.table(["Who", "Role"], [1, 1], [["Dafydd ap Llwyd", "practice supervisor"]]);
    const text = (await pdfText(await pdf.save())).join("\n");
    for (const piece of [
      "Łukasz Wójcik's assessed year",
      "Noémie Ní Bhriain.",
      "Assessor: Zoë Smith-Okafor",
      "Dafydd ap Llwyd",
      "Łukasz Wójcik – ASYE - page 1",
    ])
      expect(text).toContain(piece);
    expect(text).not.toContain("\uFFFD");
  });

  it("composes a letter typed with a combining accent, and drops only invisible control characters", () => {
    expect(printable("Zoe\u0308 Smith\u200B-Okafor\u0007")).toBe("Zoë Smith-Okafor");
    expect(printable("Siobhán\tD'Souza\r\nline")).toBe("Siobhán D'Souza\nline");
  });
});
