/**
 * Bethan Morris's career, for the career record (ADR 025): her assessed first year at Riverside
 * (2014–15), passed at moderation (the panel read it and its chair signed the pass) and certified, a membership that
 * has since ended; a career break, then the return-to-practice refresher she joined on her own, with
 * her CPD records; now a senior social worker at Northmoor on the Child Protection Lead
 * Practitioner programme, and studying for the MA at Eastbridge. She shares her record with
 * Northmoor (not with Eastbridge). Every row is the kind the platform itself writes; nothing here
 * is a figure the page shows without a record behind it. Idempotent: nothing is added once she exists.
 */
import { format, parseISO, subMonths } from "date-fns";
import { eq, inArray } from "drizzle-orm";
import { hashPassword } from "~/modules/auth/password.server";
import { isoDate, yearEnd, yearInputFor } from "~/modules/first-year/year";
import { frameworksFor } from "~/modules/portfolio/rules";
import type { Manifest } from "~/modules/programmes/content-schema";
import { newVerificationCode } from "~/modules/signoff/verification-code.server";
import type { Database } from "../client";
import {
  auditEvents,
  careerShares,
  certificates,
  cpdRecords,
  enrolments,
  memberships,
  organisations,
  panelOutcomes,
  panels,
  users,
} from "../schema";

export const BETHAN = "bethan.morris@northmoor.example";
/** Her memberships: Riverside (ended), Northmoor and Eastbridge. */
export const BETHAN_MEMBERSHIPS = 3;
const MARCUS = "marcus.reid@riverside.example";
const FARAH = "farah.ali@riverside.example";

