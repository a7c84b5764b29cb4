/**
 * Portfolio rules: what each kind of evidence is, who writes it, what the programme asks for,
 * and how far the evidence there goes towards it. Pure, so they test without a database.
 */
import { createHash } from "node:crypto";
import { format, parseISO, subDays } from "date-fns";
import type { AssessmentRules, Framework, FrameworkItem } from "~/modules/programmes/content-schema";
import { EVIDENCE_KINDS } from "~/modules/programmes/evidence-kinds";
import type { YearViewer } from "~/modules/first-year/parties";

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export { EVIDENCE_KINDS };

export const KIND_LABELS: Record<EvidenceKind, string> = {
  reflective_log: "Critical reflective log",
  direct_observation: "Direct observation of practice",
  feedback_person: "Feedback from a person who uses services or a carer",
  feedback_professional: "Feedback from another professional",
  written_work: "Assessed written work",
  supervision_reflection: "Reflection on supervision",
  cpd: "Continuing professional development",
  lesson_reflection: "Reflection from a lesson",
  shared_session: "Shared multi-agency session",
};

/** The same, for more than one: "2 direct observations of practice". */
export const KIND_PLURALS: Record<EvidenceKind, string> = {
  reflective_log: "critical reflective logs",
  direct_observation: "direct observations of practice",
  feedback_person: "pieces of feedback from people who use services or carers",
  feedback_professional: "pieces of feedback from other professionals",
  written_work: "pieces of assessed written work",
  supervision_reflection: "reflections on supervision",
  cpd: "records of continuing professional development",
  lesson_reflection: "reflections from lessons",
  shared_session: "shared multi-agency sessions attended",
};

export const KIND_HINTS: Record<EvidenceKind, string> = {
  reflective_log: "What happened, what you thought and felt, what you learnt and what you will do differently.",
  direct_observation: "Recorded by the observer, with their judgement; the NQSW then adds a reflection.",
  feedback_person: "What a person you work with, or their carer, said about your practice, in their words if you can.",
  feedback_professional: "Feedback from a colleague in another team or agency: health, education, police, housing.",
  written_work: "A report, assessment or case record you wrote, with a short note on what it shows.",
  supervision_reflection: "What you took from a supervision session and how it changed your practice.",
  cpd: "Training, reading or learning you did, what you learnt and its impact on your practice.",
  lesson_reflection: "A reflection written in one of the programme's lessons.",
  shared_session: "Attendance at a shared session with police, health or education, from the facilitator's register.",
};

/** The label of the main text of each kind, as the form shows it and errors name it. */
export const BODY_LABELS: Record<EvidenceKind, string> = {
  reflective_log: "your reflection",
  direct_observation: "what you observed",
  feedback_person: "the feedback",
  feedback_professional: "the feedback",
  written_work: "what this piece of work shows",
  supervision_reflection: "your reflection",
  cpd: "what you did and what you learnt",
  lesson_reflection: "your reflection",
  shared_session: "the session",
};

/** The kind-specific fields of each kind, in the order the form shows them. */
export const KIND_DETAILS: Record<EvidenceKind, readonly DetailField[]> = {
  reflective_log: [],
  direct_observation: [
    {
      name: "setting",
      label: "What was observed",
      hint: "For example a home visit, a review meeting, a strategy discussion.",
    },
    { name: "judgement", label: "Observer's judgement", choices: "judgement" },
  ],
  feedback_person: [
    {
      name: "from",
      label: "Who gave the feedback",
      hint: "Their relationship to the work, not their name: for example 'a parent', 'a carer', 'a young person'.",
    },
  ],
  feedback_professional: [
    {
      name: "from",
      label: "Who gave the feedback",
      hint: "Their role and agency, for example 'health visitor, NHS trust'.",
    },
  ],
  written_work: [
    {
      name: "documentType",
      label: "Kind of document",
      hint: "For example a child and family assessment, a care act assessment, a court report.",
    },
  ],
  supervision_reflection: [],
  cpd: [{ name: "impact", label: "Impact on your practice", long: true }],
  lesson_reflection: [],
  shared_session: [
    { name: "partners", label: "Partner agencies there" },
    { name: "register", label: "Attendance register" },
  ],
};

