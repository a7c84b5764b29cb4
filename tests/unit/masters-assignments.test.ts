import { strToU8, zipSync } from "fflate";
import {
  candidateNumberFrom,
  countStates,
  countWords,
  describeLength,
  englandInstant,
  extensionRequestProblem,
  isLate,
  isOverLength,
  learnerDeadline,
  submissionHashInput,
  submissionState,
} from "~/modules/masters/assignments";
import { docxText } from "~/modules/masters/docx-text.server";

const deadline = new Date("2027-05-14T11:00:00Z");

describe("late or on time", () => {
  it("is on time at the deadline itself, and late a millisecond after", () => {
    expect(isLate(new Date("2027-05-14T11:00:00.000Z"), deadline)).toBe(false);
    expect(isLate(new Date("2027-05-14T11:00:00.001Z"), deadline)).toBe(true);
    expect(isLate(new Date("2027-05-14T10:59:59.999Z"), deadline)).toBe(false);
  });

  it("takes the learner's state from their latest version: a late replacement makes it late", () => {
    expect(submissionState(null)).toBe("not_submitted");
    expect(submissionState({ late: false })).toBe("submitted");
    expect(submissionState({ late: true })).toBe("late");
    expect(countStates(["submitted", "late", "not_submitted", "submitted"])).toEqual({ submitted: 2, late: 1, not_submitted: 1 });
  });
});

describe("a learner's deadline and extensions", () => {
  const decidedAt = (day: string) => new Date(`${day}T09:00:00Z`);
  const later = new Date("2027-05-28T11:00:00Z");

  it("is the assignment's deadline with no extension, or only refused ones", () => {
    expect(learnerDeadline(deadline, [])).toEqual(deadline);
    expect(learnerDeadline(deadline, [{ outcome: "refused", deadline: null, decidedAt: decidedAt("2027-05-01") }])).toEqual(deadline);
  });

  it("moves to an approved extension's deadline, and so a hand-in then is on time", () => {
    const mine = learnerDeadline(deadline, [{ outcome: "approved", deadline: later, decidedAt: decidedAt("2027-05-01") }]);
    expect(mine).toEqual(later);
    expect(isLate(new Date("2027-05-20T10:00:00Z"), mine)).toBe(false);
    expect(isLate(new Date("2027-05-28T11:00:00.001Z"), mine)).toBe(true);
  });

  it("follows the most recently decided approval", () => {
    const shorter = new Date("2027-05-21T11:00:00Z");
    expect(
      learnerDeadline(deadline, [
        { outcome: "approved", deadline: shorter, decidedAt: decidedAt("2027-05-10") },
        { outcome: "approved", deadline: later, decidedAt: decidedAt("2027-05-02") },
      ]),
    ).toEqual(shorter);
  });

  it("asks for a date after the current deadline", () => {
    expect(extensionRequestProblem(deadline, deadline)).toBe("Ask for a date after your current deadline");
    expect(extensionRequestProblem(new Date(deadline.getTime() + 60_000), deadline)).toBeNull();
  });
});

describe("the word limit", () => {
  it("counts words between spaces that hold a letter or digit", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("   \n ")).toBe(0);
    expect(countWords("A child's view – in their own words: 2 visits.")).toBe(9);
    expect(countWords("Siobhán’s plan\nwas agreed")).toBe(4);
  });

  it("is within the limit at exactly the limit, and over at one word more", () => {
    expect(isOverLength(6000, 6000)).toBe(false);
    expect(isOverLength(6001, 6000)).toBe(true);
    expect(describeLength(6000, 6000)).toBe("6,000 words, within the 6,000-word limit");
    expect(describeLength(6120, 6000)).toBe("6,120 words: 120 over the 6,000-word limit");
    expect(describeLength(1, 6000)).toBe("1 word, within the 6,000-word limit");
  });
});

describe("the receipt's hash", () => {
  it("covers the text and the files, in order", () => {
    expect(submissionHashInput("text", ["a", "b"])).not.toBe(submissionHashInput("text", ["b", "a"]));
    expect(submissionHashInput("text", [])).not.toBe(submissionHashInput("text ", []));
  });
});

describe("a deadline typed in England", () => {
  it("is noon GMT in winter and 11:00 UTC in summer time", () => {
    expect(englandInstant("2027-01-15", "12:00").toISOString()).toBe("2027-01-15T12:00:00.000Z");
    expect(englandInstant("2027-05-14", "12:00").toISOString()).toBe("2027-05-14T11:00:00.000Z");
  });

  it("reads the days the clocks change", () => {
    expect(englandInstant("2027-03-28", "00:30").toISOString()).toBe("2027-03-28T00:30:00.000Z");
    expect(englandInstant("2027-03-28", "02:30").toISOString()).toBe("2027-03-28T01:30:00.000Z");
    expect(englandInstant("2027-10-31", "23:59").toISOString()).toBe("2027-10-31T23:59:00.000Z");
  });
});

describe("a Word document's words", () => {
  const docx = (body: string) =>
    zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "word/document.xml": strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`,
      ),
    });

  it("reads the body's text, joining a word split across runs", () => {
    const text = docxText(
      docx(
        '<w:p><w:r><w:t>Practice </w:t></w:r><w:r><w:t xml:space="preserve">re</w:t></w:r><w:r><w:t>search</w:t></w:r></w:p>' +
          "<w:p><w:r><w:t>Tom &amp; Jerry</w:t><w:tab/><w:t>said</w:t></w:r></w:p>",
      ),
    );
    expect(text).toBe("Practice research\nTom & Jerry said");
    expect(countWords(text!)).toBe(5);
  });

  it("is null for a zip without a document body, or bytes that are not a zip", () => {
    expect(docxText(zipSync({ "other.xml": strToU8("<x/>") }))).toBeNull();
    expect(docxText(strToU8("PK\u0003\u0004 not really a zip"))).toBeNull();
  });
});

describe("candidate numbers", () => {
  it("are C and six digits", () => {
    expect(candidateNumberFrom(0)).toBe("C100000");
    expect(candidateNumberFrom(899999)).toBe("C999999");
    expect(candidateNumberFrom(900000)).toBe("C100000");
  });
});
