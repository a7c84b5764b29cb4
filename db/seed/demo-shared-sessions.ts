/**
 * Northmoor's shared multi-agency sessions of the CP lead programme (ADR 026). Sophie Bennett is
 * part-way through the programme (its first module done, the second begun); with Bethan Morris she
 * was invited to two sessions, facilitated by Priya Shah: strategy discussions and joint enquiries,
 * which Detective Sergeant Karen Fletcher (Northmoor Police, Public Protection Unit) and Deepa Menon
 * (named nurse for safeguarding children, Northmoor Teaching Hospitals) attended too, and achieving
 * best evidence and medical assessments, with Deepa (Bethan sent apologies). Both are in the register
 * and, for the learners who attended, in their portfolios as evidence for CPL-2.5, bound to the
 * register entry. A third, on sharing information lawfully, is still to come. Each session has a
 * handout. Idempotent: nothing is added once Northmoor has a shared session.
 */
import { createHash } from "node:crypto";
import { addDays, addMinutes, format, subDays, subMonths } from "date-fns";
import { and, count, eq, inArray } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { englandInstant } from "~/modules/masters/assignments";
import { evidenceHash } from "~/modules/portfolio/rules";
import type { Manifest } from "~/modules/programmes/content-schema";
import { lessonsInOrder } from "~/modules/programmes/progress";
import { attendanceEvidence, attendanceSourceKey, topicTitle, type Attendance } from "~/modules/shared-sessions/rules";
import { englandDateTime, englandDay } from "~/utils/england";
import type { Database } from "../client";
import {
  auditEvents,
  enrolments,
  evidenceItems,
  evidenceVersions,
  lessonProgress,
  memberships,
  organisations,
  sharedSessionInvitees,
  sharedSessionMaterialContents,
  sharedSessionMaterials,
  sharedSessionRegister,
  sharedSessions,
  users,
} from "../schema";

const PROGRAMME = "cp-lead-practitioner";
export const SOPHIE = "sophie.bennett@northmoor.example";
const BETHAN = "bethan.morris@northmoor.example";
const PRIYA = "priya.shah@northmoor.example";
const RACHEL = "rachel.whitaker@northmoor.example";
const DANIEL = "daniel.okafor@northmoor.example";
const KAREN = "karen.fletcher@northmoorpolice.example";
const DEEPA = "deepa.menon@northmoornhs.example";
const MODULE = "joint-working-with-police-and-health";

/** A one-page handout, as a real PDF, for a session's materials. */
async function handout(title: string, lines: string[]) {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  page.drawText(title, { x: 56, y: 770, size: 16, font: bold });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 730 - i * 20, size: 11, font }));
  return Buffer.from(await pdf.save());
}

interface DemoSession {
  lesson: string;
  startsAt: Date;
  minutes: number;
  place: string | null;
  link: string | null;
  invited: string[];
  register: [string, Attendance][];
  handout: { file: string; title: string; lines: string[] };
}

