/**
 * What the route back into practice asks of a returner now and what comes next, worked out from
 * their records as they stand: their callback request, their introductions to councils, their
 * updating log against the days they need and their 'ready to return' checklist. Also where they
 * stand with the helpline, in words that say what the records say (an interview arranged is an
 * interview, not "an advisor will be in touch"), and whether the helpline should still count them
 * as waiting. The same urgencies and order as the first year's tasks. Pure.
 */
import { differenceInCalendarDays, format, parseISO } from "date-fns";
import { byUrgency, type Task, type Urgency } from "~/modules/first-year/tasks";
import type { CallbackStatus, IntroductionStatus } from "./options";

export type { Task, Urgency };

export interface ReturnerIntroduction {
  status: IntroductionStatus;
  council: string;
  vacancy: string;
  /** yyyy-MM-dd, once the council arranged an interview. */
  interviewOn: string | null;
  /** yyyy-MM-dd, once the council recorded a start. */
  startsOn: string | null;
}

export interface ReturnerTaskInput {
  /** Whether they agreed, on their account, that the helpline may contact them. */
  helplineConsent: boolean;
  /** The callback request tied to them, if the helpline has one (the newest). */
  request: { status: CallbackStatus; callBackBy: string; contacted: boolean } | null;
  /** Newest first. */
  introductions: ReturnerIntroduction[];
  /** Null until they have answered the questions that decide the days they need. */
  journey: {
    needed: number;
    counted: number;
    entries: number;
    /** Never registered: Social Work England, not the log, says what updating they need. */
    newApplicant: boolean;
    registrationRestored: boolean;
    referencesReceived: boolean;
    supervisedStartAgreed: boolean;
  } | null;
  refresher: { enrolled: boolean; href: string; next: { href: string; title: string } | null } | null;
  /** The CPD sentence when the registration year's end is near and what it asks is not met. */
  cpdDue?: string | null;
}

/** An interview within this many days is due now; further off it is coming up. */
export const INTERVIEW_SOON_DAYS = 14;

export const RETURN_HREFS = {
  answers: "/return#answers",
  updating: "/return/updating",
  checklist: "/return#checklist",
  introductions: "/return#introductions",
  cpd: "/return/cpd",
} as const;

/** How far each introduction has gone: the furthest live one says where the returner stands. */
const STAGE_RANK: Record<IntroductionStatus, number> = {
  started: 4,
  offered: 3,
  interview: 2,
  introduced: 1,
  declined: 0,
  withdrawn: 0,
};

export function isLive(status: IntroductionStatus) {
  return STAGE_RANK[status] > 0;
}

/** The furthest introduction still going (or started), the newest of equals; null when none is. */
export function furthestIntroduction<I extends Pick<ReturnerIntroduction, "status">>(introductions: readonly I[]) {
  let best: I | null = null;
  for (const i of introductions)
    if (isLive(i.status) && (!best || STAGE_RANK[i.status] > STAGE_RANK[best.status])) best = i;
  return best;
}

export type Standing =
  | { kind: "started"; council: string; vacancy: string; startsOn: string | null }
  | { kind: "offered"; council: string; vacancy: string }
  | { kind: "interview"; council: string; vacancy: string; interviewOn: string | null }
  | { kind: "introduced"; council: string; vacancy: string }
  /** The helpline recorded a return to practice without a start through an introduction. */
  | { kind: "returned" }
  /** An advisor has reached them; `ended` introductions did not go ahead. */
  | { kind: "in_touch"; ended: number }
  /** Their request waits for a first call, by this day. */
  | { kind: "waiting_for_call"; callBackBy: string }
  | { kind: "closed" }
  /** They agreed to be contacted, and the helpline has no request of theirs yet. */
  | { kind: "consented" }
  | { kind: "not_asked" };

/** Where the returner stands with the helpline and councils, from the records. */
export function standingOf(input: Pick<ReturnerTaskInput, "helplineConsent" | "request" | "introductions">): Standing {
  const furthest = furthestIntroduction(input.introductions);
  if (furthest) {
    const { council, vacancy } = furthest;
    switch (furthest.status) {
      case "started":
        return { kind: "started", council, vacancy, startsOn: furthest.startsOn };
      case "offered":
        return { kind: "offered", council, vacancy };
      case "interview":
        return { kind: "interview", council, vacancy, interviewOn: furthest.interviewOn };
      default:
        return { kind: "introduced", council, vacancy };
    }
  }
  const ended = input.introductions.length;
  const request = input.request;
  if (request) {
    if (request.status === "returned") return { kind: "returned" };
    if (request.status === "closed") return { kind: "closed" };
    // An introduction (even one that ended) or a first conversation means an advisor has reached them.
    if (request.status !== "new" || request.contacted || ended > 0) return { kind: "in_touch", ended };
    return { kind: "waiting_for_call", callBackBy: request.callBackBy };
  }
  if (ended > 0) return { kind: "in_touch", ended };
  return input.helplineConsent ? { kind: "consented" } : { kind: "not_asked" };
}

const long = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

