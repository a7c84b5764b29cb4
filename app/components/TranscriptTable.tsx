import { TRANSCRIPT_COLUMNS, transcriptCells, transcriptSummary, type Transcript } from "~/modules/masters/transcript";

/** The transcript as the page shows it: the same cells and lines as its PDF. */
export function TranscriptTable({ transcript }: { transcript: Transcript }) {
  return (
    <>
      <dl className="summary-list">
        {(
          [
            ["Learner", transcript.learnerName],
            ["Programme", transcript.programmeTitle],
            ["Awarding university", transcript.institution],
          ] as const
        ).map(([label, value]) => (
          <div className="summary-list__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {transcript.rows.length === 0 ? (
        <p>The exam board has not confirmed any marks yet. Marks, bands and credits appear here once it has.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Modules, attempts, marks, bands and credits</caption>
          <thead>
            <tr>
              {TRANSCRIPT_COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {transcript.rows.map((r) => {
              const [first, ...rest] = transcriptCells(r);
              return (
                <tr key={`${r.moduleSlug}-${r.attempt}`}>
                  <th scope="row">{first}</th>
                  {rest.map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {transcriptSummary(transcript).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p>
        Marks are out of 100 and the pass mark is {transcript.passMark}. Bands: {transcript.bandKey}.
      </p>
    </>
  );
}
