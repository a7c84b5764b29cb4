import { format, parseISO } from "date-fns";
import {
  CAREER_KIND_LABELS,
  CAREER_KINDS,
  CAREER_STATUS_LABELS,
  type CareerRecord,
  type CareerStatus,
} from "~/modules/career/path";

const day = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

const STATUS_TAG: Record<CareerStatus, string> = {
  completed: "tag tag--green",
  active: "tag",
  upcoming: "tag tag--grey",
  withdrawn: "tag tag--grey",
  refunded: "tag tag--grey",
};

/**
 * The path from newly qualified to lead, drawn as an ordered list: each stage says in words whether
 * it is reached (and by what), being worked towards or not reached, so the drawing and its text
 * equivalent are the same markup; the line and marks are only CSS.
 */
export function CareerPath({ path, whose }: { path: CareerRecord["path"]; whose: string | null }) {
  return (
    <section aria-labelledby="career-path-title">
      <h2 id="career-path-title">{whose ? `Where ${whose} stands on the path` : "Where you stand on the path"}</h2>
      <p>{path.summary}</p>
      <ol className="career-path">
        {path.stages.map((stage) => (
          <li
            key={stage.id}
            className={`career-path__stage${stage.achieved ? " career-path__stage--reached" : stage.workingTowards ? " career-path__stage--towards" : ""}`}
          >
            <span className="career-path__mark" aria-hidden="true">
              {stage.achieved ? "✓" : ""}
            </span>
            <span className="career-path__label">{stage.label}</span>
            <span className="career-path__state">
              {stage.achieved ? "Reached" : stage.workingTowards ? "Working towards" : "Not reached"}
            </span>
            <span className="career-path__detail">
              {stage.achieved ? stage.because : stage.workingTowards ? `On ${stage.workingTowards}` : stage.means}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The programmes, awards and CPD records of a career record, grouped by kind of step, oldest first.
 * `whose`: the person's name when someone else (their employer) reads it; null for their own.
 */
export function CareerRecordBody({ record, whose = null }: { record: CareerRecord; whose?: string | null }) {
  const groups = CAREER_KINDS.map((kind) => ({ kind, entries: record.entries.filter((e) => e.kind === kind) })).filter(
    (g) => g.entries.length,
  );
  return (
    <>
      <CareerPath path={record.path} whose={whose} />
      <h2>Programmes</h2>
      {groups.length ? null : <p>No programmes are recorded yet.</p>}
      {groups.map((group) => (
        <section key={group.kind} aria-labelledby={`career-${group.kind}`}>
          <h3 id={`career-${group.kind}`}>{CAREER_KIND_LABELS[group.kind]}</h3>
          {group.entries.map((entry) => (
            <div className="career-entry" key={entry.id}>
              <h4 className="career-entry__title">
                {entry.title} <span className={STATUS_TAG[entry.status]}>{CAREER_STATUS_LABELS[entry.status]}</span>
              </h4>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt>Organisation</dt>
                  <dd>{entry.organisationName ?? "Joined independently"}</dd>
                </div>
                {entry.facts.map((fact) => (
                  <div className="summary-list__row" key={fact.label}>
                    <dt>{fact.label}</dt>
                    <dd>{fact.value}</dd>
                  </div>
                ))}
                {entry.awards.map((award) => (
                  <div className="summary-list__row" key={award.title}>
                    <dt>Award</dt>
                    <dd>
                      {award.title}, {award.by}
                      {award.on ? `, ${day(award.on)}` : ""}
                      {award.code ? (
                        <>
                          {" "}
                          (verification code <a href={`/verify?code=${encodeURIComponent(award.code)}`}>{award.code}</a>
                          )
                        </>
                      ) : null}
                      {award.href ? (
                        <>
                          {" "}
                          <a href={award.href} download>
                            Download<span className="visually-hidden"> {award.title}</span> (PDF)
                          </a>
                        </>
                      ) : null}
                    </dd>
                  </div>
                ))}
              </dl>
              {entry.links.length ? (
                <p>
                  {entry.links.map((l) => (
                    <a key={l.href} href={l.href}>
                      {l.label}
                    </a>
                  ))}
                </p>
              ) : null}
            </div>
          ))}
        </section>
      ))}
      <h2 id="cpd-records">CPD records</h2>
      {record.cpd.length ? (
        <div className="table-scroll" role="region" aria-labelledby="cpd-records" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">CPD records, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Activity</th>
                <th scope="col">Professional standards</th>
                <th scope="col">Reflected on with a peer</th>
              </tr>
            </thead>
            <tbody>
              {record.cpd.map((c) => (
                <tr key={c.id}>
                  <td>{day(c.recordedOn)}</td>
                  <td>{c.activity}</td>
                  <td>{c.standards.join(", ")}</td>
                  <td>{c.peerReviewed ? "Yes" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No CPD records yet.</p>
      )}
    </>
  );
}
