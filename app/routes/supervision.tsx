import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageLink } from "~/components/PageLink";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { describeProgress } from "~/modules/organisations/people";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { lessonTotal } from "~/modules/programmes/progress";
import { format } from "date-fns";
import { listSuperviseesWithYears } from "~/modules/organisations/memberships.server";
import { yearSummaries, type YearSummary } from "~/modules/first-year/summary.server";
import { requireMembership } from "~/utils/auth.server";
import { keepMarkup } from "~/utils/kept-markup.server";
import { KeptTableBody } from "~/components/KeptMarkup";
import { memoised } from "~/utils/memo";
import { toJsonText } from "~/utils/json-text";

const shortDate = memoised(
  1000,
  (date: Date) => String(date.getTime()),
  (date: Date) => format(date, "d MMM yyyy"),
);

export const meta: MetaFunction = () => [{ title: "Your supervisees – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:supervisee" });
  const {
    supervisees,
    enrolments,
    completed: states,
  } = await listSuperviseesWithYears(current.active.organisationId, current.user.id);
  const today = new Date();
  // Only the enrolments this supervisor supervises open the learner's year to them.
  const years = await yearSummaries(
    enrolments.filter((e) => e.supervisorId === current.user.id),
    today,
    "supervisor",
  );
  const yearByUser = new Map<string, YearSummary>();
  for (const y of years.values()) if (!yearByUser.has(y.userId)) yearByUser.set(y.userId, y);
  const programmesOf = (userId: string) =>
    enrolments
      .filter((e) => e.userId === userId)
      .flatMap((e) => {
        const programme = findProgramme(e.programmeSlug);
        if (!programme) return [];
        return [`${programme.title}: ${states.get(e.id) ?? 0} of ${lessonTotal(programme)} lessons`];
      });
  // Links into a year are sent as the part after /year/<id>, which repeats from row to row.
  const within = (y: YearSummary, items: { text: string; href: string }[]) =>
    items.map((i) => ({ text: i.text, to: i.href.startsWith(y.yearHref) ? i.href.slice(y.yearHref.length) : i.href }));
  const rows = {
    supervisees: supervisees.map((s): Supervisee => {
      const y = yearByUser.get(s.userId) ?? null;
      return {
        membershipId: s.membershipId,
        name: s.name,
        team: s.team,
        jobTitle: s.jobTitle,
        progress: describeProgress(s.stage, s.startedOn, today),
        invited: !s.hasPassword,
        programmes: programmesOf(s.userId),
        year: y && {
          id: y.enrolmentId,
          nextSupervision: y.nextSupervision ? shortDate(y.nextSupervision) : null,
          missedSupervision: y.missedSupervision,
          workloadFlags: y.workloadFlags,
          agreement: y.agreement.state,
          waiting: within(y, y.waiting),
          overdue: within(y, y.overdue),
          evidencePercent: y.evidencePercent,
        },
      };
    }),
  };
  // Sent as one JSON text, and drawn again only when it has changed (see kept-markup.server).
  const text = toJsonText(rows);
  keepMarkup("desk-rows", current.active.id, DeskRows, text);
  return { organisation: current.active.organisation.name, count: rows.supervisees.length, rows: text };
}

interface Supervisee {
  membershipId: string;
  name: string;
  team: string | null;
  jobTitle: string | null;
  progress: string;
  invited: boolean;
  programmes: string[];
  year: {
    id: string;
    nextSupervision: string | null;
    missedSupervision: number;
    workloadFlags: number;
    agreement: YearSummary["agreement"]["state"];
    /** Links within the year are the part after /year/<id>. */
    waiting: { text: string; to: string }[];
    overdue: { text: string; to: string }[];
    evidencePercent: number;
  } | null;
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
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={i.text}>
          <PageLink to={i.to.startsWith("/year/") ? i.to : `/year/${year}${i.to}`}>
            {i.text}
            <span className="visually-hidden">{` for ${name}`}</span>
          </PageLink>
        </li>
      ))}
    </ul>
  );
}

function DeskRows({ supervisees }: { supervisees: Supervisee[] }) {
  return (
    <>
      {supervisees.map((s) => {
        const year = s.year;
        const base = year ? `/year/${year.id}` : "";
        return (
          <tr key={s.membershipId}>
            <td>
              <PageLink to={`/learners/${s.membershipId}`}>{s.name}</PageLink>
              {s.invited ? (
                <>
                  {" "}
                  <span className="tag tag--grey">Invited</span>
                </>
              ) : null}
            </td>
            <td>
              {s.progress}
              <span className="hint block">{[s.jobTitle, s.team].filter(Boolean).join(", ")}</span>
              <span className="hint block">
                {s.programmes.length ? s.programmes.join("; ") : "Not enrolled on a programme"}
              </span>
              {year ? (
                <>
                  <PageLink to={base}>
                    The year<span className="visually-hidden">{` of ${s.name}`}</span>
                  </PageLink>
                  {" · "}
                  <PageLink to={`${base}/portfolio`}>
                    Portfolio<span className="visually-hidden">{` of ${s.name}`}</span>
                  </PageLink>
                  {` (${year.evidencePercent}%)`}
                </>
              ) : null}
            </td>
            <td>
              {year ? (
                <>
                  <PageLink to={`${base}/supervision`}>
                    {year.nextSupervision ? `Next by ${year.nextSupervision}` : "Record"}
                    <span className="visually-hidden">{` for ${s.name}`}</span>
                  </PageLink>
                  {year.missedSupervision ? (
                    <>
                      {" "}
                      <span className="tag tag--red">{`${year.missedSupervision} missed`}</span>
                    </>
                  ) : null}
                  <br />
                  <PageLink to={`${base}/workload`}>
                    Workload<span className="visually-hidden">{` for ${s.name}`}</span>
                  </PageLink>
                  {year.workloadFlags ? (
                    <>
                      {" "}
                      <span className="tag tag--red">
                        {`${year.workloadFlags} ${year.workloadFlags === 1 ? "week" : "weeks"} flagged`}
                      </span>
                    </>
                  ) : null}
                </>
              ) : (
                "None"
              )}
            </td>
            <td>
              {year ? <AttentionList year={year.id} items={year.waiting} empty="Nothing" name={s.name} /> : "None"}
            </td>
            <td>
              {year ? (
                <AttentionList year={year.id} items={year.overdue} empty="Nothing overdue" name={s.name} />
              ) : (
                "None"
              )}
            </td>
            <td>
              {year ? (
                <>
                  <PageLink to={`${base}/agreement`}>
                    Open<span className="visually-hidden">{` ${s.name}'s learning agreement`}</span>
                  </PageLink>{" "}
                  <AgreementTag state={year.agreement} />
                </>
              ) : (
                "None"
              )}
            </td>
          </tr>
        );
      })}
    </>
  );
}

export default function Supervision() {
  const { organisation, count, rows } = useLoaderData<typeof loader>();
  return (
    <>
      <Welcome>
        <p>Your account is ready. The people you supervise at {organisation} are listed here.</p>
      </Welcome>
      <span className="caption">{organisation}</span>
      <h1>Your supervisees</h1>
      {count === 0 ? (
        <p>
          Nobody is assigned to you for supervision yet. Your programme lead assigns supervisees; when they do, each one
          will appear here.
        </p>
      ) : (
        <table className="table">
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
          <KeptTableBody name="desk-rows" Rows={DeskRows} props={rows} />
        </table>
      )}
    </>
  );
}