export interface DetailField {
  name: string;
  label: string;
  hint?: string;
  long?: boolean;
  choices?: "judgement";
}

export const JUDGEMENTS = {
  meets: "Meets the expected level for this point in the year",
  developing: "Developing: not yet consistently at the expected level",
  concern: "Causes concern: the NQSW needs an action plan",
} as const;
export type Judgement = keyof typeof JUDGEMENTS;

/** Who writes each kind. The observer records a direct observation; the rest are the learner's own. */
export function authorsOf(kind: EvidenceKind): ("learner" | "supervisor")[] {
  switch (kind) {
    case "direct_observation":
      return ["supervisor"];
    case "feedback_person":
    case "feedback_professional":
    case "written_work":
      return ["learner", "supervisor"];
    case "lesson_reflection":
    case "shared_session":
      return [];
    default:
      return ["learner"];
  }
}

/** The kinds one person may add to a portfolio: the team manager and the programme lead read it only. */
export function kindsWrittenBy(party: YearViewer): EvidenceKind[] {
  return EVIDENCE_KINDS.filter((k) => (authorsOf(k) as string[]).includes(party));
}

export interface EvidenceContent {
  title: string;
  occurredOn: string;
  body: string;
  capabilities: string[];
  details: Record<string, string>;
  /** SHA-256 of each attached file, in order. */
  fileHashes: string[];
}

/** The hash a version is known by: the same content always gives the same hash. */
export function evidenceHash(content: EvidenceContent) {
  const details = Object.keys(content.details)
    .sort()
    .map((k) => [k, content.details[k]!.trim()]);
  return createHash("sha256")
    .update(
      JSON.stringify([
        content.title.trim(),
        content.occurredOn,
        content.body.trim(),
        [...content.capabilities].sort(),
        details,
        content.fileHashes,
      ]),
    )
    .digest("hex");
}

/**
 * How much evidence a framework needs, and from which dates evidence counts for it: `until` (the day
 * the framework was withdrawn; evidence dated before it) and `from` (the day it came into force).
 */
export interface CoverageRule {
  framework: string;
  minimum: number;
  from?: string;
  until?: string;
}

/** Where a year's pathway framework has been replaced (the child and family KSS from 1 April 2027). */
export function replacementFor(rules: AssessmentRules, pathway: string | null | undefined, endsOn?: string) {
  const replaced = rules.pathways?.find((p) => p.code === pathway)?.replaced;
  return replaced && endsOn && endsOn >= replaced.from ? replaced : null;
}

/**
 * The frameworks and minimums that apply to one learner: the programme's, plus their pathway's.
 * A year that ends (`endsOn`, ISO) after its pathway's framework was withdrawn is assessed against the
 * framework that replaced it, with evidence dated from then; the withdrawn one is still shown, for
 * the evidence dated before, and asks for nothing.
 */
export function coverageRules(
  rules: AssessmentRules,
  pathway: string | null | undefined,
  endsOn?: string,
): CoverageRule[] {
  const extra = rules.pathways?.find((p) => p.code === pathway)?.coverage ?? [];
  const replaced = replacementFor(rules, pathway, endsOn);
  if (!replaced) return [...rules.coverage, ...extra];
  return [
    ...rules.coverage,
    ...extra.map((c) => ({ ...c, minimum: 0, until: replaced.from })),
    ...replaced.coverage.map((c) => ({ ...c, from: replaced.from })),
  ];
}

/**
 * Why evidence dated `occurredOn` cannot be mapped to some of `chosen`: a withdrawn framework for
 * evidence after it was withdrawn, or one not yet in force before it was. Null when it can.
 */
