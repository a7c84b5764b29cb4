/**
 * The Masters transcript (issue 20): rows for each attempt with the mark earned, the counted
 * (capped) mark, band and credits, the total, the award and its classification; and its PDF, read
 * back to check the names print with every letter and the verification code and address are there.
 */
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { MASTERS_EXIT_AWARDS } from "~/modules/masters/marks";
import { buildTranscript, transcriptCells, transcriptSummary, type TranscriptInput } from "~/modules/masters/transcript";
import { transcriptPdf } from "~/modules/masters/transcript-pdf.server";
import { pdfText } from "../support/pdf-text";

const input = (overrides: Partial<TranscriptInput> = {}): TranscriptInput => ({
  learnerName: "Łukasz Wójcik",
  programmeTitle: "MA Advanced Social Work Practice",
  institution: "Prifysgol Glyndŵr Wrecsam",
  modules: [
    {
      slug: "critical-practice",
      title: "Critical practice and research-mindedness",
      credits: 30,
      attempts: [{ attempt: 1, mark: 72, boardDate: "2027-02-10" }],
    },
    {
      slug: "assessment",
      title: "Assessment and decision-making in complex cases",
      credits: 30,
      attempts: [
        { attempt: 2, mark: 65, boardDate: "2027-09-15" },
        { attempt: 1, mark: 44, boardDate: "2027-06-20" },
      ],
    },
    {
      slug: "educator",
      title: "Practice education and supervision",
      credits: 30,
      attempts: [{ attempt: 1, mark: 61, boardDate: null }],
    },
  ],
  ...overrides,
});

describe("the transcript", () => {
  it("has a row for each attempt, in order, with the mark earned, the capped mark and the attempt", () => {
    const t = buildTranscript(input());
    expect(t.rows.map((r) => [r.moduleSlug, r.attempt, r.mark, r.cappedMark, r.band?.band ?? null, r.creditsAwarded])).toEqual([
      ["critical-practice", 1, 72, 72, "distinction", 30],
      ["assessment", 1, 44, 44, "fail", 0],
      ["assessment", 2, 65, 50, "pass", 30],
      ["educator", 1, null, null, null, 0],
    ]);
    expect(t.rows[2]).toMatchObject({ capped: true, attemptLabel: "Resubmission (attempt 2)", status: "passed" });
    expect(t.rows[1]!.status).toBe("failed");
    expect(t.rows[3]!.status).toBe("awaiting-board");
  });

  it("shows a provisional mark to no one: the row says it awaits the board", () => {
    const cells = transcriptCells(buildTranscript(input()).rows[3]!);
    expect(cells).toEqual([
      "Practice education and supervision",
      "First attempt",
      "Awaiting the exam board",
      "",
      "",
      "0 of 30",
      "",
    ]);
    expect(transcriptCells(buildTranscript(input()).rows[2]!)).toEqual([
      "Assessment and decision-making in complex cases",
      "Resubmission (attempt 2)",
      "65",
      "50 (capped)",
      "Pass",
      "30 of 30",
      "15 September 2027",
    ]);
  });

  it("totals the credits of confirmed passes and names the award reached, classified", () => {
    const t = buildTranscript(input());
    expect(t.totalCredits).toBe(60);
    expect(t.creditsAvailable).toBe(90);
    expect(t.award?.title).toBe("Postgraduate Certificate");
    // (30 × 72 + 30 × 50) / 60 = 61, a merit.
    expect(t.average).toBe(61);
    expect(t.classification).toEqual({ id: "merit", label: "Merit" });
    expect(t.nextAward?.title).toBe("Postgraduate Diploma");
    expect(transcriptSummary(t)).toEqual([
      "Total credits: 60 of 90",
      "Award reached: Postgraduate Certificate",
      "Classification: Merit (credit-weighted average of counted marks, 61)",
      "The Postgraduate Diploma is awarded at 120 credits.",
      "A resubmission's mark is capped at the pass mark, 50; the mark earned is shown beside it.",
    ]);
    expect(t.bandKey).toBe("Distinction 70 and above; Merit 60–69; Pass 50–59; Fail below 50");
  });

  it("reaches no award below 60 credits, and says what the first needs", () => {
    const t = buildTranscript(input({ modules: input().modules.slice(0, 1) }));
    expect(t.totalCredits).toBe(30);
    expect(t.award).toBeNull();
    expect(t.classification).toBeNull();
    expect(transcriptSummary(t).slice(0, 3)).toEqual([
      "Total credits: 30 of 30",
      "Award reached: none yet",
      "The Postgraduate Certificate is awarded at 60 credits.",
    ]);
  });

  it("uses the exit awards it is given", () => {
    const awards = MASTERS_EXIT_AWARDS.map((a) => ({ ...a, title: `${a.title} in Advanced Social Work Practice` }));
    expect(buildTranscript(input({ awards })).award?.title).toBe("Postgraduate Certificate in Advanced Social Work Practice");
  });

  it("refuses a bad mark, an attempt twice or a board date that is not a day", () => {
    const one = (attempts: TranscriptInput["modules"][number]["attempts"]) =>
      input({ modules: [{ slug: "m", title: "Module", credits: 30, attempts }] });
    expect(() => buildTranscript(one([{ attempt: 1, mark: 101, boardDate: null }]))).toThrow("A mark is from 0 to 100");
    expect(() =>
      buildTranscript(
        one([
          { attempt: 1, mark: 40, boardDate: "2027-01-01" },
          { attempt: 1, mark: 60, boardDate: null },
        ]),
      ),
    ).toThrow("lists the same attempt twice");
    expect(() => buildTranscript(one([{ attempt: 1, mark: 60, boardDate: "15/09/2027" }]))).toThrow("yyyy-mm-dd");
    expect(() => buildTranscript(one([{ attempt: 3, mark: 60, boardDate: null }]))).toThrow("2 attempts at most");
  });
});

