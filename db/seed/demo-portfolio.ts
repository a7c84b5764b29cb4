/**
 * Demo portfolios: each NQSW has evidence in proportion to how far through the year they
 * are (Zainab, at month 6, about half of what the ASYE asks for), mapped across the PCF and
 * their pathway's KSS, with direct observations recorded by their supervisor. Amara, in
 * month 1, starts with an empty portfolio. Skipped if any evidence exists already.
 */
import { addDays, format, parseISO } from "date-fns";
import { count } from "drizzle-orm";
import { evidenceHash, frameworksFor, KIND_LABELS, type EvidenceKind } from "~/modules/portfolio/rules";
import type { Manifest } from "~/modules/programmes/content-schema";
import type { Database } from "../client";
import { auditEvents, evidenceItems, evidenceVersions, reviewSubmissions, signoffs } from "../schema";
import { reviewDates, yearInputFor } from "~/modules/first-year/year";
import { submissionHash } from "~/modules/signoff/reviews";

export interface PortfolioLearner {
  enrolmentId: string;
  programmeSlug: string;
  pathway: string | null;
  startedOn: string;
  monthsIn: number;
  learnerId: string;
  supervisorId: string;
  /** The supervisor also holds the assessor's role: their first observation is as the assessor. */
  supervisorIsAssessor: boolean;
  /** The year's team manager, who countersigns its reviews. */
  teamManagerId: string | null;
  /** Leave this learner's most recent past review submitted but not yet decided. */
  reviewWaiting?: boolean;
  /** The assessor's recommendation at a final assessment already past (otherwise it is signed "on track"). */
  finalRecommendation?: "pass" | "fail";
}

export const TEXT: Record<EvidenceKind, { title: string; body: string; details?: Record<string, string> }[]> = {
  direct_observation: [
    {
      title: "Home visit with a parent and two children",
      details: { setting: "A planned home visit during a child and family assessment", judgement: "meets" },
      body: "The NQSW prepared well, explained the purpose of the visit in plain words and checked the parent had understood. She gave the older child time alone and used a three houses tool well. She named the worry about the neighbour's visits clearly and without blame.\n\nTo develop: summarise what has been agreed before leaving, and say when she will next be in touch.",
    },
    {
      title: "Review meeting with a carer and the district nurse",
      details: { setting: "A review of a care and support plan at the person's home", judgement: "meets" },
      body: "The NQSW chaired the review calmly, kept the person at the centre and asked for his own view before the carer's. She used the Care Act wellbeing principle to frame the options and recorded disagreement accurately.\n\nTo develop: be firmer about time when the meeting drifts.",
    },
    {
      title: "Strategy discussion contribution",
      details: { setting: "A multi-agency strategy discussion by video call", judgement: "developing" },
      body: "Clear chronology shared in advance, and a good account of the child's lived experience. The analysis of risk was descriptive rather than analytical: what do we know, what does it mean, what do we need to find out?\n\nAgreed: use the analysis framework from the lesson before the next discussion.",
    },
  ],
  feedback_person: [
    {
      title: "Feedback from a parent after the assessment",
      details: { from: "A parent" },
      body: "She listened to me and didn't make me feel judged. She told me what she was worried about straight away, which I didn't like at the time but I'm glad she did.",
    },
    {
      title: "Feedback from a young person",
      details: { from: "A young person, 14" },
      body: "She came when she said she would and she texted when she was late. She asked what I wanted to happen, not just my mum.",
    },
    {
      title: "Feedback from a carer",
      details: { from: "A carer (daughter of the person supported)" },
      body: "Very patient with Dad, and explained the options more than once without making him feel rushed. We'd have liked the paperwork sooner.",
    },
  ],
  feedback_professional: [
    {
      title: "Feedback from a health visitor",
      details: { from: "Health visitor, NHS community trust" },
      body: "Shared information promptly and made sure I knew what the plan was after the visit. A joined-up approach that the family noticed.",
    },
    {
      title: "Feedback from a school designated safeguarding lead",
      details: { from: "Designated safeguarding lead, primary school" },
      body: "Clear, respectful and realistic at the core group. Followed up the actions she agreed to by the date she said.",
    },
    {
      title: "Feedback from an occupational therapist",
      details: { from: "Occupational therapist, hospital discharge team" },
      body: "Good joint working on a complex discharge. Asked the right questions about risk and the person's own wishes.",
    },
  ],
  written_work: [
    {
      title: "Child and family assessment",
      details: { documentType: "Child and family assessment" },
      body: "An assessment of a family where neglect was the concern. It shows analysis of the history, the child's voice in their own words, and a plan with clear outcomes.",
    },
    {
      title: "Care and support plan",
      details: { documentType: "Care Act assessment and support plan" },
      body: "A plan that sets out the person's outcomes in his words and how each need will be met, with the legal basis for the decisions.",
    },
    {
      title: "Case recording sample",
      details: { documentType: "Case records over one month" },
      body: "A month of case records for one family, chosen to show timely, analytical recording that the family could read.",
    },
  ],
  reflective_log: [
    {
      title: "Summary reflection at six months",
      body: "Looking back at my first six months: what I have learnt about holding uncertainty, how my confidence in assessment has grown, and where I still need support (court work and chairing meetings).",
    },
    {
      title: "Final reflection at twelve months",
      body: "What the year has taught me, how my practice has changed, and my learning goals for my second year.",
    },
  ],
  supervision_reflection: [],
  cpd: [],
  lesson_reflection: [],
  shared_session: [],
};

