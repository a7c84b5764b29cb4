import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  frameworkSchema,
  programmeFileSchema,
  type AssessmentRules,
  type Framework,
} from "~/modules/programmes/content-schema";
import {
  shownDetails,
  editablePart,
  evidenceHash,
  frameworksOf,
  kindsWrittenBy,
  observationsBehind,
  sufficiency,
  type EvidenceContent,
  type EvidenceKind,
  type EvidenceSummary,
} from "~/modules/portfolio/rules";

function rulesOf(programme: string): AssessmentRules {
  return programmeFileSchema.parse(parse(readFileSync(`content/programmes/${programme}/programme.yml`, "utf8")))
    .assessment!;
}

const asye = rulesOf("asye");
const ecdp = rulesOf("early-career");
const frameworks: Framework[] = readdirSync("content/frameworks")
  .filter((f) => f.endsWith(".yml"))
  .map((f) => frameworkSchema.parse(parse(readFileSync(`content/frameworks/${f}`, "utf8"))));

let nextId = 1;
function piece(kind: EvidenceKind, capabilities: string[] = [], id = `e${nextId++}`): EvidenceSummary {
  return { id, kind, title: `Evidence ${id}`, occurredOn: "2026-10-01", capabilities };
}

const rowsOf = (frameworkId: string, result: ReturnType<typeof sufficiency>) =>
  result.capabilities.filter((c) => c.framework === frameworkId);
const row = (code: string, result: ReturnType<typeof sufficiency>) => {
  const found = result.capabilities.find((c) => c.code === code);
  if (!found) throw new Error(`no row for ${code}`);
  return found;
};

/** A small two-level framework: ECS-2 has sub-items, one of them with sub-items of its own. */
const standards: Framework = {
  id: "ECS",
  title: "Early career standards",
  items: [
    { code: "ECS-1", title: "Anti-discriminatory practice" },
    {
      code: "ECS-2",
      title: "Relationships and communication",
      items: [
        { code: "ECS-2.1", title: "Build relationships" },
        { code: "ECS-2.2", title: "Communicate", items: [{ code: "ECS-2.2.1", title: "With children" }] },
      ],
    },
  ],
};
const smallRules: AssessmentRules = {
  supervision: [{ untilMonth: 12, every: "month" }],
  protectedTimeShare: 0.1,
  reviewPoints: [{ code: "final", title: "Final assessment", month: 12, final: true }],
  evidence: [{ kind: "direct_observation", count: 2 }],
  coverage: [{ framework: "ECS", minimum: 2 }],
};

describe("the real content", () => {
  it("loads the frameworks the ASYE and ECDP name", () => {
    expect(frameworks.map((f) => f.id)).toEqual(expect.arrayContaining(["PCF", "KSS-AD", "KSS-CF", "ECS"]));
  });
});

