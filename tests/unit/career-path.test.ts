/**
 * The career path's rules at their edges: each stage is reached only on its own evidence (an award
 * for the stages after newly qualified), stages need not come in order, a programme not started
 * yet reaches nothing, and the text equivalent says the same as the drawing.
 */
import { careerKindOf, careerStatus, pathStanding, type CareerAward, type PathInput } from "~/modules/career/path";
import { can, navigationFor } from "~/modules/organisations/roles";

const award = (title: string, reachesStage = true): CareerAward => ({
  title,
  by: "Riverside Borough Council",
  code: "PP-ABCD-EFGH-JKLM",
  on: "2015-09-17",
  href: null,
  reachesStage,
});

const entry = (over: Partial<PathInput> & Pick<PathInput, "kind">): PathInput => ({
  status: "active",
  title: `A ${over.kind} programme`,
  organisationName: "Northmoor City Council",
  startedOn: "2024-01-01",
  awards: [],
  ...over,
});

const reached = (entries: PathInput[]) =>
  pathStanding(entries)
    .stages.filter((s) => s.achieved)
    .map((s) => s.id);

describe("the kind of step a programme is", () => {
  test("from its content's kind, and the two specialist programmes by slug", () => {
    expect(careerKindOf({ slug: "asye", kind: "assessed" })).toBe("first_year");
    expect(careerKindOf({ slug: "early-career", kind: "assessed" })).toBe("first_year");
    expect(careerKindOf({ slug: "masters", kind: "masters" })).toBe("masters");
    expect(careerKindOf({ slug: "return-to-social-work", kind: "returner" })).toBe("returner");
    expect(careerKindOf({ slug: "advanced-practitioner", kind: "specialist" })).toBe("advanced");
    expect(careerKindOf({ slug: "cp-lead-practitioner", kind: "specialist" })).toBe("cp_lead");
    expect(careerKindOf({ slug: "some-short-course", kind: "taught" })).toBe("other");
  });
});

describe("the status a programme shows", () => {
  const today = "2026-12-08";
  test("an award reaching a stage completes it, though the enrolment row stays open", () => {
    expect(careerStatus({ status: "active", startedOn: "2014-09-01" }, [award("Certificate")], today)).toBe("completed");
  });
  test("an award reaching no stage (a Masters exit award) does not complete the programme", () => {
    expect(careerStatus({ status: "active", startedOn: "2025-09-22" }, [award("PG Cert", false)], today)).toBe("active");
  });
  test("a start still to come is upcoming; today's start is in progress", () => {
    expect(careerStatus({ status: "active", startedOn: "2026-12-09" }, [], today)).toBe("upcoming");
    expect(careerStatus({ status: "active", startedOn: today }, [], today)).toBe("active");
  });
  test("completed and withdrawn enrolments say so", () => {
    expect(careerStatus({ status: "completed", startedOn: "2024-01-08" }, [], today)).toBe("completed");
    expect(careerStatus({ status: "withdrawn", startedOn: "2024-01-08" }, [], today)).toBe("withdrawn");
  });
});

describe("where a person stands on the path", () => {
  test("an empty record reaches nothing, and says so", () => {
    const path = pathStanding([]);
    expect(path.reached).toBeNull();
    expect(path.stages.every((s) => !s.achieved && !s.workingTowards)).toBe(true);
    expect(path.summary).toBe("No stage of the path is recorded yet.");
  });

  test("an NQSW in their first year is newly qualified, working towards experienced", () => {
    const path = pathStanding([entry({ kind: "first_year", title: "NQSW support programme (ASYE)" })]);
    expect(path.reached?.id).toBe("newly_qualified");
    expect(path.stages.find((s) => s.id === "experienced")?.workingTowards).toBe("NQSW support programme (ASYE)");
    expect(path.summary).toBe("Reached newly qualified (1 of 4 stages); working towards experienced.");
  });

  test("a first year not started yet reaches nothing, but is worked towards", () => {
    const path = pathStanding([entry({ kind: "first_year", status: "upcoming", startedOn: "2027-09-06" })]);
    expect(path.reached).toBeNull();
    expect(path.stages.find((s) => s.id === "newly_qualified")?.workingTowards).toBeTruthy();
    expect(path.summary).toMatch(/^No stage of the path is reached yet; working towards newly qualified and experienced/);
  });

  test("experienced needs the first year's certificate, not just the end of the year", () => {
    expect(reached([entry({ kind: "first_year", status: "completed" })])).toEqual(["newly_qualified"]);
    expect(reached([entry({ kind: "first_year", status: "completed", awards: [award("Certificate: ASYE")] })])).toEqual([
      "newly_qualified",
      "experienced",
    ]);
  });

  test("the evidence names the award, who gave it and when", () => {
    const path = pathStanding([entry({ kind: "first_year", status: "completed", awards: [award("Certificate: ASYE")] })]);
    expect(path.stages.find((s) => s.id === "experienced")?.because).toBe("Certificate: ASYE, Riverside Borough Council, 2015-09-17");
  });

  test("a Masters award reaches no stage of the path", () => {
    expect(reached([entry({ kind: "masters", awards: [award("Postgraduate Certificate", false)] })])).toEqual(["newly_qualified"]);
  });

  test("being on the CP lead programme is working towards lead, not reaching it", () => {
    const path = pathStanding([entry({ kind: "cp_lead", title: "Child Protection Lead Practitioner" })]);
    expect(path.stages.find((s) => s.id === "lead")).toMatchObject({ achieved: false, workingTowards: "Child Protection Lead Practitioner" });
  });

  test("lead may be reached without advanced: each stage stands on its own evidence", () => {
    const path = pathStanding([
      entry({ kind: "first_year", status: "completed", awards: [award("Certificate: ASYE")] }),
      entry({ kind: "cp_lead", status: "completed", awards: [award("Certificate: CP lead")] }),
    ]);
    expect(path.stages.map((s) => s.achieved)).toEqual([true, true, false, true]);
    expect(path.reached?.id).toBe("lead");
    expect(path.summary).toBe("Reached newly qualified, experienced, lead (3 of 4 stages).");
  });

  test("a withdrawn programme is neither reached nor worked towards", () => {
    const path = pathStanding([entry({ kind: "advanced", status: "withdrawn" })]);
    expect(path.stages.find((s) => s.id === "advanced")).toMatchObject({ achieved: false, workingTowards: null });
  });

  test("newly qualified names the earliest programme joined", () => {
    const path = pathStanding([
      entry({ kind: "cp_lead", startedOn: "2026-09-01", title: "CP lead" }),
      entry({ kind: "returner", status: "completed", startedOn: "2024-01-08", title: "Return to social work refresher", organisationName: null }),
    ]);
    expect(path.stages[0]?.because).toBe("Joined Return to social work refresher, 2024-01-08");
  });
});

describe("who reaches the career record", () => {
  test("a learner's menu has it; only a programme lead may read a member's shared record", () => {
    expect(navigationFor("learner").map((i) => i.href)).toContain("/career");
    expect(navigationFor(null, { returner: true }).map((i) => i.href)).toContain("/career");
    expect(can("programme_lead", "career:read:organisation")).toBe(true);
    for (const role of ["learner", "supervisor", "assessor", "team_manager", "admin", "marker", "helpline_advisor", "external_examiner"] as const)
      expect(can(role, "career:read:organisation"), role).toBe(false);
  });
});