export const TOPLEVEL: Record<string, string[]> = {
  PCF: Array.from({ length: 9 }, (_, i) => `PCF-${i + 1}`),
  "KSS-AD": Array.from({ length: 9 }, (_, i) => `KSS-AD-${i + 1}`),
  "KSS-CF": Array.from({ length: 10 }, (_, i) => `KSS-CF-${i + 1}`),
  ECS: Array.from({ length: 6 }, (_, i) => `ECS-${i + 1}`),
};

export async function seedPortfolios(tx: Database, manifest: Manifest, learners: PortfolioLearner[], today: Date) {
  const [already] = await tx.select({ n: count() }).from(evidenceItems);
  if ((already?.n ?? 0) > 0) return;
  for (const l of learners) {
    const programme = manifest.programmes.find((p) => p.slug === l.programmeSlug);
    const rules = programme?.assessment;
    if (!programme || !rules) continue;
    const share = Math.min(1, l.monthsIn / programme.lengthMonths);
    const codes = frameworksFor(rules, l.pathway).flatMap((f) => TOPLEVEL[f] ?? []);
    let mapping = 0;
    let observations = 0;
    const plan: { kind: EvidenceKind; index: number }[] = [];
    for (const r of rules.evidence) {
      const n = Math.round(r.count * share);
      for (let i = 0; i < n; i++) plan.push({ kind: r.kind, index: i });
    }
    // Spread the dates over the part of the year already lived.
    const start = parseISO(l.startedOn);
    const span = Math.max(1, Math.round((today.getTime() - start.getTime()) / 86_400_000) - 3);
    const made: {
      itemId: string;
      version: number;
      contentHash: string;
      title: string;
      kind: string;
      occurredOn: string;
    }[] = [];
    for (const [i, p] of plan.entries()) {
      const templates = TEXT[p.kind];
      const template = templates[p.index % templates.length]!;
      const occurredOn = format(addDays(start, Math.round(((i + 1) / (plan.length + 1)) * span)), "yyyy-MM-dd");
      const capabilities = [
        codes[mapping % codes.length]!,
        codes[(mapping + 1) % codes.length]!,
        codes[(mapping + 5) % codes.length]!,
      ];
      mapping += 2;
      const byObserver = p.kind === "direct_observation";
      const asAssessor = byObserver && l.supervisorIsAssessor && observations === 0;
      if (byObserver) observations++;
      const details: Record<string, string> = { ...(template.details ?? {}) };
      if (byObserver)
        details.learnerReflection =
          "The feedback matched what I felt: I was clearer about the worry than I expected to be. Next time I will summarise what we agreed before I leave.";
      const content = {
        title: template.title,
        occurredOn,
        body: template.body,
        capabilities: [...new Set(capabilities)],
        details,
      };
      const [item] = await tx
        .insert(evidenceItems)
        .values({
          enrolmentId: l.enrolmentId,
          kind: p.kind,
          createdById: byObserver ? l.supervisorId : l.learnerId,
          createdByRole: byObserver ? (asAssessor ? "assessor" : "supervisor") : "learner",
          createdAt: addDays(parseISO(occurredOn), 1),
          updatedAt: addDays(parseISO(occurredOn), 1),
        })
        .returning({ id: evidenceItems.id });
      const contentHash = evidenceHash({ ...content, fileHashes: [] });
      made.push({
        itemId: item!.id,
        version: 1,
        contentHash,
        title: content.title,
        kind: KIND_LABELS[p.kind],
        occurredOn,
      });
      await tx.insert(auditEvents).values({
        at: addDays(parseISO(occurredOn), 1),
        actorUserId: byObserver ? l.supervisorId : l.learnerId,
        actorRole: byObserver ? (asAssessor ? "assessor" : "supervisor") : "learner",
        action: "evidence.created",
        subjectType: "evidence_item",
        subjectId: item!.id,
        detail: { enrolment: l.enrolmentId, kind: p.kind, version: 1, contentHash },
      });
      await tx.insert(evidenceVersions).values({
        itemId: item!.id,
        version: 1,
        ...content,
        fileIds: [],
        contentHash,
        createdById: byObserver ? l.supervisorId : l.learnerId,
        createdAt: addDays(parseISO(occurredOn), 1),
      });
    }
    await seedReviews(tx, l, programme, made, today);
  }
}

