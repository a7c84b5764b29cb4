import { useActionData } from "@remix-run/react";
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldErrors } from "~/utils/forms";
import { inFieldOrder } from "~/utils/form-messages";

const submissionIds = new WeakMap<object, number>();
let lastSubmissionId = 0;

/** A key that changes with every answer from the action, so password inputs are emptied after each try. */
function submissionKey(actionData: unknown) {
  if (!actionData || typeof actionData !== "object") return "initial";
  let id = submissionIds.get(actionData);
  if (id === undefined) {
    id = ++lastSubmissionId;
    submissionIds.set(actionData, id);
  }
  return String(id);
}

/** The box at the top of a failed form: says what went wrong and links to each field. */
/**
 * The problems with a refused form, linked to their fields. `order` names the form's fields in the
 * order the page shows them, so that the list reads down the form whatever order validation found
 * them in.
 */
export function ErrorSummary({ errors, order }: { errors?: FieldErrors; order?: readonly string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = inFieldOrder(errors, order);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>{field === "form" ? message : <a href={`#${field}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

/** The hint and error under a label, with the ids that aria-describedby points at. */
function useFieldMessages(name: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const messages = (
    <>
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
  return { messages, describedBy: [hintId, errorId].filter(Boolean).join(" ") || undefined };
}

function groupClass(error: string | undefined) {
  return `form-group${error ? " form-group--error" : ""}`;
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id"> {
  name: string;
  /** Where a page has several forms with the same field (one per row), each field's own id. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  width?: "full" | "half" | "third";
  /** Emptied after each answer from the action, as password fields are (for one-time codes). */
  emptyAfterEachTry?: boolean;
}

export function TextField({
  name,
  id = name,
  label,
  hint,
  error,
  width = "full",
  className,
  emptyAfterEachTry,
  ...input
}: TextFieldProps) {
  const actionData = useActionData();
  const { messages, describedBy } = useFieldMessages(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {messages}
      <input
        key={input.type === "password" || emptyAfterEachTry ? submissionKey(actionData) : undefined}
        id={id}
        name={name}
        className={`input input--${width}${error ? " input--error" : ""}${className ? ` ${className}` : ""}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}

export function RadioGroup({
  name,
  id = name,
  legend,
  hint,
  error,
  options,
  defaultValue,
}: {
  name: string;
  /** Where a page has several forms with the same field (one per row), each group's own id. */
  id?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
}) {
  const { messages, describedBy } = useFieldMessages(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend">{legend}</legend>
        {messages}
        <div className="radios">
          {options.map((o, i) => {
            // The first radio carries the group's id, so the error summary can link to it.
            const radioId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="radios__item" key={o.value}>
                <input
                  className="radios__input"
                  id={radioId}
                  name={name}
                  type="radio"
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                />
                <label className="radios__label" htmlFor={radioId}>
                  {o.label}
                  {o.hint ? <span className="hint radios__hint">{o.hint}</span> : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function CheckboxField({
  name,
  id = name,
  label,
  hint,
  error,
  defaultChecked,
  value = "yes",
}: {
  name: string;
  /** When one page repeats the form (one per row), each box needs its own id. */
  id?: string;
  label: ReactNode;
  /** Shown under the label, as the checkbox's description. */
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  value?: string;
}) {
  const { messages, describedBy } = useFieldMessages(id, undefined, error);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={groupClass(error)}>
      {messages}
      <div className="checkboxes__item">
        <input
          className="checkboxes__input"
          id={id}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked}
          aria-describedby={[hintId, describedBy].filter(Boolean).join(" ") || undefined}
        />
        {hint ? (
          <div>
            <label className="checkboxes__label" htmlFor={id}>
              {label}
            </label>
            <div className="hint checkboxes__hint" id={hintId}>
              {hint}
            </div>
          </div>
        ) : (
          <label className="checkboxes__label" htmlFor={id}>
            {label}
          </label>
        )}
      </div>
    </div>
  );
}

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  /** Shown under the label, as the box's own description. */
  hint?: ReactNode;
  /** The field the box sends; the group's name unless it has one of its own (one field per box). */
  name?: string;
  checked?: boolean;
}

/**
 * One box of a CheckboxGroup. The group's first box takes the group's name as its id, so the error
 * summary's link (#name) lands on it; the others are named by their field and value.
 */
export function Checkbox({ group, first, option }: { group: string; first?: boolean; option: CheckboxOption }) {
  const name = option.name ?? group;
  const id = first ? group : `${group}-${option.name ?? option.value}`;
  const hintId = option.hint ? `${id}-hint` : undefined;
  return (
    <div className="checkboxes__item">
      <input
        className="checkboxes__input"
        type="checkbox"
        id={id}
        name={name}
        value={option.value}
        defaultChecked={option.checked}
        aria-describedby={hintId}
      />
      {option.hint ? (
        <div>
          <label className="checkboxes__label" htmlFor={id}>
            {option.label}
          </label>
          <div className="hint checkboxes__hint" id={hintId}>
            {option.hint}
          </div>
        </div>
      ) : (
        <label className="checkboxes__label" htmlFor={id}>
          {option.label}
        </label>
      )}
    </div>
  );
}

/**
 * A question answered by ticking any number of boxes: a fieldset whose legend asks it, its hint and
 * error beside the group (and read out with it), then the boxes. `children` lays the boxes out
 * some other way (in sections, or nested), with `Checkbox`; `empty` is said when there is nothing to tick.
 */
export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  empty,
  children,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options?: CheckboxOption[];
  empty?: ReactNode;
  children?: ReactNode;
}) {
  const { messages, describedBy } = useFieldMessages(name, hint, error);
  return (
    <div className={groupClass(error)}>
      <fieldset className="fieldset" aria-describedby={describedBy}>
        <legend className="fieldset__legend">{legend}</legend>
        {messages}
        {options && options.length === 0 && empty ? <p>{empty}</p> : null}
        {options ? (
          <div className="checkboxes">
            {options.map((o, i) => (
              <Checkbox key={o.name ?? o.value} group={name} first={i === 0} option={o} />
            ))}
          </div>
        ) : null}
        {children}
      </fieldset>
    </div>
  );
}

export function SelectField({
  name,
  id = name,
  label,
  hint,
  error,
  options,
  defaultValue,
}: {
  name: string;
  /** Where a page has several forms with the same field (one per row), each field's own id. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const { messages, describedBy } = useFieldMessages(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {messages}
      <select
        id={id}
        name={name}
        className={`select${error ? " input--error" : ""}`}
        defaultValue={defaultValue ?? ""}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextAreaField({
  name,
  id = name,
  label,
  hint,
  error,
  defaultValue,
  rows = 5,
}: {
  name: string;
  /** Where a page has several forms with the same field (one per row), each field's own id. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  rows?: number;
}) {
  const { messages, describedBy } = useFieldMessages(id, hint, error);
  return (
    <div className={groupClass(error)}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {messages}
      <textarea
        className={`textarea${error ? " input--error" : ""}`}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
