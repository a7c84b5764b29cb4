/**
 * The head of the programme lead's pages on one assignment, the assignment itself and its exam
 * board: the cohort and module, then the facts both pages rest on (deadline, word limit, credits,
 * when marks are due, where it stands) and the way to the other page. Renders only.
 */
import type { AssignmentSummaryView } from "~/modules/masters/marking";

export function AssignmentSummary({ summary, page }: { summary: AssignmentSummaryView; page: "assignment" | "board" }) {
  const assignment = `/organisation/assignments/${summary.assignmentId}`;
  return (
    <>
      <span className="caption">{summary.cohortName}</span>
      <h1>{page === "board" ? `Exam board: ${summary.moduleTitle}` : summary.moduleTitle}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Where it stands</dt>
          <dd className="summary-list__value">{summary.stage}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Deadline</dt>
          <dd className="summary-list__value">{summary.deadline}</dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Word limit</dt>
          <dd className="summary-list__value">{summary.wordLimit} words: longer work is flagged for the marker, not refused</dd>
        </div>
        {summary.credits ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Credits</dt>
            <dd className="summary-list__value">{summary.credits}, for a pass the exam board confirms</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt className="summary-list__key">First marks due</dt>
          <dd className="summary-list__value">{summary.marksDue} (15 working days after the deadline)</dd>
        </div>
      </dl>
      <p>
        {page === "board" ? (
          <a href={assignment}>The assignment: learners, marking, extensions and mitigating circumstances</a>
        ) : (
          <a href={`${assignment}/board`}>Exam board: marks for the board, and confirming them</a>
        )}
      </p>
    </>
  );
}
