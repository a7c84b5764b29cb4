import {
  DRAFT_MAX_CHARS,
  draftFields,
  formPath,
  HELD_MAX_CHARS,
  hasText,
  heldFields,
  isDraftKey,
} from "~/modules/drafts/drafts";
import { pauseProblem } from "~/modules/first-year/year";

const id = "3f2b8c1e-5a4d-4e6f-9b7a-1c2d3e4f5a6b";

describe("which forms keep a draft", () => {
  it("accepts the keys of the supervision record and the evidence forms", () => {
    expect(isDraftKey(`supervision-new:${id}`)).toBe(true);
    expect(isDraftKey(`evidence-new:${id}:reflective_log`)).toBe(true);
    expect(isDraftKey(`evidence-new:${id}:direct_observation`)).toBe(true);
    expect(isDraftKey(`evidence-edit:${id}`)).toBe(true);
    expect(isDraftKey(`evidence-reflection:${id}`)).toBe(true);
  });

  it("refuses other forms and keys without a record id", () => {
    for (const key of [
      `agreement-edit:${id}`,
      `supervision-edit:${id}`,
      `Supervision-new:${id}`,
      "supervision-new:",
      "supervision-new",
      `supervision-new:${id.slice(0, 35)}`,
      `supervision-new:${id}0`,
      "evidence-new:12345:reflective_log",
      id,
      "",
    ])
      expect(isDraftKey(key), key).toBe(false);
  });

  it("refuses keys carrying anything beyond the form and its record", () => {
    for (const key of [
      `evidence-new:${id}:reflective_log'; DROP TABLE drafts;--`,
      `evidence-new:${id}:Reflective-Log`,
      `evidence-edit:${id}\n`,
      ` evidence-edit:${id}`,
      `../evidence-edit:${id}`,
      `evidence-edit:${id}/../../admin`,
      `evidence-edit:${id.toUpperCase()}`,
      `evidence-new:${id}:reflective_log:extra`,
    ])
      expect(isDraftKey(key), JSON.stringify(key)).toBe(false);
  });

  it("refuses anything that is not a string", () => {
    for (const key of [null, undefined, 42, [`evidence-edit:${id}`], { key: `evidence-edit:${id}` }])
      expect(isDraftKey(key)).toBe(false);
  });
});

describe("what a draft keeps", () => {
  it("keeps the typed fields, and repeated names (capabilities ticked) as a list", () => {
    const form = new FormData();
    form.append("title", "Home visit");
    form.append("body", "What happened");
    form.append("capabilities", "PCF-1");
    form.append("capabilities", "PCF-7");
    form.append("capabilities", "KSS-CF-3");
    form.append("details.setting", "Home visit");
    expect(draftFields(form.entries())).toEqual({
      title: "Home visit",
      body: "What happened",
      capabilities: ["PCF-1", "PCF-7", "KSS-CF-3"],
      "details.setting": "Home visit",
    });
  });

  it("keeps a name given once as a single value, not a list", () => {
    const fields = draftFields([["capabilities", "PCF-2"]]);
    expect(fields).toEqual({ capabilities: "PCF-2" });
  });

  it("never keeps what the form is for, its version, secrets or files", () => {
    const form = new FormData();
    form.append("intent", "save");
    form.append("version", "3");
    form.append("formKey", `evidence-edit:${id}`);
    form.append("password", "correct horse battery staple");
    form.append("passwordConfirm", "correct horse battery staple");
    form.append("token", "abc");
    form.append("csrfToken", "def");
    form.append("file", "report.pdf");
    form.append("attachment", new Blob(["%PDF-1.7"], { type: "application/pdf" }), "report.pdf");
    form.append("body", "Kept");
    expect(draftFields(form.entries())).toEqual({ body: "Kept" });
  });

  it("keeps up to the limit and refuses a draft beyond it", () => {
    const name = "body";
    const atLimit = "x".repeat(DRAFT_MAX_CHARS - name.length);
    expect(draftFields([[name, atLimit]])).toEqual({ body: atLimit });
    expect(draftFields([[name, `${atLimit}x`]])).toBeNull();
    // spread over several fields, the total counts
    const half = "y".repeat(DRAFT_MAX_CHARS / 2);
    expect(
      draftFields([
        ["a", half],
        ["b", half],
      ]),
    ).toBeNull();
  });

  it("does not count skipped fields towards the limit", () => {
    expect(
      draftFields([
        ["password", "p".repeat(DRAFT_MAX_CHARS)],
        ["body", "short"],
      ]),
    ).toEqual({ body: "short" });
  });
});

