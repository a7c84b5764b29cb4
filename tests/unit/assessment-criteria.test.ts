/**
 * Assessment against criteria at its edges (issue 21, ADR 024): submitting only when every criterion
 * has evidence and a statement, who may be an independent assessor, which outcomes may be recorded,
 * and where a candidate stands.
 */
import {
  certificateFrameworks,
  conflictProblem,
  criteriaFramework,
  criteriaOf,
  isAssessedAgainstCriteria,
  listCodes,
  nextStep,
  outcomeProblem,
  submitProblem,
  type ConflictCheck,
} from "~/modules/assessment/criteria";

const programme = {
  title: "Advanced practitioner",
  modules: [
    { order: 2, title: "Two", assessmentCriteria: [{ code: "APC-2.1", criterion: "Leads practice." }], lessons: [], slug: "two" },
    {
      order: 1,
      title: "One",
      assessmentCriteria: [
        { code: "APC-1.1", criterion: "Holds complex work." },
        { code: "APC-1.2", criterion: "Works with risk." },
      ],
      lessons: [],
      slug: "one",
    },
    { order: 3, title: "Three", lessons: [], slug: "three" },
  ],
} as never;

const criteria = [{ code: "APC-1.1" }, { code: "APC-1.2" }, { code: "APC-2.1" }];
const allStated = new Map(criteria.map((c) => [c.code, "A statement."]));

describe("the criteria of a programme", () => {
  test("come module by module in order, and make a framework evidence is mapped to", () => {
    expect(criteriaOf(programme).map((c) => c.code)).toEqual(["APC-1.1", "APC-1.2", "APC-2.1"]);
    expect(criteriaFramework(programme).items.map((i) => i.code)).toEqual(["APC-1.1", "APC-1.2", "APC-2.1"]);
    expect(isAssessedAgainstCriteria(programme)).toBe(true);
    // The assessed first year has its own assessment: it is never assessed against criteria.
    expect(isAssessedAgainstCriteria({ ...(programme as object), assessment: {} } as never)).toBe(false);
    expect(isAssessedAgainstCriteria({ modules: [] } as never)).toBe(false);
  });

  test("lists codes as people write them", () => {
    expect(listCodes(["A-1"])).toBe("A-1");
    expect(listCodes(["A-1", "A-2"])).toBe("A-1 and A-2");
    expect(listCodes(["A-1", "A-2", "A-3"])).toBe("A-1, A-2 and A-3");
  });

  test("a certificate names each framework with how the programme uses it", () => {
    expect(
      certificateFrameworks(
        { frameworks: ["PCF", "PQS-PS"], frameworkUse: { PCF: { level: "advanced" }, "PQS-PS": { only: "child and family social workers" } } },
        [
          { id: "PCF", title: "Professional Capabilities Framework" },
          { id: "PQS-PS", title: "Practice supervisors' standard" },
        ],
      ),
    ).toBe("Professional Capabilities Framework (advanced level); Practice supervisors' standard (child and family social workers only)");
  });
});

describe("submitting for assessment", () => {
  const ready = { criteria, statements: allStated, stage: "building" as const };

  test("is refused, naming every empty criterion, until each has a piece of evidence", () => {
    expect(submitProblem({ ...ready, evidence: [] })).toBe(
      "Add evidence to APC-1.1, APC-1.2 and APC-2.1 before you submit: every criterion needs at least one piece of evidence.",
    );
    expect(submitProblem({ ...ready, evidence: [{ capabilities: ["APC-1.1", "APC-2.1"] }] })).toMatch(/^Add evidence to APC-1\.2 before/);
    // Mapped to something that is not a criterion counts for nothing.
    expect(submitProblem({ ...ready, evidence: [{ capabilities: ["PCF-1", "APC-1.1", "APC-2.1"] }] })).toMatch(/APC-1\.2/);
  });

  test("is allowed once the last criterion has one piece and every statement is written", () => {
    const evidence = [{ capabilities: ["APC-1.1", "APC-1.2"] }, { capabilities: ["APC-2.1"] }];
    expect(submitProblem({ ...ready, evidence })).toBeNull();
    const blank = new Map(allStated).set("APC-1.2", "   ");
    expect(submitProblem({ ...ready, evidence, statements: blank })).toBe("Write the summary statement for APC-1.2 before you submit.");
  });

  test("is refused while a submission is with the line manager or the assessor, and after an outcome that ends it", () => {
    const evidence = [{ capabilities: ["APC-1.1", "APC-1.2", "APC-2.1"] }];
    for (const stage of ["awaiting_manager", "awaiting_assessor", "with_assessor"] as const)
      expect(submitProblem({ ...ready, evidence, stage })).toMatch(/already submitted/);
    expect(submitProblem({ ...ready, evidence, stage: "achieved" })).toMatch(/achieved/);
    expect(submitProblem({ ...ready, evidence, stage: "referred" })).toMatch(/referred/);
    // Not yet achieved: the candidate revises and resubmits.
    expect(submitProblem({ ...ready, evidence, stage: "not_yet_achieved" })).toBeNull();
  });
});