/**
 * Review points already past are signed off (approved on track, countersigned by the year's
 * team manager) on the evidence there was by then; a learner marked `reviewWaiting` has their
 * latest one submitted and waiting for the supervisor.
 */
async function seedReviews(
  tx: Database,
  l: PortfolioLearner,
  programme: Manifest["programmes"][number],
  made: { itemId: string; version: number; contentHash: string; title: string; kind: string; occurredOn: string }[],
  today: Date,
) {
  if (!l.teamManagerId) return;
  const past = reviewDates(yearInputFor({ startedOn: l.startedOn }, programme)).filter((r) => r.due < today);
  for (const [i, r] of past.entries()) {
    const due = format(r.due, "yyyy-MM-dd");
    const items = made.filter((m) => m.occurredOn <= due).map(({ occurredOn: _, ...m }) => m);
    if (!items.length) continue;
    const comments = `Since the start of my year I have grown in confidence in ${r.final ? "every part of my practice" : "assessment and in recording"}. The evidence shows my direct work with families and what colleagues say about it; next I want to work on analysis and on chairing meetings.`;
    const contentHash = submissionHash(comments, items);
    const submittedAt = addDays(r.due, -5);
    const [submission] = await tx
      .insert(reviewSubmissions)
      .values({
        enrolmentId: l.enrolmentId,
        reviewCode: r.code,
        number: 1,
        learnerComments: comments,
        items,
        contentHash,
        submittedById: l.learnerId,
        submittedAt,
      })
      .returning({ id: reviewSubmissions.id });
    const event = (at: Date, actorUserId: string, actorRole: string, action: string, outcome?: string) => ({
      at,
      actorUserId,
      actorRole,
      action,
      subjectType: "review",
      subjectId: submission!.id,
      detail: { enrolment: l.enrolmentId, review: r.code, number: 1, contentHash, ...(outcome ? { outcome } : {}) },
    });
    await tx.insert(auditEvents).values(event(submittedAt, l.learnerId, "learner", "review.submitted"));
    if (l.reviewWaiting && i === past.length - 1) continue;
    const role = l.supervisorIsAssessor ? "assessor" : "supervisor";
    const outcome = r.final && l.finalRecommendation ? l.finalRecommendation : "on_track";
    await tx
      .insert(auditEvents)
      .values([
        event(addDays(r.due, -3), l.supervisorId, role, "review.approved", outcome),
        event(addDays(r.due, -1), l.teamManagerId, "team_manager", "review.countersigned"),
      ]);
    const common = { enrolmentId: l.enrolmentId, reviewCode: r.code, submissionId: submission!.id, items, contentHash };
    await tx.insert(signoffs).values([
      {
        ...common,
        step: "supervisor_decision" as const,
        decision: "approved",
        outcome,
        comments:
          outcome === "pass"
            ? "A safe, reflective practitioner who meets the PCF at ASYE level across the year: I recommend a pass."
            : outcome === "fail"
              ? "Not yet at ASYE level: the analysis of risk stays descriptive. I recommend a fail."
              : "A fair account, well evidenced. On track for this point in the year.",
        userId: l.supervisorId,
        role,
        signedAt: addDays(r.due, -3),
      },
      {
        ...common,
        step: "countersignature" as const,
        decision: "countersigned",
        comments: "",
        userId: l.teamManagerId,
        role: "team_manager",
        signedAt: addDays(r.due, -1),
      },
    ]);
  }
}
