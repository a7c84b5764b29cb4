import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { formatDistanceToNowStrict } from "date-fns";
import { SelectField } from "~/components/forms";
import { formatDate } from "~/modules/organisations/people";
import { AGE_BAND_LABELS, AGE_BANDS, ageInWorkingDays, isOverdue, queueFilters } from "~/modules/returners/helpline-queue";
import { listQueue, listWaitingReturners } from "~/modules/returners/helpline-queue.server";
import {
  CALLBACK_STATUS_LABELS,
  CALLBACK_STATUSES,
  REGIONS,
  SPECIALISM_LABELS,
  SPECIALISMS,
} from "~/modules/returners/options";
import { requireMembership } from "~/utils/auth.server";
import { englandDay } from "~/utils/england";

export const meta: MetaFunction = () => [{ title: "Callback requests – Practice Pathways" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await requireMembership(request, { permission: "callback:manage:helpline" });
  const filters = queueFilters(new URL(request.url).searchParams);
  const today = englandDay();
  const [queue, returners] = await Promise.all([
    listQueue(current.active.organisationId, filters, today),
    listWaitingReturners(),
  ]);
  return {
    organisation: current.active.organisation.name,
    filters,
    counts: CALLBACK_STATUSES.map((status) => ({ status, n: queue.byStatus[status] ?? 0 })),
    overdue: queue.overdue,
    requests: queue.rows.map((r) => {
      const requestedOn = englandDay(r.createdAt);
      return {
        id: r.id,
        reference: r.reference,
        name: r.name,
        region: r.region,
        specialism: SPECIALISM_LABELS[r.specialism],
        requested: formatDate(r.createdAt),
        age: ageInWorkingDays(requestedOn, today),
        today: requestedOn === today,
        callBackBy: formatDate(r.callBackBy),
        overdue: isOverdue(r.status, r.callBackBy, today),
        updated: formatDate(r.updatedAt),
      };
    }),
    returners: returners.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      joined: formatDate(r.createdAt),
      waiting: formatDistanceToNowStrict(r.createdAt),
    })),
  };
}

function hrefWith(filters: Record<string, string | null>, status: string) {
  const params = new URLSearchParams();
  params.set("status", status);
  for (const key of ["region", "specialism", "age"]) if (filters[key]) params.set(key, filters[key]!);
  return `/helpline?${params}`;
}

export default function HelplineDesk() {
  const page = useLoaderData<typeof loader>();
  const { filters } = page;
  const status = filters.status;
  const filtered = !!(filters.region || filters.specialism || filters.age);
  return (
    <>
      <span className="caption">{page.organisation}</span>
      <h1>Callback requests</h1>
      <p className="narrow">
        People who asked the helpline to call them about returning to social work. Each should be called back within two
        working days of asking (bank holidays in England and Wales not counted).
      </p>
      {page.overdue > 0 ? (
        <div className="warning-text">
          <p>
            <strong>
              {page.overdue} new {page.overdue === 1 ? "request is" : "requests are"} overdue
            </strong>{" "}
            for a call back{filtered ? " among those matching the filters" : ""}.
          </p>
        </div>
      ) : null}
      <nav className="sub-nav" aria-label="Requests by status">
        <ul className="sub-nav__list">
          {page.counts.map((c) => (
            <li key={c.status}>
              <a
                href={hrefWith(filters, c.status)}
                className="sub-nav__link"
                aria-current={c.status === status ? "page" : undefined}
              >
                {CALLBACK_STATUS_LABELS[c.status]} ({c.n})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" action="/helpline" className="filters" aria-label="Filter the requests">
        <input type="hidden" name="status" value={status} />
        <SelectField
          name="region"
          label="Region"
          options={REGIONS.map((r) => ({ value: r, label: r }))}
          defaultValue={filters.region ?? ""}
        />
        <SelectField
          name="specialism"
          label="Specialism"
          options={SPECIALISMS.map((s) => ({ value: s, label: SPECIALISM_LABELS[s] }))}
          defaultValue={filters.specialism ?? ""}
        />
        <SelectField
          name="age"
          label="Age of request"
          options={AGE_BANDS.map((a) => ({ value: a, label: AGE_BAND_LABELS[a] }))}
          defaultValue={filters.age ?? ""}
        />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            Filter
          </button>
        </div>
      </Form>
      {filtered ? (
        <p>
          <a href={`/helpline?status=${status}`}>Clear the filters</a>
        </p>
      ) : null}
      <h2>
        {CALLBACK_STATUS_LABELS[status]} ({page.requests.length})
      </h2>
      {page.requests.length === 0 ? (
        <p>
          No {CALLBACK_STATUS_LABELS[status].toLowerCase()} requests{filtered ? " match the filters" : ""}.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">
              {CALLBACK_STATUS_LABELS[status]} callback requests
              {status === "new" ? ", the call-back date soonest first" : ", the most recently changed first"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Name</th>
                <th scope="col">Region</th>
                <th scope="col">Specialism</th>
                <th scope="col">Asked on</th>
                <th scope="col">{status === "new" ? "Call back by" : "Last changed"}</th>
              </tr>
            </thead>
            <tbody>
              {page.requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={`/helpline/requests/${r.id}`}>{r.reference}</a>
                  </td>
                  <td>{r.name}</td>
                  <td>{r.region}</td>
                  <td>{r.specialism}</td>
                  <td>
                    {r.requested}
                    <br />
                    <span className="hint">
                      {r.today ? "Today" : `${r.age} working ${r.age === 1 ? "day" : "days"} ago`}
                    </span>
                  </td>
                  <td>
                    {status === "new" ? (
                      r.overdue ? (
                        <span className="overdue">
                          {r.callBackBy} <span className="tag tag--red">Overdue</span>
                        </span>
                      ) : (
                        r.callBackBy
                      )
                    ) : (
                      r.updated
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Returners who signed up and asked to be contacted</h2>
      <p className="narrow">
        People who made their own account to return to social work and agreed that the helpline may contact them, oldest
        first. Only those who gave consent are listed.
      </p>
      {page.returners.length === 0 ? (
        <p>Nobody is waiting.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Returners who asked to be contacted</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Joined</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {page.returners.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td>
                  <a href={`mailto:${r.email}`}>{r.email}</a>
                </td>
                <td>{r.joined}</td>
                <td>{r.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
