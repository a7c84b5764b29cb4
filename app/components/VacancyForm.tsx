import { Form } from "@remix-run/react";
import { RadioGroup, SelectField, TextAreaField, TextField } from "~/components/forms";
import { REGIONS, SPECIALISM_LABELS, SPECIALISMS } from "~/modules/returners/options";
import { SubmissionKey } from "~/components/SubmissionKey";

/** The fields of a vacancy, for posting one and for changing it. */
export function VacancyForm({
  values,
  errors,
  submitLabel,
}: {
  values?: Record<string, string>;
  errors?: Record<string, string>;
  submitLabel: string;
}) {
  return (
    <Form method="post" noValidate>
      <SubmissionKey />
      <input type="hidden" name="intent" value="save" />
      <TextField name="title" label="Job title" hint="For example, Social worker (returner welcome)" defaultValue={values?.title} error={errors?.title} />
      <TextField name="team" label="Team" hint="For example, Children in need, East" defaultValue={values?.team} error={errors?.team} />
      <SelectField
        name="region"
        label="Region"
        options={REGIONS.map((r) => ({ value: r, label: r }))}
        defaultValue={values?.region}
        error={errors?.region}
      />
      <TextField name="grade" label="Grade" hint="For example, Grade 8 or Band 7" width="half" defaultValue={values?.grade} error={errors?.grade} />
      <TextField
        name="salaryFrom"
        label="Salary from, in pounds a year"
        hint="Whole pounds, for example 36000"
        inputMode="numeric"
        width="third"
        defaultValue={values?.salaryFrom}
        error={errors?.salaryFrom}
      />
      <TextField
        name="salaryTo"
        label="Salary to, in pounds a year"
        hint="The top of the band: the same as or more than the lowest"
        inputMode="numeric"
        width="third"
        defaultValue={values?.salaryTo}
        error={errors?.salaryTo}
      />
      <RadioGroup
        name="specialism"
        legend="Adults' or children's social work"
        options={SPECIALISMS.map((s) => ({ value: s, label: s === "either" ? "Either" : SPECIALISM_LABELS[s] }))}
        defaultValue={values?.specialism}
        error={errors?.specialism}
      />
      <RadioGroup
        name="returnerFriendly"
        legend="Is the post open to social workers returning to practice?"
        hint="Returner-friendly posts are listed first for people the helpline is supporting back into practice."
        options={[
          { value: "yes", label: "Yes, returners are welcome" },
          { value: "no", label: "No" },
        ]}
        defaultValue={values?.returnerFriendly}
        error={errors?.returnerFriendly}
      />
      <TextAreaField
        name="supervisionOffered"
        label="Supervision offered"
        hint="How often, and by whom, for example fortnightly with a senior practitioner for the first six months"
        rows={3}
        defaultValue={values?.supervisionOffered}
        error={errors?.supervisionOffered}
      />
      <TextAreaField
        name="inductionOffered"
        label="Induction offered"
        hint="For example, a protected caseload and shadowing for the first month"
        rows={3}
        defaultValue={values?.inductionOffered}
        error={errors?.inductionOffered}
      />
      <TextAreaField
        name="description"
        label="About the post (optional)"
        defaultValue={values?.description}
        error={errors?.description}
      />
      <TextField
        name="closesOn"
        label="Closing date"
        hint="The last day you take applications. It leaves the public list after this day."
        type="date"
        width="third"
        defaultValue={values?.closesOn}
        error={errors?.closesOn}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
