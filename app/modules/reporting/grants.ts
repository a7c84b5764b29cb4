/**
 * Grant claims an employer can make for its NQSWs, from the programme's configuration
 * (for the ASYE: DfE's child and family grant, half on registering the NQSW and half on
 * completion). Pure.
 */
import { format } from "date-fns";
import type { AssessmentRules } from "~/modules/programmes/content-schema";

export type ClaimState = "claimable" | "expected";

export interface GrantClaim {
  code: string;
  title: string;
  pounds: number;
  state: ClaimState;
  /** When it became claimable, or when it is expected to. */
  on: string;
}

/** The DfE grant is for child and family NQSWs: a learner on another pathway has no claims. */
export function grantClaims(
  rules: AssessmentRules,
  year: { pathway: string | null; startedOn: Date; expectedEnd: Date; completedOn: Date | null },
): GrantClaim[] {
  const grants = rules.grants ?? [];
  if (!grants.length || (rules.pathways?.length && year.pathway !== "child-family")) return [];
  return grants.map((g) => {
    const claimable = g.when === "registration" || year.completedOn !== null;
    const on = g.when === "registration" ? year.startedOn : (year.completedOn ?? year.expectedEnd);
    return {
      code: g.code,
      title: g.title,
      pounds: g.pounds,
      state: claimable ? "claimable" : "expected",
      on: format(on, "d MMM yyyy"),
    };
  });
}
