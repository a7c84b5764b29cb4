import {
  can,
  invitableRolesFor,
  navigationFor,
  ROLE_LABELS,
  ROLES,
  rolesWith,
  startPathFor,
  type Permission,
  type Role,
} from "~/modules/organisations/roles";

function expectedPermissions(): Record<Permission, Role[]> {
  return {
    "learner:read:own": ["learner"],
    "learner:read:supervisee": ["supervisor", "assessor"],
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
    "coursework:manage:organisation": ["programme_lead"],
    "coursework:read:organisation": ["programme_lead", "supervisor", "assessor"],
    "coursework:mark:allocated": ["marker"],
    "coursework:examine:programme": ["external_examiner"],
    "transcript:read:organisation": ["programme_lead"],
    "career:read:organisation": ["programme_lead"],
    "organisation:read:any": ["admin"],
    "organisation:manage:any": ["admin"],
    "audit:read:any": ["admin"],
    "assessment:assess:appointed": ["independent_assessor"],
    "assessment:manage:organisation": ["programme_lead"],
    "places:manage:organisation": ["programme_lead"],
    "payments:read:any": ["admin"],
    "shared-session:manage:organisation": ["programme_lead"],
    "shared-session:attend:invited": ["learner", "partner", "supervisor", "assessor", "team_manager", "programme_lead", "independent_assessor"],
  };
}

describe("can", () => {
  const expected = expectedPermissions();

  for (const [permission, allowed] of Object.entries(expected) as [Permission, Role[]][]) {
    it(`grants ${permission} to ${allowed.join(" and ")} only`, () => {
      for (const role of ROLES) expect(can(role, permission), `${role} / ${permission}`).toBe(allowed.includes(role));
      expect(rolesWith(permission).sort()).toEqual([...allowed].sort());
    });
  }

  it("grants nothing to someone with no role", () => {
    for (const permission of Object.keys(expected) as Permission[]) {
      expect(can(null, permission)).toBe(false);
      expect(can(undefined, permission)).toBe(false);
    }
  });

  it("does not let a learner see other learners, the audit trail or returners", () => {
    expect(can("learner", "learner:read:supervisee")).toBe(false);
    expect(can("learner", "learner:read:organisation")).toBe(false);
    expect(can("learner", "audit:read:organisation")).toBe(false);
    expect(can("learner", "returner:read:consented")).toBe(false);
  });

  it("does not let the platform admin read learners' records or the helpline's returners", () => {
    expect(can("admin", "learner:read:organisation")).toBe(false);
    expect(can("admin", "returner:read:consented")).toBe(false);
  });

  it("rolesWith hands out a copy that cannot widen the permission table", () => {
    rolesWith("audit:read:organisation").push("learner");
    expect(can("learner", "audit:read:organisation")).toBe(false);
  });
});

describe("startPathFor", () => {
  it("sends each role to its own start page", () => {
    expect(startPathFor("learner")).toBe("/learning");
    expect(startPathFor("supervisor")).toBe("/supervision");
    expect(startPathFor("assessor")).toBe("/supervision");
    expect(startPathFor("team_manager")).toBe("/team");
    expect(startPathFor("programme_lead")).toBe("/organisation");
    expect(startPathFor("helpline_advisor")).toBe("/helpline");
    expect(startPathFor("admin")).toBe("/admin");
    expect(startPathFor("marker")).toBe("/marking");
    expect(startPathFor("external_examiner")).toBe("/examining");
    expect(startPathFor("partner")).toBe("/shared-sessions");
  });

  it("sends someone with no membership (a self-registered returner) to learning", () => {
    expect(startPathFor(null)).toBe("/learning");
    expect(startPathFor(undefined)).toBe("/learning");
  });
});

