import { readFileSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
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

async function member(user: UserRow, org: Org, role: "learner" | "supervisor" | "programme_lead") {
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
  const people = {
    nqsw: as(nqsw, [await member(nqsw, north, "learner")]),
    supervisor: as(supervisor, [await member(supervisor, north, "supervisor")]),
    otherSupervisor: as(otherSupervisor, [await member(otherSupervisor, north, "supervisor")]),
    lead: as(lead, [await member(lead, north, "programme_lead")]),
    southLead: as(southLead, [await member(southLead, south, "programme_lead")]),
    peer: as(peer, [await member(peer, north, "learner")]),
  };
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: nqsw.id,
      programmeSlug: "asye",
      organisationId: north.id,
      supervisorId: supervisor.id,
      startedOn: "2026-11-16",
    })
    .returning();
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
  it("lets in the learner, their own supervisor and their organisation's programme lead", async () => {
    const { people, enrolment } = await world();
    expect((await requireYearAccess(people.nqsw, enrolment.id)).party).toBe("learner");
    expect((await requireYearAccess(people.supervisor, enrolment.id)).party).toBe("supervisor");
    expect((await requireYearAccess(people.lead, enrolment.id)).party).toBe("programme_lead");
  });

  it("answers 404 to another supervisor, another learner, another organisation's lead and a mangled id", async () => {
    const { people, enrolment } = await world();
    for (const who of [people.otherSupervisor, people.peer, people.southLead]) {
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
    for (const [who, party] of [
      [people.nqsw, "learner"],
      [people.supervisor, "supervisor"],
      [people.lead, "programme_lead"],
    ] as const) {
      expect(await signAgreement(enrolment.id, actor(who, party, north.id), 1)).toEqual({ ok: true });
    }
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
    expect(status.stale.sort()).toEqual(["learner", "programme_lead", "supervisor"]);
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
    expect(await signAgreement(enrolment.id, learner, 2)).toEqual({ ok: true });
    expect(await signAgreement(enrolment.id, learner, 2)).toMatchObject({
      ok: false,
      message: "This version is already signed for your role",
    });
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
