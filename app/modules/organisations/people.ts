import { differenceInCalendarDays, format, parseISO } from "date-fns";
import { firstYearPosition } from "../first-year/position";
import { englandToday } from "~/utils/england";

export const STAGE_LABELS = {
  nqsw: "Newly qualified (assessed first year)",
  early_career: "Early career",
  experienced: "Experienced practitioner",
  masters: "Masters student",
  returner: "Returning to practice",
  step_up: "Step Up trainee",
} as const;

export function formatDate(value: string | Date) {
  return format(typeof value === "string" ? parseISO(value) : value, "d MMMM yyyy");
}

/** A one-line description of where a learner is, e.g. "Month 4 of 12 (started 3 August 2026)". */
export function describeProgress(stage: keyof typeof STAGE_LABELS | null, startedOn: string | null, today = englandToday()) {
  if (!startedOn) return stage ? STAGE_LABELS[stage] : "";
  if (differenceInCalendarDays(parseISO(startedOn), today) > 0 && stage !== "nqsw")
    return `${stage ? STAGE_LABELS[stage] : "Starts"} from ${formatDate(startedOn)}`;
  if (stage === "nqsw") {
    const p = firstYearPosition(startedOn, today);
    if (!p.started) return `First year starts ${formatDate(startedOn)}`;
    if (p.complete) return `First year period ended ${formatDate(p.endsOn)}`;
    return `Month ${p.month} of ${p.lengthInMonths} (started ${formatDate(startedOn)})`;
  }
  return stage ? `${STAGE_LABELS[stage]} since ${formatDate(startedOn)}` : `Started on ${formatDate(startedOn)}`;
}

/**
 * How many learners and staff an organisation has, from its people (listPeople): each person once
 * in each group, however many staff roles they hold, as the People page and the admin pages show.
 */
export function headcount(people: readonly { userId: string; role: string }[]) {
  const learners = new Set(people.filter((p) => p.role === "learner").map((p) => p.userId));
  // A partner from police, health or education comes to shared sessions: not the organisation's staff (ADR 026).
  const staff = new Set(people.filter((p) => p.role !== "learner" && p.role !== "partner").map((p) => p.userId));
  const partners = new Set(people.filter((p) => p.role === "partner").map((p) => p.userId));
  return { learners: learners.size, staff: staff.size, partners: partners.size };
}
