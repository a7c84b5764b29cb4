/** The rules that keep the platform administrable, at their edges. */
import {
  LAST_ADMIN,
  refuseAccountDeactivation,
  refuseOrganisationDeactivation,
  refuseRoleChange,
  rolesFor,
  slugFor,
} from "~/modules/organisations/admin";

describe("deactivating an account", () => {
  it("refuses an admin their own account", () => {
    expect(refuseAccountDeactivation({ actorUserId: "a", targetUserId: "a", targetIsAdmin: true, activeAdmins: 5 })).toMatch(
      /your own account/,
    );
  });
  it("refuses the last admin, and allows one of two", () => {
    expect(refuseAccountDeactivation({ actorUserId: "a", targetUserId: "b", targetIsAdmin: true, activeAdmins: 1 })).toBe(LAST_ADMIN);
    expect(refuseAccountDeactivation({ actorUserId: "a", targetUserId: "b", targetIsAdmin: true, activeAdmins: 2 })).toBeNull();
  });
  it("allows anyone who is not an admin, however few admins there are", () => {
    expect(refuseAccountDeactivation({ actorUserId: "a", targetUserId: "b", targetIsAdmin: false, activeAdmins: 1 })).toBeNull();
  });
});

describe("changing a role", () => {
  const base = {
    actorUserId: "a",
    member: { userId: "b", role: "supervisor" as const, name: "Helen Marsh" },
    to: "assessor" as const,
    kind: "council" as const,
    organisationName: "Northmoor City Council",
    heldRoles: [] as const,
    activeAdmins: 2,
  };
  it("allows a role the organisation has", () => {
    expect(refuseRoleChange(base)).toBeNull();
  });
  it("refuses a role the kind of organisation does not have", () => {
    expect(refuseRoleChange({ ...base, to: "admin" })).toMatch(/Choose a role that Northmoor City Council has/);
    expect(refuseRoleChange({ ...base, to: "helpline_advisor" })).not.toBeNull();
  });
  it("refuses the role they already hold, here or in another of their memberships there", () => {
    expect(refuseRoleChange({ ...base, to: "supervisor" })).toMatch(/already practice supervisor/);
    expect(refuseRoleChange({ ...base, heldRoles: ["assessor"] })).toMatch(/already holds the role of assessor/);
  });
  it("refuses taking away an admin's own admin role, and the last admin's", () => {
    const admin = { ...base, kind: "council" as const, member: { userId: "a", role: "admin" as const, name: "Alex" }, to: "supervisor" as const };
    expect(refuseRoleChange(admin)).toMatch(/your own admin role/);
    expect(refuseRoleChange({ ...admin, member: { ...admin.member, userId: "b" }, activeAdmins: 1 })).toBe(LAST_ADMIN);
    expect(refuseRoleChange({ ...admin, member: { ...admin.member, userId: "b" }, activeAdmins: 2 })).toBeNull();
  });
});

describe("deactivating an organisation", () => {
  it("refuses the admin's own organisation", () => {
    expect(refuseOrganisationDeactivation({ actorOrganisationId: "p", organisationId: "p", adminsOutside: 3 })).toMatch(
      /the organisation you are working in/,
    );
  });
  it("refuses one that holds every admin, and allows one that leaves an admin", () => {
    expect(refuseOrganisationDeactivation({ actorOrganisationId: "p", organisationId: "q", adminsOutside: 0 })).toBe(LAST_ADMIN);
    expect(refuseOrganisationDeactivation({ actorOrganisationId: "p", organisationId: "q", adminsOutside: 1 })).toBeNull();
  });
});

describe("the roles of each kind of organisation", () => {
  it("keeps admins to the platform team and advisors to the helpline", () => {
    expect(rolesFor("platform")).toEqual(["admin"]);
    expect(rolesFor("helpline")).toEqual(["helpline_advisor"]);
    expect(rolesFor("council")).not.toContain("admin");
    expect(rolesFor("university")).toContain("programme_lead");
  });
});

describe("slugFor", () => {
  it.each([
    ["Northmoor City Council", "northmoor-city-council"],
    ["Harbour & Family Trust", "harbour-and-family-trust"],
    ["Université de Noémie", "universite-de-noemie"],
    ["  --  ", "organisation"],
    ["x".repeat(100), "x".repeat(60)],
  ])("%j → %j", (name, slug) => {
    expect(slugFor(name)).toBe(slug);
  });
});
