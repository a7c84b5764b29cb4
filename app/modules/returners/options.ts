/** The fixed choices on the returners' forms, with the words shown for them. Pure. */

/** England's nine regions, and Wales (the helpline answers both). */
export const REGIONS = [
  "North East",
  "North West",
  "Yorkshire and the Humber",
  "East Midlands",
  "West Midlands",
  "East of England",
  "London",
  "South East",
  "South West",
  "Wales",
] as const;
export type Region = (typeof REGIONS)[number];

export const SPECIALISMS = ["adults", "children", "either"] as const;
export type Specialism = (typeof SPECIALISMS)[number];
export const SPECIALISM_LABELS: Record<Specialism, string> = {
  adults: "Adults' social work",
  children: "Children and families",
  either: "Either",
};

export const REGISTRATION_STATUSES = ["registered", "lapsed", "never_registered"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_LABELS: Record<RegistrationStatus, string> = {
  registered: "Still on the Social Work England register",
  lapsed: "My registration has lapsed",
  never_registered: "Qualified in the UK but never registered as a social worker",
};

export const CALLBACK_STATUSES = ["new", "contacted", "introduced", "returned", "closed"] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
export const CALLBACK_STATUS_LABELS: Record<CallbackStatus, string> = {
  new: "New",
  contacted: "Contacted",
  introduced: "Introduced",
  returned: "Returned to practice",
  closed: "Closed",
};

export const CALL_OUTCOMES = ["spoke", "no_answer", "left_message", "emailed", "note"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, string> = {
  spoke: "Spoke to them",
  no_answer: "No answer",
  left_message: "Left a message",
  emailed: "Emailed",
  note: "Note only",
};
/** Outcomes that count as having reached the person (first contact). */
export const CONTACT_OUTCOMES: readonly CallOutcome[] = ["spoke", "emailed"];

export const INTRODUCTION_STATUSES = ["introduced", "interview", "offered", "started", "declined", "withdrawn"] as const;
export type IntroductionStatus = (typeof INTRODUCTION_STATUSES)[number];
export const INTRODUCTION_STATUS_LABELS: Record<IntroductionStatus, string> = {
  introduced: "Introduced",
  interview: "Interview arranged",
  offered: "Offer made",
  started: "Started",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

/** Social Work England's professional standards, by number, for CPD records. */
export const PROFESSIONAL_STANDARDS = [
  { code: "1", title: "Promote the rights, strengths and wellbeing of people, families and communities" },
  { code: "2", title: "Establish and maintain the trust and confidence of people" },
  { code: "3", title: "Be accountable for the quality of my practice and the decisions I make" },
  { code: "4", title: "Maintain my continuing professional development" },
  { code: "5", title: "Act safely, respectfully and with professional integrity" },
  { code: "6", title: "Promote ethical practice and report concerns" },
] as const;
