import type { ReactNode } from "react";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * A month and a year, as a month list and a four-digit year box inside one fieldset; with
 * `dayName`, a day box first, for a whole date. The first box carries the group's id (`id`), so
 * the error summary's link lands on it.
 */
export function MonthYearField({
  id,
  dayName,
  day,
  monthName,
  yearName,
  legend,
  hint,
  error,
  month,
  year,
}: {
  id: string;
  dayName?: string;
  day?: string;
  monthName: string;
  yearName: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  month?: string;
  year?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`form-group${error ? " form-group--error" : ""}`}>
      <fieldset className="fieldset" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend className="fieldset__legend">{legend}</legend>
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
        <div className="date-parts">
          {dayName ? (
            <div>
              <label className="label" htmlFor={id}>
                Day
              </label>
              <input
                id={id}
                name={dayName}
                className={`input input--day${error ? " input--error" : ""}`}
                inputMode="numeric"
                autoComplete="off"
                maxLength={2}
                defaultValue={day ?? ""}
                aria-invalid={error ? true : undefined}
              />
            </div>
          ) : null}
          <div>
            <label className="label" htmlFor={dayName ? `${id}-month` : id}>
              Month
            </label>
            <select
              id={dayName ? `${id}-month` : id}
              name={monthName}
              className={`select${error ? " input--error" : ""}`}
              defaultValue={month ?? ""}
              aria-invalid={error ? true : undefined}
            >
              <option value="">Choose…</option>
              {MONTHS.map((m, i) => (
                <option key={m} value={String(i + 1)}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="label" htmlFor={`${id}-year`}>
              Year
            </label>
            <input
              id={`${id}-year`}
              name={yearName}
              className={`input input--year${error ? " input--error" : ""}`}
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              defaultValue={year ?? ""}
              aria-invalid={error ? true : undefined}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}
