import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/BarChart";
import { LineChart } from "~/components/LineChart";
import { formatDate } from "~/modules/organisations/people";
import { describeDuration } from "~/modules/returners/helpline-queue";
import { FIGURE_WEEKS, helplineFigures } from "~/modules/returners/figures.server";
import { requireMembership } from "~/utils/auth.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Helpline figures – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "callback:manage:helpline" });
  const figures = await helplineFigures(current.active.organisationId, englandToday());
  return {
    organisation: current.active.organisation.name,
    weeksShown: FIGURE_WEEKS,
    since: formatDate(figures.since),
    weeks: figures.weeks.map((w) => ({ ...w, starting: formatDate(w.weekStarting) })),
    regions: figures.regions,
    median: describeDuration(figures.contact.medianHours),
    contacted: figures.contact.contacted,
    waiting: figures.contact.waiting,
    funnel: [
      { label: "Asked for a call back", value: figures.funnel.requests },
      { label: "Introduced to a council", value: figures.funnel.introduced },
      { label: "Offered a post", value: figures.funnel.offered },
      { label: "Started in post", value: figures.funnel.started },
    ],
  };
}

export default function HelplineFigures() {
  const page = useLoaderData<typeof loader>();
  const total = page.weeks.reduce((n, w) => n + w.requests, 0);
  const first = page.funnel[0]!.value;
  return (
    <>
      <span className="caption">{page.organisation}</span>
      <h1>Helpline figures</h1>

      <h2>Time to first contact</h2>
      <dl className="summary-list narrow">
        <div className="summary-list__row">
          <dt>Median time from request to first contact</dt>
          <dd>{page.median}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Requests reached so far</dt>
          <dd>{page.contacted}</dd>
        </div>
        <div className="summary-list__row">
          <dt>New requests not reached yet</dt>
          <dd>{page.waiting}</dd>
        </div>
      </dl>
      <p className="hint narrow">
        First contact is the first call logged as &ldquo;spoke to them&rdquo; or &ldquo;emailed&rdquo;. Times are in
        hours and days, not working hours.
      </p>

      <h2>Requests per week</h2>
      <p>
        {total} {total === 1 ? "request" : "requests"} in the last {page.weeksShown} weeks, since {page.since}.
      </p>
      <LineChart
        id="weeks-chart"
        kind="bars"
        title={`Callback requests per week, last ${page.weeksShown} weeks`}
        description="Requests received in each week starting on a Monday. The same figures are in the table below."
        labels={page.weeks.map((w) => w.label)}
        values={page.weeks.map((w) => w.requests)}
      />
      <table className="table narrow">
        <caption className="visually-hidden">Callback requests per week</caption>
        <thead>
          <tr>
            <th scope="col">Week starting</th>
            <th scope="col" className="numeric">
              Requests
            </th>
          </tr>
        </thead>
        <tbody>
          {page.weeks.map((w) => (
            <tr key={w.weekStarting}>
              <td>{w.starting}</td>
              <td className="numeric">{w.requests}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Requests by region</h2>
      <p>Where people asked to work, over the same {page.weeksShown} weeks.</p>
      {page.regions.length === 0 ? (
        <p>No requests in that time.</p>
      ) : (
        <>
          <BarChart
            id="regions-chart"
            title={`Callback requests by region, last ${page.weeksShown} weeks`}
            description="One bar per region, most requests first. The same figures are in the table below."
            rows={page.regions.map((r) => ({ label: r.region, value: r.n }))}
          />
          <table className="table narrow">
            <caption className="visually-hidden">Callback requests by region</caption>
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col" className="numeric">
                  Requests
                </th>
              </tr>
            </thead>
            <tbody>
              {page.regions.map((r) => (
                <tr key={r.region}>
                  <td>{r.region}</td>
                  <td className="numeric">{r.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2>From request to a post</h2>
      <p>Everyone who has asked for a call back, and how many went on to each step.</p>
      <BarChart
        id="funnel-chart"
        title="From request to starting in post"
        description="People at each step, from asking for a call back to starting in post. The same figures are in the table below."
        rows={page.funnel}
      />
      <table className="table narrow">
        <caption className="visually-hidden">From request to starting in post</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="numeric">
              People
            </th>
            <th scope="col" className="numeric">
              Share of requests
            </th>
          </tr>
        </thead>
        <tbody>
          {page.funnel.map((f) => (
            <tr key={f.label}>
              <td>{f.label}</td>
              <td className="numeric">{f.value}</td>
              <td className="numeric">{first ? `${Math.round((f.value / first) * 100)}%` : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
