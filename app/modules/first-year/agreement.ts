/** Learning agreement rules: pure, so they test without a database. */
import { createHash } from "node:crypto";
import { differenceInCalendarDays } from "date-fns";

export const AGREEMENT_FIELDS = ["goals", "support", "protectedTime", "caseload"] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];
export type AgreementContent = Record<AgreementField, string>;

/** Who signs a learning agreement: the NQSW, their supervisor (or assessor) and their team manager (ADR 018). */
export const PARTIES = ["learner", "supervisor", "team_manager"] as const;
export type Party = (typeof PARTIES)[number];
/**
 * A party a signature on record may name. The programme lead signed until the team manager did:
 * those signatures stay on record against their version and no longer count.
 */
export type RecordedParty = Party | "programme_lead";

export const PARTY_LABELS: Record<RecordedParty, string> = {
  learner: "Newly qualified social worker",
  supervisor: "Practice supervisor or assessor",
  team_manager: "Team manager",
  programme_lead: "Programme lead (before team managers signed)",
};

/** What the agreement says in a party's place while the year has no team manager named. */
export const NO_TEAM_MANAGER = "No team manager named yet — the programme lead names one on the year's settings";

export function agreementHash(content: AgreementContent) {
  return createHash("sha256")
    .update(JSON.stringify(AGREEMENT_FIELDS.map((f) => content[f].trim())))
    .digest("hex");
}

export interface SignatureLike {
  party: RecordedParty;
  version: number;
  contentHash: string;
  signedAt: Date;
  signerName?: string | null;
}

export interface AgreementStatus {
  /** The signature for the current text, by party. */
  current: Partial<Record<Party, SignatureLike>>;
  /** Parties who signed an earlier version and must sign again. */
  stale: Party[];
  complete: boolean;
  overdue: boolean;
  missing: Party[];
}

/**
 * Who has signed this exact text, who signed only an earlier version, and whether it is late. Only
 * the three parties count: a programme lead's signature from before team managers signed does not.
 */
export function agreementStatus(
  agreement: { version: number; contentHash: string } | null,
  signatures: SignatureLike[],
  due: Date,
  today: Date,
): AgreementStatus {
  const current: Partial<Record<Party, SignatureLike>> = {};
  const stale = new Set<Party>();
  const isParty = (p: RecordedParty): p is Party => (PARTIES as readonly string[]).includes(p);
  for (const s of signatures) {
    if (!isParty(s.party)) continue;
    if (agreement && s.version === agreement.version && s.contentHash === agreement.contentHash) current[s.party] = s;
    else stale.add(s.party);
  }
  const missing: Party[] = PARTIES.filter((p) => !current[p]);
  for (const p of PARTIES) if (current[p]) stale.delete(p);
  const complete = missing.length === 0;
  return {
    current,
    stale: [...stale],
    complete,
    missing,
    overdue: !complete && differenceInCalendarDays(due, today) < 0,
  };
}
