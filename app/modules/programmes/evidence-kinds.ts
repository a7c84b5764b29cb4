/** The kinds of portfolio evidence. Apart from the content schema so that pages can use it without zod. */
export const EVIDENCE_KINDS = [
  "reflective_log",
  "direct_observation",
  "feedback_person",
  "feedback_professional",
  "written_work",
  "supervision_reflection",
  "cpd",
  "lesson_reflection",
] as const;
