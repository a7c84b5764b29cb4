/**
 * The team manager against a real database: the programme lead names them on a year (audited, and
 * emailed to them), and their start page lists exactly the years that name them in the organisation
 * they act in, with what waits for them in each: every number true.
 */
import { format, subMonths } from "date-fns";
import { and, eq } from "drizzle-orm";
import { auditEvents, enrolments, notifications, type organisations } from "#db/schema";
import { saveAgreement, signAgreement } from "~/modules/first-year/agreement.server";
import { nameTeamManager } from "~/modules/first-year/settings.server";
import { teamOf } from "~/modules/first-year/team.server";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import { decideReview, submitReview } from "~/modules/signoff/reviews.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { emailsTo, makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-team-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "programme_lead" | "team_manager";

async function person(org: Org, role: Role, name: string) {
  const user = await makeUser(t.db, { name });
  await makeMembership(t.db, { userId: user.id, organisationId: org.id, role });
  return user;
}

const today = new Date();
const startedMonthsAgo = (months: number) => format(subMonths(today, months), "yyyy-MM-dd");

let north: Org;
let south: Org;
let lead: Awaited<ReturnType<typeof person>>;
let supervisor: Awaited<ReturnType<typeof person>>;
let manager: Awaited<ReturnType<typeof person>>;
let otherManager: Awaited<ReturnType<typeof person>>;

async function year(org: Org, name: string, months: number, teamManagerId: string | null) {
  const learner = await person(org, "learner", name);
  const [row] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.id,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.id,
      teamManagerId,
      pathway: "child-family",
      startedOn: startedMonthsAgo(months),
    })
    .returning();
  return { learner, enrolment: row! };
}

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "North Council" });
  south = await makeOrganisation(t.db, { name: "South Council" });
  lead = await person(north, "programme_lead", "Priya Lead");
  supervisor = await person(north, "supervisor", "Daniel Supervisor");
  manager = await person(north, "team_manager", "Rachel Manager");
  otherManager = await person(north, "team_manager", "Imran Manager");
});

describe("naming the year's team manager", () => {
  it("names one of the organisation's team managers, audits it, and refuses anyone else", async () => {
    const { enrolment } = await year(north, "Amara Named", 1, null);
    const actor = { userId: lead.id, role: "programme_lead", organisationId: north.id };
    const southManager = await person(south, "team_manager", "Colin South");
    for (const who of [southManager.id, supervisor.id, lead.id])
      expect(await nameTeamManager(enrolment, actor, who)).toEqual({
        ok: false,
        message: "Choose a team manager from your organisation",
      });
    expect(await nameTeamManager(enrolment, actor, manager.id)).toEqual({ ok: true, changed: true });
    const [named] = await t.db.select().from(enrolments).where(eq(enrolments.id, enrolment.id));
    expect(named!.teamManagerId).toBe(manager.id);
    expect(await nameTeamManager(named!, actor, manager.id)).toEqual({ ok: true, changed: false });
    expect(await nameTeamManager(named!, actor, otherManager.id)).toEqual({ ok: true, changed: true });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, enrolment.id), eq(auditEvents.action, "year.team_manager_named")));
    expect(audit.map((a) => [a.actorUserId, a.actorRole, a.detail])).toEqual([
      [lead.id, "programme_lead", { teamManager: manager.id, teamManagerName: "Rachel Manager", previous: null }],
      [
        lead.id,
        "programme_lead",
        { teamManager: otherManager.id, teamManagerName: "Imran Manager", previous: manager.id },
      ],
    ]);
  });

  it("tells and emails the team manager named, once, and nobody else", async () => {
    const { enrolment } = await year(north, "Tom Emailed", 1, null);
    const actor = { userId: lead.id, role: "programme_lead", organisationId: north.id };
    expect(await nameTeamManager(enrolment, actor, manager.id)).toEqual({ ok: true, changed: true });
    const emails = (await emailsTo(manager.email)).filter((e) => e.text.includes(`/year/${enrolment.id}`));
    expect(emails.map((e) => e.subject)).toEqual(["You are Tom Emailed's team manager for the assessed year"]);
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, manager.id));
    expect(told.filter((n) => n.href === `/year/${enrolment.id}`)).toHaveLength(1);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, lead.id))).toEqual([]);
  });
});

