/**
 * Notices against a real database: each event tells the right person once (even when the save is
 * retried, or two saves race), by email only when they chose it, and the daily digest goes to each
 * person once a day however often it runs.
 */
import { and, eq } from "drizzle-orm";
import { digestSends, enrolments, memberships, notifications, type organisations } from "#db/schema";
import { validateSessionToken } from "~/modules/auth/session.server";
import { runDigest } from "~/modules/notices/digest.server";
import { recordNotices, saveNoticePreferences } from "~/modules/notices/notices.server";
import { reviewNotices } from "~/modules/notices/notices";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import { decideReview, reviewRecords, submitReview } from "~/modules/signoff/reviews.server";
import { recordSession } from "~/modules/supervision/supervision.server";
import * as noticesPage from "~/routes/notices._index";
import { readSessionToken } from "~/modules/auth/cookie.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { emailsTo, makeOrganisation, ORIGIN, signedIn, type SignedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-notices-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;

let org: Org;
let supervisor: SignedIn;
let manager: SignedIn;

beforeAll(async () => {
  org = await makeOrganisation(t.db, { name: "Northmoor Council" });
  supervisor = await signedIn(t.db, org.id, "supervisor", "Daniel Okafor");
  manager = await signedIn(t.db, org.id, "team_manager", "Rachel Whitaker");
});

const actorOf = (p: SignedIn, role: string) => ({ userId: p.userId, role, organisationId: org.id });

/** A learner in their assessed year, supervised by Daniel, managed by Rachel, with a 3-month review submitted. */
async function submittedYear(name: string) {
  const learner = await signedIn(t.db, org.id, "learner", name);
  await t.db
    .update(memberships)
    .set({ supervisorId: supervisor.userId })
    .where(and(eq(memberships.userId, learner.userId), eq(memberships.organisationId, org.id)));
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.userId,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.userId,
      teamManagerId: manager.userId,
      startedOn: "2026-09-07",
      pathway: "child-family",
    })
    .returning();
  const item = await createEvidence(enrolment!.id, actorOf(learner, "learner"), "reflective_log", {
    title: "Home visit",
    occurredOn: "2026-10-01",
    body: "I listened before asking about the school's concerns.",
    capabilities: ["PCF-1"],
    details: {},
  });
  expect(await submitReview(enrolment!.id, "three-month", actorOf(learner, "learner"), "My first months.", [item!.id])).toEqual({
    ok: true,
  });
  const { submissions } = await reviewRecords(enrolment!.id, "three-month");
  return { learner, enrolment: enrolment!, submissionId: submissions.at(-1)!.id };
}

const noticesOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));
const about = { title: "3-month review", final: false };
const decision = (d: "approved" | "returned") => ({
  decision: d,
  outcome: d === "approved" ? "on_track" : null,
  comments: "Read with care.",
  actionPlan: null,
});

