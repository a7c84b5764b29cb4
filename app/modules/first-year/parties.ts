/**
 * Who someone is to one learner's assessed year, and what they sign in it. Pure: the year's gate
 * (access.server.ts) asks it on every page of the year, and the rules are tested at their edges
 * without a database (ADR 018).
 *
 * - the learner: their own year; signs as the NQSW;
 * - their practice supervisor (acting as supervisor or assessor, the year's supervisor): signs the
 *   agreement and decides reviews;
 * - the year's team manager (acting as team manager in the year's organisation): reads the year,
 *   signs the agreement and countersigns reviews and the final recommendation;
 * - the organisation's programme lead: reads every year and keeps cohorts, panels and changes to
 *   the year, and signs nothing in it, unless they are also that year's team manager (they hold an
 *   active team manager membership there and the year names them): then they sign as team manager.
 *
 * Anyone else is no one to the year: its pages answer 404.
 */
import type { Party } from "./agreement";

/** How someone sees a year: as one of the parties, or as the programme lead. */
export type YearViewer = Party | "programme_lead";

export interface YearPeople {
  userId: string;
  organisationId: string | null;
  supervisorId: string | null;
  teamManagerId: string | null;
}

export interface Someone {
  userId: string;
  /** The organisation and role they are acting in now. */
  active: { organisationId: string; role: string } | null;
  /** Every active membership they hold. */
  memberships: readonly { organisationId: string; role: string }[];
}

export interface YearStanding {
  viewer: YearViewer;
  /** The party they sign the agreement as, and take review steps as; null: they read only. */
  signsAs: Party | null;
}

/** True when the person is the team manager the year names and holds that role in its organisation. */
export function isYearsTeamManager(year: YearPeople, person: Someone) {
  return (
    !!year.teamManagerId &&
    year.teamManagerId === person.userId &&
    person.memberships.some((m) => m.role === "team_manager" && m.organisationId === year.organisationId)
  );
}

export function yearStanding(year: YearPeople, person: Someone): YearStanding | null {
  if (year.userId === person.userId) return { viewer: "learner", signsAs: "learner" };
  const active = person.active;
  if (!active || !year.organisationId || active.organisationId !== year.organisationId) return null;
  switch (active.role) {
    case "supervisor":
    case "assessor":
      return year.supervisorId === person.userId ? { viewer: "supervisor", signsAs: "supervisor" } : null;
    case "team_manager":
      return isYearsTeamManager(year, person) ? { viewer: "team_manager", signsAs: "team_manager" } : null;
    case "programme_lead":
      return { viewer: "programme_lead", signsAs: isYearsTeamManager(year, person) ? "team_manager" : null };
    default:
      return null;
  }
}
