/**
 * The public self-check: from a few answers, what a person needs to return to social work.
 * Time off the register, measured date to date, decides the updating days (Social Work England);
 * time out of practice decides whether the national Return to Social Work programme (2 to 10
 * years out) is open to them. Someone never on the register is not restoring anything: they
 * apply to join it as a new applicant.
 */
import { addYears, differenceInCalendarDays, differenceInMonths, differenceInYears, parseISO } from "date-fns";
import type { RegistrationStatus, Specialism } from "./options";
import { updatingDaysNeeded } from "./updating";

export interface EligibilityAnswers {
  qualifiedInUk: boolean;
  registration: RegistrationStatus;
  /** The day the registration lapsed (lapsed only). */
  lapsedOn?: string;
  /** First of the month they last practised. */
  lastPractisedOn: string;
  specialism: Specialism;
}

export interface Eligibility {
  /**
   * Which application is theirs: restoring a lapsed registration ("return"), none at all
   * ("still_registered"), or joining the register for the first time, from a UK qualification
   * ("new_applicant") or one gained elsewhere ("overseas").
   */
  route: "return" | "still_registered" | "new_applicant" | "overseas";
  /** Whole years off the register (return only), e.g. 5 for five years and a day. */
  yearsOffRegister: number;
  /** Time off the register in words, date to date (return only): "5 years and 1 day". */
  timeOffRegister: string | null;
  yearsOutOfPractice: number;
  updatingDays: 0 | 30 | 60;
  /** Open to people 2 to 10 years out of practice. */
  nationalProgramme: boolean;
  steps: string[];
}

const years = (from: string, to: string) => Math.max(0, differenceInMonths(parseISO(to), parseISO(from)) / 12);
const oneDecimal = (n: number) => Math.floor(n * 10) / 10;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Whole years from `from` to `to`, by anniversaries: the anniversary of 29 February is 28 February
 * in a year without one (as updatingDaysNeeded counts), so 29 Feb 2020 to 28 Feb 2025 is 5 years.
 */
export function wholeYearsBetween(from: string, to: string) {
  const start = parseISO(from);
  const end = parseISO(to);
  if (end < start) return 0;
  const years = differenceInYears(end, start);
  return addYears(start, years + 1) <= end ? years + 1 : years;
}

/** "5 years and 1 day", "2 years", "300 days": whole years from `from`, then the days left over. */
export function timeBetween(from: string, to: string) {
  const start = parseISO(from);
  const end = parseISO(to);
  if (end < start) return "0 days";
  const wholeYears = wholeYearsBetween(from, to);
  const days = differenceInCalendarDays(end, addYears(start, wholeYears));
  if (!wholeYears) return plural(days, "day");
  return days ? `${plural(wholeYears, "year")} and ${plural(days, "day")}` : plural(wholeYears, "year");
}

const NEW_APPLICANT_STEPS = [
  "Apply to join the Social Work England register as a new applicant, with your UK qualification: you are not restoring a registration.",
  "If you qualified more than two years ago, Social Work England asks new applicants too for evidence that their skills and knowledge are up to date: ask them how much before you start.",
  "A refresher programme and a supervised start help after time away; the helpline can introduce you to councils with vacancies.",
];

export function checkEligibility(answers: EligibilityAnswers, today: string): Eligibility {
  const out = years(answers.lastPractisedOn, today);
  const yearsOutOfPractice = oneDecimal(out);
  const nationalProgramme = out >= 2 && out <= 10;
  const notOff = { yearsOffRegister: 0, timeOffRegister: null, updatingDays: 0 as const };
  if (!answers.qualifiedInUk) {
    return {
      route: "overseas",
      ...notOff,
      yearsOutOfPractice,
      nationalProgramme: false,
      steps: [
        "Apply to join the register as a new applicant through Social Work England's international route: qualifications gained outside the UK are assessed before registration.",
        "Once registered, the helpline can still introduce you to councils with vacancies.",
      ],
    };
  }
  if (answers.registration === "registered") {
    return {
      route: "still_registered",
      ...notOff,
      yearsOutOfPractice,
      nationalProgramme,
      steps: [
        "You are still registered, so you need no updating days to apply for posts.",
        "Keep your CPD up to date: at least two records this registration year, one reflected on with a peer.",
        "A refresher programme and a supervised start help after time away; ask the helpline.",
      ],
    };
  }
  if (answers.registration === "never_registered") {
    return { route: "new_applicant", ...notOff, yearsOutOfPractice, nationalProgramme, steps: NEW_APPLICANT_STEPS };
  }
  // Off the register from the day it lapsed, date to date: five years and a day is more than five.
  const offSince = answers.lapsedOn ?? answers.lastPractisedOn;
  const updatingDays = updatingDaysNeeded(offSince, today);
  const steps = [
    updatingDays === 0
      ? "Off the register for under 2 years: you can apply to restore your registration without updating days."
      : `Complete ${updatingDays} days of updating (a day is at least 6 hours) within the 12 months before you apply: supervised practice, formal study or private study, with private study at most half.`,
    "Keep a log of each day and what you learnt: it goes with your application to Social Work England.",
    "Apply to restore your registration, with references.",
    "Agree a supervised start with your new employer.",
  ];
  return {
    route: "return",
    yearsOffRegister: wholeYearsBetween(offSince, today),
    timeOffRegister: timeBetween(offSince, today),
    yearsOutOfPractice,
    updatingDays,
    nationalProgramme,
    steps,
  };
}