export function mappingProblem(
  frameworks: Framework[],
  rules: CoverageRule[],
  occurredOn: string,
  chosen: string[],
): string | null {
  for (const rule of rules) {
    if (!rule.from && !rule.until) continue;
    const framework = frameworks.find((f) => f.id === rule.framework);
    if (!framework) continue;
    const owner = topLevelOf(framework);
    if (!chosen.some((c) => owner.has(c))) continue;
    if (rule.until && occurredOn >= rule.until)
      return `${framework.title} applies to evidence dated up to ${longDay(dayBefore(rule.until))}: map evidence from ${longDay(rule.until)} to the framework that replaced it`;
    if (rule.from && occurredOn < rule.from)
      return `${framework.title} applies to evidence dated from ${longDay(rule.from)}: map earlier evidence to the framework in force then`;
  }
  return null;
}

const longDay = (iso: string) => format(parseISO(iso), "d MMMM yyyy");
const dayBefore = (iso: string) => format(subDays(parseISO(iso), 1), "yyyy-MM-dd");

export interface EvidenceSummary {
  id: string;
  kind: EvidenceKind;
  title: string;
  occurredOn: string;
  capabilities: string[];
  /** For a direct observation: whether the learner has added their reflection. */
  awaitingReflection?: boolean;
  /** For a direct observation: recorded while acting as the assessor. */
  byAssessor?: boolean;
}

export interface KindLine {
  kind: EvidenceKind;
  label: string;
  required: number;
  /** Pieces there: for pieces due at review points, the points served. */
  have: number;
  /** Pieces still to come, those the assessor must record included. */
  missing: number;
  note?: string;
  /** Where the programme asks for some of them by the assessor (direct observations). */
  byAssessor?: { required: number; have: number; missing: number };
  /** Where each piece serves a review point (critical reflections): each point, and the piece serving it. */
  points?: { code: string; title: string; due: Date; servedBy: string | null }[];
}

/** What a year's review points look like to the meter: when each is due and when it was signed off. */
export interface ReviewPointSeen {
  code: string;
  title: string;
  due: Date;
  signedOn: Date | null;
}

export interface CapabilityRow {
  code: string;
  title: string;
  framework: string;
  required: number;
  /** Evidence counts only if dated before `until` (a withdrawn framework) or from `from` (its replacement). */
  from?: string;
  until?: string;
  /** Ids of the evidence mapped to this capability or to anything beneath it. */
  evidence: string[];
  met: boolean;
}

export interface Sufficiency {
  kinds: KindLine[];
  capabilities: CapabilityRow[];
  /** Required pieces (by kind) and capability minimums, as one count each: what the meter shows. */
  required: number;
  have: number;
  percent: number;
  gaps: { kinds: KindLine[]; capabilities: CapabilityRow[] };
}

function topLevelOf(framework: Framework) {
  const owner = new Map<string, FrameworkItem>();
  const walk = (top: FrameworkItem, items: FrameworkItem[] | undefined) => {
    for (const item of items ?? []) {
      owner.set(item.code, top);
      walk(top, item.items);
    }
  };
  for (const top of framework.items) {
    owner.set(top.code, top);
    walk(top, top.items);
  }
  return owner;
}

/**
 * What the programme requires, what is there and what is missing: by kind (three direct
 * observations…) and by capability (each PCF domain and KSS statement evidenced).
 */
