/**
 * Notices: what needs a person, in words, and how each reaches them. Pure (the words and choices
 * are unit-tested); written and sent by notices.server.ts, the daily digest by digest.server.ts.
 */
import { format, parseISO } from "date-fns";

export const NOTICE_KINDS = [
  "review_returned",
  "review_approved",
  "countersignature_needed",
  "agreement_to_sign",
  "supervision_to_acknowledge",
  "observation_to_reflect",
  "panel_outcome",
  "certificate_issued",
  "introduction",
  "team_manager_named",
  "evidence_feedback",
  "assessment_to_confirm",
  "assessor_appointed",
  "assessment_to_decide",
  "assessment_outcome",
  "place_refunded",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** How a kind of notice reaches the person besides the list: an email now, a line in the daily digest, or neither. */
export const DELIVERIES = ["email", "digest", "app"] as const;
export type Delivery = (typeof DELIVERIES)[number];

export const DELIVERY_LABELS: Record<Delivery, string> = {
  email: "Email me straight away",
  digest: "Put it in my daily email",
  app: "Only show it in Practice Pathways",
};

/** Each kind as the preferences page names it. */
export const KIND_LABELS: Record<NoticeKind, string> = {
  review_returned: "A review of yours is returned to you",
  review_approved: "A review of yours is approved or countersigned",
  countersignature_needed: "A review waits for your countersignature",
  agreement_to_sign: "A learning agreement waits for your signature",
  supervision_to_acknowledge: "A supervision record waits for you to acknowledge it",
  observation_to_reflect: "An observation of your practice waits for your reflection",
  panel_outcome: "A panel outcome on your year",
  certificate_issued: "Your certificate is issued",
  introduction: "An introduction made or answered",
  team_manager_named: "You are named as someone's team manager",
  evidence_feedback: "Feedback on your evidence, or a reply to yours",
  assessment_to_confirm: "A portfolio waits for you to confirm the practice claims, as line manager",
  assessor_appointed: "You are appointed to assess someone's portfolio",
  assessment_to_decide: "A portfolio you assess is confirmed and waits for your decisions",
  assessment_outcome: "The outcome of your assessment against the criteria",
  place_refunded: "A refund ends the place of a learner who had started",
};

/** Without a choice of their own, everyone is emailed at once: something needs them. */
export const DEFAULT_DELIVERY: Delivery = "email";

export function deliveryFor(kind: string, chosen: ReadonlyMap<string, string> | Record<string, string>): Delivery {
  const value = chosen instanceof Map ? chosen.get(kind) : (chosen as Record<string, string>)[kind];
  return (DELIVERIES as readonly string[]).includes(value ?? "") ? (value as Delivery) : DEFAULT_DELIVERY;
}

export function isNoticeKind(value: string): value is NoticeKind {
  return (NOTICE_KINDS as readonly string[]).includes(value);
}

/** One notice to write: who, about what, the words, where it is done, and the event that caused it. */
export interface NoticeDraft {
  userId: string;
  organisationId: string | null;
  kind: NoticeKind;
  /** Names the event (e.g. `review:<submission id>:returned`): a person is told of an event once. */
  eventKey: string;
  text: string;
  href: string;
}

/** A person's own name in the second person: the notice is theirs, the others are named. */
interface Person {
  id: string;
  name: string;
}

/** The year's people, as the review and agreement events name them. */
export interface YearParties {
  enrolmentId: string;
  organisationId: string | null;
  learner: Person;
  supervisor: Person | null;
  teamManager: Person | null;
}

const possessive = (name: string) => (name.endsWith("s") ? `${name}'` : `${name}'s`);

/** A review's name inside a sentence: "6-month review", or "final assessment recommendation". */
export function reviewWords(review: { title: string; final: boolean }) {
  return review.final ? "final assessment recommendation" : review.title.toLowerCase();
}

/** Who is told when a supervisor decides on a review, and when a team manager countersigns. */
export function reviewNotices(
  year: YearParties,
  review: { code: string; title: string; final: boolean },
  event:
    | { step: "returned"; submissionId: string; by: string }
    | { step: "approved"; submissionId: string; by: string }
    | { step: "countersigned"; submissionId: string; by: string },
): NoticeDraft[] {
  const href = `/year/${year.enrolmentId}/reviews/${review.code}`;
  const what = reviewWords(review);
  const base = { organisationId: year.organisationId, href };
  const drafts: NoticeDraft[] = [];
  const key = `review:${event.submissionId}:${event.step}`;
  if (event.step === "returned") {
    drafts.push({
      ...base,
      userId: year.learner.id,
      kind: "review_returned",
      eventKey: key,
      text: `${event.by} returned your ${what}: read their comments and submit it again`,
    });
  } else if (event.step === "approved") {
    drafts.push({
      ...base,
      userId: year.learner.id,
      kind: "review_approved",
      eventKey: key,
      text: `${event.by} approved your ${what}`,
    });
    if (year.teamManager && year.teamManager.id !== year.learner.id)
      drafts.push({
        ...base,
        userId: year.teamManager.id,
        kind: "countersignature_needed",
        eventKey: key,
        text: `${possessive(year.learner.name)} ${what} is approved and waits for your countersignature`,
      });
  } else {
    drafts.push({
      ...base,
      userId: year.learner.id,
      kind: "review_approved",
      eventKey: key,
      text: `${event.by} countersigned your ${what}`,
    });
  }
  return drafts;
}

/**
 * Who still has to sign an agreement version, told once per version: the NQSW and the supervisor
 * as soon as the other has signed; the team manager, who signs for the employer, once both have.
 */
export function agreementNotices(
  year: YearParties,
  version: number,
  waitingFor: readonly ("learner" | "supervisor" | "team_manager")[],
  signedBy: string,
): NoticeDraft[] {
  const href = `/year/${year.enrolmentId}/agreement`;
  const people = { learner: year.learner, supervisor: year.supervisor, team_manager: year.teamManager };
  return waitingFor.flatMap((party) => {
    const person = people[party];
    if (!person) return [];
    if (party === "team_manager" && waitingFor.length > 1) return [];
    const text =
      party === "team_manager"
        ? `${possessive(year.learner.name)} learning agreement (version ${version}) is signed by them and their supervisor: it waits for your signature`
        : party === "learner"
          ? `Your learning agreement (version ${version}) is signed by ${signedBy}: it waits for your signature`
          : `${possessive(year.learner.name)} learning agreement (version ${version}) is signed by ${signedBy}: it waits for your signature`;
    return [
      {
        userId: person.id,
        organisationId: year.organisationId,
        kind: "agreement_to_sign" as const,
        eventKey: `agreement:${year.enrolmentId}:${version}:sign`,
        text,
        href,
      },
    ];
  });
}

/** The learner is told a supervision record waits for their acknowledgement. */
export function supervisionNotice(year: YearParties, session: { id: string; heldOn: string }, by: string): NoticeDraft {
  return {
    userId: year.learner.id,
    organisationId: year.organisationId,
    kind: "supervision_to_acknowledge",
    eventKey: `supervision:${session.id}:recorded`,
    text: `${by} recorded your supervision of ${session.heldOn}: read it and acknowledge it`,
    href: `/year/${year.enrolmentId}/supervision/${session.id}`,
  };
}

/** The email sent at once for one notice. */
export function noticeEmail(notice: { text: string; href: string }, to: { name: string }, origin: string) {
  const subject = notice.text.split(":")[0]!;
  return {
    subject: subject.length > 120 ? `${subject.slice(0, 117)}…` : subject,
    text: [
      `Hello ${to.name},`,
      "",
      `${notice.text}.`,
      "",
      `${origin}${notice.href}`,
      "",
      "You can choose how you hear about each kind of notice: " + `${origin}/account/notices`,
    ].join("\n"),
  };
}

/** One line of the digest: something overdue or waiting, and where it is done. */
export interface DigestLine {
  text: string;
  href: string;
  overdue: boolean;
}

/** A learner's year's overdue and waiting items as digest lines, each named by the learner. */
export function digestLines(
  learnerName: string,
  year: { overdue: readonly { text: string; href: string }[]; waiting: readonly { text: string; href: string }[] },
): DigestLine[] {
  return [
    ...year.overdue.map((i) => ({ text: `${learnerName}: ${i.text}`, href: i.href, overdue: true })),
    ...year.waiting.map((i) => ({ text: `${learnerName}: ${i.text}`, href: i.href, overdue: false })),
  ];
}

/**
 * The daily email: overdue first, then what is waiting, then the notices kept for the digest.
 * Null when there is nothing to say, so nobody is sent an empty email.
 */
export function digestEmail(
  to: { name: string },
  day: string,
  lines: readonly DigestLine[],
  notices: readonly { text: string; href: string }[],
  origin: string,
): { subject: string; text: string } | null {
  // One person may see a year twice (its supervisor and its team manager): each line once.
  const seen = new Set<string>();
  const unique = lines.filter((l) => {
    const key = `${l.overdue}|${l.text}|${l.href}`;
    return !seen.has(key) && !!seen.add(key);
  });
  const overdue = unique.filter((l) => l.overdue);
  const waiting = unique.filter((l) => !l.overdue);
  if (!overdue.length && !waiting.length && !notices.length) return null;
  const item = (l: { text: string; href: string }) => `- ${l.text}\n  ${origin}${l.href}`;
  const parts = [
    `Hello ${to.name},`,
    "",
    `This is what needs you on Practice Pathways today, ${format(parseISO(day), "EEEE d MMMM yyyy")}.`,
  ];
  if (overdue.length) parts.push("", `Overdue (${overdue.length}):`, ...overdue.map(item));
  if (waiting.length) parts.push("", `Waiting for you (${waiting.length}):`, ...waiting.map(item));
  if (notices.length) parts.push("", `Since yesterday (${notices.length}):`, ...notices.map(item));
  parts.push("", `You can choose what comes by email: ${origin}/account/notices`);
  const counts = [
    overdue.length && `${overdue.length} overdue`,
    waiting.length && `${waiting.length} waiting`,
    notices.length && `${notices.length} new`,
  ]
    .filter(Boolean)
    .join(", ");
  return { subject: `Your day on Practice Pathways: ${counts}`, text: parts.join("\n") };
}

/** The team manager named on a year is told what that asks of them. */
export function teamManagerNamedNotice(year: YearParties): NoticeDraft | null {
  if (!year.teamManager) return null;
  return {
    userId: year.teamManager.id,
    organisationId: year.organisationId,
    kind: "team_manager_named",
    eventKey: `team-manager:${year.enrolmentId}:${year.teamManager.id}`,
    text: `You are ${possessive(year.learner.name)} team manager for the assessed year: you sign their learning agreement and countersign their reviews`,
    href: `/year/${year.enrolmentId}`,
  };
}

/** The learner is told an observer recorded an observation of their practice, for them to reflect on. */
export function observationNotice(year: YearParties, item: { id: string; title: string }, by: string): NoticeDraft {
  return {
    userId: year.learner.id,
    organisationId: year.organisationId,
    kind: "observation_to_reflect",
    eventKey: `observation:${item.id}:recorded`,
    text: `${by} recorded an observation of your practice ("${item.title}"): add your reflection`,
    href: `/year/${year.enrolmentId}/portfolio/${item.id}`,
  };
}

/**
 * Feedback on a version of the learner's evidence: the learner is told of feedback from those who
 * assess the year, and the supervisor of the learner's reply.
 */
export function feedbackNotice(
  year: YearParties,
  item: { id: string; version: number; title: string },
  feedback: { id: string; byLearner: boolean; by: string },
): NoticeDraft | null {
  const to = feedback.byLearner ? year.supervisor : year.learner;
  if (!to) return null;
  return {
    userId: to.id,
    organisationId: year.organisationId,
    kind: "evidence_feedback",
    eventKey: `evidence-feedback:${feedback.id}`,
    text: feedback.byLearner
      ? `${feedback.by} replied to your feedback on "${item.title}" (version ${item.version})`
      : `${feedback.by} gave feedback on your evidence "${item.title}" (version ${item.version})`,
    href: `/year/${year.enrolmentId}/portfolio/${item.id}?version=${item.version}#feedback-heading`,
  };
}

/** The learner and their supervisor are told the moderation panel's chair signed its outcome on the year. */
export function panelOutcomeNotices(
  year: YearParties,
  outcome: { id: string; passed: boolean; extensionDays: number | null },
): NoticeDraft[] {
  const words = outcome.passed
    ? "passed the assessed year"
    : outcome.extensionDays
      ? `extended the year by ${outcome.extensionDays} days`
      : "did not pass the assessed year";
  const people = [year.learner, year.supervisor].filter((p): p is Person => !!p);
  return people.map((p) => ({
    userId: p.id,
    organisationId: year.organisationId,
    kind: "panel_outcome" as const,
    eventKey: `panel-outcome:${outcome.id}`,
    text:
      p.id === year.learner.id
        ? `The moderation panel ${words.replace("the assessed year", "your assessed year")}`
        : `The moderation panel ${words} for ${year.learner.name}`,
    href: `/year/${year.enrolmentId}`,
  }));
}

/** The learner is told their certificate is issued, with its code. */
export function certificateNotice(year: YearParties, code: string): NoticeDraft {
  return {
    userId: year.learner.id,
    organisationId: year.organisationId,
    kind: "certificate_issued",
    eventKey: `certificate:${year.enrolmentId}`,
    text: `Your certificate for the assessed year is issued (${code}): download it from your year`,
    href: `/year/${year.enrolmentId}`,
  };
}

/** The council's poster of a vacancy is told the helpline introduced someone for it. */
export function introductionMadeNotice(
  introduction: { id: string; personName: string; vacancyTitle: string; councilId: string },
  postedById: string,
): NoticeDraft {
  return {
    userId: postedById,
    organisationId: introduction.councilId,
    kind: "introduction",
    eventKey: `introduction:${introduction.id}:made`,
    text: `The returners' helpline introduced ${introduction.personName} for ${introduction.vacancyTitle}: record what happens next`,
    href: `/organisation/introductions/${introduction.id}`,
  };
}

/** The helpline advisor who made an introduction is told the council's answer. */
export function introductionAnsweredNotice(
  introduction: { id: string; requestId: string; personName: string; helplineId: string | null },
  advisorId: string,
  step: "interview" | "offered" | "started" | "declined",
  councilName: string,
): NoticeDraft {
  const words = {
    interview: "is to interview",
    offered: "has offered a post to",
    started: "has a start date for",
    declined: "has declined",
  }[step];
  return {
    userId: advisorId,
    organisationId: introduction.helplineId,
    kind: "introduction",
    eventKey: `introduction:${introduction.id}:${step}`,
    text: `${councilName} ${words} ${introduction.personName}`,
    href: `/helpline/requests/${introduction.requestId}`,
  };
}

/** One candidate's assessment against criteria, as its notices name it. */
export interface CandidateParties {
  enrolmentId: string;
  organisationId: string | null;
  candidate: Person;
  programmeTitle: string;
}

/** The line manager is told a portfolio waits for them to confirm the practice claims. */
export function assessmentSubmittedNotice(
  c: CandidateParties,
  submission: { id: string; number: number },
  lineManagerId: string,
): NoticeDraft {
  return {
    userId: lineManagerId,
    organisationId: c.organisationId,
    kind: "assessment_to_confirm",
    eventKey: `assessment:${submission.id}:submitted`,
    text: `${c.candidate.name} submitted their ${c.programmeTitle} portfolio (submission ${submission.number}): confirm the practice claims, as their line manager`,
    href: `/assessment/${c.enrolmentId}`,
  };
}

/** The lead's chosen assessor is told, and asked to accept and declare no conflict. */
export function assessorAppointedNotice(c: CandidateParties, appointment: { id: string; assessorId: string }): NoticeDraft {
  return {
    userId: appointment.assessorId,
    organisationId: c.organisationId,
    kind: "assessor_appointed",
    eventKey: `assessment:appointment:${appointment.id}`,
    text: `You are appointed to assess ${c.candidate.name}'s ${c.programmeTitle} portfolio: accept, declaring you have no conflict of interest, before you read it`,
    href: "/assessing",
  };
}

/** The assessor is told a confirmed submission waits for their decisions. */
export function assessmentConfirmedNotice(
  c: CandidateParties,
  submission: { id: string; number: number },
  assessorId: string,
): NoticeDraft {
  return {
    userId: assessorId,
    organisationId: c.organisationId,
    kind: "assessment_to_decide",
    eventKey: `assessment:${submission.id}:confirmed`,
    text: `${c.candidate.name}'s ${c.programmeTitle} portfolio (submission ${submission.number}) is confirmed by their line manager: it waits for your decisions`,
    href: `/assessing/${submission.id}`,
  };
}

/** The candidate is told the assessor's overall outcome, and what to do next. */
export function assessmentOutcomeNotice(
  c: CandidateParties,
  submission: { id: string; number: number },
  outcome: { outcome: "achieved" | "not_yet_achieved" | "referred"; resubmitBy: string | null },
  by: string,
): NoticeDraft {
  const next =
    outcome.outcome === "achieved"
      ? "achieved: download your certificate"
      : outcome.outcome === "not_yet_achieved"
        ? `not yet achieved: read the feedback and resubmit${outcome.resubmitBy ? ` by ${format(parseISO(outcome.resubmitBy), "d MMMM yyyy")}` : ""}`
        : "referred to your programme lead, who will agree with you what happens next";
  return {
    userId: c.candidate.id,
    organisationId: c.organisationId,
    kind: "assessment_outcome",
    eventKey: `assessment:${submission.id}:outcome`,
    text: `${by} recorded the outcome of your ${c.programmeTitle} assessment (submission ${submission.number}): ${next}`,
    href: `/assessment/${c.enrolmentId}`,
  };
}
