import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageLink } from "~/components/PageLink";
import { AgreementTag } from "~/components/AgreementTag";
import { Welcome } from "~/components/Welcome";
import { supervisorsDesk, type DeskLine } from "~/modules/supervision/desk.server";
import { requireMembership } from "~/utils/auth.server";
import { keepMarkup } from "~/utils/kept-markup.server";
import { Kept } from "~/components/KeptMarkup";

export const meta: MetaFunction = () => [{ title: "Your supervisees – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "learner:read:supervisee" });
  const desk = await supervisorsDesk(current.active.organisationId, current.user.id);
  // The rows are drawn again only when the desk has changed (see kept-markup.server).
  keepMarkup("desk-rows", current.active.id, DeskRows, desk.lines);
  return { organisation: current.active.organisation.name, ...desk };
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

function DeskRows({ supervisees }: { supervisees: DeskLine[] }) {
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
  const { organisation, count, lines } = useLoaderData<typeof loader>();
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
          <Kept name="desk-rows" as="tbody" Part={DeskRows} props={lines} />
        </table>
      )}
    </>
  );
}
