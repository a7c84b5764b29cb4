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

  it("flags a first name alone, even starting a sentence, but not a visit's date", () => {
    expect(kinds("Jordan went to school. The visit was on 4/11/2026.")).toEqual([["name", "Jordan"]]);
  });

  it("asks about a date straight after a name, which is often a date of birth", () => {
    expect(kinds("I met Jordan Smith (03/04/2015) at school on 4/11/2026.")).toEqual([
      ["name", "Jordan Smith"],
      ["date", "03/04/2015"],
    ]);
  });

  it("finds first names alone, at the start of a sentence, with accents, apostrophes, hyphens and Welsh or Irish spelling", () => {
    expect(kinds("Siobhán was tearful. I saw Chloë at school.")).toEqual([
      ["name", "Siobhán"],
      ["name", "Chloë"],
    ]);
    expect(kinds("Mr D'Souza and Ms Ní Bhriain met Dafydd ap Llwyd and Tyrese Smith-Okafor.")).toEqual([
      ["name", "Mr D'Souza"],
      ["name", "Ms Ní Bhriain"],
      ["name", "Dafydd ap Llwyd"],
      ["name", "Tyrese Smith-Okafor"],
    ]);
    // A name the list does not know, told by a kinship word, a title, or what follows it.
    expect(kinds("Her son, Tendai, and Mrs Abiodun came. Later Zindzi said no. The Oyinlola family moved.")).toEqual([
      ["name", "Tendai"],
      ["name", "Mrs Abiodun"],
      ["name", "Zindzi"],
      ["name", "Oyinlola"],
    ]);
    // A name that is also a word, or a month, only where it is a name.
    expect(kinds("In May I asked May and Grace about it. Grace period ends.")).toEqual([
      ["name", "May"],
      ["name", "Grace"],
    ]);
  });

  it("finds dates of birth the text says are one, in ISO and written forms", () => {
    expect(
      kinds(
        "Born 3 March 2015. DOB: 2015-03-03. d.o.b. 03/03/2015. Kofi, aged 7, born on 3rd March 2015, and Ali (aged 4, 12.06.2021).",
      ),
    ).toEqual([
      ["date_of_birth", "Born 3 March 2015"],
      ["date_of_birth", "DOB: 2015-03-03"],
      ["date_of_birth", "d.o.b. 03/03/2015"],
      ["name", "Kofi"],
      ["date_of_birth", "born on 3rd March 2015"],
      ["name", "Ali"],
      ["date_of_birth", "12.06.2021"],
    ]);
  });

  it("leaves meeting, hearing and review dates alone unless the text says they are a birth", () => {
    expect(
      kinds("The hearing on 3 March 2026, the review on 2026-04-14 and the meeting of 05/11/2025 went ahead."),
    ).toEqual([]);
  });

  it("finds UK phone numbers with brackets or spaces, and case, court and NHS numbers", () => {
    expect(kinds("Call (0161) 496 0000, 07700 900123 or +44 7700 900123 or +44 (0)161 496 0000.")).toEqual([
      ["phone", "(0161) 496 0000"],
      ["phone", "07700 900123"],
      ["phone", "+44 7700 900123"],
      ["phone", "+44 (0)161 496 0000"],
    ]);
    expect(kinds("Case no. 12345678; LS23C01234; MA24P00512; ref: CP/2024/0456; NHS 943 476 5919.")).toEqual([
      ["case_number", "Case no. 12345678"],
      ["case_number", "LS23C01234"],
      ["case_number", "MA24P00512"],
      ["case_number", "ref: CP/2024/0456"],
      ["nhs_number", "943 476 5919"],
    ]);
    expect(kinds("Dad's 07700 900456 is off.")).toEqual([["phone", "07700 900456"]]);
  });

  it("leaves legal citations, framework codes, job titles and organisations alone", () => {
    expect(
      kinds(
        "Under s.47 Children Act 1989, [2013] EWCA Civ 1146, Re B (Care Proceedings: Appeal) [2013] UKSC 33 and Article 8 ECHR, " +
          "evidencing PCF-5, KSS-CF-3 and ECS-2.1, the Team Manager, the Independent Reviewing Officer and the Practice Educator " +
          "of Northmoor City Council spoke to CAFCASS, the NHS Trust and Social Work England.",
      ),
    ).toEqual([]);
  });

  it("redacts what was decided, and nothing else", () => {
    const text = "I spoke with Jordan Smith, born 03/04/2015.";
    const findings = findIdentifying(text);
    expect(redact(text, findings, () => true)).toBe("I spoke with [name removed], [date of birth removed].");
    expect(redact(text, findings, (f) => f.kind === "name")).toBe("I spoke with [name removed], born 03/04/2015.");
    expect(redact(text, findings, () => false)).toBe(text);
  });
});
