/** Roles, what each may do, and where each starts. Pure: shared by server gates and navigation. */
export const ROLES = [
  "learner",
  "supervisor",
  "assessor",
  "team_manager",
  "programme_lead",
  "helpline_advisor",
  "admin",
  "marker",
  "external_examiner",
  "independent_assessor",
  "partner",
] as const;
export type Role = (typeof ROLES)[number];

/** The roles a programme lead can invite people into. */
export const INVITABLE_ROLES = [
  "learner",
  "supervisor",
  "assessor",
  "team_manager",
  "programme_lead",
  "marker",
  "external_examiner",
  "independent_assessor",
  "partner",
] as const satisfies readonly Role[];

/** Roles only a university's programme lead invites people into (a council has no coursework to mark or examine). */
export const UNIVERSITY_ONLY_ROLES: readonly Role[] = ["marker", "external_examiner"];

/** Roles only an employer's programme lead invites people into: partners come to the CP lead programme's shared sessions (ADR 026). */
export const EMPLOYER_ONLY_ROLES: readonly Role[] = ["partner"];

/** The roles a programme lead of an organisation of this kind can invite people into. */
export function invitableRolesFor(kind: string | null | undefined): (typeof INVITABLE_ROLES)[number][] {
  return INVITABLE_ROLES.filter((r) =>
    kind === "university" ? !EMPLOYER_ONLY_ROLES.includes(r) : !UNIVERSITY_ONLY_ROLES.includes(r),
  );
}

export const ROLE_LABELS: Record<Role, string> = {
  learner: "Learner",
  supervisor: "Practice supervisor",
  assessor: "Assessor",
  team_manager: "Team manager",
  programme_lead: "Programme lead",
  helpline_advisor: "Helpline advisor",
  admin: "Platform admin",
  marker: "Marker",
  external_examiner: "External examiner",
  independent_assessor: "Independent assessor",
  partner: "Partner agency",
};

