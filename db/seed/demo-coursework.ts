/**
 * The demo world's Masters coursework: every learner on a Masters cohort has a candidate number, and
 * the university's programme lead has opened the first module's assignment for the newest intake
 * (Hannah Clarke's) with a deadline four weeks ahead, so Hannah sees it on her module page; the
 * earlier intakes' work is in demo-marking.ts. The university's markers, in the order
 * of the demo world's people (Aisha Rahman, then Tom Whitfield), are its first and second markers.
 * Seeding again changes nothing.
 */
import { addDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { englandInstant } from "~/modules/masters/assignments";
import { assignCandidateNumbers } from "~/modules/masters/assignments.server";
import { englandDay } from "~/utils/england";
import type { Manifest } from "~/modules/programmes/content-schema";
import type { Database } from "../client";
import { cohorts, courseworkAssignments, courseworkMarkerAllocations, memberships, users } from "../schema";

/** The demo markers, by email, in the stages they are allocated to. */
const DEMO_MARKERS = [
  { email: "aisha.rahman@eastbridge.example", stage: "first" },
  { email: "tom.whitfield@eastbridge.example", stage: "second" },
] as const;

export async function seedCoursework(tx: Database, manifest: Manifest, today: Date) {
  for (const programme of manifest.programmes.filter((p) => p.award)) {
    const first = [...programme.modules].sort((a, b) => a.order - b.order).find((m) => m.assignment?.wordCount);
    const rows = await tx.select().from(cohorts).where(eq(cohorts.programmeSlug, programme.slug));
    const newest = new Map<string, string>();
    for (const cohort of [...rows].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))) newest.set(cohort.organisationId, cohort.id);
    for (const cohort of rows) {
      await assignCandidateNumbers(tx, cohort.id);
      if (!first || newest.get(cohort.organisationId) !== cohort.id) continue;
      const [lead] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.organisationId, cohort.organisationId), eq(memberships.role, "programme_lead")));
      if (!lead) continue;
      await tx
        .insert(courseworkAssignments)
        .values({
          organisationId: cohort.organisationId,
          cohortId: cohort.id,
          programmeSlug: programme.slug,
          moduleSlug: first.slug,
          deadline: englandInstant(englandDay(addDays(today, 28)), "12:00"),
          wordLimit: first.assignment!.wordCount!,
          openedById: lead.userId,
        })
        .onConflictDoNothing();
      const [assignment] = await tx
        .select({ id: courseworkAssignments.id })
        .from(courseworkAssignments)
        .where(and(eq(courseworkAssignments.cohortId, cohort.id), eq(courseworkAssignments.moduleSlug, first.slug)));
      for (const { email, stage } of DEMO_MARKERS) {
        const [marker] = await tx
          .select({ id: users.id })
          .from(users)
          .innerJoin(memberships, eq(memberships.userId, users.id))
          .where(and(eq(users.email, email), eq(memberships.organisationId, cohort.organisationId), eq(memberships.role, "marker")));
        if (!marker || !assignment) continue;
        await tx
          .insert(courseworkMarkerAllocations)
          .values({ assignmentId: assignment.id, stage, markerId: marker.id, allocatedById: lead.userId })
          .onConflictDoNothing();
      }
    }
  }
}
