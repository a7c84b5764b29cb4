import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { format } from "date-fns";
import { YearNav } from "~/components/YearNav";
import { listAuditForEnrolment } from "~/modules/audit/audit.server";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { findAgreement } from "~/modules/first-year/agreement.server";
import { reviewDates, yearInputFor } from "~/modules/first-year/year";
import { listSessions } from "~/modules/supervision/supervision.server";
import { SIGNER_ROLES } from "~/modules/signoff/reviews";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `History – ${data.learnerName} – Practice Pathways` : "History – Practice Pathways" },
];

const ACTIONS: Record<string, string> = {
  "enrolment.created": "Enrolled on the programme",
  "learning_agreement.saved": "Learning agreement written or changed",
  "learning_agreement.signed": "Learning agreement signed",
  "supervision.recorded": "Supervision recorded",
  "supervision.acknowledged": "Supervision record acknowledged",
  "workload.week_recorded": "Workload week recorded",
  "workload.limit_set": "Caseload limit set",
  "evidence.created": "Evidence added",
  "evidence.revised": "Evidence changed (new version)",
  "review.submitted": "Review submitted",
  "review.returned": "Review returned with comments",
  "review.approved": "Review approved",
  "review.countersigned": "Review countersigned",
  "year.settings_changed": "Pathway, working time or extension changed",
  "year.team_manager_named": "Team manager named",
  "year.pauses_changed": "Pause added or removed",
  "year.exported": "Whole year downloaded as a PDF",
  "anonymisation.decided": "Anonymisation check: passages decided",
  "certificate.issued": "Certificate issued",
};

/** One learner's year as the record shows it: every sign-off and every change, who and when. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, learnerName } = await requireYearAccess(current, params.enrolmentId);
  const [{ agreement }, sessions] = await Promise.all([findAgreement(enrolment.id), listSessions(enrolment.id)]);
  const events = await listAuditForEnrolment(enrolment.id, [
    { type: "learning_agreement", ids: agreement ? [agreement.id] : [] },
    { type: "supervision_session", ids: sessions.map((s) => s.session.id) },
  ]);
  const reviewTitles = new Map(reviewDates(yearInputFor(enrolment, programme)).map((r) => [r.code, r.title]));
  const describe = (detail: Record<string, unknown> | null) => {
    if (!detail) return "";
    const parts: string[] = [];
    if (typeof detail.review === "string") parts.push(reviewTitles.get(detail.review) ?? detail.review);
    if (typeof detail.number === "number") parts.push(`submission ${detail.number}`);
    if (typeof detail.version === "number") parts.push(`version ${detail.version}`);
    if (typeof detail.kind === "string") parts.push(detail.kind.replace(/_/g, " "));
    if (typeof detail.outcome === "string") parts.push(detail.outcome.replace(/_/g, " "));
    if (typeof detail.party === "string") parts.push(`as ${SIGNER_ROLES[detail.party] ?? detail.party}`);
    if (typeof detail.teamManagerName === "string") parts.push(detail.teamManagerName);
    if (typeof detail.heldOn === "string") parts.push(`held ${detail.heldOn}`);
    if (typeof detail.contentHash === "string") parts.push(`fingerprint ${detail.contentHash.slice(0, 12)}`);
    return parts.join(", ");
  };
  return {
    enrolmentId: enrolment.id,
    learnerName,
    programme: programme.title,
    events: events.map((e) => ({
      id: e.id,
      at: format(e.at, "d MMM yyyy, HH:mm"),
      action: ACTIONS[e.action] ?? e.action,
      who: `${e.actorName ?? "Unknown"}${e.actorRole ? ` (${SIGNER_ROLES[e.actorRole] ?? e.actorRole.replace(/_/g, " ")})` : ""}`,
      detail: describe(e.detail),
    })),
  };
}

export default function History() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>History of the year</h1>
      <p>
        Every sign-off and every change to this year, newest first, from the audit trail. Entries cannot be edited or
        deleted.
      </p>
      <p>
        <a href={`/year/${page.enrolmentId}/export.pdf`} download>
          Download the whole year as one PDF
        </a>{" "}
        (agreement, supervision, reviews and sign-offs, every version of the evidence, the panel): for an appeal or an
        external moderator.
      </p>
      {page.events.length === 0 ? (
        <p>Nothing recorded yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Sign-offs and changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>{e.action}</td>
                <td>{e.who}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
