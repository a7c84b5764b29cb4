import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { differenceInCalendarDays, format } from "date-fns";
import { YearNav } from "~/components/YearNav";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { yearInputFor } from "~/modules/first-year/year";
import { reviewStates, STATE_LABELS } from "~/modules/signoff/reviews";
import { approvedWithConcern, standingOutcome } from "~/modules/signoff/review-banners";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { requireUser } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Reviews – ${data.learnerName} – Practice Pathways` : "Reviews – Practice Pathways" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const current = await requireUser(request);
  const { enrolment, programme, learnerName, party } = await requireYearAccess(current, params.enrolmentId);
  const records = await reviewRecords(enrolment.id);
  const today = englandToday();
  return {
    enrolmentId: enrolment.id,
    learnerName,
    party,
    programme: programme.title,
    reviews: reviewStates(yearInputFor(enrolment, programme), records).map((r) => ({
      code: r.code,
      title: r.title,
      final: r.final,
      due: format(r.due, "d MMM yyyy"),
      state: r.state,
      stateLabel: STATE_LABELS[r.state],
      overdue: r.state !== "complete" && differenceInCalendarDays(r.due, today) < 0,
      // Signed off, but not on track (or a fail recommended): not shown as good news.
      concern:
        (r.state === "approved" || r.state === "complete") &&
        approvedWithConcern(standingOutcome(records.signoffs, r.code)),
    })),
  };
}

export default function Reviews() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      <span className="caption">
        {page.learnerName} · {page.programme}
      </span>
      <h1>Review points</h1>
      <p>
        At each review the NQSW puts forward evidence with their comments, the supervisor approves it or returns it, and
        the year&apos;s team manager countersigns. At the final assessment the assessor recommends a pass or a fail, and
        the team manager countersigns the recommendation.
      </p>
      <table className="table">
        <caption className="visually-hidden">Review points in the year</caption>
        <thead>
          <tr>
            <th scope="col">Review</th>
            <th scope="col">Due by</th>
            <th scope="col">Where it is</th>
          </tr>
        </thead>
        <tbody>
          {page.reviews.map((r) => (
            <tr key={r.code}>
              <td>
                <a href={`/year/${page.enrolmentId}/reviews/${r.code}`}>{r.title}</a>
              </td>
              <td>{r.due}</td>
              <td>
                <span
                  className={`tag ${r.concern ? "tag--yellow" : r.state === "complete" ? "tag--green" : r.overdue ? "tag--red" : r.state === "not_started" ? "tag--grey" : "tag--yellow"}`}
                >
                  {r.overdue ? `Overdue: ${r.stateLabel.toLowerCase()}` : r.stateLabel}
                  {r.concern ? (r.final ? ": fail recommended" : ": not on track") : ""}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Before the portfolio goes to a moderation panel, the NQSW and the assessor go through the{" "}
        <a href={`/year/${page.enrolmentId}/anonymisation`}>anonymisation check</a>.
      </p>
    </>
  );
}
