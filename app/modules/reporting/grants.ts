/**
 * Grant claims an employer can make for its NQSWs, from the programme's configuration: each
 * pathway its own funder's lines (for the ASYE: DfE's child and family grant, Skills for Care's
 * adults' funding), half on registering the NQSW and half on completion. Each claim names the
 * financial year (1 April to 31 March) of the date it falls in. Pure.
 */
import { format } from "date-fns";
import type { AssessmentRules } from "~/modules/programmes/content-schema";

export type ClaimState = "claimable" | "expected";

export interface GrantClaim {
  code: string;
  /** The grant's title with the financial year of its date, e.g. "… completion of the ASYE (2026-27)". */
  title: string;
  funder: string;
  pounds: number;
  state: ClaimState;
  /** When it became claimable, or when it is expected to. */
  on: string;
  /** The financial year (1 April to 31 March) the date falls in, e.g. "2026-27". */
  financialYear: string;
}

/** The UK financial year a date falls in: 1 April to 31 March, written "2026-27". */
export function financialYear(date: Date) {
  const start = date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * The claims for one learner's year: the lines of their pathway (a programme without pathways has
 * lines for everyone; a learner with no pathway yet has none). The registration half is claimable
 * from the start; the completion half once the year is completed (passed after moderation), and
 * until then expected at the year's end.
 */
export function grantClaims(
  rules: AssessmentRules,
  year: { pathway: string | null; startedOn: Date; expectedEnd: Date; completedOn: Date | null },
): GrantClaim[] {
  const grants = (rules.grants ?? []).filter((g) =>
    rules.pathways?.length ? year.pathway !== null && g.pathway === year.pathway : true,
  );
  return grants.map((g) => {
    const claimable = g.when === "registration" || year.completedOn !== null;
    const on = g.when === "registration" ? year.startedOn : (year.completedOn ?? year.expectedEnd);
    const fy = financialYear(on);
    return {
      code: g.code,
      title: `${g.title} (${fy})`,
      funder: g.funder,
      pounds: g.pounds,
      state: claimable ? "claimable" : "expected",
      on: format(on, "d MMM yyyy"),
      financialYear: fy,
    };
  });
}