describe("the transcript's PDF", () => {
  const issue = { code: "PP-ABCD-EFGH-JKLM", verifyUrl: "https://pathways.example/verify", issuedOn: "2027-09-20" };

  it.each(["Łukasz Wójcik", "Noémie Ní Bhriain", "Zoë Smith-Okafor", "Ирина Смирнова"])(
    "prints %s, the rows, the award and how to verify it, on one page",
    async (learnerName) => {
      const bytes = await transcriptPdf(buildTranscript(input({ learnerName })), issue);
      const doc = await PDFDocument.load(bytes);
      expect(doc.getPageCount()).toBe(1);
      expect(doc.getTitle()).toBe(`Transcript: MA Advanced Social Work Practice – ${learnerName}`);
      const lines = await pdfText(bytes);
      // A table cell or a long line wraps; its pieces are drawn one after another.
      const text = lines.join(" ");
      expect(text).not.toContain("\uFFFD");
      expect(lines).toContain(`Learner: ${learnerName}`);
      expect(lines).toContain("Awarding university: Prifysgol Glyndŵr Wrecsam");
      expect(lines).toContain("Issued: 20 September 2027");
      expect(lines).toContain("Verification code PP-ABCD-EFGH-JKLM");
      expect(lines).toContain("Check it at https://pathways.example/verify");
      expect(lines).toContain(`Transcript of ${learnerName} – PP-ABCD-EFGH-JKLM - page 1`);
      expect(lines).toContain("Award reached: Postgraduate Certificate");
      expect(lines).toContain("Classification: Merit (credit-weighted average of counted marks, 61)");
      expect(lines).toContain("Total credits: 60 of 90");
      for (const row of [
        "Critical practice and research-mindedness First attempt 72 72 Distinction 30 of 30 10 February 2027",
        "Assessment and decision-making in complex cases First attempt 44 44 Fail 0 of 30 20 June 2027",
        "Assessment and decision-making in complex cases Resubmission (attempt 2) 65 50 (capped) Pass 30 of 30 15 September 2027",
        "Practice education and supervision First attempt Awaiting the exam board",
      ])
        expect(text).toContain(row);
    },
  );

  it("embeds the Unicode font as a subset, and no standard font without Ł", async () => {
    const bytes = await transcriptPdf(buildTranscript(input({ learnerName: "Noémie Ní Bhriain" })), issue);
    const doc = await PDFDocument.load(bytes);
    const dicts = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((o): o is PDFDict => o instanceof PDFDict);
    const fonts = dicts
      .filter((o) => o.get(PDFName.of("Type")) === PDFName.of("Font"))
      .map((font) => font.get(PDFName.of("BaseFont"))?.toString() ?? "");
    expect(new Set(fonts.map((f) => f.replace(/-\d+$/, "")))).toEqual(new Set(["/DejaVuSans", "/DejaVuSans-Bold"]));
    const descriptors = dicts.filter((o) => o.get(PDFName.of("Type")) === PDFName.of("FontDescriptor"));
    expect(descriptors).toHaveLength(2);
    for (const d of descriptors) expect(d.get(PDFName.of("FontFile2"))).toBeDefined();
    // DejaVu Sans alone is over 700 kB: a file this small holds only the glyphs it uses.
    expect(bytes.length).toBeLessThan(120_000);
  });

  it("runs to a second page for a long record, the header on each", async () => {
    const modules = Array.from({ length: 9 }, (_, i) => ({
      slug: `m${i}`,
      title: `Module ${i + 1}: a long title about practice, research, supervision and leading change in a team`,
      credits: 15,
      attempts: [
        { attempt: 1, mark: 45, boardDate: "2027-02-10" },
        { attempt: 2, mark: 58, boardDate: "2027-06-10" },
      ],
    }));
    const bytes = await transcriptPdf(buildTranscript(input({ modules })), issue);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2);
    const lines = await pdfText(bytes);
    expect(lines.filter((l) => l === "Exam board")).toHaveLength(2);
    expect(lines).toContain("Verification code PP-ABCD-EFGH-JKLM");
  });
});