/** The standing in the returner's words; `today` (yyyy-MM-dd) so that a call-back day past is not promised. */
export function standingSentence(standing: Standing, today?: string): string {
  switch (standing.kind) {
    case "started":
      return standing.startsOn
        ? `You start as ${standing.vacancy} at ${standing.council} on ${long(standing.startsOn)}.`
        : `You have started as ${standing.vacancy} at ${standing.council}.`;
    case "offered":
      return `${standing.council} has offered you the post of ${standing.vacancy}. They will be in touch about the next steps, including a supervised start.`;
    case "interview":
      return standing.interviewOn
        ? `${standing.council} has arranged an interview with you for ${standing.vacancy} on ${long(standing.interviewOn)}.`
        : `${standing.council} has arranged an interview with you for ${standing.vacancy}.`;
    case "introduced":
      return `The recruitment helpline has introduced you to ${standing.council} for ${standing.vacancy}. The council will contact you.`;
    case "returned":
      return "The recruitment helpline has recorded your return to practice.";
    case "in_touch":
      return standing.ended
        ? "Your introductions so far did not go ahead. Your helpline advisor is in touch with you about other councils with vacancies."
        : "Your helpline advisor is in touch with you about the route back and councils with vacancies.";
    case "waiting_for_call":
      // A target day already past is not promised again.
      return today && standing.callBackBy < today
        ? "The recruitment helpline has your request and an advisor will call you as soon as they can."
        : `The recruitment helpline has your request and will call you by ${long(standing.callBackBy)}.`;
    case "closed":
      return "Your request to the recruitment helpline is closed. You can ask it to call you again at any time.";
    case "consented":
      return "You agreed that the recruitment helpline may contact you. An advisor will be in touch about the route back and councils with vacancies.";
    case "not_asked":
      return "You have not asked the recruitment helpline to contact you. You can change this in your account.";
  }
}

/**
 * Whether the helpline should list this person as waiting for a first call: only while their
 * request is new, nobody has reached them and no introduction has been made.
 */
export function isWaitingForHelpline(request: { status: CallbackStatus; contacted: boolean }, introductions: number) {
  return request.status === "new" && !request.contacted && introductions === 0;
}

/** What needs the returner now and what is next, most urgent first. */
export function returnerTasks(input: ReturnerTaskInput, today: Date): Task[] {
  const tasks: Task[] = [];
  const furthest = furthestIntroduction(input.introductions);
  const { journey } = input;

  if (furthest?.status === "interview" && furthest.interviewOn) {
    const on = parseISO(furthest.interviewOn);
    const days = differenceInCalendarDays(on, today);
    // Once the day has passed the next step is the council's (an offer or not), not the returner's.
    if (days >= 0)
      tasks.push({
        text: `Interview with ${furthest.council} on ${format(on, "d MMMM yyyy")}: ${furthest.vacancy}`,
        href: RETURN_HREFS.introductions,
        urgency: days <= INTERVIEW_SOON_DAYS ? "due" : "upcoming",
        due: on,
      });
  }

  if (!journey)
    tasks.push({
      text: "Answer a few questions to work out the updating days you need",
      href: RETURN_HREFS.answers,
      urgency: "due",
      due: null,
    });
  else {
    const updatingLeft = journey.newApplicant ? 0 : Math.max(0, journey.needed - journey.counted);
    if (updatingLeft > 0)
      tasks.push({
        text:
          journey.entries === 0
            ? `Log your first updating days: ${journey.needed} needed`
            : `${Math.round(updatingLeft * 10) / 10} of ${journey.needed} updating days still to log`,
        href: RETURN_HREFS.updating,
        urgency: "due",
        due: null,
      });
    if (!journey.registrationRestored)
      tasks.push({
        text: journey.newApplicant
          ? "Apply to Social Work England to join the register as a new applicant"
          : "Apply to Social Work England to restore your registration",
        href: RETURN_HREFS.checklist,
        // Restoring needs the updating days first.
        urgency: updatingLeft > 0 ? "upcoming" : "due",
        due: null,
      });
    const employer = furthest && furthest.status !== "introduced" ? furthest : null;
    if (!journey.referencesReceived)
      tasks.push({
        text: "Ask your referees for references",
        href: RETURN_HREFS.checklist,
        // A council interviewing or offering will ask for them.
        urgency: employer ? "due" : "upcoming",
        due: null,
      });
    if (!journey.supervisedStartAgreed)
      tasks.push(
        employer && (employer.status === "offered" || employer.status === "started")
          ? {
              text: `Agree a supervised start with ${employer.council}`,
              href: RETURN_HREFS.checklist,
              urgency: "due",
              due: null,
            }
          : {
              text: "Agree a supervised start with your new employer",
              href: RETURN_HREFS.checklist,
              urgency: "upcoming",
              due: null,
            },
      );
  }

  if (input.refresher?.enrolled && input.refresher.next)
    tasks.push({
      text: `Next refresher lesson: ${input.refresher.next.title}`,
      href: input.refresher.next.href,
      urgency: "due",
      due: null,
    });
  else if (input.refresher && !input.refresher.enrolled)
    tasks.push({
      text: "Join the free refresher programme: its hours count as formal study",
      href: input.refresher.href,
      urgency: "upcoming",
      due: null,
    });

  if (input.cpdDue) tasks.push({ text: input.cpdDue, href: RETURN_HREFS.cpd, urgency: "due", due: null });

  return tasks.sort(byUrgency);
}
