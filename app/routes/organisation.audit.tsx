import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, TextField } from "~/components/forms";
import { readAuditFilters } from "~/modules/audit/filters.server";
import { AUDIT_KINDS } from "~/modules/audit/kinds";
import { auditPage, requireAuditReader, scopeOf } from "~/modules/audit/trail.server";
import { listOrganisationNames } from "~/modules/organisations/admin.server";

export const meta: MetaFunction = () => [{ title: "Audit trail – Practice Pathways" }];

const FILTER_NAMES = ["person", "kind", "from", "to", "organisation"] as const;

/** The address of the trail (or its export) with the same filters, on another page. */
function withFilters(path: string, values: Record<string, string>, page?: number) {
  const query = new URLSearchParams();
  for (const name of FILTER_NAMES) if (values[name]) query.set(name, values[name]!);
  if (page && page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const reader = await requireAuditReader(request);
  const read = await readAuditFilters(request);
  const [{ lines, older }, organisations] = await Promise.all([
    auditPage(scopeOf(reader, read), read),
    reader.everyOrganisation ? listOrganisationNames() : Promise.resolve(null),
  ]);
  const values = Object.fromEntries(FILTER_NAMES.map((n) => [n, read.errors?.[n] ? "" : (read.values[n] ?? "")]));
  return {
    organisation: reader.everyOrganisation ? null : reader.current.active.organisation.name,
    organisations,
    lines,
    errors: read.errors ?? null,
    values: Object.fromEntries(FILTER_NAMES.map((n) => [n, read.values[n] ?? ""])),
    page: read.page,
    newerHref: read.page > 1 ? withFilters("/organisation/audit", values, read.page - 1) : null,
    olderHref: older ? withFilters("/organisation/audit", values, read.page + 1) : null,
    exportHref: withFilters("/organisation/audit.csv", values),
    filtered: FILTER_NAMES.some((n) => values[n]),
  };
}

export default function Audit() {
  const page = useLoaderData<typeof loader>();
  const errors = page.errors ?? undefined;
  return (
    <>
      <span className="caption">{page.organisation ?? "Platform administration"}</span>
      <h1>Audit trail</h1>
      <p>
        {page.organisation
          ? `Everything recorded in ${page.organisation}, newest first.`
          : "Everything recorded on Practice Pathways, in every organisation, newest first."}{" "}
        Entries cannot be edited or deleted.
      </p>
      <ErrorSummary errors={errors} />
      <Form method="get" action="/organisation/audit" className="filters" aria-label="Filter the audit trail">
        <TextField
          name="person"
          label="Person"
          hint="Part of a name or email address: who acted, or whom it was about"
          width="half"
          defaultValue={page.values.person}
          error={errors?.person}
        />
        <SelectField
          name="kind"
          label="Kind of event"
          options={AUDIT_KINDS.map((k) => ({ value: k.value, label: k.label }))}
          defaultValue={page.values.kind}
          error={errors?.kind}
        />
        {page.organisations ? (
          <SelectField
            name="organisation"
            label="Organisation"
            options={page.organisations.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={page.values.organisation}
            error={errors?.organisation}
          />
        ) : null}
        <TextField
          name="from"
          type="date"
          label="From"
          hint="For example 2026-09-01"
          width="third"
          defaultValue={page.values.from}
          error={errors?.from}
        />
        <TextField
          name="to"
          type="date"
          label="To"
          hint="For example 2026-09-30"
          width="third"
          defaultValue={page.values.to}
          error={errors?.to}
        />
        <div className="form-group">
          <button type="submit" className="button button--secondary">
            Filter
          </button>{" "}
          {page.filtered ? <a href="/organisation/audit">Clear filters</a> : null}
        </div>
      </Form>
      <p>
        <a href={page.exportHref} download>
          Download {page.filtered ? "these events" : "the audit trail"} as a spreadsheet (CSV)
        </a>
      </p>
      {page.lines.length === 0 ? (
        <p>{page.filtered ? "Nothing recorded matches these filters." : "Nothing has been recorded yet."}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Audit events, newest first{page.page > 1 ? `, page ${page.page}` : ""}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Acting as</th>
              {page.organisation ? null : <th scope="col">Organisation</th>}
            </tr>
          </thead>
          <tbody>
            {page.lines.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{e.when}</time>
                </td>
                <td>{e.sentence}</td>
                <td>{e.role}</td>
                {page.organisation ? null : <td>{e.organisation}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.newerHref || page.olderHref ? (
        <nav className="pagination" aria-label="Pages of the audit trail">
          {page.newerHref ? (
            <a href={page.newerHref} rel="prev" className="pagination__link">
              <span className="pagination__label">Newer events</span> page {page.page - 1}
            </a>
          ) : null}
          {page.olderHref ? (
            <a href={page.olderHref} rel="next" className="pagination__link pagination__link--next">
              <span className="pagination__label">Older events</span> page {page.page + 1}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
