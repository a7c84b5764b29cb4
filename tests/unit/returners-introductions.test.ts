import {
  canMove,
  hasRecordedConsent,
  isFinal,
  nextSteps,
  requestStatusAfter,
} from "~/modules/returners/introductions";
import { councilStepSchema } from "~/modules/returners/introduction-schema.server";
import { INTRODUCTION_STATUSES } from "~/modules/returners/options";
import { readVacancyFilters, vacancyState } from "~/modules/returners/vacancies";
import { vacancySchema } from "~/modules/returners/vacancy-schema.server";

describe("introduction steps", () => {
  it("lets a council move an introduction forward, and no further once started or declined", () => {
    expect(nextSteps("introduced")).toEqual(["interview", "offered", "declined"]);
    expect(nextSteps("interview")).toEqual(["offered", "declined"]);
    expect(nextSteps("offered")).toEqual(["started", "declined"]);
    for (const final of ["started", "declined", "withdrawn"] as const) {
      expect(isFinal(final)).toBe(true);
      for (const to of INTRODUCTION_STATUSES) expect(canMove(final, to)).toBe(false);
    }
  });

  it("never goes backwards or repeats a step", () => {
    expect(canMove("interview", "introduced")).toBe(false);
    expect(canMove("interview", "interview")).toBe(false);
    expect(canMove("offered", "interview")).toBe(false);
    expect(canMove("introduced", "started")).toBe(false);
  });

  it("moves the helpline's request on: introduced, then returned on a start; a closed request stays closed", () => {
    expect(requestStatusAfter("new", "introduced")).toBe("introduced");
    expect(requestStatusAfter("contacted", "offered")).toBe("introduced");
    expect(requestStatusAfter("introduced", "offered")).toBe("introduced");
    expect(requestStatusAfter("introduced", "started")).toBe("returned");
    expect(requestStatusAfter("introduced", "declined")).toBe("introduced");
    expect(requestStatusAfter("closed", "started")).toBe("closed");
  });

  it("needs consent both given and recorded", () => {
    expect(hasRecordedConsent({ consentToShare: true, consentRecordedAt: new Date() })).toBe(true);
    expect(hasRecordedConsent({ consentToShare: true, consentRecordedAt: null })).toBe(false);
    expect(hasRecordedConsent({ consentToShare: false, consentRecordedAt: new Date() })).toBe(false);
  });

  it("asks for what each step needs", () => {
    expect(councilStepSchema.safeParse({ intent: "interview", interviewOn: "2027-02-30" }).success).toBe(false);
    expect(councilStepSchema.safeParse({ intent: "interview", interviewOn: "2027-02-15" }).success).toBe(true);
    expect(councilStepSchema.safeParse({ intent: "declined", reason: " " }).success).toBe(false);
    expect(councilStepSchema.safeParse({ intent: "started" }).success).toBe(false);
    expect(councilStepSchema.safeParse({ intent: "offered" }).success).toBe(true);
    expect(councilStepSchema.safeParse({ intent: "withdrawn" }).success).toBe(false);
  });
});

describe("vacancies", () => {
  const valid = {
    title: "Social worker",
    team: "Children in need",
    region: "North West",
    grade: "Grade 8",
    salaryFrom: "36,000",
    salaryTo: "£40000",
    specialism: "children",
    returnerFriendly: "yes",
    supervisionOffered: "Weekly",
    inductionOffered: "Four weeks",
    closesOn: "2027-01-10",
  };

  it("reads whole pounds and yes/no", () => {
    const parsed = vacancySchema("2027-01-10").parse(valid);
    expect(parsed).toMatchObject({ salaryFrom: 36000, salaryTo: 40000, returnerFriendly: true, description: "" });
  });

  it("refuses a band whose top is below its bottom, pence, and a closing date before the earliest", () => {
    const errors = (input: Record<string, string>, earliest = "2027-01-10") => {
      const r = vacancySchema(earliest).safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => i.path[0]);
    };
    expect(errors({ ...valid, salaryTo: "35000" })).toEqual(["salaryTo"]);
    expect(errors({ ...valid, salaryFrom: "36000.50" })).toEqual(["salaryFrom"]);
    expect(errors({ ...valid, salaryFrom: "" })).toEqual(["salaryFrom"]);
    expect(errors(valid, "2027-01-11")).toEqual(["closesOn"]);
    expect(errors({ ...valid, region: "Mars" })).toEqual(["region"]);
  });

  it("is open until the end of its closing day, unless withdrawn", () => {
    expect(vacancyState({ closesOn: "2027-01-10", withdrawnAt: null }, "2027-01-10")).toBe("open");
    expect(vacancyState({ closesOn: "2027-01-10", withdrawnAt: null }, "2027-01-11")).toBe("closed");
    expect(vacancyState({ closesOn: "2027-01-10", withdrawnAt: new Date() }, "2027-01-01")).toBe("withdrawn");
  });

  it("ignores filters it does not recognise", () => {
    expect(readVacancyFilters(new URLSearchParams("region=Mars&specialism=dogs&page=-3&returnerFriendly=no"))).toEqual({
      region: null,
      specialism: null,
      returnerFriendly: false,
      page: 1,
    });
    expect(
      readVacancyFilters(new URLSearchParams("region=London&specialism=adults&page=2&returnerFriendly=yes")),
    ).toEqual({
      region: "London",
      specialism: "adults",
      returnerFriendly: true,
      page: 2,
    });
  });
});
