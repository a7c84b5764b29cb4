import { findIdentifying, redact } from "~/modules/signoff/anonymise";

const kinds = (text: string) => findIdentifying(text).map((f) => [f.kind, f.text]);

describe("passages that may identify a person who uses services", () => {
  it("catches a planted name and date of birth", () => {
    expect(kinds("I visited the family and spoke with Jordan Smith, born 03/04/2015, about school.")).toEqual([
      ["name", "Jordan Smith"],
      ["date_of_birth", "born 03/04/2015"],
    ]);
    expect(kinds("Her DOB: 12 March 1987 was on the referral.")).toEqual([["date_of_birth", "DOB: 12 March 1987"]]);
  });

  it("catches titles, NHS and case numbers, addresses, postcodes, phone numbers and emails", () => {
    const text =
      "Mrs Patel of 14 Acacia Road, NM4 7QT (07700 900123, patel@example.com) has NHS number 943 476 5919 and case no. CN-482913.";
    expect(kinds(text).map(([k]) => k)).toEqual([
      "name",
      "address",
      "postcode",
      "phone",
      "email",
      "nhs_number",
      "case_number",
    ]);
  });

  it("leaves ordinary professional writing alone", () => {
    expect(
      kinds(
        "At the core group the Health Visitor and the school shared their views. We used the Care Act wellbeing principle. On Tuesday I met my Practice Supervisor.",
      ),
    ).toEqual([]);
  });

  it("flags a plain date for a person to judge, and does not treat a sentence's first word as a name", () => {
    expect(kinds("Jordan went to school. The visit was on 4/11/2026.")).toEqual([["date", "4/11/2026"]]);
  });

  it("redacts what was decided, and nothing else", () => {
    const text = "I spoke with Jordan Smith, born 03/04/2015.";
    const findings = findIdentifying(text);
    expect(redact(text, findings, () => true)).toBe("I spoke with [name removed], [date of birth removed].");
    expect(redact(text, findings, (f) => f.kind === "name")).toBe("I spoke with [name removed], born 03/04/2015.");
    expect(redact(text, findings, () => false)).toBe(text);
  });
});