export async function seedSharedSessions(db: Database, manifest: Manifest, today = new Date()) {
  const programme = manifest.programmes.find((p) => p.slug === PROGRAMME);
  if (!programme?.sharedSessions) return;
  const shared = programme.sharedSessions;
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, "northmoor"));
  if (!org) return;
  const [existing] = await db.select({ n: count() }).from(sharedSessions).where(eq(sharedSessions.organisationId, org.id));
  if ((existing?.n ?? 0) > 0) return;
  const people = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, [SOPHIE, BETHAN, PRIYA, RACHEL, DANIEL, KAREN, DEEPA]));
  const person = (email: string) => people.find((p) => p.email === email);
  if ([SOPHIE, BETHAN, PRIYA, RACHEL, KAREN, DEEPA].some((e) => !person(e))) return;
  const id = (email: string) => person(email)!.id;
  const partnerAgency = new Map(
    (await db.select({ userId: memberships.userId, kind: memberships.agencyKind }).from(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.role, "partner")))).map(
      (m) => [m.userId, m.kind],
    ),
  );
  // Ten weeks ago and four weeks ago, each on a weekday morning; the next in three weeks.
  const at = (d: Date, hour: number) => englandInstant(format(d, "yyyy-MM-dd"), `${String(hour).padStart(2, "0")}:30`);
  const sessions: DemoSession[] = [
    {
      lesson: "strategy-discussions-and-joint-enquiries",
      startsAt: at(subDays(today, 70), 10),
      minutes: 180,
      place: "Northmoor Civic Centre, Committee Room 2",
      link: null,
      invited: [SOPHIE, BETHAN, KAREN, DEEPA],
      register: [
        [SOPHIE, "attended"],
        [BETHAN, "attended"],
        [KAREN, "attended"],
        [DEEPA, "attended"],
      ],
      handout: {
        file: "strategy-discussion-checklist.pdf",
        title: "Strategy discussions: a checklist for all three agencies",
        lines: [
          "Who convenes, and who must be there: social work, police, health; education where it helps.",
          "What each agency brings: history, checks, the child's health and what school knows.",
          "Decisions to record: section 47 enquiry or not; criminal investigation or not;",
          "who visits, who speaks to the child, and when; what the family is told, and by whom.",
          "Information shared: what, with whom, and the lawful basis for sharing it.",
        ],
      },
    },
    {
      lesson: "achieving-best-evidence-and-medical-assessments",
      startsAt: at(subDays(today, 28), 9),
      minutes: 150,
      place: "Northmoor Teaching Hospital, Education Centre, Seminar Room 4",
      link: null,
      invited: [SOPHIE, BETHAN, DEEPA],
      register: [
        [SOPHIE, "attended"],
        [BETHAN, "apologies"],
        [DEEPA, "attended"],
      ],
      handout: {
        file: "child-protection-medicals-briefing.pdf",
        title: "Child protection medical assessments: a briefing",
        lines: [
          "When a medical is requested, and how quickly: the local timescales.",
          "Consent: who can give it, and what happens when it is refused.",
          "What a paediatrician's opinion can and cannot say about how an injury happened.",
          "Achieving best evidence interviews in outline: planning with the police.",
        ],
      },
    },
    {
      lesson: "sharing-information-lawfully",
      startsAt: at(addDays(today, 21), 13),
      minutes: 120,
      place: "Northmoor Civic Centre, Committee Room 2",
      link: "https://meet.northmoor.example/cp-lead-information-sharing",
      invited: [SOPHIE, BETHAN, KAREN, DEEPA],
      register: [],
      handout: {
        file: "information-sharing-scenarios.pdf",
        title: "Sharing information lawfully: scenarios for the session",
        lines: [
          "Three anonymised scenarios to read before the session.",
          "For each: what would you share, with whom, when, and on what lawful basis?",
          "Bring one example from your own agency where sharing was hard to decide.",
        ],
      },
    },
  ];

  await db.transaction(async (tx) => {
    // Sophie joins the programme at Northmoor: her first module done, the second begun.
    const startedOn = format(subMonths(today, 4), "yyyy-MM-dd");
    await tx
      .insert(enrolments)
      .values({
        userId: id(SOPHIE),
        programmeSlug: PROGRAMME,
        organisationId: org.id,
        supervisorId: person(DANIEL)?.id ?? null,
        teamManagerId: id(RACHEL),
        startedOn,
        enrolledById: id(PRIYA),
      })
      .onConflictDoNothing();
    const learners = await tx
      .select({ id: enrolments.id, userId: enrolments.userId })
      .from(enrolments)
      .where(and(eq(enrolments.programmeSlug, PROGRAMME), eq(enrolments.organisationId, org.id), inArray(enrolments.userId, [id(SOPHIE), id(BETHAN)])));
    const enrolmentOf = (userId: string) => learners.find((l) => l.userId === userId)?.id;
    const sophies = enrolmentOf(id(SOPHIE))!;
    const lessons = lessonsInOrder(programme).slice(0, 3);
    await tx
      .insert(lessonProgress)
      .values(lessons.map((r, i) => ({ enrolmentId: sophies, moduleSlug: r.module.slug, lessonSlug: r.lesson.slug, completedAt: subDays(today, 90 - i * 20), lastViewedAt: subDays(today, 90 - i * 20) })))
      .onConflictDoNothing();

    for (const s of sessions) {
      const topic = topicTitle(programme, MODULE, s.lesson)!;
      const [session] = await tx
        .insert(sharedSessions)
        .values({
          organisationId: org.id,
          programmeSlug: PROGRAMME,
          moduleSlug: MODULE,
          lessonSlug: s.lesson,
          startsAt: s.startsAt,
          minutes: s.minutes,
          place: s.place,
          link: s.link,
          facilitatorId: id(PRIYA),
          createdById: id(PRIYA),
          createdAt: subDays(s.startsAt, 30),
        })
        .returning();
      await tx.insert(sharedSessionInvitees).values(
        s.invited.map((email) => {
          const partner = partnerAgency.has(id(email));
          return {
            sessionId: session!.id,
            party: partner ? ("partner" as const) : ("learner" as const),
            userId: id(email),
            enrolmentId: partner ? null : enrolmentOf(id(email))!,
            invitedById: id(PRIYA),
            invitedAt: subDays(s.startsAt, 30),
          };
        }),
      );
      const bytes = await handout(s.handout.title, s.handout.lines);
      const [material] = await tx
        .insert(sharedSessionMaterials)
        .values({
          sessionId: session!.id,
          fileName: s.handout.file,
          contentType: "application/pdf",
          sizeBytes: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          uploadedById: id(PRIYA),
          uploadedAt: subDays(s.startsAt, 7),
        })
        .returning();
      await tx.insert(sharedSessionMaterialContents).values({ materialId: material!.id, content: bytes });
      await tx.insert(auditEvents).values({
        at: subDays(s.startsAt, 30),
        actorUserId: id(PRIYA),
        actorRole: "programme_lead",
        organisationId: org.id,
        action: "shared_session.created",
        subjectType: "shared_session",
        subjectId: session!.id,
        detail: { topic, startsAt: s.startsAt.toISOString(), people: s.invited.length },
      });
      if (!s.register.length) continue;
      // Recorded by the facilitator an hour after the session ended.
      const recordedAt = addMinutes(s.startsAt, s.minutes + 60);
      const entries = await tx
        .insert(sharedSessionRegister)
        .values(s.register.map(([email, status]) => ({ sessionId: session!.id, userId: id(email), status, recordedById: id(PRIYA), recordedByRole: "programme_lead", recordedAt })))
        .returning();
      await tx.insert(auditEvents).values(
        entries.map((e) => ({
          at: recordedAt,
          actorUserId: id(PRIYA),
          actorRole: "programme_lead",
          organisationId: org.id,
          action: "shared_session.attendance_recorded",
          subjectType: "shared_session",
          subjectId: session!.id,
          detail: { user: e.userId, status: e.status, topic, entry: e.id },
        })),
      );
      const agencies = [...new Set(entries.filter((e) => e.status === "attended" && partnerAgency.get(e.userId)).map((e) => partnerAgency.get(e.userId)!))]
        .sort((a, b) => ["police", "health", "education"].indexOf(a) - ["police", "health", "education"].indexOf(b))
        .map((k) => ({ police: "Police", health: "Health", education: "Education" })[k]);
      // Each learner who attended has it in their portfolio, as the register writes it (sessions.server.ts).
      for (const entry of entries.filter((e) => e.status === "attended" && !partnerAgency.has(e.userId))) {
        const enrolmentId = enrolmentOf(entry.userId)!;
        const content = attendanceEvidence({
          topic,
          note: shared.note,
          criteria: shared.evidences,
          day: englandDay(s.startsAt),
          when: englandDateTime(s.startsAt),
          facilitator: person(PRIYA)!.name,
          agencies,
          entry: { id: entry.id, status: entry.status, by: person(PRIYA)!.name, role: "programme lead", at: englandDateTime(recordedAt) },
          sessionId: session!.id,
        });
        const details = Object.fromEntries(Object.entries(content.details).filter(([, v]) => v));
        const [item] = await tx
          .insert(evidenceItems)
          .values({
            enrolmentId,
            kind: "shared_session",
            createdById: id(PRIYA),
            createdByRole: "programme_lead",
            sourceKey: attendanceSourceKey(session!.id, enrolmentId),
            createdAt: recordedAt,
            updatedAt: recordedAt,
          })
          .returning();
        const [version] = await tx
          .insert(evidenceVersions)
          .values({
            itemId: item!.id,
            version: 1,
            ...content,
            details,
            fileIds: [],
            contentHash: evidenceHash({ ...content, details, fileHashes: [] }),
            createdById: id(PRIYA),
            createdAt: recordedAt,
          })
          .returning();
        await tx.insert(auditEvents).values({
          at: recordedAt,
          actorUserId: id(PRIYA),
          actorRole: "programme_lead",
          organisationId: org.id,
          action: "evidence.created",
          subjectType: "evidence_item",
          subjectId: item!.id,
          detail: { enrolment: enrolmentId, kind: "shared_session", version: 1, contentHash: version!.contentHash, files: 0 },
        });
      }
    }
  });
}
