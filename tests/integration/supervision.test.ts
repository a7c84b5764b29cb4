import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { enrolments, type organisations } from "#db/schema";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { programmeFileSchema, type Manifest } from "~/modules/programmes/content-schema";
import {
  acknowledgeSession,
  findSession,
  listSessions,
  openActions,
  recordSession,
  sessionsFor,
  type Actor,
  type SessionInput,
} from "~/modules/supervision/supervision.server";
import type { CurrentUser } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-supervision-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const asye = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8")));
const manifest: Manifest = {
  version: 1,
  builtAt: "",
  frameworks: [],
  programmes: [{ ...asye, slug: "asye", modules: [] }],
};
writeFileSync(manifestFile, JSON.stringify(manifest));

const t = withTestDatabase();
type Org = typeof organisations.$inferSelect;
type UserRow = Awaited<ReturnType<typeof makeUser>>;

async function as(user: UserRow, org: Org, role: "learner" | "supervisor" | "programme_lead"): Promise<CurrentUser> {
  const m = await makeMembership(t.db, { userId: user.id, organisationId: org.id, role });
  const { id, name, email, accountKind, helplineContactConsent } = user;
  const mine = [{ ...m, organisation: org }];
  return {
    user: { id, name, email, accountKind, helplineContactConsent },
    session: { id: "s", userId: id } as CurrentUser["session"],
    memberships: mine,
    active: mine[0]!,
    twoFactor: { enabled: false, requiredBy: [] },
  };
}

async function world() {
  const north = await makeOrganisation(t.db);
  const learnerUser = await makeUser(t.db, { name: "Amara" });
  const supervisorUser = await makeUser(t.db, { name: "Daniel" });
  const otherUser = await makeUser(t.db, { name: "Helen" });
  const learner = await as(learnerUser, north, "learner");
  const supervisor = await as(supervisorUser, north, "supervisor");
  const otherSupervisor = await as(otherUser, north, "supervisor");
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learnerUser.id,
      programmeSlug: "asye",
      organisationId: north.id,
      supervisorId: supervisorUser.id,
      startedOn: "2026-11-16",
    })
    .returning();
  const actor: Actor = { userId: supervisorUser.id, role: "supervisor", organisationId: north.id };
  return { north, learner, supervisor, otherSupervisor, enrolment: enrolment!, actor };
}

const input = (overrides: Partial<SessionInput> = {}): SessionInput => ({
  heldOn: "2026-11-20",
  minutes: 60,
  kind: "one_to_one",
  agenda: "Induction",
  discussion: "First visits",
  decisions: "",
  actions: [],
  doneActionIds: [],
  ...overrides,
});

describe("supervision records", () => {
  it("are open to the learner and their own supervisor only", async () => {
    const { learner, supervisor, otherSupervisor, enrolment } = await world();
    expect((await requireYearAccess(supervisor, enrolment.id)).party).toBe("supervisor");
    expect((await requireYearAccess(learner, enrolment.id)).party).toBe("learner");
    const refused = await requireYearAccess(otherSupervisor, enrolment.id).catch(
      (e: { init: { status: number } }) => e,
    );
    expect((refused as { init: { status: number } }).init.status).toBe(404);
  });

  it("carry open actions to the next session until they are reported done", async () => {
    const { enrolment, actor } = await world();
    const first = await recordSession(
      enrolment.id,
      actor,
      input({
        actions: [
          { text: "Read the thresholds", owner: "learner" },
          { text: "Book shadowing", owner: "supervisor" },
        ],
      }),
    );
    const open = await openActions(enrolment.id);
    expect(open.map((a) => a.text)).toEqual(["Read the thresholds", "Book shadowing"]);
    const second = await recordSession(
      enrolment.id,
      actor,
      input({ heldOn: "2026-11-27", doneActionIds: [open[0]!.id] }),
    );
    expect((await openActions(enrolment.id)).map((a) => a.text)).toEqual(["Book shadowing"]);
    const found = await findSession(enrolment.id, second.id);
    expect(found?.completed.map((a) => a.text)).toEqual(["Read the thresholds"]);
    expect((await findSession(enrolment.id, first.id))?.agreed.map((a) => a.text)).toEqual([
      "Read the thresholds",
      "Book shadowing",
    ]);
    expect((await listSessions(enrolment.id)).map((s) => s.session.heldOn)).toEqual(["2026-11-27", "2026-11-20"]);
  });

  it("cannot close another learner's action, nor be found through another learner's year", async () => {
    const a = await world();
    const b = await world();
    await recordSession(a.enrolment.id, a.actor, input({ actions: [{ text: "A's action", owner: "learner" }] }));
    const [aAction] = await openActions(a.enrolment.id);
    const bSession = await recordSession(b.enrolment.id, b.actor, input({ doneActionIds: [aAction!.id] }));
    expect((await openActions(a.enrolment.id)).map((x) => x.text)).toEqual(["A's action"]);
    expect(await findSession(a.enrolment.id, bSession.id)).toBeNull();
  });

  it("are acknowledged once by the learner", async () => {
    const { enrolment, actor, learner } = await world();
    const session = await recordSession(enrolment.id, actor, input());
    const learnerActor: Actor = { userId: learner.user.id, role: "learner", organisationId: enrolment.organisationId };
    expect(await acknowledgeSession(enrolment.id, session.id, learnerActor, "Agreed")).toBe(true);
    expect(await acknowledgeSession(enrolment.id, session.id, learnerActor, "Changed my mind")).toBe(false);
    expect((await findSession(enrolment.id, session.id))?.session.learnerComment).toBe("Agreed");
  });

  it("give the desk every learner's sessions in one query, and whether each was acknowledged", async () => {
    const a = await world();
    const b = await world();
    await recordSession(a.enrolment.id, a.actor, input());
    await recordSession(a.enrolment.id, a.actor, input({ heldOn: "2026-11-27" }));
    const sessions = await sessionsFor([a.enrolment.id, b.enrolment.id]);
    expect(
      sessions
        .get(a.enrolment.id)
        ?.map((s) => s.heldOn)
        .sort(),
    ).toEqual(["2026-11-20", "2026-11-27"]);
    expect(sessions.get(a.enrolment.id)?.every((s) => !s.acknowledged)).toBe(true);
    expect(sessions.get(b.enrolment.id)).toEqual([]);
  });
});