export async function seedCareer(db: Database, manifest: Manifest, password: string, today = new Date()) {
  const asye = manifest.programmes.find((p) => p.slug === "asye");
  const rules = asye?.assessment;
  if (!asye || !rules || !manifest.programmes.some((p) => p.slug === "cp-lead-practitioner")) return;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [bethan] = await tx
      .insert(users)
      .values({ name: "Bethan Morris", email: BETHAN, passwordHash, passwordChangedAt: today })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!bethan) return;
    const orgRows = await tx
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.slug, ["riverside", "northmoor", "eastbridge"]));
    const org = (slug: string) => orgRows.find((o) => o.slug === slug)!;
    const [marcus] = await tx.select({ id: users.id }).from(users).where(eq(users.email, MARCUS));
    const [farah] = await tx.select({ id: users.id }).from(users).where(eq(users.email, FARAH));
    if (orgRows.length < 3 || !marcus || !farah) return;
    const day = (d: Date) => format(d, "yyyy-MM-dd");
    const cpLeadStart = day(subMonths(today, 3));

    await tx.insert(memberships).values([
      // Her first post: ended when she left Riverside in 2019.
      {
        userId: bethan.id,
        organisationId: org("riverside").id,
        role: "learner",
        jobTitle: "Newly qualified social worker",
        team: "Children in need, South",
        stage: "nqsw",
        startedOn: "2014-09-01",
        active: false,
      },
      {
        userId: bethan.id,
        organisationId: org("northmoor").id,
        role: "learner",
        jobTitle: "Senior social worker",
        team: "Child protection, Central",
        stage: "experienced",
        startedOn: "2024-06-03",
      },
      {
        userId: bethan.id,
        organisationId: org("eastbridge").id,
        role: "learner",
        jobTitle: "Masters student",
        stage: "masters",
        startedOn: "2025-09-22",
      },
    ]);

    const [year] = await tx
      .insert(enrolments)
      .values({
        userId: bethan.id,
        programmeSlug: "asye",
        organisationId: org("riverside").id,
        startedOn: "2014-09-01",
        pathway: "child-family",
        enrolledById: marcus.id,
        createdAt: parseISO("2014-09-01T09:00:00Z"),
      })
      .returning();
    await tx.insert(enrolments).values([
      {
        userId: bethan.id,
        programmeSlug: "return-to-social-work",
        organisationId: null,
        startedOn: "2024-01-08",
        status: "completed",
      },
      {
        userId: bethan.id,
        programmeSlug: "masters",
        organisationId: org("eastbridge").id,
        startedOn: "2025-09-22",
      },
      {
        userId: bethan.id,
        programmeSlug: "cp-lead-practitioner",
        organisationId: org("northmoor").id,
        startedOn: cpLeadStart,
      },
    ]);

    // The 2015 moderation round at Riverside read her portfolio: Farah Ali agreed with the pass and the chair signed it.
    const decidedAt = parseISO("2015-09-17T14:00:00Z");
    const [panel] = await tx
      .insert(panels)
      .values({
        organisationId: org("riverside").id,
        programmeSlug: "asye",
        name: "ASYE moderation, September 2015",
        sampleShare: 0.25,
        seed: "demo-career-2015",
        sample: [{ enrolmentId: year!.id, recommendation: "pass" }],
        cases: [{ enrolmentId: year!.id, recommendation: "pass" }],
        chairId: marcus.id,
        createdById: marcus.id,
        createdAt: parseISO("2015-09-10T10:00:00Z"),
      })
      .returning();
    await tx.insert(panelOutcomes).values([
      {
        panelId: panel!.id,
        enrolmentId: year!.id,
        step: "recorded",
        outcome: "agree",
        userId: farah.id,
        role: "assessor",
        at: parseISO("2015-09-16T11:00:00Z"),
      },
      {
        panelId: panel!.id,
        enrolmentId: year!.id,
        step: "chair_signed",
        outcome: "agree",
        userId: marcus.id,
        role: "programme_lead",
        at: decidedAt,
      },
    ]);
    await tx.insert(certificates).values({
      code: newVerificationCode(),
      enrolmentId: year!.id,
      learnerName: "Bethan Morris",
      organisationName: org("riverside").name,
      programmeTitle: asye.title,
      frameworks: frameworksFor(rules, "child-family")
        .map((id) => manifest.frameworks.find((f) => f.id === id)?.title ?? id)
        .join("; "),
      startedOn: "2014-09-01",
      endsOn: isoDate(yearEnd(yearInputFor(year!, asye))),
      decidedOn: "2015-09-17",
      completedOn: "2015-09-17",
      issuedAt: decidedAt,
    });

    await tx.insert(cpdRecords).values([
      {
        userId: bethan.id,
        recordedOn: "2024-02-20",
        activity: "Return to social work refresher: law and policy since 2019",
        learning: "What Working Together 2023 and the Families First reforms changed for child protection enquiries.",
        impact: "I now plan strategy discussions with the multi-agency partners the reforms name.",
        standards: ["3", "4"],
        peerName: "Priya Shah",
        peerReflection: "We talked through how the new child protection teams will hold decisions.",
      },
      {
        userId: bethan.id,
        recordedOn: "2024-05-14",
        activity: "Shadowed the duty and assessment team for two weeks",
        learning: "How the team now records risk and the voice of the child in assessments.",
        impact: "My first assessments since returning follow the team's current practice.",
        standards: ["2", "3"],
      },
      {
        userId: bethan.id,
        recordedOn: day(subMonths(today, 2)),
        activity: "CP lead programme: joint training with police on section 47 enquiries",
        learning: "Where police and social work thresholds differ, and how joint visits are planned.",
        impact: "I co-planned a joint visit with the police public protection unit.",
        standards: ["3", "5"],
      },
    ]);

    // Shared with Northmoor, where she works now; not with Eastbridge.
    const sharedAt = subMonths(today, 2);
    await tx.insert(careerShares).values({
      userId: bethan.id,
      organisationId: org("northmoor").id,
      shared: true,
      decidedById: bethan.id,
      decidedByRole: "learner",
      at: sharedAt,
    });
    await tx.insert(auditEvents).values({
      at: sharedAt,
      actorUserId: bethan.id,
      actorRole: "learner",
      organisationId: org("northmoor").id,
      action: "career.shared",
      subjectType: "user",
      subjectId: bethan.id,
      detail: { organisation: org("northmoor").name },
    });
  });
}
