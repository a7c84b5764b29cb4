/** What a learner's module page shows of their assignment: shaped for the page, dates in England's words. */
import type { Enrolment } from "~/modules/programmes/learning.server";
import { englandDateTime } from "~/utils/england";
import { describeLength, isLate, STATE_LABELS, submissionState } from "./assignments";
import { assignmentForLearner, learnerCoursework } from "./assignments.server";
import { rulesOf } from "./board";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { getDb } from "~/utils/db.server";
import { handInFor, releasedMarksFor } from "./release.server";
import { attemptLabel } from "./transcript";
import type { CourseworkView } from "./view";

const when = (d: Date | null) => (d ? englandDateTime(d) : "");

export async function courseworkView(
  enrolment: Enrolment,
  moduleSlug: string,
  url: URL,
  now = new Date(),
): Promise<CourseworkView | null> {
  const assignment = await assignmentForLearner(enrolment, moduleSlug);
  if (!assignment) return null;
  const db = await getDb();
  const [mine, handIn, released] = await Promise.all([
    learnerCoursework(assignment, enrolment.id),
    handInFor(db, assignment.id, enrolment.id),
    releasedMarksFor(enrolment.id, [assignment.id]),
  ]);
  const latest = mine.versions[0] ?? null;
  const { scheme } = rulesOf(findProgramme(assignment.programmeSlug)?.award);
  const deadline = handIn.open && handIn.deadline ? handIn.deadline : mine.deadline;
  const handedIn = Number(url.searchParams.get("handedIn"));
  return {
    deadline: when(deadline),
    extended: !(handIn.open && handIn.deadline) && mine.deadline.getTime() !== assignment.deadline.getTime(),
    pastDeadline: isLate(now, deadline),
    handIn: handIn.open ? { open: true, attempt: handIn.attempt, reason: null } : { open: false, attempt: 0, reason: handIn.reason },
    results: released.map((r) => ({
      attempt: attemptLabel(r.attempt),
      mark: r.mark,
      counted: r.cappedMark !== r.mark ? `${r.cappedMark} (a resubmission's mark is capped at ${scheme.passMark})` : String(r.cappedMark),
      band: scheme.bands.find((b) => b.band === r.band)?.label ?? r.band,
      credits: String(r.credits),
      feedback: r.feedback,
      confirmedOn: when(r.decidedAt),
    })),
    wordLimit: assignment.wordLimit,
    candidateNumber: mine.candidateNumber,
    state: STATE_LABELS[submissionState(latest)],
    receiptFor: Number.isInteger(handedIn) && mine.versions.some((v) => v.version === handedIn) ? handedIn : null,
    asked: url.searchParams.has("asked"),
    recorded: url.searchParams.has("recorded"),
    latestBody: latest?.body ?? "",
    latestFiles: (latest?.files ?? []).map((f) => ({ id: f.id, fileName: f.fileName })),
    versions: mine.versions.map((v) => ({
      version: v.version,
      submittedAt: when(v.submittedAt),
      late: v.late,
      hash: v.contentHash,
      length: describeLength(v.wordCount, assignment.wordLimit),
      overLength: v.overLength,
      files: v.files.map((f) => ({ id: f.id, fileName: f.fileName, counted: f.wordCount !== null })),
    })),
    requests: mine.requests.map((r) => ({
      id: r.request.id,
      requested: when(r.request.requestedDeadline),
      reasons: r.request.reasons,
      decision: r.decision
        ? { outcome: r.decision.outcome, deadline: when(r.decision.deadline), note: r.decision.note }
        : null,
    })),
    mitigations: mine.mitigations.map((m) => ({
      id: m.mitigation.id,
      circumstances: m.mitigation.circumstances,
      at: when(m.mitigation.submittedAt),
      decision: m.decision ? { outcome: m.decision.outcome, note: m.decision.note } : null,
    })),
  };
}
