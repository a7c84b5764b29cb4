import { eq, sql } from "drizzle-orm";
import { memberships, organisations, users } from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import {
  findLearnerInOrganisation,
  listConsentingReturners,
  listMembershipsForUser,
  listOrganisationsWithCounts,
  listPeople,
  listSupervisees,
} from "~/modules/organisations/memberships.server";
import { withTestDatabase } from "../support/database";
import { makeUser } from "../support/fixtures";

const t = withTestDatabase();

const TODAY = new Date(2026, 10, 16, 12); // 16 November 2026

const ids = {
  org: new Map<string, string>(),
  user: new Map<string, string>(),
};

function orgId(slug: string) {
  const id = ids.org.get(slug);
  if (!id) throw new Error(`No organisation ${slug}`);
  return id;
}
function userId(email: string) {
  const id = ids.user.get(email);
  if (!id) throw new Error(`No user ${email}`);
  return id;
}
async function learnerMembershipId(email: string) {
  const [row] = await t.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(sql`${memberships.userId} = ${userId(email)} and ${memberships.role} = 'learner'`);
  if (!row) throw new Error(`No learner membership for ${email}`);
  return row.id;
}

beforeAll(async () => {
  await seedDemoWorld(t.db, TODAY);
  for (const o of await t.db.select().from(organisations)) ids.org.set(o.slug, o.id);
  for (const u of await t.db.select().from(users)) ids.user.set(u.email, u.id);
});

describe("a supervisor's supervisees", () => {
  it("are the learners they supervise in that organisation, longest-serving first", async () => {
    const people = await listSupervisees(orgId("northmoor"), userId("daniel.okafor@northmoor.example"));
    expect(people.map((p) => p.name)).toEqual([
      "Zainab Hussain",
      "Tom Gallagher",
      "Amara Nwosu",
      // Enrolled on the early career programme's first intake, still to start.
      "Sophie Bennett",
    ]);
    expect(people.every((p) => p.role === "learner" && p.supervisorName === "Daniel Okafor")).toBe(true);
  });

  it("do not include another supervisor's learners in the same organisation", async () => {
    const daniel = await listSupervisees(orgId("northmoor"), userId("daniel.okafor@northmoor.example"));
    const helen = await listSupervisees(orgId("northmoor"), userId("helen.marsh@northmoor.example"));
    expect(helen.map((p) => p.name).sort()).toEqual(["Grace Whitfield", "Kwame Mensah", "Liam Doherty"]);
    expect(daniel.map((p) => p.userId)).not.toContain(userId("liam.doherty@northmoor.example"));
  });

  it("are empty when the supervisor is asked about in an organisation they do not work for", async () => {
    expect(await listSupervisees(orgId("riverside"), userId("daniel.okafor@northmoor.example"))).toEqual([]);
    expect(await listSupervisees(orgId("northmoor"), userId("farah.ali@riverside.example"))).toEqual([]);
  });

  it("drop a learner whose membership has ended", async () => {
    const learner = await makeUser(t.db, { name: "Leaving Learner" });
    const [m] = await t.db
      .insert(memberships)
      .values({
        userId: learner.id,
        organisationId: orgId("riverside"),
        role: "learner",
        supervisorId: userId("farah.ali@riverside.example"),
        active: false,
      })
      .returning();
    const people = await listSupervisees(orgId("riverside"), userId("farah.ali@riverside.example"));
    expect(people.map((p) => p.membershipId)).not.toContain(m!.id);
    expect(people).toHaveLength(4);
  });
});

describe("finding a learner for a page", () => {
  it("finds a learner of the organisation asked about, with their supervisor", async () => {
    const id = await learnerMembershipId("amara.nwosu@northmoor.example");
    const learner = await findLearnerInOrganisation(orgId("northmoor"), id);
    expect(learner).toMatchObject({
      membershipId: id,
      name: "Amara Nwosu",
      email: "amara.nwosu@northmoor.example",
      stage: "nqsw",
      supervisorName: "Daniel Okafor",
      hasPassword: true,
    });
  });

  it("returns nothing for another organisation's learner, whoever asks", async () => {
    const riversideLearner = await learnerMembershipId("chloe.evans@riverside.example");
    for (const slug of ["northmoor", "harbour-family-trust", "eastbridge", "return-helpline", "practice-pathways"]) {
      expect(await findLearnerInOrganisation(orgId(slug), riversideLearner), slug).toBeNull();
    }
    expect(await findLearnerInOrganisation(orgId("riverside"), riversideLearner)).not.toBeNull();
  });

  it("returns nothing for a membership that is not a learner's", async () => {
    const [staff] = await t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, userId("priya.shah@northmoor.example")));
    expect(await findLearnerInOrganisation(orgId("northmoor"), staff!.id)).toBeNull();
  });

  it("returns nothing for an id that does not exist", async () => {
    expect(await findLearnerInOrganisation(orgId("northmoor"), "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("people and organisations", () => {
  it("lists only that organisation's people for its programme lead", async () => {
    const people = await listPeople(orgId("harbour-family-trust"));
    expect(people.map((p) => `${p.name} (${p.role})`)).toEqual([
      "Megan Lloyd (learner)",
      "Ravi Patel (learner)",
      "Ben Thornton (supervisor)",
      "Ben Thornton (assessor)",
      "Ruth Adeyemi (programme_lead)",
      "Deborah Lane (team_manager)",
    ]);
  });

  it("lists each of a person's active memberships with its organisation", async () => {
    const helen = await listMembershipsForUser(userId("helen.marsh@northmoor.example"));
    expect(helen.map((m) => [m.organisation.name, m.role])).toEqual([
      ["Northmoor City Council", "supervisor"],
      ["Northmoor City Council", "assessor"],
    ]);
    expect(await listMembershipsForUser(userId("janet.okoye@example.com"))).toEqual([]);
  });

  it("counts learners and staff per organisation", async () => {
    const counts = await listOrganisationsWithCounts();
    const byName = Object.fromEntries(counts.map((c) => [c.name, { learners: c.learners, staff: c.staff }]));
    // Each person once: Helen Marsh, supervisor and assessor, is one of Northmoor's six staff (Olivia Hart,
    // the independent assessor, is the sixth), as its People page says. Its eleven learners include
    // Bethan Morris, on CP lead (her ended Riverside membership is not counted there), and three
    // advanced practitioner candidates.
    // Its partners from police and health (ADR 026) are not its staff.
    expect(byName["Northmoor City Council"]).toEqual({ learners: 11, staff: 6 });
    expect(byName["Social Work Return Helpline"]).toEqual({ learners: 0, staff: 1 });
  });
});

describe("returners the helpline may contact", () => {
  it("are only the returners who consented", async () => {
    await makeUser(t.db, {
      name: "Quiet Returner",
      email: "quiet.returner@example.com",
      accountKind: "returner",
      helplineContactConsent: false,
    });
    await makeUser(t.db, {
      name: "Self Funder",
      email: "self.funder@example.com",
      accountKind: "self_funding",
      helplineContactConsent: true,
    });
    await makeUser(t.db, {
      name: "Staff Member",
      email: "staff.member@example.com",
      accountKind: "invited",
      helplineContactConsent: true,
    });
    await makeUser(t.db, {
      name: "Keen Returner",
      email: "keen.returner@example.com",
      accountKind: "returner",
      helplineContactConsent: true,
    });
    const returners = await listConsentingReturners();
    expect(returners.map((r) => r.email).sort()).toEqual(["janet.okoye@example.com", "keen.returner@example.com"]);
  });
});
