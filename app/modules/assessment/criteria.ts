/**
 * Assessment against criteria (the advanced practitioner and Child Protection Lead Practitioner
 * programmes, ADR 024): which criteria a programme has, when a portfolio may be submitted, who may
 * assess it, which outcomes may be recorded, and where a candidate stands. Pure, so each rule is
 * tested at its edges without a database.
 */
import { format, parseISO } from "date-fns";
import type { Framework, Programme } from "~/modules/programmes/content-schema";

export interface Criterion {
  code: string;
  criterion: string;
  evidence?: string;
  /** The module that declares it, for grouping on the page. */
  moduleTitle: string;
}

type CriteriaSource = Pick<Programme, "modules">;

/** Every criterion of the programme, module by module, in order. */
export function criteriaOf(programme: CriteriaSource): Criterion[] {
  return [...programme.modules]
    .sort((a, b) => a.order - b.order)
    .flatMap((m) => (m.assessmentCriteria ?? []).map((c) => ({ ...c, moduleTitle: m.title })));
}

/** A programme assessed against criteria by an independent assessor (not the assessed first year). */
export function isAssessedAgainstCriteria(programme: CriteriaSource & { assessment?: unknown }) {
  return !programme.assessment && criteriaOf(programme).length > 0;
}

/**
 * The criteria as a framework, so that evidence is mapped to them as to any capability: an evidence
 * version's `capabilities` holds criterion codes. Anything else that produces evidence (attendance
 * at a shared session, later) supplies a criterion code the same way.
 */
export function criteriaFramework(programme: CriteriaSource & { title: string }): Framework {
  return {
    id: "CRITERIA",
    title: `${programme.title}: assessment criteria`,
    items: criteriaOf(programme).map((c) => ({ code: c.code, title: c.criterion })),
  };
}

/**
 * The frameworks a certificate names, with how the programme uses each: "Professional Capabilities
 * Framework (advanced level); … (child and family social workers only)".
 */
export function certificateFrameworks(
  programme: Pick<Programme, "frameworks" | "frameworkUse">,
  frameworks: Pick<Framework, "id" | "title">[],
) {
  return programme.frameworks
    .map((id) => {
      const title = frameworks.find((f) => f.id === id)?.title ?? id;
      const use = programme.frameworkUse?.[id];
      return `${title}${use?.level ? ` (${use.level} level)` : ""}${use?.only ? ` (${use.only} only)` : ""}`;
    })
    .join("; ");
}

/** "APC-1.1", "APC-1.1 and APC-2.3", "APC-1.1, APC-1.2 and APC-2.3". */
export function listCodes(codes: string[]) {
  if (codes.length <= 1) return codes.join("");
  return `${codes.slice(0, -1).join(", ")} and ${codes.at(-1)}`;
}

/** The criteria with no evidence mapped to them yet. */
export function criteriaWithoutEvidence(criteria: Pick<Criterion, "code">[], evidence: { capabilities: string[] }[]) {
  const mapped = new Set(evidence.flatMap((e) => e.capabilities));
  return criteria.filter((c) => !mapped.has(c.code)).map((c) => c.code);
}

/** The criteria with no summary statement yet (or one of blank text). */
export function criteriaWithoutStatement(criteria: Pick<Criterion, "code">[], statements: Map<string, string>) {
  return criteria.filter((c) => !statements.get(c.code)?.trim()).map((c) => c.code);
}

/**
 * Why the portfolio cannot be submitted now, in the candidate's words, or null when it can: every
 * criterion needs evidence and a summary statement, and nothing may be with the line manager or the
 * assessor already.
 */
