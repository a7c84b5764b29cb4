/**
 * The public self-check: from a few answers, what a person needs to return to social work.
 * Time off the register decides the updating days (Social Work England); time out of practice
 * decides whether the national Return to Social Work programme (2 to 10 years out) is open to them.
 */
import { differenceInMonths, parseISO } from "date-fns";
import type { RegistrationStatus, Specialism } from "./options";
import { updatingDaysNeeded } from "./updating";

export interface EligibilityAnswers {
  qualifiedInUk: boolean;
  registration: RegistrationStatus;
  /** First of the month the registration lapsed (lapsed only). */
  lapsedOn?: string;
  /** First of the month they last practised. */
  lastPractisedOn: string;
  specialism: Specialism;
}

export interface Eligibility {
  /** Whether this route (updating, then restoring registration) is the one for them. */
  route: "return" | "still_registered" | "overseas";
  yearsOffRegister: number;
  yearsOutOfPractice: number;
  updatingDays: 0 | 30 | 60;
  /** Open to people 2 to 10 years out of practice. */
  nationalProgramme: boolean;
  steps: string[];
}

const years = (from: string, to: string) => Math.max(0, differenceInMonths(parseISO(to), parseISO(from)) / 12);
const oneDecimal = (n: number) => Math.floor(n * 10) / 10;

export function checkEligibility(answers: EligibilityAnswers, today: string): Eligibility {
  const out = years(answers.lastPractisedOn, today);
  const yearsOutOfPractice = oneDecimal(out);
  const nationalProgramme = out >= 2 && out <= 10;
  if (!answers.qualifiedInUk) {
    return {
      route: "overseas",
      yearsOffRegister: 0,
      yearsOutOfPractice,
      updatingDays: 0,
      nationalProgramme: false,
      steps: [
        "Apply to Social Work England's international route: qualifications gained outside the UK are assessed before registration.",
        "Once registered, the helpline can still introduce you to councils with vacancies.",
      ],
    };
  }
  if (answers.registration === "registered") {
    return {
      route: "still_registered",
      yearsOffRegister: 0,
      yearsOutOfPractice,
      updatingDays: 0,
      nationalProgramme,
      steps: [
        "You are still registered, so you need no updating days to apply for posts.",
        "Keep your CPD up to date: at least two records this registration year, one discussed with a peer.",
        "A refresher programme and a supervised start help after time away; ask the helpline.",
      ],
    };
  }
  // Off the register: counted from the lapse, or (never registered in England) from leaving practice.
  const offSince = answers.registration === "lapsed" && answers.lapsedOn ? answers.lapsedOn : answers.lastPractisedOn;
  const off = years(offSince, today);
  const yearsOffRegister = oneDecimal(off);
  // The rule is decided on whole months, not the rounded figure shown (5 years and a month is "more than 5").
  const updatingDays = updatingDaysNeeded(off);
  const steps = [
    updatingDays === 0
      ? "Off the register for under 2 years: you can apply to restore your registration without updating days."
      : `Complete ${updatingDays} days of updating (about 6 hours a day) within the 12 months before you apply; private study can be at most half.`,
    "Keep a log of each day and what you learnt: it goes with your application to Social Work England.",
    "Apply to restore your registration, with references.",
    "Agree a supervised start with your new employer.",
  ];
  return { route: "return", yearsOffRegister, yearsOutOfPractice, updatingDays, nationalProgramme, steps };
}
