/**
 * The career record's rules, pure: what kind of step on the path each programme is, the status a
 * record shows, and where a person stands on the path from newly qualified to lead, decided only
 * from what their records say (an award issued, a programme joined), never from what they typed.
 */

/** The kinds of programme a career is made of, in the order a career usually runs. */
export const CAREER_KINDS = ["pre_qualifying", "first_year", "returner", "masters", "advanced", "cp_lead", "other"] as const;
export type CareerKind = (typeof CAREER_KINDS)[number];

export const CAREER_KIND_LABELS: Record<CareerKind, string> = {
  pre_qualifying: "Qualifying training",
  first_year: "Assessed first years in practice",
  returner: "Return to practice",
  masters: "Postgraduate study",
  advanced: "Advanced practice",
  cp_lead: "Child protection leadership",
  other: "Other programmes",
};

/** The kind of step a programme is, from its content's kind and slug. */
export function careerKindOf(programme: { slug: string; kind: string }): CareerKind {
  if (programme.kind === "assessed") return "first_year";
  if (programme.kind === "masters") return "masters";
  if (programme.kind === "returner") return "returner";
  if (programme.kind === "pre_qualifying") return "pre_qualifying";
  if (programme.slug === "advanced-practitioner") return "advanced";
  if (programme.slug === "cp-lead-practitioner") return "cp_lead";
  return "other";
}

/** The stages of the path, in order. */
export const PATH_STAGES = [
  { id: "newly_qualified", label: "Newly qualified", means: "qualified and in (or returning to) practice" },
  { id: "experienced", label: "Experienced", means: "the assessed first year passed and certified" },
  { id: "advanced", label: "Advanced", means: "an advanced practitioner award" },
  { id: "lead", label: "Lead", means: "a Child Protection Lead Practitioner award" },
] as const;
export type PathStageId = (typeof PATH_STAGES)[number]["id"];

/** The stage an award on a programme of this kind reaches; null when it reaches none (a Masters is academic, not a step). */
export function stageAwardReaches(kind: CareerKind): PathStageId | null {
  switch (kind) {
    case "first_year":
      return "experienced";
    case "advanced":
      return "advanced";
    case "cp_lead":
      return "lead";
    default:
      return null;
  }
}

/** A verified award: issued on the platform, with the code that checks it where it has one. */
export interface CareerAward {
  title: string;
  /** The organisation that awarded it. */
  by: string;
  code: string | null;
  /** yyyy-mm-dd */
  on: string | null;
  /** Where the person downloads it, when they may. */
  href: string | null;
  /** Whether it reaches a stage of the path (a first-year certificate does; a Masters award does not). */
  reachesStage: boolean;
}

export type CareerStatus = "upcoming" | "active" | "completed" | "withdrawn" | "refunded";

export const CAREER_STATUS_LABELS: Record<CareerStatus, string> = {
  upcoming: "Not started yet",
  active: "In progress",
  completed: "Completed",
  withdrawn: "Withdrawn",
  refunded: "Ended by a refund",
};

/**
 * The status a record shows: an award that reaches a stage completes it, whatever the enrolment row
 * says (a first year stays open on the platform after its certificate); a start still to come is
 * upcoming.
 */
export function careerStatus(
  enrolment: { status: "active" | "completed" | "withdrawn" | "refunded"; startedOn: string },
  awards: readonly Pick<CareerAward, "reachesStage">[],
  today: string,
): CareerStatus {
  if (awards.some((a) => a.reachesStage)) return "completed";
  if (enrolment.status !== "active") return enrolment.status;
  return enrolment.startedOn > today ? "upcoming" : "active";
}

/** What the path needs to know of each programme on the record. */
export interface PathInput {
  kind: CareerKind;
  status: CareerStatus;
  title: string;
  organisationName: string | null;
  startedOn: string;
  awards: readonly Pick<CareerAward, "title" | "by" | "on" | "reachesStage">[];
}