export function sufficiency(
  rules: AssessmentRules,
  pathway: string | null | undefined,
  frameworks: Framework[],
  evidence: EvidenceSummary[],
  /**
   * The year's review points and today, so that pieces due at a review point count by the point they
   * serve, and the year's last day (ISO), for a pathway framework withdrawn before it.
   */
  year?: { reviews: ReviewPointSeen[]; today: Date; endsOn?: string },
): Sufficiency {
  const kinds: KindLine[] = rules.evidence.map((r) => {
    const ofKind = evidence.filter((e) => e.kind === r.kind);
    const points = r.at && year ? servedPoints(r.at, ofKind, year.reviews, year.today) : undefined;
    const have = points ? points.filter((p) => p.servedBy).length : ofKind.length;
    const line: KindLine = {
      kind: r.kind,
      label: KIND_LABELS[r.kind],
      required: r.count,
      have,
      missing: Math.max(0, r.count - have),
      note: r.note,
    };
    if (r.byAssessor) {
      // Three observations with none by the assessor are two that count and one still to come.
      const assessed = ofKind.filter((e) => e.byAssessor).length;
      line.byAssessor = { required: r.byAssessor, have: assessed, missing: Math.max(0, r.byAssessor - assessed) };
      line.missing = Math.max(line.missing, line.byAssessor.missing);
    }
    if (points) line.points = points;
    return line;
  });
  const capabilities: CapabilityRow[] = [];
  for (const rule of coverageRules(rules, pathway, year?.endsOn)) {
    const framework = frameworks.find((f) => f.id === rule.framework);
    if (!framework) continue;
    const owner = topLevelOf(framework);
    const mapped = new Map<string, Set<string>>(framework.items.map((i) => [i.code, new Set()]));
    const dated = (e: EvidenceSummary) =>
      (!rule.from || e.occurredOn >= rule.from) && (!rule.until || e.occurredOn < rule.until);
    for (const e of evidence.filter(dated))
      for (const code of e.capabilities) {
        const top = owner.get(code);
        if (top) mapped.get(top.code)!.add(e.id);
      }
    for (const item of framework.items) {
      const ids = [...mapped.get(item.code)!];
      capabilities.push({
        code: item.code,
        title: item.title,
        framework: framework.id,
        required: rule.minimum,
        ...(rule.from ? { from: rule.from } : {}),
        ...(rule.until ? { until: rule.until } : {}),
        evidence: ids,
        met: ids.length >= rule.minimum,
      });
    }
  }
  const required = kinds.reduce((n, k) => n + k.required, 0) + capabilities.reduce((n, c) => n + c.required, 0);
  const have =
    kinds.reduce((n, k) => n + k.required - k.missing, 0) +
    capabilities.reduce((n, c) => n + Math.min(c.evidence.length, c.required), 0);
  return {
    kinds,
    capabilities,
    required,
    have,
    percent: required ? Math.floor((have / required) * 100) : 100,
    gaps: {
      kinds: kinds.filter((k) => k.missing > 0),
      capabilities: capabilities.filter((c) => !c.met),
    },
  };
}

/**
 * Which review point each piece serves (critical reflections: the summary with the 6-month review,
 * the final one on the final date). A piece serves the point whose window its date falls in: up to
 * and including the point's due date, or, while that review is still open after its due date, up to
 * today (a summary written late for an overdue 6-month review still serves it); once the review is
 * signed off, up to the day it was. The last point takes everything after. A second piece in the
 * same window serves no other point: two summaries written by month 6 are not a final reflection.
 */
export function servedPoints(
  codes: string[],
  pieces: { id: string; occurredOn: string }[],
  reviews: ReviewPointSeen[],
  today: Date,
): NonNullable<KindLine["points"]> {
  const day = (d: Date) => format(d, "yyyy-MM-dd");
  const points = codes.flatMap((code) => reviews.filter((r) => r.code === code));
  const closes = points.map((p, i) =>
    i === points.length - 1 ? "9999-12-31" : day(p.signedOn ?? (p.due > today ? p.due : today)),
  );
  const servedBy: (string | null)[] = points.map(() => null);
  for (const piece of [...pieces].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn))) {
    const i = closes.findIndex((c) => piece.occurredOn <= c);
    if (i >= 0 && !servedBy[i]) servedBy[i] = piece.id;
  }
  return points.map((p, i) => ({ code: p.code, title: p.title, due: p.due, servedBy: servedBy[i]! }));
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What is still missing of one kind, in words: "1 observation by the assessor". Empty when nothing is. */
export function missingInWords(k: KindLine): string[] {
  const words: string[] = [];
  if (k.points) {
    for (const p of k.points)
      if (!p.servedBy) words.push(`a critical reflection for the ${p.title.toLowerCase()} (due ${format(p.due, "d MMM yyyy")})`);
    return words;
  }
  const assessor = k.byAssessor?.missing ?? 0;
  const more = Math.max(0, k.required - k.have);
  const what = `${more} ${plural(more, k.label.toLowerCase(), KIND_PLURALS[k.kind])}`;
  if (more > 0) words.push(assessor > 0 ? `${what}, at least ${assessor} by the assessor` : what);
  else if (assessor > 0) words.push(`${assessor} ${plural(assessor, "observation", "observations")} by the assessor`);
  return words;
}

