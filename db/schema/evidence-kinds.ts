/**
 * The kinds of portfolio evidence: the values of the `evidence_kind` enum. The schema owns them, and
 * the app reads them from here (`~/modules/programmes/evidence-kinds`); the file imports nothing, so
 * that pages drawn in the browser can use it.
 */
export const EVIDENCE_KINDS = [
  "reflective_log",
  "direct_observation",
  "feedback_person",
  "feedback_professional",
  "written_work",
  "supervision_reflection",
  "cpd",
  "lesson_reflection",
  /** Attendance at a shared multi-agency session, written from its register (ADR 026), never by hand. */
  "shared_session",
] as const;
