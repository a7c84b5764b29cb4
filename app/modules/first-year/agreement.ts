/** Learning agreement rules: pure, so they test without a database. */
import { createHash } from "node:crypto";
import { differenceInCalendarDays } from "date-fns";

export const AGREEMENT_FIELDS = ["goals", "support", "protectedTime", "caseload"] as const;
export type AgreementField = (typeof AGREEMENT_FIELDS)[number];
export type AgreementContent = Record<AgreementField, string>;

export const PARTIES = ["learner", "supervisor", "programme_lead"] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS: Record<Party, string> = {
  learner: "Newly qualified social worker",
  supervisor: "Practice supervisor",
  programme_lead: "Programme lead (for the employer)",
};

export function agreementHash(content: AgreementContent) {
  return createHash("sha256")
    .update(JSON.stringify(AGREEMENT_FIELDS.map((f) => content[f].trim())))
    .digest("hex");
}

export interface SignatureLike {
  party: Party;
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

/** Who has signed this exact text, who signed only an earlier version, and whether it is late. */
export function agreementStatus(
  agreement: { version: number; contentHash: string } | null,
  signatures: SignatureLike[],
  due: Date,
  today: Date,
): AgreementStatus {
  const current: Partial<Record<Party, SignatureLike>> = {};
  const stale = new Set<Party>();
  for (const s of signatures) {
    if (agreement && s.version === agreement.version && s.contentHash === agreement.contentHash) current[s.party] = s;
    else stale.add(s.party);
  }
  const missing = PARTIES.filter((p) => !current[p]);
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