/** Capability codes a learner may map evidence to: every code in the programme's frameworks. */
export function mappableCodes(frameworks: Framework[], ids: string[]) {
  const codes = new Set<string>();
  const walk = (items: FrameworkItem[] | undefined) => {
    for (const i of items ?? []) {
      codes.add(i.code);
      walk(i.items);
    }
  };
  for (const f of frameworks) if (ids.includes(f.id)) walk(f.items);
  return codes;
}

/** The frameworks a learner maps to: those the coverage rules name, in that order. */
export function frameworksFor(rules: AssessmentRules, pathway: string | null | undefined, endsOn?: string) {
  return [...new Set(coverageRules(rules, pathway, endsOn).map((c) => c.framework))];
}

/** What one person may change of an item: all of it, only the learner's reflection (a direct observation), or nothing. */
export function editablePart(
  item: { kind: EvidenceKind; createdById: string },
  party: YearViewer,
  userId: string,
): "all" | "reflection" | null {
  if (party === "programme_lead" || party === "team_manager") return null;
  // The register is the record of attendance: its evidence changes only when the register does (ADR 026).
  if (item.kind === "shared_session") return null;
  if (item.kind === "direct_observation") {
    if (party === "learner") return "reflection";
    return item.createdById === userId ? "all" : null;
  }
  return item.createdById === userId ? "all" : null;
}

/** The frameworks a learner maps to, as framework records in coverage order (the PCF before the KSS). */
export function frameworksOf<F extends { id: string }>(
  all: F[],
  rules: AssessmentRules,
  pathway: string | null | undefined,
  endsOn?: string,
) {
  return frameworksFor(rules, pathway, endsOn).flatMap((id) => all.filter((f) => f.id === id));
}

/** How many direct observations should be recorded by now, at an even pace through the year, and are not. */
export function observationsBehind(required: number, have: number, shareOfYearGone: number) {
  const expected = Math.floor(required * Math.min(1, Math.max(0, shareOfYearGone)));
  return Math.max(0, expected - have);
}

/** Direct observations the programme asks the assessor to record and nobody has yet: zero when met. */
export function assessorObservationsMissing(
  rules: Pick<AssessmentRules, "evidence">,
  evidence: Pick<EvidenceSummary, "kind" | "byAssessor">[],
) {
  return rules.evidence.reduce((n, r) => {
    if (!r.byAssessor) return n;
    const recorded = evidence.filter((e) => e.kind === r.kind && e.byAssessor).length;
    return n + Math.max(0, r.byAssessor - recorded);
  }, 0);
}

/**
 * A version's kind-specific fields as a reader sees them, in the form's order: each field's label,
 * and an observer's judgement in words.
 */
export function shownDetails(kind: EvidenceKind, details: Record<string, string>): { label: string; value: string }[] {
  return (KIND_DETAILS[kind] ?? [])
    .filter((f) => details[f.name])
    .map((f) => ({
      label: f.label,
      value: f.choices === "judgement" ? (JUDGEMENTS[details[f.name] as Judgement] ?? details[f.name]!) : details[f.name]!,
    }));
}
