import { parseISO } from "date-fns";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { programmeFileSchema } from "~/modules/programmes/content-schema";
import { grantClaims } from "~/modules/reporting/grants";

const asye = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8")));
const year = (pathway: string | null, completedOn: string | null = null) => ({
  pathway,
  startedOn: parseISO("2026-09-07"),
  expectedEnd: parseISO("2027-09-07"),
  completedOn: completedOn ? parseISO(completedOn) : null,
});

describe("grant claims", () => {
  it("gives a child and family NQSW the registration half now and the completion half on completion", () => {
    expect(grantClaims(asye.assessment!, year("child-family")).map((c) => [c.code, c.pounds, c.state, c.on])).toEqual([
      ["cf-registration", 1000, "claimable", "7 Sep 2026"],
      ["cf-completion", 1000, "expected", "7 Sep 2027"],
    ]);
    expect(grantClaims(asye.assessment!, year("child-family", "2027-08-30"))[1]).toMatchObject({
      state: "claimable",
      on: "30 Aug 2027",
    });
  });

  it("gives an adults' NQSW, or one with no pathway yet, no DfE claims", () => {
    expect(grantClaims(asye.assessment!, year("adults"))).toEqual([]);
    expect(grantClaims(asye.assessment!, year(null))).toEqual([]);
  });
});
