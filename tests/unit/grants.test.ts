import { parseISO } from "date-fns";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { programmeFileSchema } from "~/modules/programmes/content-schema";
import { financialYear, grantClaims } from "~/modules/reporting/grants";

const raw = parse(readFileSync("content/programmes/asye/programme.yml", "utf8"));
const asye = programmeFileSchema.parse(raw);
const year = (pathway: string | null, completedOn: string | null = null, startedOn = "2026-09-07") => ({
  pathway,
  startedOn: parseISO(startedOn),
  expectedEnd: parseISO("2027-09-07"),
  completedOn: completedOn ? parseISO(completedOn) : null,
});
const lines = (claims: ReturnType<typeof grantClaims>) => claims.map((c) => [c.code, c.pounds, c.state, c.on, c.title]);

describe("the financial year of a date", () => {
  it("runs from 1 April to 31 March", () => {
    expect(financialYear(parseISO("2027-03-31"))).toBe("2026-27");
    expect(financialYear(parseISO("2027-04-01"))).toBe("2027-28");
    expect(financialYear(parseISO("2026-12-31"))).toBe("2026-27");
    expect(financialYear(parseISO("2027-01-01"))).toBe("2026-27");
    expect(financialYear(parseISO("2028-02-29"))).toBe("2027-28");
    expect(financialYear(parseISO("2099-04-01"))).toBe("2099-00");
  });
});

describe("grant claims", () => {
  it("gives a child and family NQSW DfE's registration half now and the completion half on completion, each in its own financial year", () => {
    expect(lines(grantClaims(asye.assessment!, year("child-family")))).toEqual([
      [
        "cf-registration",
        1000,
        "claimable",
        "7 Sep 2026",
        "DfE child and family ASYE grant: registration of the NQSW (2026-27)",
      ],
      [
        "cf-completion",
        1000,
        "expected",
        "7 Sep 2027",
        "DfE child and family ASYE grant: completion of the ASYE (2027-28)",
      ],
    ]);
    expect(grantClaims(asye.assessment!, year("child-family", "2027-03-31"))[1]).toMatchObject({
      state: "claimable",
      on: "31 Mar 2027",
      financialYear: "2026-27",
      title: "DfE child and family ASYE grant: completion of the ASYE (2026-27)",
    });
    // Registered on the last day of a financial year, and on the first day of the next.
    expect(grantClaims(asye.assessment!, year("child-family", null, "2026-03-31"))[0]!.financialYear).toBe("2025-26");
    expect(grantClaims(asye.assessment!, year("child-family", null, "2026-04-01"))[0]!.financialYear).toBe("2026-27");
  });

  it("gives an adults' NQSW Skills for Care's own lines, and one with no pathway yet nothing", () => {
    const adults = grantClaims(asye.assessment!, year("adults", "2027-08-30"));
    expect(lines(adults)).toEqual([
      [
        "ad-registration",
        1000,
        "claimable",
        "7 Sep 2026",
        "Skills for Care adults' ASYE funding: registration of the NQSW (2026-27)",
      ],
      [
        "ad-completion",
        1000,
        "claimable",
        "30 Aug 2027",
        "Skills for Care adults' ASYE funding: completion of the ASYE (2027-28)",
      ],
    ]);
    expect(adults.every((c) => c.funder === "Skills for Care")).toBe(true);
    expect(
      grantClaims(asye.assessment!, year("child-family")).every((c) => c.funder === "Department for Education"),
    ).toBe(true);
    expect(grantClaims(asye.assessment!, year(null))).toEqual([]);
  });

  it("refuses programme rules whose grant names no pathway, an unknown one, or a fixed year in its title", () => {
    const withGrant = (grant: Record<string, unknown>) => ({
      ...raw,
      assessment: { ...raw.assessment, grants: [...raw.assessment.grants, grant] },
    });
    const base = { code: "extra", funder: "DfE", title: "Another grant", when: "completion", pounds: 10 };
    const issues = (grant: Record<string, unknown>) =>
      programmeFileSchema.safeParse(withGrant(grant)).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ ...base, pathway: "adults" })).toEqual([]);
    expect(issues(base)).toEqual(["name the pathway this grant is for"]);
    expect(issues({ ...base, pathway: "children" })).toEqual(["no pathway children"]);
    expect(issues({ ...base, pathway: "adults", title: "Another grant (2025-26)" })).toEqual([
      "a grant's title names no financial year: the platform adds the year of each claim",
    ]);
    expect(issues({ ...base, pathway: "adults", code: "cf-completion" })).toEqual(["grant cf-completion twice"]);
  });
});