describe("navigationFor", () => {
  it("starts with the role's start page and ends with the account page, for every role and for none", () => {
    for (const role of [...ROLES, null]) {
      const items = navigationFor(role);
      expect(items[0]?.href, String(role)).toBe(startPathFor(role));
      expect(items.at(-1)).toEqual({ href: "/account", label: "Your account" });
      expect(new Set(items.map((i) => i.href)).size).toBe(items.length);
    }
  });

  it("shows a programme lead people, invitations, grants, the audit trail and the organisation's settings", () => {
    expect(navigationFor("programme_lead").map((i) => i.href)).toEqual([
      "/organisation",
      "/organisation/invite",
      "/organisation/cohorts",
      "/organisation/places",
      "/organisation/candidates",
      "/organisation/shared-sessions",
      "/organisation/panels",
      "/organisation/grants",
      "/organisation/vacancies",
      "/organisation/introductions",
      "/organisation/audit",
      "/organisation/settings",
      "/programmes",
      "/account",
    ]);
  });

  it("shows a university's programme lead its assignments, and a council's lead none", () => {
    expect(navigationFor("programme_lead", { university: true }).map((i) => i.href)).toContain("/organisation/assignments");
    expect(navigationFor("programme_lead").map((i) => i.href)).not.toContain("/organisation/assignments");
    expect(navigationFor("learner", { university: true }).map((i) => i.href)).not.toContain("/organisation/assignments");
  });

  it("shows a marker their marking queue and nothing of the programme lead's or learners'", () => {
    expect(navigationFor("marker", { university: true }).map((i) => i.href)).toEqual(["/marking", "/programmes", "/account"]);
    expect(navigationFor("marker").find((i) => i.href === "/marking")?.label).toBe("Marking");
  });

  it("lets only a university's programme lead invite markers and external examiners", () => {
    expect(invitableRolesFor("university")).toContain("marker");
    expect(invitableRolesFor("university")).toContain("external_examiner");
    for (const kind of ["council", "voluntary", null]) {
      expect(invitableRolesFor(kind)).not.toContain("marker");
      expect(invitableRolesFor(kind)).not.toContain("external_examiner");
    }
    expect(invitableRolesFor("council")).toEqual(["learner", "supervisor", "assessor", "team_manager", "programme_lead", "independent_assessor", "partner"]);
  });

  it("lets only an employer's programme lead invite partners from police, health and education (ADR 026)", () => {
    for (const kind of ["council", "voluntary"]) expect(invitableRolesFor(kind)).toContain("partner");
    expect(invitableRolesFor("university")).not.toContain("partner");
  });

  it("shows a partner their shared sessions and their account, and nothing else: not even the catalogue", () => {
    expect(navigationFor("partner").map((i) => i.href)).toEqual(["/shared-sessions", "/account"]);
    for (const permission of Object.keys(expectedPermissions()) as Permission[])
      if (permission !== "shared-session:attend:invited") expect(can("partner", permission), permission).toBe(false);
  });

  it("shows a learner at a university their transcript, and a council's learner none", () => {
    expect(navigationFor("learner", { university: true }).map((i) => i.href)).toContain("/transcript");
    expect(navigationFor("learner").map((i) => i.href)).not.toContain("/transcript");
  });

  it("shows a university's programme lead cohorts and assignments, and no grants, vacancies, ASYE panels or introductions", () => {
    expect(navigationFor("programme_lead", { university: true }).map((i) => i.href)).toEqual([
      "/organisation",
      "/organisation/invite",
      "/organisation/cohorts",
      "/organisation/places",
      "/organisation/assignments",
      "/organisation/examiners",
      "/organisation/audit",
      "/organisation/settings",
      "/programmes",
      "/account",
    ]);
  });

  it("shows an external examiner their examining page and nothing of the organisation's", () => {
    expect(navigationFor("external_examiner").map((i) => i.href)).toEqual(["/examining", "/programmes", "/account"]);
    expect(can("external_examiner", "coursework:read:organisation")).toBe(false);
    expect(can("external_examiner", "learner:read:organisation")).toBe(false);
  });

  it("shows an independent assessor their queue and nothing of the organisation's", () => {
    expect(navigationFor("independent_assessor").map((i) => i.href)).toEqual(["/assessing", "/programmes", "/account"]);
    expect(can("independent_assessor", "learner:read:organisation")).toBe(false);
    expect(can("independent_assessor", "learner:read:supervisee")).toBe(false);
  });

  it("shows a team manager their team, and none of the programme lead's pages", () => {
    expect(navigationFor("team_manager").map((i) => i.href)).toEqual(["/team", "/programmes", "/account"]);
    expect(ROLE_LABELS.team_manager).toBe("Team manager");
  });

  it("shows nobody but the programme lead the invitation page, and the audit trail only to leads and admins", () => {
    for (const role of ROLES.filter((r) => r !== "programme_lead")) {
      const hrefs = navigationFor(role).map((i) => i.href);
      expect(hrefs).not.toContain("/organisation/invite");
      if (role !== "admin") expect(hrefs).not.toContain("/organisation/audit");
    }
    expect(navigationFor("admin").map((i) => i.href)).toContain("/organisation/audit");
  });

  it("only links to pages the role's permissions allow", () => {
    for (const role of ROLES) {
      const hrefs = navigationFor(role).map((i) => i.href);
      if (hrefs.includes("/helpline")) expect(can(role, "returner:read:consented")).toBe(true);
      if (hrefs.includes("/helpline/figures")) expect(can(role, "callback:manage:helpline")).toBe(true);
      if (hrefs.includes("/admin")) expect(can(role, "organisation:read:any")).toBe(true);
      if (hrefs.includes("/admin/people")) expect(can(role, "organisation:manage:any")).toBe(true);
      if (hrefs.includes("/admin/payments")) expect(can(role, "payments:read:any")).toBe(true);
      if (hrefs.includes("/organisation/places")) expect(can(role, "places:manage:organisation")).toBe(true);
      if (hrefs.includes("/organisation/audit"))
        expect(can(role, "audit:read:organisation") || can(role, "audit:read:any")).toBe(true);
      if (hrefs.includes("/supervision")) expect(can(role, "learner:read:supervisee")).toBe(true);
      if (hrefs.includes("/team")) expect(can(role, "learner:read:team")).toBe(true);
      if (hrefs.includes("/organisation/vacancies")) expect(can(role, "vacancy:manage:organisation")).toBe(true);
      if (hrefs.includes("/organisation/introductions"))
        expect(can(role, "introduction:manage:organisation")).toBe(true);
      if (hrefs.includes("/helpline/introductions")) expect(can(role, "introduction:create:helpline")).toBe(true);
      if (hrefs.includes("/examining")) expect(can(role, "coursework:examine:programme")).toBe(true);
      if (hrefs.includes("/assessing")) expect(can(role, "assessment:assess:appointed")).toBe(true);
      if (hrefs.includes("/organisation/candidates")) expect(can(role, "assessment:manage:organisation")).toBe(true);
    }
  });

  it("labels every role for display", () => {
    for (const role of ROLES) expect(ROLE_LABELS[role]).toMatch(/^[A-Z]/);
    expect(ROLE_LABELS.supervisor).toBe("Practice supervisor");
  });
});
