/**
 * The kinds of event a person can filter the audit trail by, each a set of action prefixes.
 * Plain data (no imports), so the page can show the choices without bringing in the sentences.
 */
export const AUDIT_KINDS = [
  {
    value: "reviews",
    label: "Reviews, panels, assessments and certificates",
    prefixes: ["review.", "panel.", "assessment.", "certificate."],
  },
  { value: "agreements", label: "Learning agreements", prefixes: ["learning_agreement."] },
  { value: "supervision", label: "Supervision", prefixes: ["supervision."] },
  { value: "evidence", label: "Evidence and anonymisation", prefixes: ["evidence.", "anonymisation."] },
  { value: "years", label: "Years and workload", prefixes: ["year.", "workload."] },
  { value: "enrolments", label: "Cohorts and enrolments", prefixes: ["cohort.", "enrolment."] },
  {
    value: "coursework",
    label: "Assignments, extensions, mitigating circumstances, marks and transcripts",
    prefixes: ["coursework.", "transcript."],
  },
  { value: "payments", label: "Payments, refunds and places", prefixes: ["payment.", "place."] },
  { value: "shared-sessions", label: "Shared multi-agency sessions and their registers", prefixes: ["shared_session."] },
  { value: "career", label: "Career records shared and downloaded", prefixes: ["career."] },
  { value: "people", label: "Invitations, roles and accounts", prefixes: ["invitation.", "membership.", "user."] },
  { value: "sign-in", label: "Signing in and security", prefixes: ["auth."] },
  { value: "returners", label: "Returners, vacancies and introductions", prefixes: ["callback.", "returner.", "introduction.", "vacancy."] },
  { value: "organisation", label: "Organisation settings and the audit trail", prefixes: ["organisation.", "audit."] },
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number]["value"];

export const AUDIT_KIND_VALUES = AUDIT_KINDS.map((k) => k.value) as [AuditKind, ...AuditKind[]];

export function prefixesOf(kind: AuditKind): readonly string[] {
  return AUDIT_KINDS.find((k) => k.value === kind)!.prefixes;
}

/** How many events one page of the trail shows. */
export const AUDIT_PAGE_SIZE = 50;

/** The most a spreadsheet export holds: narrow the filters for more. */
export const AUDIT_EXPORT_LIMIT = 20_000;
