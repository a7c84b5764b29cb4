import { readFileSync, writeFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { parse } from "yaml";
import { enrolments, type organisations } from "#db/schema";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { findAgreement, saveAgreement, signAgreement, type Actor } from "~/modules/first-year/agreement.server";
import { agreementStatus } from "~/modules/first-year/agreement";
import { programmeFileSchema, type Manifest } from "~/modules/programmes/content-schema";
import type { CurrentUser } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-agreement-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const asye = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8")));
const manifest: Manifest = {
  version: 1,
  builtAt: new Date().toISOString(),
  frameworks: [],
  programmes: [{ ...asye, slug: "asye", modules: [] }],
};
writeFileSync(manifestFile, JSON.stringify(manifest));

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type UserRow = Awaited<ReturnType<typeof makeUser>>;

async function member(user: UserRow, org: Org, role: "learner" | "supervisor" | "programme_lead" | "team_manager") {
  const row = await makeMembership(t.db, { userId: user.id, organisationId: org.id, role });
  return { ...row, organisation: org };
}

function as(user: UserRow, mine: Awaited<ReturnType<typeof member>>[] = []): CurrentUser {
  const { id, name, email, accountKind, helplineContactConsent } = user;
  return {
    user: { id, name, email, accountKind, helplineContactConsent },
    session: { id: "s", userId: id } as CurrentUser["session"],
    memberships: mine,
    active: mine[0] ?? null,
    twoFactor: { enabled: false, requiredBy: [] },
  };
}

async function world() {
  const north = await makeOrganisation(t.db, { name: "North" });
  const south = await makeOrganisation(t.db, { name: "South" });
  const nqsw = await makeUser(t.db, { name: "Amara" });
  const supervisor = await makeUser(t.db, { name: "Daniel" });
  const otherSupervisor = await makeUser(t.db, { name: "Helen" });
  const lead = await makeUser(t.db, { name: "Priya" });
  const southLead = await makeUser(t.db, { name: "Marcus" });
  const peer = await makeUser(t.db, { name: "Tom" });
  const manager = await makeUser(t.db, { name: "Rachel" });
  const otherManager = await makeUser(t.db, { name: "Imran" });
  const southManager = await makeUser(t.db, { name: "Colin" });
  const leadManager = await makeUser(t.db, { name: "Ruth" });
  const leadAndManager = [
    await member(leadManager, north, "programme_lead"),
    await member(leadManager, north, "team_manager"),
  ];
  const people = {
    nqsw: as(nqsw, [await member(nqsw, north, "learner")]),
    supervisor: as(supervisor, [await member(supervisor, north, "supervisor")]),
    otherSupervisor: as(otherSupervisor, [await member(otherSupervisor, north, "supervisor")]),
    lead: as(lead, [await member(lead, north, "programme_lead")]),
    southLead: as(southLead, [await member(southLead, south, "programme_lead")]),
    peer: as(peer, [await member(peer, north, "learner")]),
    manager: as(manager, [await member(manager, north, "team_manager")]),
    otherManager: as(otherManager, [await member(otherManager, north, "team_manager")]),
    southManager: as(southManager, [await member(southManager, south, "team_manager")]),
    /** A programme lead who is also a team manager, acting as the lead. */
    leadManager: as(leadManager, leadAndManager),
  };
  const year = (teamManagerId: string | null) =>
    t.db
      .insert(enrolments)
      .values({
        userId: nqsw.id,
        programmeSlug: "asye",
        organisationId: north.id,
        supervisorId: supervisor.id,
        teamManagerId,
        startedOn: "2026-11-16",
      })
      .returning();
  const [enrolment] = await year(manager.id);
  return { north, people, enrolment: enrolment! };
}

const content = {
  goals: "Court skills",
  support: "Weekly supervision",
  protectedTime: "Thursday afternoons",
  caseload: "Ten families",
};
const actor = (current: CurrentUser, party: Actor["party"], organisationId: string): Actor => ({
  userId: current.user.id,
  party,
  organisationId,
});

describe("who may open a learner's year", () => {
  it("lets in the learner, their own supervisor, their team manager and their organisation's programme lead", async () => {
    const { people, enrolment } = await world();
    const standing = async (who: CurrentUser) => {
      const { party, signsAs } = await requireYearAccess(who, enrolment.id);
      return { party, signsAs };
    };
    expect(await standing(people.nqsw)).toEqual({ party: "learner", signsAs: "learner" });
    expect(await standing(people.supervisor)).toEqual({ party: "supervisor", signsAs: "supervisor" });
    expect(await standing(people.manager)).toEqual({ party: "team_manager", signsAs: "team_manager" });
    expect(await standing(people.lead)).toEqual({ party: "programme_lead", signsAs: null });
    expect((await requireYearAccess(people.manager, enrolment.id)).teamManagerName).toBe("Rachel");
  });

  it("answers 404 to another supervisor, another team manager, another learner, another organisation's lead and team manager, and a mangled id", async () => {
    const { people, enrolment } = await world();
    for (const who of [
      people.otherSupervisor,
      people.otherManager,
      people.peer,
      people.southLead,
      people.southManager,
    ]) {
      const thrown = await requireYearAccess(who, enrolment.id).then(
        () => null,
        (e: { init: { status: number } }) => e,
      );
      expect(thrown?.init.status).toBe(404);
    }
    const mangled = await requireYearAccess(people.lead, "not-a-uuid").catch((e: { init: { status: number } }) => e);
    expect((mangled as { init: { status: number } }).init.status).toBe(404);
  });
});

describe("the learning agreement", () => {
  it("is signed by all three against the exact version, and an edit asks everyone to sign again", async () => {
    const { north, people, enrolment } = await world();
    const due = new Date("2026-12-16");
    await saveAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), content);
    const waiting: string[][] = [];
    for (const [who, party] of [
      [people.nqsw, "learner"],
      [people.supervisor, "supervisor"],
      [people.manager, "team_manager"],
    ] as const) {
      const signed = await signAgreement(enrolment.id, actor(who, party, north.id), 1);
      expect(signed.ok).toBe(true);
      if (signed.ok) waiting.push(signed.waitingFor);
    }
    // The NQSW's and the supervisor's signatures leave it waiting for the team manager alone.
    expect(waiting).toEqual([["supervisor", "team_manager"], ["team_manager"], []]);
    let found = await findAgreement(enrolment.id);
    expect(agreementStatus(found.agreement, found.signatures, due, new Date("2026-12-20")).complete).toBe(true);

    const same = await saveAgreement(enrolment.id, actor(people.supervisor, "supervisor", north.id), content);
    expect(same.changed).toBe(false);
    const edited = await saveAgreement(enrolment.id, actor(people.supervisor, "supervisor", north.id), {
      ...content,
      caseload: "Twelve families",
    });
    expect(edited).toMatchObject({ changed: true, row: { version: 2 } });
    found = await findAgreement(enrolment.id);
    const status = agreementStatus(found.agreement, found.signatures, due, new Date("2026-12-20"));
    expect(status.complete).toBe(false);
    expect(status.overdue).toBe(true);
    expect(status.stale.sort()).toEqual(["learner", "supervisor", "team_manager"]);
    expect(found.signatures).toHaveLength(3);
  });

  it("refuses a signature on a version the signer did not read, a second signature, and an incomplete text", async () => {
    const { north, people, enrolment } = await world();
    const learner = actor(people.nqsw, "learner", north.id);
    expect(await signAgreement(enrolment.id, learner, 1)).toMatchObject({
      ok: false,
      message: "Write the agreement before signing it",
    });
    await saveAgreement(enrolment.id, learner, { ...content, caseload: " " });
    expect((await signAgreement(enrolment.id, learner, 1)).ok).toBe(false);
    await saveAgreement(enrolment.id, learner, content);
    expect(await signAgreement(enrolment.id, learner, 1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/changed while you were reading/),
    });
    expect(await signAgreement(enrolment.id, learner, 2)).toMatchObject({ ok: true });
    expect(await signAgreement(enrolment.id, learner, 2)).toMatchObject({
      ok: false,
      message: "This version is already signed for your role",
    });
  });

  it("is refused by the database in the wrong hands: a programme lead, or someone not the year's team manager", async () => {
    const { north, people, enrolment } = await world();
    await saveAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), content);
    expect(await signAgreement(enrolment.id, actor(people.otherManager, "team_manager", north.id), 1)).toEqual({
      ok: false,
      message: "Only the year's team manager signs as team manager",
    });
    const { agreement } = await findAgreement(enrolment.id);
    expect(
      await failureOf(
        t.db.execute(
          sql`insert into learning_agreement_signatures (agreement_id, version, content_hash, party, user_id)
              values (${agreement!.id}, 1, ${agreement!.contentHash}, 'programme_lead', ${people.lead.user.id})`,
        ),
      ),
    ).toMatch(/programme lead no longer signs/);
    expect((await findAgreement(enrolment.id)).signatures).toEqual([]);
  });

  it("lets a programme lead who is also the year's team manager sign, as team manager", async () => {
    const { north, people, enrolment } = await world();
    await t.db
      .update(enrolments)
      .set({ teamManagerId: people.leadManager.user.id })
      .where(eq(enrolments.id, enrolment.id));
    const access = await requireYearAccess(people.leadManager, enrolment.id);
    expect(access).toMatchObject({ party: "programme_lead", signsAs: "team_manager" });
    await saveAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), content);
    expect(await signAgreement(enrolment.id, actor(people.leadManager, access.signsAs!, north.id), 1)).toMatchObject({
      ok: true,
    });
    const found = await findAgreement(enrolment.id);
    expect(found.signatures.map((s) => [s.party, s.signerName])).toEqual([["team_manager", "Ruth"]]);
  });

  it("waits while the year names no team manager: nobody can sign in their place", async () => {
    const { north, people, enrolment } = await world();
    await t.db.update(enrolments).set({ teamManagerId: null }).where(eq(enrolments.id, enrolment.id));
    expect((await requireYearAccess(people.lead, enrolment.id)).signsAs).toBeNull();
    await expect(requireYearAccess(people.manager, enrolment.id)).rejects.toMatchObject({ init: { status: 404 } });
    await saveAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), content);
    for (const [who, party] of [
      [people.nqsw, "learner"],
      [people.supervisor, "supervisor"],
    ] as const)
      await signAgreement(enrolment.id, actor(who, party, north.id), 1);
    expect(await signAgreement(enrolment.id, actor(people.manager, "team_manager", north.id), 1)).toMatchObject({
      ok: false,
    });
    const found = await findAgreement(enrolment.id);
    const status = agreementStatus(found.agreement, found.signatures, new Date("2026-12-16"), new Date("2026-12-10"));
    expect(status).toMatchObject({ complete: false, missing: ["team_manager"] });
  });

  it("keeps signatures append-only in the database", async () => {
    const { north, people, enrolment } = await world();
    await saveAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), content);
    await signAgreement(enrolment.id, actor(people.nqsw, "learner", north.id), 1);
    expect(await failureOf(t.db.execute(sql`update learning_agreement_signatures set version = 9`))).toMatch(
      /append-only/,
    );
    expect(await failureOf(t.db.execute(sql`delete from learning_agreement_signatures`))).toMatch(/append-only/);
    expect((await findAgreement(enrolment.id)).signatures).toHaveLength(1);
  });
});