describe("who may be the independent assessor", () => {
  const base: ConflictCheck = {
    candidate: { userId: "c", team: "Children in need, East", supervisorIds: ["s", null], lineManagerId: "m" },
    assessor: { userId: "a", name: "Olivia Hart", team: "Practice quality and learning", role: "independent_assessor" },
  };
  const as = (assessor: Partial<ConflictCheck["assessor"]>) => conflictProblem({ ...base, assessor: { ...base.assessor, ...assessor } });

  test("someone outside the candidate's team who holds the role", () => {
    expect(conflictProblem(base)).toBeNull();
    // No team recorded on either side is not the same team.
    expect(conflictProblem({ ...base, candidate: { ...base.candidate, team: null } })).toBeNull();
    expect(as({ team: null })).toBeNull();
  });

  test("never the candidate, their supervisor or their line manager", () => {
    expect(as({ userId: "c" })).toBe("A candidate cannot be their own assessor.");
    expect(as({ userId: "s" })).toMatch(/^Olivia Hart is the candidate's supervisor, so is not independent/);
    expect(as({ userId: "m" })).toMatch(/^Olivia Hart is the candidate's line manager, so is not independent/);
  });

  test("never anyone in the candidate's own team, however the team is written", () => {
    expect(as({ team: "  children in need, EAST " })).toBe(
      "Olivia Hart is in the candidate's own team (children in need, EAST), so is not independent: choose an assessor from outside it.",
    );
  });

  test("never someone without the independent assessor's role", () => {
    expect(as({ role: "assessor" })).toBe("Olivia Hart is not one of the organisation's independent assessors.");
  });
});

describe("the overall outcome", () => {
  const today = "2027-01-10";
  const allMet = criteria.map((c) => ({ code: c.code, met: true }));
  const oneNot = allMet.map((d) => (d.code === "APC-1.2" ? { ...d, met: false } : d));
  const input = { criteria, today, developmentPlan: "", resubmitBy: null };

  test("waits until every criterion is decided", () => {
    expect(outcomeProblem({ ...input, outcome: "achieved", decisions: allMet.slice(1) })).toEqual({
      field: "outcome",
      message: "Record met or not yet met for APC-1.1 before the overall outcome.",
    });
  });

  test("achieved needs every criterion met", () => {
    expect(outcomeProblem({ ...input, outcome: "achieved", decisions: allMet })).toBeNull();
    expect(outcomeProblem({ ...input, outcome: "achieved", decisions: oneNot })?.message).toBe(
      "Achieved needs every criterion met: APC-1.2 is not yet met.",
    );
  });

  test("not yet achieved needs a criterion not met, a plan and a date after today", () => {
    const nya = { ...input, outcome: "not_yet_achieved" as const };
    expect(outcomeProblem({ ...nya, decisions: allMet })?.field).toBe("outcome");
    expect(outcomeProblem({ ...nya, decisions: oneNot })?.field).toBe("developmentPlan");
    expect(outcomeProblem({ ...nya, decisions: oneNot, developmentPlan: "More evidence." })?.field).toBe("resubmitBy");
    expect(outcomeProblem({ ...nya, decisions: oneNot, developmentPlan: "More evidence.", resubmitBy: today })).toEqual({
      field: "resubmitBy",
      message: "The resubmission date must be after today.",
    });
    expect(outcomeProblem({ ...nya, decisions: oneNot, developmentPlan: "More evidence.", resubmitBy: "2027-01-11" })).toBeNull();
  });

  test("referred needs the reasons, whatever the decisions", () => {
    expect(outcomeProblem({ ...input, outcome: "referred", decisions: allMet })?.field).toBe("developmentPlan");
    expect(outcomeProblem({ ...input, outcome: "referred", decisions: oneNot, developmentPlan: "Concern about authorship." })).toBeNull();
  });
});

describe("the candidate's next step", () => {
  const facts = { emptyCriteria: [], unstated: [], lineManagerName: "Imran Qureshi", assessor: null };

  test("says what is missing, then to submit", () => {
    expect(nextStep({ ...facts, latest: null, emptyCriteria: ["APC-1.1", "APC-2.1"] }).text).toBe("Add evidence to APC-1.1 and APC-2.1.");
    expect(nextStep({ ...facts, latest: null, unstated: ["APC-1.2"] }).text).toBe("Write the summary statement for APC-1.2.");
    expect(nextStep({ ...facts, latest: null }).text).toMatch(/submit your portfolio/);
  });

  test("follows the submission through the line manager and the assessor", () => {
    const latest = { number: 1, confirmed: false, outcome: null, resubmitBy: null };
    expect(nextStep({ ...facts, latest }).text).toBe(
      "Submitted: waiting for Imran Qureshi, your line manager, to confirm your practice claims.",
    );
    const confirmed = { ...latest, confirmed: true };
    expect(nextStep({ ...facts, latest: confirmed }).stage).toBe("awaiting_assessor");
    expect(nextStep({ ...facts, latest: confirmed, assessor: { name: "Olivia Hart", accepted: false } }).text).toMatch(/waiting for Olivia Hart to accept/);
    expect(nextStep({ ...facts, latest: confirmed, assessor: { name: "Olivia Hart", accepted: true } })).toEqual({
      stage: "with_assessor",
      text: "With your independent assessor, Olivia Hart.",
    });
  });

  test("after the outcome: resubmit by the date, or the certificate", () => {
    const nya = { number: 1, confirmed: true, outcome: "not_yet_achieved" as const, resubmitBy: "2027-03-31" };
    expect(nextStep({ ...facts, latest: nya }).text).toBe(
      "Not yet achieved: revise and resubmit by 31 March 2027. Every criterion has evidence and a statement: submit your portfolio for assessment.",
    );
    expect(nextStep({ ...facts, latest: { ...nya, outcome: "achieved" } }).text).toBe("Achieved: download your certificate.");
    expect(nextStep({ ...facts, latest: { ...nya, outcome: "referred" } }).stage).toBe("referred");
  });
});