describe("a returned review", () => {
  it("tells the learner once, in the app and by email with a link, even when two returns race", async () => {
    const year = await submittedYear("Zainab Hussain");
    const results = await Promise.all([
      decideReview(year.enrolment.id, "three-month", actorOf(supervisor, "supervisor"), year.submissionId, decision("returned"), about),
      decideReview(year.enrolment.id, "three-month", actorOf(supervisor, "supervisor"), year.submissionId, decision("returned"), about),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const told = await noticesOf(year.learner.userId);
    expect(told.map((n) => [n.kind, n.text, n.href])).toEqual([
      [
        "review_returned",
        "Daniel Okafor returned your 3-month review: read their comments and submit it again",
        `/year/${year.enrolment.id}/reviews/three-month`,
      ],
    ]);
    const emails = await emailsTo(year.learner.current.user.email);
    expect(emails.map((e) => e.subject)).toEqual(["Daniel Okafor returned your 3-month review"]);
    expect(emails[0]!.text).toContain(`/year/${year.enrolment.id}/reviews/three-month`);
    // Nobody else is told of a return.
    expect((await noticesOf(manager.userId)).filter((n) => n.href.includes(year.enrolment.id))).toEqual([]);
    // The same event written again (a retried save) adds nothing.
    const [learnerSide] = reviewNotices(
      {
        enrolmentId: year.enrolment.id,
        organisationId: org.id,
        learner: { id: year.learner.userId, name: "Zainab Hussain" },
        supervisor: null,
        teamManager: null,
      },
      { code: "three-month", ...about },
      { step: "returned", submissionId: year.submissionId, by: "Daniel Okafor" },
    );
    expect(await recordNotices(t.db, [learnerSide!])).toEqual([]);
    expect(await noticesOf(year.learner.userId)).toHaveLength(1);
  });

  it("counts the unread notice with the session, and marks it read from the list", async () => {
    const year = await submittedYear("Tom Counted");
    await decideReview(year.enrolment.id, "three-month", actorOf(supervisor, "supervisor"), year.submissionId, decision("returned"), about);
    const token = readSessionToken(new Request(ORIGIN, { headers: { Cookie: year.learner.cookie } }))!;
    expect((await validateSessionToken(token))!.unreadNotices).toBe(1);
    const [notice] = await noticesOf(year.learner.userId);
    const post = (who: SignedIn, fields: Record<string, string>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      return noticesPage
        .action({
          request: new Request(`${ORIGIN}/notices`, { method: "POST", body, headers: { Cookie: who.cookie } }),
          params: {},
          context: { cspNonce: "n", clientIp: "203.0.113.7" },
        })
        .catch((thrown: unknown) => thrown);
    };
    // Someone else's notice is not theirs to mark.
    const refused = (await post(supervisor, { intent: "read", notice: notice!.id })) as { init: ResponseInit };
    expect(refused.init.status).toBe(404);
    expect((await validateSessionToken(token))!.unreadNotices).toBe(1);
    const done = (await post(year.learner, { intent: "read", notice: notice!.id })) as Response;
    expect(done.headers.get("Location")).toBe("/notices");
    expect((await validateSessionToken(token))!.unreadNotices).toBe(0);
  });
});

describe("an approved review", () => {
  it("tells the learner, and asks the team manager to countersign", async () => {
    const year = await submittedYear("Amara Okoye");
    await decideReview(year.enrolment.id, "three-month", actorOf(supervisor, "supervisor"), year.submissionId, decision("approved"), about);
    expect((await noticesOf(year.learner.userId)).map((n) => n.kind)).toEqual(["review_approved"]);
    const theirs = (await noticesOf(manager.userId)).filter((n) => n.href.includes(year.enrolment.id));
    expect(theirs.map((n) => [n.kind, n.text])).toEqual([
      ["countersignature_needed", "Amara Okoye's 3-month review is approved and waits for your countersignature"],
    ]);
  });
});

describe("preferences", () => {
  it("sends no email for a kind kept in the app, and keeps a digest kind for the daily email", async () => {
    const year = await submittedYear("Priya Quiet");
    await saveNoticePreferences(year.learner.userId, { review_returned: "app", supervision_to_acknowledge: "digest" });
    await decideReview(year.enrolment.id, "three-month", actorOf(supervisor, "supervisor"), year.submissionId, decision("returned"), about);
    await recordSession(year.enrolment.id, actorOf(supervisor, "supervisor"), {
      heldOn: "2026-10-02",
      minutes: 60,
      kind: "one_to_one",
      agenda: "Caseload",
      discussion: "Talked it through.",
      decisions: "None",
      actions: [],
      doneActionIds: [],
    });
    expect((await noticesOf(year.learner.userId)).map((n) => n.kind).sort()).toEqual([
      "review_returned",
      "supervision_to_acknowledge",
    ]);
    expect(await emailsTo(year.learner.current.user.email)).toEqual([]);
    const run = await runDigest(new Date("2026-10-03T08:00:00Z"));
    expect(run.failed).toBe(0);
    const [digest, ...more] = await emailsTo(year.learner.current.user.email);
    expect(more).toEqual([]);
    expect(digest!.text).toContain("Daniel Okafor recorded your supervision of 2026-10-02");
    expect(digest!.text).not.toContain("returned your 3-month review");
  });
});

describe("the daily digest", () => {
  it("sends each person one email a day, however many times it runs and on however many servers", async () => {
    await submittedYear("Grace Waiting");
    const now = new Date("2026-11-10T07:30:00Z");
    const before = (await emailsTo(supervisor.current.user.email)).length;
    const [first, second] = await Promise.all([runDigest(now), runDigest(now)]);
    const third = await runDigest(now);
    expect(first.sent + second.sent).toBeGreaterThan(0);
    expect(third.sent).toBe(0);
    const digests = (await emailsTo(supervisor.current.user.email)).slice(0, -before || undefined);
    expect(digests.map((e) => e.subject)).toEqual([expect.stringMatching(/^Your day on Practice Pathways: /)]);
    expect(digests[0]!.text).toContain("Grace Waiting: ");
    const rows = await t.db.select().from(digestSends).where(eq(digestSends.day, "2026-11-10"));
    expect(rows).toHaveLength(first.sent + second.sent);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
    // The next day is a new day.
    expect((await runDigest(new Date("2026-11-11T07:30:00Z"))).sent).toBeGreaterThan(0);
  });
});

describe("an observation", () => {
  it("asks the learner to reflect when their observer records it, and tells nobody of their own evidence", async () => {
    const year = await submittedYear("Owen Observed");
    const observation = await createEvidence(year.enrolment.id, actorOf(supervisor, "supervisor"), "direct_observation", {
      title: "Home visit observed",
      occurredOn: "2026-10-05",
      body: "Owen explained the plan clearly.",
      capabilities: ["PCF-1"],
      details: {},
    });
    const told = (await noticesOf(year.learner.userId)).filter((n) => n.kind === "observation_to_reflect");
    expect(told.map((n) => [n.text, n.href])).toEqual([
      [
        'Daniel Okafor recorded an observation of your practice ("Home visit observed"): add your reflection',
        `/year/${year.enrolment.id}/portfolio/${observation!.id}`,
      ],
    ]);
    // The learner's own evidence (made in submittedYear) told no one.
    expect((await noticesOf(supervisor.userId)).filter((n) => n.href.includes(year.enrolment.id))).toEqual([]);
  });
});
