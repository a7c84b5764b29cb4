/**
 * The form for a marker's step on one piece of work: a first mark or a third reading (a band for
 * each rubric criterion, a mark, feedback and an annotated copy), a second marker's word, or an
 * agreed mark. One form whose parts each step turns on, so the three read and behave alike.
 * Renders only; works without JavaScript.
 */
import { Form } from "@remix-run/react";
import type { MarkerTask } from "~/modules/masters/marking";
import { RadioGroup, TextAreaField, TextField } from "./forms";
import { SubmissionKey } from "./SubmissionKey";

interface StepWords {
  heading: string;
  intro?: string;
  /** A band for each rubric criterion and an annotated copy: the steps that give a mark of their own. */
  rubric: boolean;
  /** The second marker's choice: agree with the first mark, or propose another. */
  outcome: boolean;
  markLabel: string;
  feedbackLabel: string;
  feedbackRows: number;
  button: string;
}

const STEPS: Record<Exclude<MarkerTask, null>, StepWords> = {
  "first-mark": {
    heading: "Your mark",
    intro: "Provisional until the exam board confirms it.",
    rubric: true,
    outcome: false,
    markLabel: "Mark out of 100",
    feedbackLabel: "Feedback for the learner",
    feedbackRows: 8,
    button: "Save mark",
  },
  "third-read": {
    heading: "Your mark as third reader",
    intro: "Provisional until the exam board confirms it.",
    rubric: true,
    outcome: false,
    markLabel: "Mark out of 100",
    feedbackLabel: "Feedback for the learner",
    feedbackRows: 8,
    button: "Save mark",
  },
  "second-mark": {
    heading: "Your second marking",
    rubric: false,
    outcome: true,
    markLabel: "The mark you propose (if you propose one)",
    feedbackLabel: "Your reasons",
    feedbackRows: 6,
    button: "Save second marking",
  },
  "record-agreed": {
    heading: "Record the agreed mark",
    intro: "Each of you records the same agreed mark; it stands when both have.",
    rubric: false,
    outcome: false,
    markLabel: "Agreed mark out of 100",
    feedbackLabel: "How you reached it (optional)",
    feedbackRows: 4,
    button: "Record agreed mark",
  },
};

export interface RubricCriterionView {
  criterion: string;
  weight: number;
  bands: { band: string; descriptor: string }[];
}

export function MarkingStep({
  task,
  rubric,
  errors,
  values,
}: {
  task: Exclude<MarkerTask, null>;
  rubric: RubricCriterionView[];
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const step = STEPS[task];
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="narrow">
      <SubmissionKey />
      <h2>{step.heading}</h2>
      {step.intro ? <p>{step.intro}</p> : null}
      {step.rubric
        ? rubric.map((c, i) => (
            <RadioGroup
              key={c.criterion}
              name={`band-${i}`}
              legend={`${c.criterion} (${c.weight}%)`}
              error={errors?.[`band-${i}`]}
              defaultValue={values?.[`band-${i}`]}
              options={c.bands.map((b) => ({ value: b.band, label: b.band, hint: b.descriptor }))}
            />
          ))
        : null}
      {step.outcome ? (
        <RadioGroup
          name="outcome"
          legend="Do you agree with the first mark?"
          error={errors?.outcome}
          defaultValue={values?.outcome}
          options={[
            { value: "agree", label: "I agree with the first mark" },
            { value: "propose", label: "I propose another mark" },
          ]}
        />
      ) : null}
      <TextField
        name="mark"
        label={step.markLabel}
        inputMode="numeric"
        width="third"
        defaultValue={values?.mark}
        error={errors?.mark}
      />
      <TextAreaField
        name="feedback"
        label={step.feedbackLabel}
        rows={step.feedbackRows}
        defaultValue={values?.feedback}
        error={errors?.feedback}
      />
      {step.rubric ? (
        <div className={`form-group${errors?.annotated ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="annotated">
            Annotated copy (optional)
          </label>
          <p className="hint" id="annotated-hint">
            A PDF or Word document, 10 MB or smaller.
          </p>
          {errors?.annotated ? (
            <p className="error-message" id="annotated-error">
              <span className="visually-hidden">Error:</span> {errors.annotated}
            </p>
          ) : null}
          <input
            className="file-upload"
            type="file"
            id="annotated"
            name="annotated"
            accept=".pdf,.docx"
            aria-describedby={errors?.annotated ? "annotated-hint annotated-error" : "annotated-hint"}
          />
        </div>
      ) : null}
      <button type="submit" className="button">
        {step.button}
      </button>
    </Form>
  );
}
