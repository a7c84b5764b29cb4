/** What a learner's module page shows of their assignment (made by learner-page.server.ts, drawn by CourseworkPanel). */
export interface CourseworkView {
  deadline: string;
  extended: boolean;
  pastDeadline: boolean;
  wordLimit: number;
  candidateNumber: string | null;
  state: string;
  /** The receipt just given, after handing in (the version named in the address). */
  receiptFor: number | null;
  asked: boolean;
  recorded: boolean;
  latestBody: string;
  latestFiles: { id: string; fileName: string }[];
  versions: {
    version: number;
    submittedAt: string;
    late: boolean;
    hash: string;
    length: string;
    overLength: boolean;
    files: { id: string; fileName: string; counted: boolean }[];
  }[];
  requests: {
    id: string;
    requested: string;
    reasons: string;
    decision: { outcome: "approved" | "refused"; deadline: string; note: string } | null;
  }[];
  /** What the learner may hand in now: the first attempt, a resubmission the lead opened, or nothing after the board. */
  handIn: { open: boolean; attempt: number; reason: string | null };
  /** Marks the exam board confirmed and released, oldest attempt first; empty before the board. */
  results: {
    attempt: string;
    mark: number;
    counted: string;
    band: string;
    credits: string;
    feedback: string;
    confirmedOn: string;
  }[];
  mitigations: {
    id: string;
    circumstances: string;
    at: string;
    decision: { outcome: "accepted" | "not_accepted"; note: string } | null;
  }[];
}
