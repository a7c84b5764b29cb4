/**
 * Janet Okoye's own route back in: her answers (registration lapsed about six years ago, so 60
 * days of updating), a log of ten updating entries (some private study, one from more than 12
 * months ago, which no longer counts) and two CPD records, one of them discussed with a peer.
 * Idempotent: nothing is added once she has answered the questions.
 */
import { format, parseISO, subDays, subMonths } from "date-fns";
import { eq } from "drizzle-orm";
import { registrationYearOf } from "~/modules/returners/cpd";
import type { Database } from "../client";
import { cpdRecords, returnerProfiles, updatingEntries, users } from "../schema";

const JANET = "janet.okoye@example.com";

export async function seedReturnerRoute(db: Database, today = new Date()) {
  const [janet] = await db.select({ id: users.id }).from(users).where(eq(users.email, JANET));
  if (!janet) return;
  const day = (d: Date) => format(d, "yyyy-MM-dd");
  const month = (d: Date) => `${format(d, "yyyy-MM")}-01`;
  await db.transaction(async (tx) => {
    const [profile] = await tx
      .insert(returnerProfiles)
      .values({
        userId: janet.id,
        region: "North West",
        specialism: "children",
        registrationStatus: "lapsed",
        lapsedOn: day(subMonths(today, 6 * 12 + 2)),
        lastPractisedOn: month(subMonths(today, 6 * 12 + 5)),
        referencesReceived: true,
      })
      .onConflictDoNothing()
      .returning();
    if (!profile) return;
    const ago = (n: number) => day(subDays(today, n));
    const entries: Omit<typeof updatingEntries.$inferInsert, "userId">[] = [
      {
        on: day(subMonths(today, 14)),
        hours: 6,
        kind: "private_study",
        description: "Read the Care Act 2014 statutory guidance on assessment and eligibility.",
      },
      {
        on: ago(60),
        hours: 6,
        kind: "formal_study",
        description: "Refresher programme: what changed in law and policy while I was away.",
      },
      {
        on: ago(52),
        hours: 6,
        kind: "private_study",
        description: "Read Working Together to Safeguard Children (2023) and made notes on the changes.",
      },
      {
        on: ago(45),
        hours: 6.5,
        kind: "formal_study",
        description: "Council workshop on strengths-based assessment.",
      },
      {
        on: ago(38),
        hours: 6,
        kind: "supervised_practice",
        description:
          "Shadowed a senior social worker on two home visits and a strategy meeting, Children in Need team.",
        supervisedBy: "Grace Mensah, senior social worker, Northmoor",
      },
      {
        on: ago(31),
        hours: 3,
        kind: "private_study",
        description: "Research in Practice briefings on contextual safeguarding.",
      },
      {
        on: ago(24),
        hours: 6,
        kind: "supervised_practice",
        description: "Shadowed the duty and assessment team for the day; observed two initial contacts.",
        supervisedBy: "Grace Mensah, senior social worker, Northmoor",
      },
      {
        on: ago(17),
        hours: 6,
        kind: "supervised_practice",
        description: "Co-worked a child and family assessment visit, recorded and discussed in supervision.",
        supervisedBy: "Daniel Okafor, practice supervisor, Northmoor",
      },
      {
        on: ago(10),
        hours: 3.5,
        kind: "private_study",
        description: "Online module on recording: writing for the child.",
      },
      {
        on: ago(3),
        hours: 6,
        kind: "formal_study",
        description: "Refresher programme: registration and restoration, updating days and CPD.",
      },
    ];
    await tx.insert(updatingEntries).values(entries.map((e) => ({ ...e, userId: janet.id })));
    // One record in this registration year (not yet discussed with a peer), one in the year before (discussed).
    const year = registrationYearOf(day(today));
    const recent = ago(14) < year.starts ? year.starts : ago(14);
    await tx.insert(cpdRecords).values([
      {
        userId: janet.id,
        recordedOn: recent,
        activity: "Refresher module on the law and policy that changed while I was away from practice.",
        learning: "How the Care Act's wellbeing principle and strengths-based practice shape an assessment now.",
        impact: "I will start assessments from what is working in a family's life, and record the person's own words.",
        standards: ["1", "4"],
      },
      {
        userId: janet.id,
        recordedOn: day(subMonths(parseISO(year.starts), 4)),
        activity: "Read the national review into the murders of Arthur Labinjo-Hughes and Star Hobson.",
        learning: "The weight of professional curiosity, and of checking what family members say against what is seen.",
        impact: "I will test what I am told on visits and share concerns across agencies early.",
        standards: ["3", "5", "6"],
        peerReflection:
          "Talked it through with a former colleague: we compared how information sharing between agencies worked in our old teams and what we would do differently.",
        peerName: "Ruth Adeyemi, programme lead",
      },
    ]);
  });
}