describe("the team manager's start page", () => {
  it("lists the years naming them, with the agreements to sign and reviews to countersign, counted true", async () => {
    const south2 = await makeOrganisation(t.db, { name: "South Two" });
    const team = await makeUser(t.db, { name: "Sam Twice" });
    await makeMembership(t.db, { userId: team.id, organisationId: north.id, role: "team_manager" });
    await makeMembership(t.db, { userId: team.id, organisationId: south2.id, role: "team_manager" });

    // Zoe: her agreement signed by her and her supervisor, so it waits for the team manager.
    const zoe = await year(north, "Zoe Agreement", 1, team.id);
    const content = { goals: "Goals", support: "Support", protectedTime: "Time", caseload: "Cases" };
    await saveAgreement(
      zoe.enrolment.id,
      { userId: zoe.learner.id, party: "learner", organisationId: north.id },
      content,
    );
    await signAgreement(zoe.enrolment.id, { userId: zoe.learner.id, party: "learner", organisationId: north.id }, 1);
    await signAgreement(zoe.enrolment.id, { userId: supervisor.id, party: "supervisor", organisationId: north.id }, 1);

    // Yusuf: past his 3-month review, approved by his supervisor: it waits for the countersignature.
    const yusuf = await year(north, "Yusuf Review", 4, team.id);
    const item = await createEvidence(
      yusuf.enrolment.id,
      { userId: yusuf.learner.id, role: "learner", organisationId: north.id },
      "reflective_log",
      {
        title: "Reflection",
        occurredOn: startedMonthsAgo(3),
        body: "What I learnt.",
        capabilities: ["PCF-1"],
        details: {},
      },
    );
    const learnerActor = { userId: yusuf.learner.id, role: "learner", organisationId: north.id };
    expect(await submitReview(yusuf.enrolment.id, "three-month", learnerActor, "Ready.", [item!.id])).toEqual({
      ok: true,
    });
    const [submission] = await t.db.query.reviewSubmissions.findMany({
      where: (s, { eq }) => eq(s.enrolmentId, yusuf.enrolment.id),
    });
    await decideReview(
      yusuf.enrolment.id,
      "three-month",
      { userId: supervisor.id, role: "supervisor", organisationId: north.id },
      submission!.id,
      { decision: "approved", outcome: "on_track", comments: "", actionPlan: null },
    );

    // Not theirs: a year naming another team manager, and a year of the other organisation they manage.
    await year(north, "Xena Other", 2, otherManager.id);
    const elsewhere = await person(south2, "learner", "Wes Elsewhere");
    await t.db.insert(enrolments).values({
      userId: elsewhere.id,
      programmeSlug: "asye",
      organisationId: south2.id,
      supervisorId: null,
      teamManagerId: team.id,
      startedOn: startedMonthsAgo(2),
    });

    const page = await teamOf(north.id, team.id, today);
    expect(page.lines.map((l) => l.name).sort()).toEqual(["Yusuf Review", "Zoe Agreement"]);
    expect(page).toMatchObject({ agreementsToSign: 2, reviewsToCountersign: 1 });
    const zoeLine = page.lines.find((l) => l.name === "Zoe Agreement")!;
    expect(zoeLine).toMatchObject({
      position: expect.stringMatching(/^Month \d+ of 12 \(started /),
      supervisorName: "Daniel Supervisor",
      agreement: "waiting",
    });
    expect(zoeLine.waiting).toEqual([
      { text: "Learning agreement to sign", href: `/year/${zoe.enrolment.id}/agreement` },
    ]);
    const yusufLine = page.lines.find((l) => l.name === "Yusuf Review")!;
    // Yusuf's agreement is not written yet: it waits for him to write it, and for the team manager to sign.
    expect(yusufLine.waiting.map((w) => w.text)).toEqual([
      "Learning agreement to write and sign",
      "3-month review to countersign",
    ]);
    expect(page.overdue).toBe(page.lines.reduce((n, l) => n + l.overdue.length, 0));

    // In the other organisation they see only that organisation's year.
    expect((await teamOf(south2.id, team.id, today)).lines.map((l) => l.name)).toEqual(["Wes Elsewhere"]);
    // Another team manager's page is theirs alone (Amara's year was named to them above).
    expect((await teamOf(north.id, otherManager.id, today)).lines.map((l) => l.name).sort()).toEqual([
      "Amara Named",
      "Xena Other",
    ]);
  });
});
