import { PARTIES } from "~/modules/first-year/agreement";
import { isYearsTeamManager, yearStanding, type Someone, type YearPeople } from "~/modules/first-year/parties";
import { nextAction } from "~/modules/signoff/reviews";

const ORG = "org-northmoor";
const OTHER = "org-riverside";
const year: YearPeople = { userId: "nqsw", organisationId: ORG, supervisorId: "supervisor", teamManagerId: "manager" };

const acting = (
  userId: string,
  role: string,
  organisationId = ORG,
  also: { role: string; organisationId?: string }[] = [],
) =>
  ({
    userId,
    active: { organisationId, role },
    memberships: [
      { organisationId, role },
      ...also.map((m) => ({ organisationId: m.organisationId ?? ORG, role: m.role })),
    ],
  }) satisfies Someone;

describe("who signs the learning agreement", () => {
  it("is the NQSW, their supervisor or assessor, and their team manager: not the programme lead", () => {
    expect(PARTIES).toEqual(["learner", "supervisor", "team_manager"]);
  });
});

describe("yearStanding", () => {
  it("makes the learner the NQSW of their own year", () => {
    expect(yearStanding(year, { userId: "nqsw", active: null, memberships: [] })).toEqual({
      viewer: "learner",
      signsAs: "learner",
    });
  });

  it("makes the year's supervisor, acting as supervisor or assessor, its supervisor; another supervisor no one", () => {
    expect(yearStanding(year, acting("supervisor", "supervisor"))).toEqual({
      viewer: "supervisor",
      signsAs: "supervisor",
    });
    expect(yearStanding(year, acting("supervisor", "assessor"))).toEqual({
      viewer: "supervisor",
      signsAs: "supervisor",
    });
    expect(yearStanding(year, acting("someone-else", "supervisor"))).toBeNull();
  });

  it("makes the year's team manager its team manager, and another team manager of the council no one", () => {
    expect(yearStanding(year, acting("manager", "team_manager"))).toEqual({
      viewer: "team_manager",
      signsAs: "team_manager",
    });
    expect(yearStanding(year, acting("other-manager", "team_manager"))).toBeNull();
  });

  it("lets the programme lead read every year of their organisation, signing nothing", () => {
    expect(yearStanding(year, acting("lead", "programme_lead"))).toEqual({ viewer: "programme_lead", signsAs: null });
  });

  it("lets a programme lead who is also the year's team manager sign as team manager, in either role", () => {
    const leadAndManager = acting("manager", "programme_lead", ORG, [{ role: "team_manager" }]);
    expect(yearStanding(year, leadAndManager)).toEqual({ viewer: "programme_lead", signsAs: "team_manager" });
    expect(isYearsTeamManager(year, leadAndManager)).toBe(true);
    const asManager = acting("manager", "team_manager", ORG, [{ role: "programme_lead" }]);
    expect(yearStanding(year, asManager)).toEqual({ viewer: "team_manager", signsAs: "team_manager" });
  });

  it("does not let a lead named on the year sign as team manager without holding the role there", () => {
    // Named when they were a team manager; the membership has since gone (or is another council's).
    const leadOnly = acting("manager", "programme_lead");
    expect(yearStanding(year, leadOnly)).toEqual({ viewer: "programme_lead", signsAs: null });
    const elsewhere = acting("manager", "programme_lead", ORG, [{ role: "team_manager", organisationId: OTHER }]);
    expect(yearStanding(year, elsewhere)?.signsAs).toBeNull();
  });

  it("lets nobody sign as team manager while the year names none", () => {
    const unnamed = { ...year, teamManagerId: null };
    expect(yearStanding(unnamed, acting("manager", "team_manager"))).toBeNull();
    expect(yearStanding(unnamed, acting("manager", "programme_lead", ORG, [{ role: "team_manager" }]))).toEqual({
      viewer: "programme_lead",
      signsAs: null,
    });
    expect(nextAction("approved", yearStanding(unnamed, acting("lead", "programme_lead"))!.signsAs)).toBeNull();
  });

  it("refuses anyone acting in another organisation, whatever their role", () => {
    for (const role of ["supervisor", "team_manager", "programme_lead", "admin"])
      expect(yearStanding(year, acting("manager", role, OTHER)), role).toBeNull();
    expect(yearStanding({ ...year, organisationId: null }, acting("lead", "programme_lead"))).toBeNull();
  });

  it("refuses the helpline, the admin and other learners of the organisation", () => {
    expect(yearStanding(year, acting("admin", "admin"))).toBeNull();
    expect(yearStanding(year, acting("helpline", "helpline_advisor"))).toBeNull();
    expect(yearStanding(year, acting("peer", "learner"))).toBeNull();
  });
});

describe("the countersignature, by standing", () => {
  it("is the team manager's step only: not the lead's unless they are the year's team manager", () => {
    const step = (person: Someone) => nextAction("approved", yearStanding(year, person)?.signsAs ?? null);
    expect(step(acting("manager", "team_manager"))).toBe("countersign");
    expect(step(acting("lead", "programme_lead"))).toBeNull();
    expect(step(acting("manager", "programme_lead", ORG, [{ role: "team_manager" }]))).toBe("countersign");
    expect(step(acting("supervisor", "supervisor"))).toBeNull();
  });
});