export interface PathStage {
  id: PathStageId;
  label: string;
  means: string;
  achieved: boolean;
  /** What shows it was reached (the award, or the programme joined), in words; null when not reached. */
  because: string | null;
  /** The person is on a programme leading to it now. */
  workingTowards: string | null;
}

export interface PathStanding {
  stages: PathStage[];
  /** The furthest stage reached, or null when the record holds nothing yet. */
  reached: PathStage | null;
  /** The whole path in one sentence: the text equivalent of the drawing. */
  summary: string;
}

const after = (title: string, by: string | null, on: string | null) =>
  `${title}${by ? `, ${by}` : ""}${on ? `, ${on}` : ""}`;

/**
 * Where a person stands: each stage reached or not, on its own evidence. Stages need not be reached
 * in order (a child protection lead need not be an advanced practitioner first); the furthest one
 * reached is where they stand. Newly qualified is reached by joining any post-qualifying programme
 * (only a qualified social worker is enrolled on one) or completing qualifying training.
 */
export function pathStanding(entries: readonly PathInput[], formatDay: (iso: string) => string = (d) => d): PathStanding {
  const stages = PATH_STAGES.map((stage): PathStage => {
    let because: string | null = null;
    let workingTowards: string | null = null;
    if (stage.id === "newly_qualified") {
      const qualified = entries
        .filter((e) => (e.kind === "pre_qualifying" ? e.status === "completed" : e.status !== "upcoming"))
        .sort((a, b) => a.startedOn.localeCompare(b.startedOn))[0];
      if (qualified)
        because =
          qualified.kind === "pre_qualifying"
            ? `Qualified: ${after(qualified.title, qualified.organisationName, null)}`
            : `Joined ${after(qualified.title, qualified.organisationName, formatDay(qualified.startedOn))}`;
      const upcoming = entries.find((e) => e.status === "upcoming" || (e.kind === "pre_qualifying" && e.status === "active"));
      if (!because && upcoming) workingTowards = upcoming.title;
    } else {
      for (const entry of entries) {
        if (stageAwardReaches(entry.kind) !== stage.id) continue;
        const award = entry.awards.find((a) => a.reachesStage);
        if (award && !because) because = after(award.title, award.by, award.on ? formatDay(award.on) : null);
        else if (!award && (entry.status === "active" || entry.status === "upcoming") && !workingTowards)
          workingTowards = entry.title;
      }
    }
    return { ...stage, achieved: !!because, because, workingTowards: because ? null : workingTowards };
  });
  const reached = [...stages].reverse().find((s) => s.achieved) ?? null;
  const towards = stages.filter((s) => s.workingTowards);
  const summary = !reached
    ? towards.length
      ? `No stage of the path is reached yet; working towards ${towards.map((s) => s.label.toLowerCase()).join(" and ")}.`
      : "No stage of the path is recorded yet."
    : `Reached ${stages
        .filter((s) => s.achieved)
        .map((s) => s.label.toLowerCase())
        .join(", ")} (${stages.filter((s) => s.achieved).length} of ${stages.length} stages)${
        towards.length ? `; working towards ${towards.map((s) => s.label.toLowerCase()).join(" and ")}` : ""
      }.`;
  return { stages, reached, summary };
}

/** One programme on the record, as the page and the PDF show it. */
export interface CareerEntry {
  id: string;
  kind: CareerKind;
  title: string;
  organisationName: string | null;
  status: CareerStatus;
  startedOn: string;
  facts: { label: string; value: string }[];
  awards: CareerAward[];
  links: { href: string; label: string }[];
}

export interface CpdLine {
  id: string;
  recordedOn: string;
  activity: string;
  standards: string[];
  peerReviewed: boolean;
}

export interface CareerRecord {
  personName: string;
  entries: CareerEntry[];
  path: PathStanding;
  /** Every award the records hold: what a PDF of the record lists, and its code verifies. */
  awards: (CareerAward & { programme: string })[];
  cpd: CpdLine[];
}


