/**
 * One engine, two programmes: a learner walks the 12-month ASYE and another the 24-month
 * child and family ECDP through every review point, to a panel and a certificate, on the
 * same code with each programme's own configuration.
 */
import { format, parseISO } from "date-fns";
import { certificates, enrolments, panelOutcomes } from "#db/schema";
import { reviewDates, yearInputFor } from "~/modules/first-year/year";
import { createEvidence } from "~/modules/portfolio/portfolio.server";
import { caseState } from "~/modules/signoff/panel";
import {
  certificateFor,
  chairSignOutcome,
  createPanel,
  findPanel,
  portfoliosForPanel,
  recordPanelOutcome,
} from "~/modules/signoff/panel.server";
import { reviewState, reviewStates } from "~/modules/signoff/reviews";
import { countersignReview, decideReview, reviewRecords, submitReview } from "~/modules/signoff/reviews.server";
import { sql } from "drizzle-orm";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, makeUser } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-both-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

const manifest = writeTestManifest(manifestFile, {
  programmes: ["asye", "early-career"],
  frameworks: ["pcf", "kss-child-family", "early-career-standards"],
});

const t = withTestDatabase();

async function walk(slug: "asye" | "early-career", startedOn: string) {
  const org = await makeOrganisation(t.db);
  const [learner, supervisor, lead, manager] = await Promise.all([
    makeUser(t.db, { name: `Learner on ${slug}` }),
    makeUser(t.db, { name: "Supervisor" }),
    makeUser(t.db, { name: "Lead" }),
    makeUser(t.db, { name: "Team manager" }),
  ]);
  await makeMembership(t.db, { userId: learner.id, organisationId: org.id, role: "learner" });
  await makeMembership(t.db, { userId: supervisor.id, organisationId: org.id, role: "supervisor" });
  await makeMembership(t.db, { userId: lead.id, organisationId: org.id, role: "programme_lead" });
  await makeMembership(t.db, { userId: manager.id, organisationId: org.id, role: "team_manager" });
  const [enrolment] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.id,
      programmeSlug: slug,
      organisationId: org.id,
      supervisorId: supervisor.id,
      teamManagerId: manager.id,
      startedOn,
      pathway: slug === "asye" ? "child-family" : null,
    })
    .returning();
  const code = slug === "asye" ? "PCF-6" : "ECS-5.1";
  const item = await createEvidence(
    enrolment!.id,
    { userId: learner.id, role: "learner", organisationId: org.id },
    "reflective_log",
    {
      title: "What I learnt",
      occurredOn: startedOn,
      body: "About listening first.",
      capabilities: [code],
      details: {},
    },
  );
  const as = (userId: string, role: string) => ({ userId, role, organisationId: org.id });
  const points = reviewDates(
    yearInputFor(
      enrolment!,
      manifest.programmes.find((p) => p.slug === slug)!,
    ),
  );
  for (const point of points) {
    expect(
      await submitReview(enrolment!.id, point.code, as(learner.id, "learner"), `Ready for the ${point.title}.`, [
        item!.id,
      ]),
    ).toEqual({ ok: true });
    const { submissions, signoffs } = await reviewRecords(enrolment!.id, point.code);
    const latest = reviewState(submissions, signoffs).latest!;
    expect(
      await decideReview(enrolment!.id, point.code, as(supervisor.id, "supervisor"), latest.id, {
        decision: "approved",
        outcome: point.final ? "pass" : "on_track",
        comments: "Well evidenced.",
        actionPlan: null,
      }),
    ).toEqual({ ok: true });
    expect(
      await countersignReview(enrolment!.id, point.code, as(manager.id, "team_manager"), latest.contentHash, ""),
    ).toEqual({
      ok: true,
    });
  }
  const states = reviewStates(
    yearInputFor(
      enrolment!,
      manifest.programmes.find((p) => p.slug === slug)!,
    ),
    await reviewRecords(enrolment!.id),
  );
  expect(states.every((s) => s.state === "complete")).toBe(true);

  const ready = await portfoliosForPanel(org.id, slug);
  expect(ready).toEqual([{ enrolmentId: enrolment!.id, learnerName: `Learner on ${slug}`, recommendation: "pass" }]);
  const made = await createPanel(
    { userId: lead.id, role: "programme_lead", organisationId: org.id },
    { programmeSlug: slug, name: "Panel", sampleShare: 0.1, chairId: lead.id },
  );
  const panel = (await findPanel(org.id, made.id))!;
  const chair = { userId: lead.id, role: "programme_lead", organisationId: org.id };
  expect(await recordPanelOutcome(panel, enrolment!.id, chair, "agree", "")).toEqual({ ok: true });
  const signed = await chairSignOutcome((await findPanel(org.id, made.id))!, enrolment!.id, chair);
  expect(signed.ok && signed.certificateCode).toMatch(/^PP-/);
  expect(caseState(enrolment!.id, (await findPanel(org.id, made.id))!.outcomes).state).toBe("final");
  return { points, certificate: (await certificateFor(enrolment!.id))! };
}

describe("the same engine runs the ASYE and the ECDP", () => {
  it("walks each through its own review points to a certificate", async () => {
    const asyeYear = await walk("asye", "2025-09-01");
    const ecdpYear = await walk("early-career", "2025-09-01");
    expect(asyeYear.points.map((p) => [p.code, format(p.due, "yyyy-MM-dd")])).toEqual([
      ["three-month", "2025-12-01"],
      ["six-month", "2026-03-01"],
      ["final", "2026-09-01"],
    ]);
    expect(ecdpYear.points.map((p) => [p.code, format(p.due, "yyyy-MM-dd")])).toEqual([
      ["three-month", "2025-12-01"],
      ["six-month", "2026-03-01"],
      ["twelve-month", "2026-09-01"],
      ["eighteen-month", "2027-03-01"],
      ["final", "2027-09-01"],
    ]);
    expect(asyeYear.certificate.programmeTitle).toBe("NQSW support programme (ASYE)");
    expect(asyeYear.certificate.frameworks).toBe(
      "Professional Capabilities Framework; Knowledge and Skills Statement for child and family practitioners",
    );
    expect(ecdpYear.certificate.programmeTitle).toMatch(/ECDP/);
    expect(ecdpYear.certificate.frameworks).toMatch(/early career standards/i);
    expect(parseISO(ecdpYear.certificate.startedOn)).toEqual(parseISO("2025-09-01"));
  });
});

describe("what a panel decided, and the certificate, cannot be changed", () => {
  it("refuses UPDATE and DELETE on panel outcomes and certificates at the database", async () => {
    const before = (await t.db.select().from(panelOutcomes)).length;
    await walk("asye", "2025-10-06");
    for (const table of ["panel_outcomes", "certificates"]) {
      expect(await failureOf(t.db.execute(sql.raw(`update ${table} set id = id`)))).toMatch(
        new RegExp(`${table} is append-only: UPDATE refused`),
      );
      expect(await failureOf(t.db.execute(sql.raw(`delete from ${table}`)))).toMatch(
        new RegExp(`${table} is append-only: DELETE refused`),
      );
    }
    // Still there: two steps of the outcome, and the certificate.
    expect(await t.db.select().from(panelOutcomes)).toHaveLength(before + 2);
    expect((await t.db.select().from(certificates)).length).toBeGreaterThan(0);
  });
});