describe("sufficiency by kind of evidence", () => {
  it("asks an ASYE learner with an empty portfolio for 3 direct observations, 3 of each feedback, 3 written, 2 logs", () => {
    const result = sufficiency(asye, null, frameworks, []);
    expect(result.kinds.map((k) => [k.kind, k.required, k.have, k.missing])).toEqual([
      ["direct_observation", 3, 0, 3],
      ["feedback_person", 3, 0, 3],
      ["feedback_professional", 3, 0, 3],
      ["written_work", 3, 0, 3],
      ["reflective_log", 2, 0, 2],
    ]);
    expect(result.kinds[0]).toMatchObject({
      label: "Direct observation of practice",
      note: "at least one by the assessor",
    });
    expect(result.have).toBe(0);
    expect(result.percent).toBe(0);
    expect(result.gaps.kinds).toHaveLength(5);
  });

  it("counts what is there and what is still missing, and drops a kind from the gaps once it is complete", () => {
    const evidence = [
      piece("direct_observation"),
      piece("direct_observation"),
      piece("feedback_person"),
      piece("written_work"),
      piece("written_work"),
      piece("written_work"),
    ];
    const result = sufficiency(asye, null, frameworks, evidence);
    const line = (kind: EvidenceKind) => result.kinds.find((k) => k.kind === kind)!;
    expect(line("direct_observation")).toMatchObject({ have: 2, missing: 1 });
    expect(line("feedback_person")).toMatchObject({ have: 1, missing: 2 });
    expect(line("written_work")).toMatchObject({ have: 3, missing: 0 });
    expect(result.gaps.kinds.map((k) => k.kind)).toEqual([
      "direct_observation",
      "feedback_person",
      "feedback_professional",
      "reflective_log",
    ]);
  });

  it("does not let extra pieces of one kind fill the meter for another", () => {
    // One of them by the assessor, as the ASYE asks.
    const observation = (n: number) => ({ ...piece("direct_observation"), byAssessor: n === 1 });
    const three = sufficiency(asye, null, frameworks, [1, 2, 3].map(observation));
    const six = sufficiency(asye, null, frameworks, [1, 2, 3, 4, 5, 6].map(observation));
    expect(six.kinds[0]).toMatchObject({ have: 6, missing: 0 });
    expect(six.have).toBe(three.have);
    expect(six.percent).toBe(three.percent);
  });

  it("ignores kinds the programme does not ask for when counting the meter", () => {
    const result = sufficiency(asye, null, frameworks, [piece("cpd"), piece("supervision_reflection")]);
    expect(result.have).toBe(0);
    expect(result.kinds.map((k) => k.kind)).not.toContain("cpd");
  });
});

