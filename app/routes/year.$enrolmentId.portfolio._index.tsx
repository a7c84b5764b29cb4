import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { format, parseISO } from "date-fns";
import { Notification } from "~/components/Notification";
import { YearNav } from "~/components/YearNav";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { KIND_LABELS, missingInWords, sufficiency } from "~/modules/portfolio/rules";
import { yearInputFor } from "~/modules/first-year/year";
import { reviewStates } from "~/modules/signoff/reviews";
import { reviewRecords } from "~/modules/signoff/reviews.server";
import { englandToday } from "~/utils/england";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Portfolio – ${data.learnerName} – Practice Pathways` : "Portfolio – Practice Pathways" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const portfolio = await requirePortfolio(request, params.enrolmentId);
  // A programme assessed against criteria keeps its coverage grid on the assessment page.
  if (portfolio.criteria) throw redirect(`/assessment/${portfolio.enrolment.id}`);
  const { enrolment, programme, party, learnerName, rules, frameworks, writable, endsOn, replacement } = portfolio;
  const [evidence, records] = await Promise.all([listEvidence(enrolment.id), reviewRecords(enrolment.id)]);
  const today = englandToday();
  const reviews = reviewStates(yearInputFor(enrolment, programme), records);
  const meter = sufficiency(rules, enrolment.pathway, frameworks, evidence, { reviews, today, endsOn });
  const number = new Map([...evidence].reverse().map((e, i) => [e.id, i + 1]));
  const pathway = rules.pathways?.find((p) => p.code === enrolment.pathway) ?? null;
  return {
    enrolmentId: enrolment.id,
    party,
    learnerName,
    programme: programme.title,
    pathway: pathway?.title ?? null,
    needsPathway: !!rules.pathways?.length && !pathway,
    canWrite: writable.length > 0,
    canObserve: writable.includes("direct_observation"),
    meter: {
      percent: meter.percent,
      have: meter.have,
      required: meter.required,
      kinds: meter.kinds.map((k) => ({
        kind: k.kind,
        label: k.label,
        note: k.note ?? null,
        required: k.required,
        have: k.have,
        byAssessor: k.byAssessor ? `${k.byAssessor.have} of ${k.byAssessor.required} by the assessor` : null,
        points: (k.points ?? []).map((p) => ({
          title: p.title,
          due: format(p.due, "d MMM yyyy"),
          written: !!p.servedBy,
        })),
        missing: missingInWords(k),
      })),
      capabilities: meter.capabilities.map((c) => ({
        ...c,
        counts: c.until
          ? `dated before ${format(parseISO(c.until), "d MMM yyyy")}`
          : c.from
            ? `dated from ${format(parseISO(c.from), "d MMM yyyy")}`
            : null,
      })),
      gaps: meter.gaps.capabilities.length,
      replacement: replacement?.note ?? null,
    },
    evidence: evidence.map((e) => ({
      id: e.id,
      number: number.get(e.id)!,
      title: e.title,
      kind: KIND_LABELS[e.kind],
      occurredOn: format(parseISO(e.occurredOn), "d MMM yyyy"),
      capabilities: e.capabilities,
      version: e.version,
      awaitingReflection: !!e.awaitingReflection,
    })),
  };
}

export default function Portfolio() {
  const page = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/year/${page.enrolmentId}/portfolio`;
  const own = page.party === "learner";
  const columns = [...page.evidence].sort((a, b) => a.number - b.number);
  return (
    <>
      <YearNav enrolmentId={page.enrolmentId} label={`${page.learnerName}'s year`} />
      {params.get("added") ? (
        <Notification title="Evidence added">
          <p>It is in the portfolio, and the meter and coverage grid below include it.</p>
        </Notification>
      ) : null}
      <span className="caption">
        {page.learnerName} · {page.programme}
        {page.pathway ? ` · ${page.pathway}` : ""}
      </span>
      <h1>{own ? "Your portfolio of evidence" : "Portfolio of evidence"}</h1>
      {page.needsPathway ? (
        <Notification title="Pathway not recorded yet" kind="information">
          <p>
            The programme lead has not yet recorded whether this year is in adults' or child and family services, so
            only the Professional Capabilities Framework is shown. The Knowledge and Skills Statement appears once it
            is.
          </p>
        </Notification>
      ) : null}
      {page.canWrite ? (
        <div className="button-group">
          {page.canObserve ? (
            <a href={`${base}/new?kind=direct_observation`} className="button">
              Record a direct observation
            </a>
          ) : null}
          <a href={`${base}/new`} className={page.canObserve ? "button button--secondary" : "button"}>
            {page.canObserve ? "Add feedback or written work" : "Add evidence"}
          </a>
        </div>
      ) : null}

      <section aria-labelledby="where-heading" className="panel">
        <h2 id="where-heading">{own ? "Where you are" : "Where they are"}</h2>
        <label htmlFor="evidence-meter" className="heading-s">
          Evidence towards the final assessment: {page.meter.percent}%
        </label>
        <meter
          id="evidence-meter"
          className="meter"
          min={0}
          max={page.meter.required}
          value={page.meter.have}
          low={page.meter.required * 0.5}
          high={page.meter.required * 0.99}
          optimum={page.meter.required}
        >
          {page.meter.percent}%
        </meter>
        <p className="hint">
          {page.meter.have} of the {page.meter.required} pieces the programme asks for, counting each kind of evidence
          and each capability's minimum.
          {page.meter.gaps
            ? ` ${page.meter.gaps} ${page.meter.gaps === 1 ? "capability has" : "capabilities have"} too little evidence yet.`
            : " Every capability has enough evidence."}
        </p>
      </section>

      <h2>By kind of evidence</h2>
      <table className="table">
        <caption className="visually-hidden">Evidence the programme requires, by kind</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="numeric">
              Needed
            </th>
            <th scope="col" className="numeric">
              There
            </th>
            <th scope="col">Still missing</th>
          </tr>
        </thead>
        <tbody>
          {page.meter.kinds.map((k) => (
            <tr key={k.kind}>
              <th scope="row">
                {k.label}
                {k.note ? <span className="hint block">{k.note}</span> : null}
              </th>
              <td className="numeric">{k.required}</td>
              <td className="numeric">
                {k.have}
                {k.byAssessor !== null ? <span className="hint block">{k.byAssessor}</span> : null}
              </td>
              <td>
                {k.missing.length ? (
                  <>
                    <span className="tag tag--yellow">To go</span>
                    <span className="hint block">{k.missing.join("; ")}</span>
                  </>
                ) : (
                  <span className="tag tag--green">Done</span>
                )}
                {k.points.length ? (
                  <ul className="hint">
                    {k.points.map((p) => (
                      <li key={p.title}>
                        {p.title} ({p.due}): {p.written ? "written" : "not yet"}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="coverage-heading">Coverage of the capabilities</h2>
      {page.meter.replacement ? (
        <Notification title="Why the early career standards appear here" kind="information">
          <p>{page.meter.replacement}</p>
        </Notification>
      ) : null}
      <p className="hint">
        Each row is a capability; each numbered column is a piece of evidence (listed below). A dot shows the evidence
        is mapped to that capability.
      </p>
      <div className="table-scroll" role="region" aria-labelledby="coverage-heading" tabIndex={0}>
        <table className="table coverage">
          <caption className="visually-hidden">Capabilities against the evidence mapped to them</caption>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              {columns.map((e) => (
                <th scope="col" key={e.id} className="coverage__evidence">
                  <abbr title={e.title}>{e.number}</abbr>
                </th>
              ))}
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {page.meter.capabilities.map((c) => (
              <tr key={c.code} className={c.met ? undefined : "coverage__gap"}>
                <th scope="row">
                  <span className="capabilities__code">{c.code}</span> {c.title}
                </th>
                {columns.map((e) => (
                  <td key={e.id} className="coverage__cell">
                    {c.evidence.includes(e.id) ? (
                      <span aria-label={`${e.number}: mapped`} role="img" className="coverage__dot">
                        ●
                      </span>
                    ) : null}
                  </td>
                ))}
                <td>
                  {c.required === 0 ? (
                    <>
                      {c.evidence.length} <span className="tag tag--grey">Withdrawn</span>
                    </>
                  ) : (
                    <>
                      {c.evidence.length} of {c.required}{" "}
                      {c.met ? <span className="tag tag--green">Enough</span> : <span className="tag tag--red">Gap</span>}
                    </>
                  )}
                  {c.counts ? <span className="hint block">Counts evidence {c.counts}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Evidence ({page.evidence.length})</h2>
      {page.evidence.length === 0 ? (
        <p>{own ? "Nothing yet. Add your first piece of evidence above." : "Nothing yet."}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Evidence in the portfolio, newest first</caption>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Evidence</th>
              <th scope="col">Kind</th>
              <th scope="col">Date</th>
              <th scope="col">Capabilities</th>
            </tr>
          </thead>
          <tbody>
            {page.evidence.map((e) => (
              <tr key={e.id}>
                <td>{e.number}</td>
                <td>
                  <a href={`${base}/${e.id}`}>{e.title}</a>
                  {e.version > 1 ? <span className="hint block">Version {e.version}</span> : null}
                  {e.awaitingReflection ? (
                    <>
                      {" "}
                      <span className="tag tag--yellow">{own ? "Add your reflection" : "Waiting for reflection"}</span>
                    </>
                  ) : null}
                </td>
                <td>{e.kind}</td>
                <td>{e.occurredOn}</td>
                <td>{e.capabilities.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
