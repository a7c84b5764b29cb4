/**
 * Finds passages that look like identifying details of a person who uses services, so the
 * learner and assessor can confirm or redact them before a portfolio goes to a moderation
 * panel. It errs towards asking: a person decides each one. Pure.
 */
import { createHash } from "node:crypto";

export type FindingKind =
  "name" | "date_of_birth" | "date" | "nhs_number" | "case_number" | "address" | "postcode" | "phone" | "email";

export const FINDING_LABELS: Record<FindingKind, string> = {
  name: "a name",
  date_of_birth: "a date of birth",
  date: "a date (is it a date of birth?)",
  nhs_number: "an NHS number",
  case_number: "a case or reference number",
  address: "an address",
  postcode: "a postcode",
  phone: "a phone number",
  email: "an email address",
};

export interface Finding {
  kind: FindingKind;
  text: string;
  start: number;
  end: number;
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+\\d{4})`;

const PATTERNS: [FindingKind, RegExp][] = [
  ["email", /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g],
  ["date_of_birth", new RegExp(`\\b(?:born(?:\\s+on)?|d\\.?o\\.?b\\.?|date of birth)\\s*[:,-]?\\s*${DATE}`, "gi")],
  ["date", new RegExp(`\\b${DATE}\\b`, "gi")],
  ["nhs_number", /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g],
  ["phone", /(?:\+44\s?\(?0?\)?\s?|\b0)\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b/g],
  [
    "case_number",
    /\b(?:case|ref(?:erence)?|file|client|mosaic|lcs|eclipse)\s*(?:no\.?|number|id|#)?\s*[:#]?\s*(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,}\b/gi,
  ],
  ["postcode", /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi],
  [
    "address",
    /\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|Place|Grove|Terrace|Gardens|Rd|St|Ave)\b/g,
  ],
  ["name", /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?/g],
];

/** Capitalised words that are not names: places in a sentence where two capitals are common. */
const NOT_NAMES = new Set(
  `I A The This That These Those When Where What Why How Who We You He She They It My Our Their His Her Next Then After Before During Since
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday ${MONTHS.replace(/\|/g, " ")}
  Social Work England Care Act Children Act Mental Capacity Health Council City Borough County Court Family Team Services Service
  Trust School Primary Secondary College University Hospital NHS GP Police Local Authority Safeguarding Board Partnership Adults
  Adult Child Children's Practice Supervisor Assessor Professional Capabilities Framework Knowledge Skills Statement ASYE ECDP PCF
  KSS Working Together Early Help Help Plan Protection Conference Core Group Strategy Discussion Review Panel Department Education
  Home Office North South East West Northmoor Riverside Harbour Eastbridge Christmas Easter Ramadan Eid Diwali English British`
    .split(/\s+/)
    .filter(Boolean),
);

/** Two or three capitalised words in the middle of a sentence, none of them a common non-name. */
function likelyNames(text: string): Finding[] {
  const found: Finding[] = [];
  const re = /([A-Z][a-z'’-]+)(\s+[A-Z][a-z'’-]+){1,2}/g;
  for (const m of text.matchAll(re)) {
    const words = m[0].split(/\s+/);
    if (words.some((w) => NOT_NAMES.has(w.replace(/['’]s$/, "")))) continue;
    const before = text.slice(0, m.index).trimEnd();
    // At the start of a sentence a capital says nothing; a name there is still caught when it has a title.
    if (before === "" || /[.!?:]$/.test(before)) continue;
    found.push({ kind: "name", text: m[0], start: m.index!, end: m.index! + m[0].length });
  }
  return found;
}

export function findIdentifying(text: string): Finding[] {
  const all: Finding[] = [];
  for (const [kind, re] of PATTERNS)
    for (const m of text.matchAll(re)) all.push({ kind, text: m[0], start: m.index!, end: m.index! + m[0].length });
  all.push(...likelyNames(text));
  // Where two overlap, the earlier-listed, more specific kind (a date of birth over a date) wins.
  const order = [...PATTERNS.map(([k]) => k)];
  all.sort((a, b) => a.start - b.start || order.indexOf(a.kind) - order.indexOf(b.kind) || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of all) {
    const last = kept[kept.length - 1];
    if (last && f.start < last.end) continue;
    kept.push(f);
  }
  return kept;
}

/** A finding is known by what it says, not where: the same name decided once is decided everywhere in that text. */
export function findingKey(itemId: string, version: number, finding: Pick<Finding, "kind" | "text">) {
  return createHash("sha256")
    .update(JSON.stringify([itemId, version, finding.kind, finding.text.toLowerCase()]))
    .digest("hex")
    .slice(0, 24);
}

/** The text as the panel reads it: every finding decided "redact" replaced by what it was. */
export function redact(text: string, findings: Finding[], shouldRedact: (f: Finding) => boolean) {
  let out = "";
  let at = 0;
  for (const f of findings) {
    if (!shouldRedact(f)) continue;
    out += text.slice(at, f.start) + `[${FINDING_LABELS[f.kind].replace(/^an? /, "").replace(/ \(.*\)$/, "")} removed]`;
    at = f.end;
  }
  return out + text.slice(at);
}