describe("sufficiency by capability", () => {
  it("gives an ASYE learner with no pathway only the nine PCF domains, each needing two pieces", () => {
    const result = sufficiency(asye, null, frameworks, []);
    expect(result.capabilities.map((c) => c.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `PCF-${n}`));
    expect(result.capabilities.every((c) => c.framework === "PCF" && c.required === 2 && !c.met)).toBe(true);
    expect(result.capabilities[0]!.title).toBe("Professionalism");
    // 14 pieces by kind and 9 domains x 2
    expect(result.required).toBe(14 + 18);
  });

  it("adds the ten KSS statements for child and family to the PCF on the child-family pathway", () => {
    const result = sufficiency(asye, "child-family", frameworks, []);
    expect(rowsOf("PCF", result)).toHaveLength(9);
    expect(rowsOf("KSS-CF", result).map((c) => c.code)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `KSS-CF-${n}`),
    );
    expect(rowsOf("KSS-CF", result).every((c) => c.required === 1)).toBe(true);
    expect(rowsOf("KSS-AD", result)).toEqual([]);
    expect(result.required).toBe(14 + 18 + 10);
  });

  it("adds the KSS for adults, and not the child and family one, on the adults pathway", () => {
    const result = sufficiency(asye, "adults", frameworks, []);
    expect(rowsOf("KSS-AD", result)).toHaveLength(9);
    expect(rowsOf("KSS-CF", result)).toEqual([]);
    expect(result.capabilities.slice(0, 9).every((c) => c.framework === "PCF")).toBe(true);
  });

  it("treats a pathway the programme does not have like no pathway", () => {
    const result = sufficiency(asye, "mental-health", frameworks, []);
    expect(new Set(result.capabilities.map((c) => c.framework))).toEqual(new Set(["PCF"]));
  });

  it("does not count evidence mapped to the other pathway's statements", () => {
    const result = sufficiency(asye, "adults", frameworks, [piece("reflective_log", ["KSS-CF-1"])]);
    expect(result.capabilities.every((c) => c.evidence.length === 0)).toBe(true);
  });

  it("meets a PCF domain in the ASYE only with its second piece of evidence", () => {
    const first = piece("reflective_log", ["PCF-5"], "log-1");
    const second = piece("direct_observation", ["PCF-5"], "obs-1");
    const one = sufficiency(asye, null, frameworks, [first]);
    expect(row("PCF-5", one)).toMatchObject({ evidence: ["log-1"], required: 2, met: false });
    expect(one.gaps.capabilities.map((c) => c.code)).toContain("PCF-5");
    const two = sufficiency(asye, null, frameworks, [first, second]);
    expect(row("PCF-5", two)).toMatchObject({ met: true });
    expect(row("PCF-5", two).evidence.sort()).toEqual(["log-1", "obs-1"]);
    expect(two.gaps.capabilities.map((c) => c.code)).not.toContain("PCF-5");
    expect(row("PCF-4", two).met).toBe(false);
  });

  it("counts evidence mapped to a sub-item for its top-level item, however deep", () => {
    const result = sufficiency(
      smallRules,
      null,
      [standards],
      [piece("reflective_log", ["ECS-2.1"], "a"), piece("reflective_log", ["ECS-2.2.1"], "b")],
    );
    expect(result.capabilities.map((c) => c.code)).toEqual(["ECS-1", "ECS-2"]);
    expect(row("ECS-2", result)).toMatchObject({ evidence: ["a", "b"], met: true });
    expect(row("ECS-1", result)).toMatchObject({ evidence: [], met: false });
  });

  it("counts a sub-item of the real early career standards (ECS-2.1) for ECS-2", () => {
    const result = sufficiency(ecdp, null, frameworks, [piece("reflective_log", ["ECS-2.1"], "x")]);
    expect(row("ECS-2", result).evidence).toEqual(["x"]);
    expect(row("ECS-1", result).evidence).toEqual([]);
  });

  it("counts one piece mapped twice to the same domain only once", () => {
    const twiceOver = piece("reflective_log", ["ECS-2.1", "ECS-2.2", "ECS-2"], "only");
    const result = sufficiency(smallRules, null, [standards], [twiceOver]);
    expect(row("ECS-2", result)).toMatchObject({ evidence: ["only"], met: false });
    const pcf = sufficiency(asye, null, frameworks, [piece("reflective_log", ["PCF-1", "PCF-1"], "dup")]);
    expect(row("PCF-1", pcf)).toMatchObject({ evidence: ["dup"], met: false });
  });

  it("ignores codes that belong to no framework of the programme", () => {
    const result = sufficiency(asye, null, frameworks, [piece("reflective_log", ["PCF-99", "SWE-1"])]);
    expect(result.capabilities.every((c) => c.evidence.length === 0)).toBe(true);
    expect(result.have).toBe(1); // the log still counts as a log
  });

  it("gives the ECDP six early career standards that need three pieces each, and no PCF rows", () => {
    const result = sufficiency(ecdp, null, frameworks, []);
    expect(result.capabilities.map((c) => c.code)).toEqual(["ECS-1", "ECS-2", "ECS-3", "ECS-4", "ECS-5", "ECS-6"]);
    expect(result.capabilities.every((c) => c.framework === "ECS" && c.required === 3)).toBe(true);
    const kinds = Object.fromEntries(result.kinds.map((k) => [k.kind, k.required]));
    expect(kinds).toMatchObject({ direct_observation: 4, feedback_person: 4, reflective_log: 2 });
  });

  it("meets an ECDP standard only at its third piece", () => {
    const two = [piece("reflective_log", ["ECS-3.1"]), piece("written_work", ["ECS-3.2"])];
    expect(row("ECS-3", sufficiency(ecdp, null, frameworks, two)).met).toBe(false);
    const three = [...two, piece("cpd", ["ECS-3"])];
    expect(row("ECS-3", sufficiency(ecdp, null, frameworks, three)).met).toBe(true);
  });
});

describe("the where-am-I meter", () => {
  it("moves when a reflective log mapped to two PCF domains is added", () => {
    const before = sufficiency(asye, null, frameworks, []);
    const log = piece("reflective_log", ["PCF-1", "PCF-7"], "log");
    const after = sufficiency(asye, null, frameworks, [log]);
    expect(before.percent).toBe(0);
    // one of two logs, and one of two pieces for each of two domains: 3 of 32
    expect(after.have).toBe(3);
    expect(after.required).toBe(32);
    expect(after.percent).toBe(9);
    expect(row("PCF-1", after).evidence).toEqual(["log"]);
    expect(row("PCF-7", after).evidence).toEqual(["log"]);
  });

  it("moves on the child-family pathway too, against its larger total", () => {
    const after = sufficiency(asye, "child-family", frameworks, [piece("reflective_log", ["PCF-1", "KSS-CF-3"])]);
    expect(after.have).toBe(3);
    expect(after.required).toBe(42);
    expect(after.percent).toBe(7);
  });

  it("shows 100 only when every kind and every capability is there", () => {
    const evidence: EvidenceSummary[] = [
      piece("direct_observation", ["ECS-1", "ECS-2"]),
      piece("direct_observation", ["ECS-1", "ECS-2.1"]),
    ];
    const full = sufficiency(smallRules, null, [standards], evidence);
    expect(full).toMatchObject({ required: 6, have: 6, percent: 100 });
    expect(full.gaps).toEqual({ kinds: [], capabilities: [] });
    const almost = sufficiency(smallRules, null, [standards], evidence.slice(0, 1));
    // 1 observation + 1 for ECS-1 + 1 for ECS-2: 3 of 6
    expect(almost.percent).toBe(50);
  });
});

