import { Form } from "@remix-run/react";
import type { Framework, FrameworkItem } from "~/modules/programmes/content-schema";
import { ACCEPT_ATTRIBUTE } from "~/modules/portfolio/files";
import { BODY_LABELS, JUDGEMENTS, KIND_DETAILS, KIND_HINTS, type EvidenceKind } from "~/modules/portfolio/rules";
import { DraftStatus, RestoredDraft, useDraftKeeper } from "./DraftKeeper";
import { Checkbox, CheckboxGroup, ErrorSummary, RadioGroup, TextAreaField, TextField } from "./forms";
import { SubmissionKey } from "~/components/SubmissionKey";

export type EvidenceFormValues = Record<string, string | string[] | undefined>;

/** A framework to map to, with the dates its evidence counts between where it was withdrawn or replaced one. */
export type FrameworkChoice = Pick<Framework, "id" | "title" | "items"> & {
  dates?: { from: string | null; until: string | null } | null;
};

const longDay = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const sentence = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function CapabilityChoices({
  frameworks,
  chosen,
  error,
}: {
  frameworks: FrameworkChoice[];
  chosen: Set<string>;
  error?: string;
}) {
  const firstCode = frameworks[0]?.items[0]?.code;
  const box = (item: FrameworkItem, depth: number) => (
    <li key={item.code} className={depth ? "capabilities__sub" : undefined}>
      <Checkbox
        group="capabilities"
        first={item.code === firstCode}
        option={{
          value: item.code,
          label: (
            <>
              <span className="capabilities__code">{item.code}</span> {item.title}
            </>
          ),
          checked: chosen.has(item.code),
        }}
      />
      {item.items?.length ? <ul className="plain-list">{item.items.map((i) => box(i, depth + 1))}</ul> : null}
    </li>
  );
  // A programme assessed against criteria maps evidence to its criteria, not to capabilities (ADR 024).
  const criteria = frameworks.length === 1 && frameworks[0]!.id === "CRITERIA";
  return (
    <CheckboxGroup
      name="capabilities"
      legend={criteria ? "Criteria this evidence shows" : "Capabilities this evidence shows"}
      hint={
        criteria
          ? "Choose each criterion it is evidence for. Every criterion needs at least one piece before you submit."
          : "Choose the ones it shows best, usually two or three. They fill the gaps on your coverage grid."
      }
      error={error}
    >
      {frameworks.map((f) => (
        <details key={f.id} className="capabilities" open>
          <summary className="capabilities__framework">
            {f.title}
            {f.dates?.until ? ` (for evidence dated up to ${longDay(dayBefore(f.dates.until))})` : null}
            {f.dates?.from ? ` (for evidence dated from ${longDay(f.dates.from)})` : null}
          </summary>
          <ul className="plain-list">{f.items.map((i) => box(i, 0))}</ul>
        </details>
      ))}
    </CheckboxGroup>
  );
}

/** The form for writing or editing one piece of evidence; the observer's form for a direct observation. */
export function EvidenceForm({
  kind,
  frameworks,
  values,
  errors,
  submitLabel,
  cancelHref,
  draft,
  files,
  version,
}: {
  kind: EvidenceKind;
  frameworks: FrameworkChoice[];
  values: EvidenceFormValues;
  errors?: Record<string, string>;
  submitLabel: string;
  cancelHref: string;
  draft: { formKey: string; ownerId: string; savedAt: string | null; restored: boolean; returnTo: string };
  files?: { id: string; fileName: string; size: string }[];
  version?: number;
}) {
  const keeper = useDraftKeeper({ formKey: draft.formKey, ownerId: draft.ownerId, serverSavedAt: draft.savedAt });
  const str = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const list = (name: string) => {
    const v = values[name];
    return new Set(Array.isArray(v) ? v : v ? [v] : []);
  };
  const removed = list("removeFile");
  return (
    <>
      <ErrorSummary errors={errors} />
      {draft.restored && draft.savedAt ? (
        <RestoredDraft formKey={draft.formKey} savedAt={draft.savedAt} returnTo={draft.returnTo} />
      ) : null}
      <Form method="post" encType="multipart/form-data" noValidate {...keeper.formProps}>
        <SubmissionKey />
        {version ? <input type="hidden" name="version" value={version} /> : null}
        <p className="hint">{KIND_HINTS[kind]}</p>
        <TextField name="title" label="Title" defaultValue={str("title")} error={errors?.title} maxLength={200} />
        <TextField
          name="occurredOn"
          label={kind === "direct_observation" ? "Date of the observation" : "When it happened"}
          type="date"
          width="third"
          defaultValue={str("occurredOn")}
          error={errors?.occurredOn}
        />
        {KIND_DETAILS[kind].map((field) =>
          field.choices === "judgement" ? (
            <RadioGroup
              key={field.name}
              name={`details.${field.name}`}
              legend={field.label}
              error={errors?.[`details.${field.name}`]}
              defaultValue={str(`details.${field.name}`)}
              options={Object.entries(JUDGEMENTS).map(([value, label]) => ({ value, label }))}
            />
          ) : field.long ? (
            <TextAreaField
              key={field.name}
              name={`details.${field.name}`}
              label={field.label}
              hint={field.hint}
              defaultValue={str(`details.${field.name}`)}
              error={errors?.[`details.${field.name}`]}
            />
          ) : (
            <TextField
              key={field.name}
              name={`details.${field.name}`}
              label={field.label}
              hint={field.hint}
              defaultValue={str(`details.${field.name}`)}
              error={errors?.[`details.${field.name}`]}
            />
          ),
        )}
        <TextAreaField
          name="body"
          label={sentence(BODY_LABELS[kind])}
          hint="Leave out names, addresses, dates of birth and case numbers of the people you work with."
          rows={10}
          defaultValue={str("body")}
          error={errors?.body}
        />
        <CapabilityChoices frameworks={frameworks} chosen={list("capabilities")} error={errors?.capabilities} />
        {files?.length ? (
          <CheckboxGroup
            name="removeFile"
            legend="Files attached"
            hint="Tick a file to take it off this version. Earlier versions keep it."
            options={files.map((f) => ({
              value: f.id,
              label: `Remove ${f.fileName} (${f.size})`,
              checked: removed.has(f.id),
            }))}
          />
        ) : null}
        <div className={`form-group${errors?.file ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="file">
            Attach a file (optional)
          </label>
          <div className="hint" id="file-hint">
            A PDF, a Word document (DOCX), or a PNG or JPEG image, up to 10 MB. Anonymise it first.
          </div>
          {errors?.file ? (
            <p className="error-message" id="file-error">
              <span className="visually-hidden">Error:</span> {errors.file}
            </p>
          ) : null}
          <input
            className="file-upload"
            type="file"
            id="file"
            name="file"
            accept={ACCEPT_ATTRIBUTE}
            aria-describedby={`file-hint${errors?.file ? " file-error" : ""}`}
          />
        </div>
        <DraftStatus state={keeper.state} savedAt={keeper.savedAt} />
        <div className="button-group">
          <button type="submit" className="button">
            {submitLabel}
          </button>
          <a href={cancelHref}>Cancel</a>
        </div>
      </Form>
    </>
  );
}
