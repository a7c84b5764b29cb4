/**
 * A learner's assignment on their module page: their deadline (with any extension), the form to
 * hand in or replace their work (no JavaScript needed), the receipt, every version handed in, and
 * the forms to ask for an extension or put forward mitigating circumstances. Renders only.
 */
import { Form } from "@remix-run/react";
import type { CourseworkView } from "~/modules/masters/view";
import { ErrorSummary, TextAreaField, TextField } from "./forms";
import { SubmissionKey } from "./SubmissionKey";

/** PDF and Word only; the server checks each file's bytes whatever this says. */
const ACCEPT = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

type Sent = { intent: string; errors: Record<string, string>; values: Record<string, unknown> } | null;

export function CourseworkPanel({ view, sent }: { view: CourseworkView; sent: Sent }) {
  const errorsFor = (intent: string) => (sent?.intent === intent ? sent.errors : undefined);
  const valueOf = (intent: string, name: string) =>
    sent?.intent === intent && typeof sent.values[name] === "string" ? (sent.values[name] as string) : undefined;
  const handIn = errorsFor("hand-in");
  const extension = errorsFor("request-extension");
  const mitigation = errorsFor("mitigation");
  const receipt = view.versions.find((v) => v.version === view.receiptFor);
  const latest = view.versions[0];
  const waiting = view.requests.some((r) => !r.decision);
  return (
    <section aria-labelledby="your-assignment" id="assignment">
      <ErrorSummary errors={sent?.errors} />
      <h2 id="your-assignment">Your assignment</h2>
      {receipt ? (
        <div className="notice notice--success" role="status" id="receipt">
          <h3>{`Receipt: version ${receipt.version} handed in`}</h3>
          <p>
            Received on {receipt.submittedAt}
            {receipt.late ? ", after your deadline: it is marked late" : ""}. Keep this record of what you handed in:
          </p>
          <p>
            SHA-256: <code className="hash">{receipt.hash}</code>
          </p>
        </div>
      ) : null}
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">Your deadline</dt>
          <dd className="summary-list__value">
            {view.deadline}
            {view.extended ? " (with your extension)" : ""}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Word limit</dt>
          <dd className="summary-list__value">
            {view.wordLimit.toLocaleString("en-GB")} words. Longer work is flagged for the marker, not refused.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">Where you are</dt>
          <dd className="summary-list__value">
            {view.state}
            {latest ? ` (version ${latest.version}, ${latest.length})` : ""}
          </dd>
        </div>
        {view.candidateNumber ? (
          <div className="summary-list__row">
            <dt className="summary-list__key">Candidate number</dt>
            <dd className="summary-list__value">
              {view.candidateNumber}. Markers see this number, not your name. Put it, not your name, on your work.
            </dd>
          </div>
        ) : null}
      </dl>

      {view.results.map((r) => (
        <section key={r.attempt} className="card" aria-labelledby={`result-${r.attempt}`}>
          <h3 id={`result-${r.attempt}`}>Your mark: {r.attempt.toLowerCase()}</h3>
          <dl className="summary-list">
            {(
              [
                ["Mark", `${r.mark} out of 100`],
                ["Mark that counts", r.counted],
                ["Band", r.band],
                ["Credits", r.credits],
                ["Confirmed by the exam board", r.confirmedOn],
              ] as const
            ).map(([label, value]) => (
              <div className="summary-list__row" key={label}>
                <dt className="summary-list__key">{label}</dt>
                <dd className="summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
          <h4>Feedback</h4>
          {r.feedback.split(/\n\s*\n/).map((paragraph, i) => (
            <p className="narrow" key={i}>
              {paragraph}
            </p>
          ))}
          <p>
            <a href="/transcript">Your transcript</a>
          </p>
        </section>
      ))}

      {view.handIn.open ? (
      <div className="narrow">
        <h3>{view.handIn.attempt > 1 ? "Hand in your resubmission" : latest ? "Replace your submission" : "Hand in your work"}</h3>
        <p>
          {view.pastDeadline
            ? "Your deadline has passed. You can still hand in, but it will be marked late."
            : latest
              ? "You can replace what you handed in until your deadline. Each replacement is kept as a new version, and the latest is the one marked."
              : "Write your work in the box, or hand it in as a PDF or Word document, or both."}
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <SubmissionKey />
          <input type="hidden" name="intent" value="hand-in" />
          <TextAreaField
            name="body"
            label="Your work"
            hint="Words in this box and in a Word document are counted. A PDF's words are not counted."
            rows={12}
            defaultValue={valueOf("hand-in", "body") ?? view.latestBody}
            error={handIn?.body}
          />
          {view.latestFiles.length ? (
            <fieldset className="fieldset">
              <legend className="fieldset__legend">Files from your last version</legend>
              <div className="checkboxes">
                {view.latestFiles.map((f) => (
                  <div className="checkboxes__item" key={f.id}>
                    <input className="checkboxes__input" type="checkbox" id={`keep-${f.id}`} name="keepFile" value={f.id} defaultChecked />
                    <label className="label checkboxes__label" htmlFor={`keep-${f.id}`}>
                      Keep {f.fileName}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null}
          <div className={`form-group${handIn?.file ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="file">
              Add a file (optional)
            </label>
            <div className="hint" id="file-hint">
              A PDF or a Word document (DOCX), up to 10 MB. Anonymise it first.
            </div>
            {handIn?.file ? (
              <p className="error-message" id="file-error">
                <span className="visually-hidden">Error:</span> {handIn.file}
              </p>
            ) : null}
            <input
              className="file-upload"
              type="file"
              id="file"
              name="file"
              accept={ACCEPT}
              aria-describedby={`file-hint${handIn?.file ? " file-error" : ""}`}
            />
          </div>
          <button type="submit" className="button">
            {latest ? "Hand in a new version" : "Hand in"}
          </button>
        </Form>
      </div>
      ) : (
        <p>{view.handIn.reason}.</p>
      )}

      {view.versions.length ? (
        <>
          <h3>What you have handed in</h3>
          <table className="table">
            <caption className="visually-hidden">Versions handed in, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Received</th>
                <th scope="col">Length</th>
                <th scope="col">Files</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {view.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>
                    {v.submittedAt} {v.late ? <span className="tag tag--orange">Late</span> : null}
                  </td>
                  <td>
                    {v.length} {v.overLength ? <span className="tag tag--orange">Over length</span> : null}
                  </td>
                  <td>
                    {v.files.length
                      ? v.files.map((f) => (
                          <span key={f.id} className="file-link">
                            <a href={`/coursework/files/${f.id}`} download>
                              {f.fileName}
                            </a>
                            {f.counted ? "" : " (words not counted)"}{" "}
                          </span>
                        ))
                      : "None"}
                  </td>
                  <td>
                    <code className="hash">{v.hash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      <div className="narrow">
        <h3 id="extension">Extensions</h3>
        {view.asked ? (
          <p role="status">Your request has been sent to your programme lead.</p>
        ) : null}
        {view.requests.map((r) => (
          <p key={r.id}>
            You asked for {r.requested}:{" "}
            {r.decision
              ? r.decision.outcome === "approved"
                ? `approved, your deadline is now ${r.decision.deadline}`
                : "refused"
              : "waiting for your programme lead's decision"}
            {r.decision?.note ? `. ${r.decision.note}` : ""}
          </p>
        ))}
        {waiting ? null : (
          <Form method="post" noValidate>
            <SubmissionKey />
            <input type="hidden" name="intent" value="request-extension" />
            <TextAreaField
              name="reasons"
              label="Ask for an extension: why do you need more time?"
              hint="Your programme lead decides. Say what has happened and how long it has kept you from the work."
              rows={4}
              defaultValue={valueOf("request-extension", "reasons")}
              error={extension?.reasons}
            />
            <TextField
              name="deadlineDay"
              label="The date you are asking for"
              type="date"
              width="third"
              defaultValue={valueOf("request-extension", "deadlineDay")}
              error={extension?.deadlineDay}
            />
            <TextField
              name="deadlineTime"
              label="Time (in England)"
              type="time"
              width="third"
              defaultValue={valueOf("request-extension", "deadlineTime") ?? "12:00"}
              error={extension?.deadlineTime}
            />
            <button type="submit" className="button button--secondary">
              Ask for an extension
            </button>
          </Form>
        )}
      </div>

      <div className="narrow">
        <h3 id="mitigating-circumstances">Mitigating circumstances</h3>
        {view.recorded ? <p role="status">Your circumstances have been recorded for your programme lead.</p> : null}
        {view.mitigations.map((m) => (
          <p key={m.id}>
            Put forward on {m.at}:{" "}
            {m.decision
              ? m.decision.outcome === "accepted"
                ? "accepted"
                : "not accepted"
              : "waiting for your programme lead's decision"}
            {m.decision?.note ? `. ${m.decision.note}` : ""}
          </p>
        ))}
        <Form method="post" noValidate>
          <SubmissionKey />
          <input type="hidden" name="intent" value="mitigation" />
          <TextAreaField
            name="circumstances"
            label="Put forward circumstances that affected your work"
            hint="Illness, bereavement or anything else outside your control. The exam board takes account of circumstances your programme lead accepts."
            rows={4}
            defaultValue={valueOf("mitigation", "circumstances")}
            error={mitigation?.circumstances}
          />
          <button type="submit" className="button button--secondary">
            Record circumstances
          </button>
        </Form>
      </div>
    </section>
  );
}