describe("the hash of a version of evidence", () => {
  const content: EvidenceContent = {
    title: "Home visit with the family",
    occurredOn: "2026-10-14",
    body: "What happened and what I learnt.",
    capabilities: ["PCF-1", "PCF-7"],
    details: { setting: "Home visit", judgement: "meets" },
    fileHashes: ["aaa", "bbb"],
  };
  const hash = evidenceHash(content);

  it("is the same for the same content, and does not depend on the order of capabilities or details", () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(evidenceHash({ ...content })).toBe(hash);
    expect(evidenceHash({ ...content, capabilities: ["PCF-7", "PCF-1"] })).toBe(hash);
    expect(evidenceHash({ ...content, details: { judgement: "meets", setting: "Home visit" } })).toBe(hash);
  });

  it("ignores whitespace around the title, body and details", () => {
    expect(
      evidenceHash({
        ...content,
        title: "  Home visit with the family\n",
        body: "\nWhat happened and what I learnt.   ",
        details: { setting: " Home visit ", judgement: "meets\n" },
      }),
    ).toBe(hash);
  });

  it("changes when the title, body, date, a capability, a detail or a file changes", () => {
    const changed = [
      { ...content, title: "Home visit with the father" },
      { ...content, body: "What happened and what I learnt today." },
      { ...content, occurredOn: "2026-10-15" },
      { ...content, capabilities: ["PCF-1"] },
      { ...content, details: { setting: "Review meeting", judgement: "meets" } },
      { ...content, details: { setting: "Home visit", judgement: "developing" } },
      { ...content, fileHashes: ["aaa"] },
      { ...content, fileHashes: ["aaa", "ccc"] },
    ].map(evidenceHash);
    for (const h of changed) expect(h).not.toBe(hash);
    expect(new Set(changed).size).toBe(changed.length);
  });
});

describe("who may change what", () => {
  const observation = { kind: "direct_observation" as const, createdById: "daniel" };

  it("lets the learner add only their reflection to a direct observation", () => {
    expect(editablePart(observation, "learner", "amara")).toBe("reflection");
  });

  it("lets the observer who recorded it change all of it, and another supervisor nothing", () => {
    expect(editablePart(observation, "supervisor", "daniel")).toBe("all");
    expect(editablePart(observation, "supervisor", "helen")).toBeNull();
  });

  it("lets the programme lead change nothing, even what they created", () => {
    expect(editablePart(observation, "programme_lead", "daniel")).toBeNull();
    expect(editablePart({ kind: "reflective_log", createdById: "lead" }, "programme_lead", "lead")).toBeNull();
  });

  it("lets the learner edit their own log but not feedback their supervisor entered", () => {
    expect(editablePart({ kind: "reflective_log", createdById: "amara" }, "learner", "amara")).toBe("all");
    expect(editablePart({ kind: "reflective_log", createdById: "amara" }, "supervisor", "daniel")).toBeNull();
    const feedback = { kind: "feedback_professional" as const, createdById: "daniel" };
    expect(editablePart(feedback, "learner", "amara")).toBeNull();
    expect(editablePart(feedback, "supervisor", "daniel")).toBe("all");
  });
});