export function submitProblem(input: {
  criteria: Pick<Criterion, "code">[];
  evidence: { capabilities: string[] }[];
  statements: Map<string, string>;
  stage: CandidateStage;
}): string | null {
  if (input.stage === "achieved") return "Your portfolio has been assessed as achieved: there is nothing more to submit.";
  if (input.stage === "referred")
    return "Your portfolio was referred to the programme lead: they agree with you what happens next before anything is submitted again.";
  if (input.stage === "awaiting_manager" || input.stage === "awaiting_assessor" || input.stage === "with_assessor")
    return "Your portfolio is already submitted: wait for the outcome before submitting again.";
  const empty = criteriaWithoutEvidence(input.criteria, input.evidence);
  if (empty.length)
    return `Add evidence to ${listCodes(empty)} before you submit: every criterion needs at least one piece of evidence.`;
  const unstated = criteriaWithoutStatement(input.criteria, input.statements);
  if (unstated.length) return `Write the summary statement for ${listCodes(unstated)} before you submit.`;
  return null;
}

/** What the conflict rules need to know about the candidate and the person proposed as their assessor. */
export interface ConflictCheck {
  candidate: { userId: string; team: string | null; supervisorIds: (string | null)[]; lineManagerId: string | null };
  assessor: { userId: string; name: string; team: string | null; role: string | null };
}

const sameTeam = (a: string | null, b: string | null) =>
  !!a?.trim() && !!b?.trim() && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Why this person cannot be the candidate's independent assessor, or null when they can. An
 * independent assessor is someone outside the candidate's own team: not the candidate, not their
 * supervisor or line manager, not anyone in the same team, and someone who holds the role.
 */
export function conflictProblem({ candidate, assessor }: ConflictCheck): string | null {
  if (assessor.userId === candidate.userId) return "A candidate cannot be their own assessor.";
  if (candidate.supervisorIds.includes(assessor.userId))
    return `${assessor.name} is the candidate's supervisor, so is not independent: choose an assessor from outside the candidate's own team.`;
  if (candidate.lineManagerId === assessor.userId)
    return `${assessor.name} is the candidate's line manager, so is not independent: choose an assessor from outside the candidate's own team.`;
  if (sameTeam(candidate.team, assessor.team))
    return `${assessor.name} is in the candidate's own team (${assessor.team!.trim()}), so is not independent: choose an assessor from outside it.`;
  if (assessor.role !== "independent_assessor") return `${assessor.name} is not one of the organisation's independent assessors.`;
  return null;
}

export const OUTCOMES = {
  achieved: "Achieved",
  not_yet_achieved: "Not yet achieved",
  referred: "Referred",
} as const;
export type Outcome = keyof typeof OUTCOMES;

export interface OutcomeInput {
  outcome: Outcome;
  criteria: Pick<Criterion, "code">[];
  decisions: { code: string; met: boolean }[];
  developmentPlan: string;
  /** ISO day, for not yet achieved. */
  resubmitBy: string | null;
  /** Today in England, ISO. */
  today: string;
}

/**
 * Why this overall outcome cannot be recorded, or null. Each criterion must be judged first.
 * Achieved: every criterion met. Not yet achieved: at least one not yet met, a development plan and a
 * resubmission date after today. Referred: the reasons (in the plan's field).
 */
export function outcomeProblem(input: OutcomeInput): { field: string; message: string } | null {
  const decided = new Map(input.decisions.map((d) => [d.code, d.met]));
  const undecided = input.criteria.filter((c) => !decided.has(c.code)).map((c) => c.code);
  if (undecided.length)
    return { field: "outcome", message: `Record met or not yet met for ${listCodes(undecided)} before the overall outcome.` };
  const notMet = input.criteria.filter((c) => decided.get(c.code) === false).map((c) => c.code);
  switch (input.outcome) {
    case "achieved":
      return notMet.length
        ? { field: "outcome", message: `Achieved needs every criterion met: ${listCodes(notMet)} ${notMet.length === 1 ? "is" : "are"} not yet met.` }
        : null;
    case "not_yet_achieved":
      if (!notMet.length)
        return { field: "outcome", message: "Every criterion is met: record achieved, or record a criterion as not yet met first." };
      if (!input.developmentPlan.trim())
        return { field: "developmentPlan", message: "Enter the development plan: what the candidate should do before resubmitting." };
      if (!input.resubmitBy) return { field: "resubmitBy", message: "Enter the date the candidate should resubmit by." };
      if (input.resubmitBy <= input.today)
        return { field: "resubmitBy", message: "The resubmission date must be after today." };
      return null;
    case "referred":
      return input.developmentPlan.trim()
        ? null
        : { field: "developmentPlan", message: "Enter why the portfolio is referred to the programme lead." };
  }
}