describe("whether a draft says anything", () => {
  it("is empty for an untouched form or one with only blanks", () => {
    expect(hasText({})).toBe(false);
    expect(hasText({ title: "", body: "  \n " })).toBe(false);
    expect(hasText({ title: "", capabilities: [] })).toBe(false);
  });

  it("says something once any field has text or a box is ticked", () => {
    expect(hasText({ title: "", body: "I noticed" })).toBe(true);
    expect(hasText({ title: "", capabilities: ["PCF-1"] })).toBe(true);
  });
});

describe("adding a pause to the year", () => {
  const startedOn = "2026-09-07";
  const existing = [{ from: "2027-01-04", to: "2027-01-31" }];

  it("refuses a pause that starts before the year does", () => {
    expect(pauseProblem(startedOn, [], { from: "2026-09-06", to: "2026-09-30" })).toEqual({
      field: "from",
      message: "A pause starts on or after the start of the year (2026-09-07)",
    });
  });

  it("takes a pause from the first day of the year", () => {
    expect(pauseProblem(startedOn, [], { from: "2026-09-07", to: "2026-09-30" })).toBeNull();
  });

  it("refuses a pause that overlaps another, even by a single day, naming the other", () => {
    const message = "This overlaps the pause from 2027-01-04 to 2027-01-31";
    for (const pause of [
      { from: "2026-12-20", to: "2027-01-04" },
      { from: "2027-01-31", to: "2027-02-14" },
      { from: "2027-01-10", to: "2027-01-20" },
      { from: "2026-12-01", to: "2027-03-01" },
    ])
      expect(pauseProblem(startedOn, existing, pause), JSON.stringify(pause)).toEqual({ field: "from", message });
  });

  it("takes a pause that ends the day before another starts or starts the day after it ends", () => {
    expect(pauseProblem(startedOn, existing, { from: "2026-12-01", to: "2027-01-03" })).toBeNull();
    expect(pauseProblem(startedOn, existing, { from: "2027-02-01", to: "2027-02-28" })).toBeNull();
  });
});

describe("draft keys are strict", () => {
  it("refuses hyphens posing as an id and a kind on forms that have none", () => {
    expect(isDraftKey(`evidence-edit:${"-".repeat(36)}`)).toBe(false);
    expect(isDraftKey("supervision-new:0b0e4f9e-3a5c-4e8e-9d51-2f1c5b7a9c11:reflective_log")).toBe(false);
  });
});

describe("a pause after the year has ended", () => {
  it("is refused, since it would move nothing", () => {
    expect(pauseProblem("2026-09-07", [], { from: "2027-10-01", to: "2027-10-28" }, "2027-09-07")?.message).toContain(
      "The year ends on 2027-09-07",
    );
    expect(pauseProblem("2026-09-07", [], { from: "2027-09-01", to: "2027-10-28" }, "2027-09-07")).toBeNull();
  });
});

describe("what a post held after its session ended keeps (ADR 020)", () => {
  const entries = (pairs: [string, string][]) => pairs as [string, FormDataEntryValue][];

  it("keeps everything typed, ticked boxes as a list, and which form it was", () => {
    expect(
      heldFields(
        entries([
          ["intent", "save"],
          ["body", "A long reflection"],
          ["capabilities", "PCF-1"],
          ["capabilities", "PCF-6"],
          ["postcode", "LS1 4AP"],
        ]),
      ),
    ).toEqual({ intent: "save", body: "A long reflection", capabilities: ["PCF-1", "PCF-6"], postcode: "LS1 4AP" });
  });

  it("never keeps a password, a code or a token", () => {
    expect(
      heldFields(
        entries([
          ["body", "text"],
          ["password", "kettle orbit lantern moss"],
          ["currentPassword", "x"],
          ["code", "123456"],
          ["recoveryCode", "abcd-efgh"],
          ["resetToken", "t"],
          ["clientSecret", "s"],
        ]),
      ),
    ).toEqual({ body: "text" });
  });

  it("holds nothing when nothing was typed, or when the post is larger than a form may be", () => {
    expect(
      heldFields(
        entries([
          ["intent", "sign"],
          ["version", "3"],
        ]),
      ),
    ).toBeNull();
    expect(heldFields(entries([["body", "   "]]))).toBeNull();
    expect(heldFields(entries([["body", "x".repeat(HELD_MAX_CHARS + 1)]]))).toBeNull();
  });

  it("names the form by its path and query, without what Remix adds", () => {
    const at = (url: string) => formPath(new URL(url, "http://localhost"));
    expect(at("/year/1/portfolio/new?kind=reflective_log&index")).toBe("/year/1/portfolio/new?kind=reflective_log");
    expect(at("/year/1/portfolio/2?index")).toBe("/year/1/portfolio/2");
    expect(at("/year/1/portfolio/2.data?_routes=routes%2Fx")).toBe("/year/1/portfolio/2");
    expect(at("/year/1/agreement")).toBe("/year/1/agreement");
  });
});
