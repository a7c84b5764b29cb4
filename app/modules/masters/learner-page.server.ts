/** What a learner's module page shows of their assignment: shaped for the page, dates in England's words. */
import type { Enrolment } from "~/modules/programmes/learning.server";
import { englandDateTime } from "~/utils/england";
import { describeLength, isLate, STATE_LABELS, submissionState } from "./assignments";
import { assignmentForLearner, learnerCoursework } from "./assignments.server";
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
  const mine = await learnerCoursework(assignment, enrolment.id);
  const latest = mine.versions[0] ?? null;
  const handedIn = Number(url.searchParams.get("handedIn"));
  return {
    deadline: when(mine.deadline),
    extended: mine.deadline.getTime() !== assignment.deadline.getTime(),
    pastDeadline: isLate(now, mine.deadline),
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