export type CandidateStage =
  | "building"
  | "awaiting_manager"
  | "awaiting_assessor"
  | "with_assessor"
  | "not_yet_achieved"
  | "referred"
  | "achieved";

export interface CandidateFacts {
  latest: { number: number; confirmed: boolean; outcome: Outcome | null; resubmitBy: string | null } | null;
  /** The appointed assessor, and whether they have accepted (declared no conflict). */
  assessor: { name: string; accepted: boolean } | null;
}

/** Where the candidate's assessment stands, from the latest submission and its records. */
export function candidateStage({ latest }: CandidateFacts): CandidateStage {
  if (!latest) return "building";
  if (latest.outcome) return latest.outcome;
  if (!latest.confirmed) return "awaiting_manager";
  return "with_assessor";
}

/**
 * The one next step, as the candidate's start page and assessment page say it. A portfolio with the
 * assessor before one has accepted reads as waiting for an assessor.
 */
export function nextStep(
  facts: CandidateFacts & {
    emptyCriteria: string[];
    unstated: string[];
    lineManagerName: string | null;
  },
): { stage: CandidateStage; text: string } {
  const stage = candidateStage(facts);
  switch (stage) {
    case "building":
    case "not_yet_achieved": {
      const again = stage === "not_yet_achieved";
      const by = facts.latest?.resubmitBy ? format(parseISO(facts.latest.resubmitBy), "d MMMM yyyy") : null;
      const prefix = again ? `Not yet achieved: revise and resubmit${by ? ` by ${by}` : ""}. ` : "";
      if (facts.emptyCriteria.length) return { stage, text: `${prefix}Add evidence to ${listCodes(facts.emptyCriteria)}.` };
      if (facts.unstated.length) return { stage, text: `${prefix}Write the summary statement for ${listCodes(facts.unstated)}.` };
      return { stage, text: `${prefix}Every criterion has evidence and a statement: submit your portfolio for assessment.` };
    }
    case "awaiting_manager":
      return {
        stage,
        text: facts.lineManagerName
          ? `Submitted: waiting for ${facts.lineManagerName}, your line manager, to confirm your practice claims.`
          : "Submitted: your programme lead has still to name your line manager, who confirms your practice claims.",
      };
    case "with_assessor":
      if (!facts.assessor) return { stage: "awaiting_assessor", text: "Confirmed by your line manager: waiting for the programme lead to appoint an independent assessor." };
      if (!facts.assessor.accepted)
        return { stage: "awaiting_assessor", text: `Confirmed by your line manager: waiting for ${facts.assessor.name} to accept as your independent assessor.` };
      return { stage, text: `With your independent assessor, ${facts.assessor.name}.` };
    case "referred":
      return { stage, text: "Referred to the programme lead, who will agree with you what happens next." };
    case "achieved":
      return { stage, text: "Achieved: download your certificate." };
    default:
      return { stage, text: "" };
  }
}

/** The words the assessor declares on accepting, kept with their acceptance. */
export const CONFLICT_DECLARATION =
  "I am not in the candidate's team, I do not supervise or manage them and have not done so, and I have no personal, professional or financial connection with them that could affect, or be seen to affect, my judgement. I will tell the programme lead at once if that changes.";

/** The words the line manager signs when confirming the practice claims. */
export const CONFIRMATION_DECLARATION =
  "I am the candidate's line manager. The practice described in this portfolio is the candidate's own work, and it happened as the candidate describes it.";