describe("who writes each kind", () => {
  it("lets a supervisor record direct observations and feedback, but not the learner's own reflections", () => {
    const supervisor = kindsWrittenBy("supervisor");
    expect(supervisor).toContain("direct_observation");
    expect(supervisor).toEqual(expect.arrayContaining(["feedback_person", "feedback_professional", "written_work"]));
    expect(supervisor).not.toContain("reflective_log");
    expect(supervisor).not.toContain("cpd");
  });

  it("does not let the learner record a direct observation of themselves", () => {
    const learner = kindsWrittenBy("learner");
    expect(learner).not.toContain("direct_observation");
    expect(learner).toEqual(
      expect.arrayContaining(["reflective_log", "cpd", "supervision_reflection", "written_work"]),
    );
  });

  it("leaves lesson reflections to the lessons, and the programme lead writes none", () => {
    for (const party of ["learner", "supervisor", "programme_lead"] as const)
      expect(kindsWrittenBy(party)).not.toContain("lesson_reflection");
    expect(kindsWrittenBy("programme_lead")).toEqual([]);
  });
});

describe("direct observations behind the pace of the year", () => {
  it("expects none at the start and all three by the end", () => {
    expect(observationsBehind(3, 0, 0)).toBe(0);
    expect(observationsBehind(3, 0, 1)).toBe(3);
    expect(observationsBehind(3, 2, 1)).toBe(1);
  });

  it("expects a whole observation only once its share of the year has gone", () => {
    expect(observationsBehind(3, 0, 0.33)).toBe(0);
    expect(observationsBehind(3, 0, 0.34)).toBe(1);
    expect(observationsBehind(3, 0, 0.5)).toBe(1);
    expect(observationsBehind(3, 0, 0.67)).toBe(2);
  });

  it("is never negative, and does not grow past the requirement after the year or before it starts", () => {
    expect(observationsBehind(3, 1, 0.5)).toBe(0);
    expect(observationsBehind(3, 5, 1)).toBe(0);
    expect(observationsBehind(3, 0, 1.5)).toBe(3);
    expect(observationsBehind(3, 0, -0.2)).toBe(0);
  });
});

describe("the frameworks a learner maps to", () => {
  const all = [
    { id: "KSS-CF", n: 1 },
    { id: "ECS", n: 2 },
    { id: "PCF", n: 3 },
    { id: "KSS-AD", n: 4 },
  ];

  it("puts the PCF before the learner's KSS, whatever order the manifest has", () => {
    expect(frameworksOf(all, asye, "child-family").map((f) => f.id)).toEqual(["PCF", "KSS-CF"]);
    expect(frameworksOf(all, asye, "adults").map((f) => f.id)).toEqual(["PCF", "KSS-AD"]);
  });

  it("gives only the PCF with no pathway, and only the ECS for the ECDP", () => {
    expect(frameworksOf(all, asye, null).map((f) => f.id)).toEqual(["PCF"]);
    expect(frameworksOf(all, ecdp, null).map((f) => f.id)).toEqual(["ECS"]);
  });

  it("keeps the records themselves and skips a framework the manifest lacks", () => {
    expect(frameworksOf(all, asye, "adults")[1]).toBe(all[3]);
    expect(frameworksOf([{ id: "PCF" }], asye, "child-family")).toEqual([{ id: "PCF" }]);
  });
});

describe("shownDetails", () => {
  test("names each kind's fields by their labels, in the form's order, leaving out empty ones", () => {
    expect(shownDetails("written_work", { documentType: "Court report" })).toEqual([{ label: "Kind of document", value: "Court report" }]);
    expect(shownDetails("direct_observation", { judgement: "developing", setting: "A home visit" })).toEqual([
      { label: "What was observed", value: "A home visit" },
      { label: "Observer's judgement", value: "Developing: not yet consistently at the expected level" },
    ]);
    expect(shownDetails("feedback_person", { from: "" })).toEqual([]);
  });

  test("shows an unknown judgement as written rather than losing it, and ignores fields the kind does not have", () => {
    expect(shownDetails("direct_observation", { judgement: "excellent" })).toEqual([{ label: "Observer's judgement", value: "excellent" }]);
    expect(shownDetails("reflective_log", { documentType: "stray" })).toEqual([]);
  });
});