/** Permission strings in the form area:action[:scope]. */
const PERMISSIONS = {
  "learner:read:own": ["learner"],
  "learner:read:supervisee": ["supervisor", "assessor"],
  /** The years a team manager manages (each year names its team manager). */
  "learner:read:team": ["team_manager"],
  "learner:read:organisation": ["programme_lead"],
  "people:read:organisation": ["programme_lead", "admin"],
  "invitation:create:organisation": ["programme_lead"],
  "enrolment:manage:organisation": ["programme_lead"],
  "audit:read:organisation": ["programme_lead"],
  "settings:manage:organisation": ["programme_lead", "admin"],
  "returner:read:consented": ["helpline_advisor"],
  "callback:manage:helpline": ["helpline_advisor"],
  "vacancy:manage:organisation": ["programme_lead"],
  "introduction:manage:organisation": ["programme_lead"],
  "introduction:create:helpline": ["helpline_advisor"],
  /** Open a Masters module's assignment for a cohort, decide extensions, record mitigating circumstances. */
  "coursework:manage:organisation": ["programme_lead"],
  /** Open the work learners of the organisation handed in, by name (markers open only their allocated work, by number). */
  "coursework:read:organisation": ["programme_lead", "supervisor", "assessor"],
  /**
   * Mark the work handed in for assignments of the organisation the marker is allocated to, and only
   * those: by candidate number, never by name, until the marks are released.
   */
  "coursework:mark:allocated": ["marker"],
  /** Read the sample, marks and feedback of the one programme they examine, and comment for the board. */
  "coursework:examine:programme": ["external_examiner"],
  /** Read a learner's Masters transcript: their own, or any in the university for its programme lead. */
  "transcript:read:organisation": ["programme_lead"],
  /** Read the career record of a current member who has shared it with the organisation (ADR 025). */
  "career:read:organisation": ["programme_lead"],
  "organisation:read:any": ["admin"],
  /** Add, rename and deactivate organisations; find, deactivate and change the roles of people. */
  "organisation:manage:any": ["admin"],
  "audit:read:any": ["admin"],
  /**
   * Assess the portfolios of the candidates (advanced practitioner, CP lead) they are appointed to
   * and have accepted, and only those (ADR 024).
   */
  "assessment:assess:appointed": ["independent_assessor"],
  /** See the organisation's candidates assessed against criteria and appoint their assessors. */
  "assessment:manage:organisation": ["programme_lead"],
  /** Buy places on paid programmes for the organisation, give them to its learners and take them back (ADR 027). */
  "places:manage:organisation": ["programme_lead"],
  /** Read every payment, refund and dispute on the platform. */
  "payments:read:any": ["admin"],
  /** Run the organisation's shared multi-agency sessions: create them, invite learners and partners (ADR 026). */
  "shared-session:manage:organisation": ["programme_lead"],
  /**
   * See the shared sessions one is invited to or facilitates, and their materials. A partner (police,
   * health, education) has this and nothing else.
   */
  "shared-session:attend:invited": [
    "learner",
    "partner",
    "supervisor",
    "assessor",
    "team_manager",
    "programme_lead",
    "independent_assessor",
  ],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function rolesWith(permission: Permission): Role[] {
  return [...PERMISSIONS[permission]];
}

/** Everyone without a membership (a self-registered returner or self-funding learner) starts as a learner. */
export function startPathFor(role: Role | null | undefined): string {
  switch (role) {
    case "supervisor":
    case "assessor":
      return "/supervision";
    case "team_manager":
      return "/team";
    case "programme_lead":
      return "/organisation";
    case "helpline_advisor":
      return "/helpline";
    case "marker":
      return "/marking";
    case "admin":
      return "/admin";
    case "external_examiner":
      return "/examining";
    case "independent_assessor":
      return "/assessing";
    case "partner":
      return "/shared-sessions";
    default:
      return "/learning";
  }
}

export interface NavItem {
  href: string;
  label: string;
}

/**
 * `returner`: the person's account is a returner's, so their own route back in is in the navigation.
 * `university`: they act in a university, whose programme lead runs Masters assignments.
 */
export function navigationFor(
  role: Role | null | undefined,
  account: { returner?: boolean; university?: boolean } = {},
): NavItem[] {
  const items: NavItem[] = [];
  switch (role) {
    case "supervisor":
    case "assessor":
      items.push({ href: "/supervision", label: "Your supervisees" });
      if (role === "assessor") items.push({ href: "/organisation/panels", label: "Moderation panels" });
      break;
    case "team_manager":
      items.push({ href: "/team", label: "Your team" });
      break;
    case "programme_lead":
      items.push({ href: "/organisation", label: "People" });
      items.push({ href: "/organisation/invite", label: "Invite someone" });
      items.push({ href: "/organisation/cohorts", label: "Cohorts" });
      items.push({ href: "/organisation/places", label: "Places" });
      if (account.university) {
        // A university runs Masters coursework: no ASYE panels, grants, vacancies or introductions.
        items.push({ href: "/organisation/assignments", label: "Assignments" });
        items.push({ href: "/organisation/examiners", label: "External examiners" });
      } else {
        // An employer nominates and runs advanced practitioner and CP lead candidates (ADR 024).
        items.push({ href: "/organisation/candidates", label: "Candidates" });
        items.push({ href: "/organisation/shared-sessions", label: "Shared sessions" });
        items.push({ href: "/organisation/panels", label: "Panels" });
        items.push({ href: "/organisation/grants", label: "Grants" });
        items.push({ href: "/organisation/vacancies", label: "Vacancies" });
        items.push({ href: "/organisation/introductions", label: "Introductions" });
      }
      items.push({ href: "/organisation/audit", label: "Audit trail" });
      items.push({ href: "/organisation/settings", label: "Settings" });
      break;
    case "marker":
      items.push({ href: "/marking", label: "Marking" });
      break;
    case "external_examiner":
      items.push({ href: "/examining", label: "Examining" });
      break;
    case "independent_assessor":
      items.push({ href: "/assessing", label: "Assessing" });
      break;
    case "partner":
      // A partner from police, health or education sees their shared sessions, and nothing else (ADR 026).
      return [
        { href: "/shared-sessions", label: "Your shared sessions" },
        { href: "/account", label: "Your account" },
      ];
    case "helpline_advisor":
      items.push({ href: "/helpline", label: "Callback requests" });
      items.push({ href: "/helpline/introductions", label: "Introductions" });
      items.push({ href: "/helpline/figures", label: "Figures" });
      break;
    case "admin":
      items.push({ href: "/admin", label: "Organisations" });
      items.push({ href: "/admin/people", label: "People" });
      items.push({ href: "/admin/payments", label: "Payments" });
      items.push({ href: "/organisation/audit", label: "Audit trail" });
      items.push({ href: "/organisation/settings", label: "Settings" });
      break;
    default:
      items.push({ href: "/learning", label: "Your learning" });
      if (account.returner) items.push({ href: "/return", label: "Your return" });
      // A learner at a university is on a Masters: their marks and credits add up on the transcript.
      if (role === "learner" && account.university) items.push({ href: "/transcript", label: "Your transcript" });
      items.push({ href: "/career", label: "Your career record" });
  }
  items.push({ href: "/programmes", label: "Programmes" });
  items.push({ href: "/account", label: "Your account" });
  return items;
}
