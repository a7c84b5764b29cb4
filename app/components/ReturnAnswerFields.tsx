import { RadioGroup } from "~/components/forms";
import { MonthYearField } from "~/components/MonthYearField";
import {
  REGISTRATION_LABELS,
  REGISTRATION_STATUSES,
  SPECIALISMS,
  SPECIALISM_LABELS,
} from "~/modules/returners/options";

type Values = Partial<
  Record<
    | "registration"
    | "lapsedDay"
    | "lapsedMonth"
    | "lapsedYear"
    | "lastPractisedMonth"
    | "lastPractisedYear"
    | "specialism",
    string
  >
>;

/** The fields' names (each pair or trio of boxes by its first box's id), in the order they are asked. */
export const RETURN_ANSWER_FIELDS = ["registration", "lapsed", "lastPractised", "specialism"] as const;

/**
 * The answers that decide what a returner needs, asked the same way on the self-check and the
 * callback form: the register, when it lapsed, when they last practised, and which social work.
 */
export function ReturnAnswerFields({
  values,
  errors,
}: {
  values: Values;
  errors?: Partial<Record<"registration" | "lapsed" | "lastPractised" | "specialism", string>>;
}) {
  return (
    <>
      <RadioGroup
        name="registration"
        legend="Where are you with the Social Work England register?"
        error={errors?.registration}
        defaultValue={values.registration}
        options={REGISTRATION_STATUSES.map((value) => ({ value, label: REGISTRATION_LABELS[value] }))}
      />
      <MonthYearField
        id="lapsed"
        dayName="lapsedDay"
        monthName="lapsedMonth"
        yearName="lapsedYear"
        legend="If your registration has lapsed, on what date did it lapse?"
        hint="Leave this empty if you are still registered or were never registered. For example, 1 December 2019: time off the register is counted to the day, so 5 years and a day needs more updating than 5 years."
        error={errors?.lapsed}
        day={values.lapsedDay}
        month={values.lapsedMonth}
        year={values.lapsedYear}
      />
      <MonthYearField
        id="lastPractised"
        monthName="lastPractisedMonth"
        yearName="lastPractisedYear"
        legend="When did you last practise as a social worker?"
        hint="For example, September 2018."
        error={errors?.lastPractised}
        month={values.lastPractisedMonth}
        year={values.lastPractisedYear}
      />
      <RadioGroup
        name="specialism"
        legend="Which social work do you want to return to?"
        error={errors?.specialism}
        defaultValue={values.specialism}
        options={SPECIALISMS.map((value) => ({ value, label: SPECIALISM_LABELS[value] }))}
      />
    </>
  );
}
