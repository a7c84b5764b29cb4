import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { URGENCY_LABELS } from "~/modules/first-year/tasks";
import { supervisorsDesk, type DeskLine } from "~/modules/supervision/desk.server";
import { requireMembership } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Your supervisees – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:supervisee" });
  const desk = await supervisorsDesk(current.active.organisationId, current.user.id);
  return { organisation: current.active.organisation.name, supervisees: desk.supervisees };
}

function AttentionList({
  year,
  items,
  empty,
  name,
}: {
  year: string;
  items: { text: string; to: string }[];
  empty: string;
  name: string;
}) {
  if (items.length === 0) return <>{empty}</>;
  const link = (i: { text: string; to: string }) => (
    <a href={i.to.startsWith("/year/") ? i.to : `/year/${year}${i.to}`} aria-label={`${i.text} for ${name}`}>
      {i.text}
    </a>
  );
  // Most rows wait on one thing: a list of one says no more than the link.
  if (items.length === 1) return link(items[0]!);
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={i.text}>{link(i)}</li>
      ))}
    </ul>
  );
}

// The rows' links are plain anchors, not <Link>: a desk of twenty draws about a hundred, and each
// <Link> took some 12 µs to draw on the server (it resolves its path three times), a third of the
// page's time. Following one loads the page as a document, as it does without JavaScript (ADR 019).
// Each link names its supervisee in aria-label, which starts with the words shown, rather than in a
// visually hidden span: the same name for a screen reader, and an element fewer to draw each time.
function DeskRows({ supervisees }: { supervisees: DeskLine[] }) {
  return (
    <tbody>
      {supervisees.map((s) => {
        const year = s.year;
        const base = year ? `/year/${year.id}` : "";
        const supervisionText = year?.nextSupervision ? `Next by ${year.nextSupervision}` : "Record";
        return (
          <tr key={s.membershipId}>
            <td>
              <a href={`/learners/${s.membershipId}`}>{s.name}</a>
              {s.urgency === "overdue" || s.urgency === "returned" ? (
                <>
                  {" "}
                  <span className="tag tag--red">{URGENCY_LABELS[s.urgency]}</span>
                </>
              ) : s.urgency === "due" ? (
                <>
                  {" "}
                  <span className="tag tag--yellow">Needs you</span>
                </>
              ) : null}
              {s.invited ? (
                <>
                  {" "}
                  <span className="tag tag--grey">Invited</span>
                </>
              ) : null}
            </td>
            <td data-label="Where they are">
              {s.progress}
              <span className="hint block">{[s.jobTitle, s.team].filter(Boolean).join(", ")}</span>
              <span className="hint block">
                {s.programmes.length ? s.programmes.join("; ") : "Not enrolled on a programme"}
              </span>
              {year ? (
                <>
                  <a href={base} aria-label={`The year of ${s.name}`}>
                    The year
                  </a>
                  {" · "}
                  <a href={`${base}/portfolio`} aria-label={`Portfolio of ${s.name}`}>
                    Portfolio
                  </a>
                  {` (${year.evidencePercent}%)`}
                </>
              ) : null}
            </td>
            <td data-label="Supervision">
              {/* Missed sessions and flagged workload are listed once, under Overdue. */}
              {year ? (
                <>
                  <a href={`${base}/supervision`} aria-label={`${supervisionText} for ${s.name}`}>
                    {supervisionText}
                  </a>
                  {" · "}
                  <a href={`${base}/workload`} aria-label={`Workload for ${s.name}`}>
                    Workload
                  </a>
                </>
              ) : (
                "None"
              )}
            </td>
            <td data-label="Waiting for you">
              {year ? <AttentionList year={year.id} items={year.waiting} empty="Nothing" name={s.name} /> : "None"}
            </td>
            <td data-label="Overdue">
              {year ? (
                <AttentionList year={year.id} items={year.overdue} empty="Nothing overdue" name={s.name} />
              ) : (
                "None"
              )}
            </td>
            <td data-label="Learning agreement">
              {year ? (
                <>
                  <a href={`${base}/agreement`} aria-label={`Open ${s.name}'s learning agreement`}>
                    Open
                  </a>{" "}
                  <AgreementTag state={year.agreement} />
                </>
              ) : (
                "None"
              )}
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

export default function Supervision() {
  const { organisation, supervisees } = useLoaderData<typeof loader>();
  return (
    <>
      <Welcome>
        <p>Your account is ready. The people you supervise at {organisation} are listed here.</p>
      </Welcome>
      <span className="caption">{organisation}</span>
      <h1>Your supervisees</h1>
      {supervisees.length === 0 ? (
        <p>
          Nobody is assigned to you for supervision yet. Your programme lead assigns supervisees; when they do, each one
          will appear here.
        </p>
      ) : (
        <table className="table table--stack">
          <caption className="visually-hidden">People you supervise</caption>
          <thead>
            <tr>
              <th scope="col">Supervisee</th>
              <th scope="col">Where they are</th>
              <th scope="col">Supervision</th>
              <th scope="col">Waiting for you</th>
              <th scope="col">Overdue</th>
              <th scope="col">Learning agreement</th>
            </tr>
          </thead>
          <DeskRows supervisees={supervisees} />
        </table>
      )}
    </>
  );
}
