/**
 * The audit trail in words: each recorded action, with its detail and the names of who did it
 * and whom it was about, as one sentence a programme lead or a panel can read ("Daniel Okafor
 * approved Zainab Hussain's 6-month review (version 2)"). Pure, so every action is unit-tested;
 * names are resolved by the statement that reads the events (audit.server.ts), never here.
 */
import { format, isValid, parseISO } from "date-fns";
import { englandDateTime } from "~/utils/england";
import { ROLE_LABELS, type Role } from "~/modules/organisations/roles";
import { KIND_LABELS, type EvidenceKind } from "~/modules/portfolio/rules";
import { CALL_OUTCOME_LABELS, CALLBACK_STATUS_LABELS, type CallbackStatus, type CallOutcome } from "~/modules/returners/options";
import { PANEL_OUTCOMES, type PanelOutcome } from "~/modules/signoff/panel";
import { OUTCOMES, RECOMMENDATIONS } from "~/modules/signoff/reviews";
import { formatPence } from "~/modules/programmes/labels";

export interface AuditEventForWords {
  action: string;
  detail: Record<string, unknown> | null;
  actorUserId: string | null;
  actorName: string | null;
  /** The role the person acted in, as recorded. */
  actorRole: string | null;
  /** The person the event is about (the learner whose year it is, the member invited, the returner). */
  subjectUserId: string | null;
  subjectName: string | null;
  /** The organisation the event was recorded against. */
  organisationName: string | null;
  /** The review's title in the year's programme ("6-month review"), when the event names a review. */
  reviewTitle?: string | null;
  /** The programme's title, when the event names an enrolment or a cohort. */
  programmeTitle?: string | null;
}

type Words = (e: Said) => string;

/** What a sentence is made from: the event with its names already put into words. */
interface Said {
  e: AuditEventForWords;
  /** Who did it: their name, or "Someone" when the trail does not know. */
  who: string;
  /** Whose record it is: "their" when it is the actor's own, else "Zainab Hussain's" (or "a learner's"). */
  whose: string;
  /** Whom it was about, by name ("Zainab Hussain"), or "a learner". */
  whom: string;
  text: (key: string) => string | null;
  count: (key: string) => number | null;
}

const role = (value: string | null | undefined) =>
  value && value in ROLE_LABELS ? ROLE_LABELS[value as Role].toLowerCase() : (value ?? "").replace(/_/g, " ");

const withArticle = (words: string) => (/^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`);

function day(value: string | null) {
  if (!value) return null;
  const parsed = parseISO(value);
  return isValid(parsed) ? format(parsed, "d MMMM yyyy") : value;
}

const lowerFirst = (words: string) => (/^[A-Z][a-z]/.test(words) ? words[0]!.toLowerCase() + words.slice(1) : words);

/** "6-month review (version 2)": the review's title, and which submission of it. */
function review(s: Said) {
  const code = s.text("review");
  const title = s.e.reviewTitle ? lowerFirst(s.e.reviewTitle) : code ? `${code.replace(/-/g, " ")} review` : "review";
  const number = s.count("number");
  return `${s.whose} ${title}${number ? ` (version ${number})` : ""}`;
}

function reviewOutcome(s: Said) {
  const outcome = s.text("outcome");
  if (!outcome) return "";
  const words =
    outcome in OUTCOMES
      ? OUTCOMES[outcome as keyof typeof OUTCOMES]
      : outcome in RECOMMENDATIONS
        ? RECOMMENDATIONS[outcome as keyof typeof RECOMMENDATIONS].split(":")[0]!
        : outcome.replace(/_/g, " ");
  return `: ${lowerFirst(words.split(":")[0]!)}`;
}

const panelOutcome = (s: Said) => {
  const outcome = s.text("outcome");
  const words = outcome && outcome in PANEL_OUTCOMES ? PANEL_OUTCOMES[outcome as PanelOutcome] : outcome;
  const days = s.count("extensionDays");
  return words ? `: ${lowerFirst(words.split(":")[0]!)}${days ? ` by ${days} days` : ""}` : "";
};

const programme = (s: Said) => s.e.programmeTitle ?? s.text("programme")?.replace(/-/g, " ").toUpperCase() ?? "a programme";

const callStatus = (value: string | null) =>
  value && value in CALLBACK_STATUS_LABELS ? CALLBACK_STATUS_LABELS[value as CallbackStatus].toLowerCase() : (value ?? "");

const quoted = (value: string | null) => (value ? `“${value}”` : "");
/** "the vacancy “Social worker”", or "a vacancy" when the title was not recorded. */
const vacancy = (s: Said) => (s.text("title") ? `the vacancy ${quoted(s.text("title"))}` : "a vacancy");

/** The reason given for a change, when one was: ", because “…”". */
const because = (s: Said) => (s.text("reason") ? `, because “${s.text("reason")}”` : "");

/** The module an assignment is for, by its title as recorded. */
const moduleNamed = (s: Said) => (s.text("module") ? `the module ${quoted(s.text("module"))}` : "a module");

const STAGE_WORDS: Record<string, string> = { first: "first marker", second: "second marker", third: "third reader" };
const stageWords = (stage: string | null) => (stage && STAGE_WORDS[stage]) || "marker";
/** "Hannah Clarke's work (candidate C123456, version 2)": the lead reads the trail; markers never do. */
const candidateWork = (s: Said) => {
  const bits = [s.text("candidate") ? `candidate ${s.text("candidate")}` : null, s.count("version") ? `version ${s.count("version")}` : null];
  const said = bits.filter(Boolean);
  return `${s.whose} work${said.length ? ` (${said.join(", ")})` : ""}`;
};
const markWords = (s: Said) => (s.count("mark") !== null ? `: ${s.count("mark")}${s.text("band") ? ` (${s.text("band")})` : ""}` : "");

/** A deadline recorded as an instant, as people in England read it. */
/** "£1,200", from an amount recorded in pence. */
const money = (s: Said, key = "amount") => (s.count(key) !== null ? formatPence(s.count(key)!) : "the amount");
/** "3 places on Masters", "a place on Masters". */
const places = (s: Said) => {
  const n = s.count("quantity");
  return `${n && n > 1 ? `${n} places` : "a place"} on ${programme(s)}`;
};

const deadline = (s: Said) => {
  const value = s.text("deadline");
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? englandDateTime(at) : null;
};

const SENTENCES: Record<string, Words> = {
  // Signing in and security
  "auth.sign_in": (s) =>
    `${s.who} signed in${s.text("twoFactor") === "recovery_code" ? " with a recovery code" : s.text("twoFactor") ? " with a security code" : ""}`,
  "auth.sign_out": (s) => `${s.who} signed out`,
  "auth.sign_up": (s) =>
    `${s.who} made their account${s.text("kind") === "returner" ? " to return to social work" : s.text("kind") === "self_funding" ? " to learn on their own" : ""}`,
  "auth.password_reset_requested": (s) => `${s.who} asked for a link to reset their password`,
  "auth.password_reset": (s) => `${s.who} set a new password with a reset link`,
  "auth.password_changed": (s) => `${s.who} changed their password`,
  "auth.two_factor.failed": (s) =>
    `${s.who} gave ${s.text("reason") === "replayed" ? "a security code already used" : s.text("reason") === "rate_limited" ? "too many security codes" : "a wrong security code"}${s.text("during") === "sign_in" ? " when signing in" : ""}`,
  "auth.two_factor.recovery_code_used": (s) => {
    const left = s.count("left");
    return `${s.who} used a recovery code${left !== null ? ` (${left} left)` : ""}`;
  },
  "auth.two_factor.enabled": (s) => `${s.who} turned on two-factor sign-in`,
  "auth.two_factor.recovery_codes_replaced": (s) => `${s.who} replaced their recovery codes`,
  "auth.two_factor.disabled": (s) => `${s.who} turned off two-factor sign-in`,
  // Being built on another branch (a lead or an admin resets a member's two-factor): its words are ready here.
  "auth.two_factor.reset": (s) => `${s.who} reset ${s.whose} two-factor sign-in${because(s)}`,
  "auth.two_factor.new_phone_started": (s) => `${s.who} started moving their two-factor sign-in to a new phone`,
  "auth.two_factor.moved_to_new_phone": (s) => `${s.who} moved their two-factor sign-in to a new phone`,

  // Invitations, roles and accounts
  "membership.switched": (s) =>
    `${s.who} switched to working as ${role(s.e.actorRole)}${s.e.organisationName ? ` at ${s.e.organisationName}` : ""}`,
  "membership.role_changed": (s) =>
    `${s.who} changed ${s.whose} role${s.e.organisationName ? ` at ${s.e.organisationName}` : ""}${s.text("from") ? ` from ${role(s.text("from"))}` : ""}${s.text("to") ? ` to ${role(s.text("to"))}` : ""}`,
  "invitation.created": (s) =>
    `${s.who} invited ${s.e.subjectName ?? s.text("email") ?? "someone"} to join${s.text("role") ? ` as ${withArticle(role(s.text("role")))}` : ""}`,
  "invitation.resent": (s) => `${s.who} sent ${s.e.subjectName ?? s.text("email") ?? "someone"} a new invitation link`,
  "invitation.accepted": (s) =>
    `${s.who} accepted their invitation${s.e.organisationName ? ` to ${s.e.organisationName}` : ""}`,
  "user.deactivated": (s) => `${s.who} deactivated ${s.whose} account and ended their sessions${because(s)}`,
  "user.reactivated": (s) => `${s.who} reactivated ${s.whose} account`,

  // Organisations and the trail itself
  "organisation.created": (s) => `${s.who} added the organisation ${s.text("name") ?? s.e.organisationName ?? ""}`.trim(),
  "organisation.renamed": (s) => `${s.who} renamed ${s.text("from") ?? "an organisation"} to ${s.text("to") ?? s.e.organisationName}`,
  "organisation.deactivated": (s) =>
    `${s.who} deactivated ${s.e.organisationName ?? "an organisation"}, so its members can no longer sign in to it${because(s)}`,
  "organisation.reactivated": (s) => `${s.who} reactivated ${s.e.organisationName ?? "an organisation"}`,
  "organisation.two_factor_required": (s) =>
    `${s.who} required two-factor sign-in of ${s.e.organisationName ? `${s.e.organisationName}'s` : "the organisation's"} staff`,
  "organisation.two_factor_not_required": (s) =>
    `${s.who} stopped requiring two-factor sign-in of ${s.e.organisationName ? `${s.e.organisationName}'s` : "the organisation's"} staff`,
  "audit.exported": (s) => {
    const rows = s.count("rows");
    return `${s.who} downloaded the audit trail as a spreadsheet${rows !== null ? ` (${rows} ${rows === 1 ? "event" : "events"})` : ""}`;
  },

  // Cohorts and enrolments
  "cohort.created": (s) => `${s.who} started ${s.text("name") ? `the cohort ${quoted(s.text("name"))}` : "a cohort"} on ${programme(s)}`,
  "enrolment.created": (s) => `${s.who} enrolled ${s.whom} on ${programme(s)}`,
  "enrolment.self_enrolled": (s) => `${s.who} enrolled themselves on ${programme(s)}`,

  // The learner's year
  "learning_agreement.saved": (s) => `${s.who} wrote version ${s.count("version") ?? 1} of ${s.whose} learning agreement`,
  "learning_agreement.signed": (s) =>
    `${s.who} signed version ${s.count("version") ?? 1} of ${s.whose} learning agreement${s.text("party") ? ` as ${role(s.text("party") === "learner" ? "NQSW" : s.text("party"))}` : ""}`,
  "supervision.recorded": (s) =>
    `${s.who} recorded supervision with ${s.whom}${s.text("heldOn") ? ` held on ${day(s.text("heldOn"))}` : ""}`,
  "supervision.acknowledged": (s) => `${s.who} acknowledged ${s.whose} supervision record`,
  "evidence.created": (s) => {
    const kind = s.text("kind");
    const words = kind && kind in KIND_LABELS ? KIND_LABELS[kind as EvidenceKind].toLowerCase() : "evidence";
    return `${s.who} added ${kind && kind in KIND_LABELS ? withArticle(words) : words} to ${s.whose} portfolio`;
  },
  "evidence.revised": (s) =>
    `${s.who} changed a piece of evidence in ${s.whose} portfolio${s.count("version") ? ` (now version ${s.count("version")})` : ""}`,
  "evidence.feedback_added": (s) =>
    `${s.who} gave feedback on ${s.whose} evidence${s.count("version") ? ` (version ${s.count("version")})` : ""}`,
  "anonymisation.decided": (s) =>
    `${s.who} checked ${s.whose} portfolio for names and details (${s.count("redacted") ?? 0} passages hidden, ${s.count("kept") ?? 0} kept)`,
  "review.submitted": (s) => `${s.who} submitted ${review(s)}`,
  "review.approved": (s) => `${s.who} approved ${review(s)}${reviewOutcome(s)}`,
  "review.returned": (s) => `${s.who} returned ${review(s)} with comments`,
  "review.countersigned": (s) => `${s.who} countersigned ${review(s)}`,
  "year.settings_changed": (s) =>
    s.count("addedByPanel")
      ? `${s.who} extended ${s.whose} year by ${s.count("addedByPanel")} days at the moderation panel`
      : `${s.who} changed ${s.whose} year: pathway, working time, extension or optional reviews`,
  "year.pauses_changed": (s) => `${s.who} changed the pauses in ${s.whose} year`,
  "year.team_manager_named": (s) =>
    `${s.who} named ${s.text("teamManagerName") ?? "a team manager"} as ${s.whose} team manager`,
  "year.exported": (s) => `${s.who} downloaded ${s.whose} whole year as a PDF`,
  "workload.week_recorded": (s) =>
    `${s.who} recorded ${s.whose} workload${s.text("weekStarting") ? ` for the week starting ${day(s.text("weekStarting"))}` : " for a week"}${s.count("caseload") !== null ? ` (${s.count("caseload")} cases)` : ""}`,
  "workload.limit_set": (s) =>
    `${s.who} set ${s.whose} caseload limit${s.count("maxCaseload") !== null ? ` to ${s.count("maxCaseload")} cases` : ""}`,
  "panel.created": (s) =>
    `${s.who} set up a moderation panel${s.count("sampled") !== null ? ` reading ${s.count("sampled")} of ${s.count("of") ?? "the"} portfolios` : ""}`,
  "panel.outcome_recorded": (s) => `${s.who} recorded the panel's outcome for ${s.whom}${panelOutcome(s)}`,
  "panel.outcome_signed": (s) => `${s.who} signed the panel's outcome for ${s.whom}${panelOutcome(s)}`,
  "panel.pass_ratified": (s) => `${s.who} ratified ${s.whose} pass as the panel's chair`,
  "certificate.issued": (s) => `${s.who} issued ${s.whose} certificate${s.text("code") ? ` (${s.text("code")})` : ""}`,

  // Masters coursework
  "coursework.assignment_opened": (s) =>
    `${s.who} opened the assignment for ${moduleNamed(s)}${s.text("cohort") ? ` for the cohort ${quoted(s.text("cohort"))}` : ""}${deadline(s) ? `, due ${deadline(s)}` : ""}`,
  "coursework.submitted": (s) =>
    `${s.who} handed in version ${s.count("version") ?? 1} of ${s.whose} assignment for ${moduleNamed(s)}${s.e.detail?.late === true ? ", late" : ""}`,
  "coursework.extension_requested": (s) =>
    `${s.who} asked for an extension to ${s.whose} assignment for ${moduleNamed(s)}${deadline(s) ? ` until ${deadline(s)}` : ""}`,
  "coursework.extension_approved": (s) =>
    `${s.who} approved an extension to ${s.whose} assignment for ${moduleNamed(s)}${deadline(s) ? ` until ${deadline(s)}` : ""}`,
  "coursework.extension_refused": (s) => `${s.who} refused an extension to ${s.whose} assignment for ${moduleNamed(s)}${because(s)}`,
  "coursework.mitigation_submitted": (s) => `${s.who} put forward mitigating circumstances for ${moduleNamed(s)}`,
  "coursework.mitigation_accepted": (s) => `${s.who} accepted ${s.whose} mitigating circumstances for ${moduleNamed(s)}`,
  "coursework.mitigation_not_accepted": (s) =>
    `${s.who} did not accept ${s.whose} mitigating circumstances for ${moduleNamed(s)}${because(s)}`,
  "coursework.marker_allocated": (s) => `${s.who} made ${s.whom} the ${stageWords(s.text("stage"))} for ${moduleNamed(s)}`,
  "coursework.first_marked": (s) => `${s.who} first-marked ${candidateWork(s)} for ${moduleNamed(s)}${markWords(s)}, provisionally`,
  "coursework.sample_drawn": (s) =>
    `${s.who} drew the second-marking sample for ${moduleNamed(s)}${s.count("sampled") !== null ? `: ${s.count("sampled")} of ${s.count("of") ?? "the"} pieces of work` : ""}${s.text("seed") ? ` (seed ${s.text("seed")})` : ""}`,
  "coursework.second_marked": (s) =>
    s.text("kind") === "agree"
      ? `${s.who} agreed, as second marker, with the first mark of ${candidateWork(s)} for ${moduleNamed(s)}${markWords(s)}`
      : `${s.who} proposed, as second marker, another mark for ${candidateWork(s)} for ${moduleNamed(s)}${markWords(s)}`,
  "coursework.agreed_mark_recorded": (s) =>
    `${s.who} recorded, as ${stageWords(s.text("stage"))}, an agreed mark for ${candidateWork(s)} for ${moduleNamed(s)}${markWords(s)}`,
  "coursework.third_read": (s) => `${s.who} read ${candidateWork(s)} for ${moduleNamed(s)} as third reader${markWords(s)}`,
  "coursework.board_confirmed": (s) =>
    `${s.who} confirmed, for the exam board, ${s.count("count") ?? "the"} ${s.count("count") === 1 ? "mark" : "marks"} for ${moduleNamed(s)}${s.text("cohort") ? ` (cohort ${quoted(s.text("cohort"))})` : ""}${(s.count("attempt") ?? 1) > 1 ? ", resubmissions" : ""}, releasing them to the learners`,
  "coursework.resubmission_opened": (s) =>
    `${s.who} opened a resubmission of ${s.whose} assignment for ${moduleNamed(s)}${deadline(s) ? `, due ${deadline(s)}` : ""}`,
  "coursework.examiner_commented": (s) => `${s.who} commented as external examiner on the marking of ${moduleNamed(s)}`,
  "coursework.examiner_appointed": (s) =>
    `${s.who} appointed ${s.whom} external examiner of ${s.text("programmeTitle") ?? "a programme"}${s.text("startsOn") && s.text("endsOn") ? ` from ${day(s.text("startsOn"))} to ${day(s.text("endsOn"))}` : ""}`,
  "coursework.examiner_appointment_ended": (s) =>
    `${s.who} ended ${s.whose} appointment as external examiner of ${s.text("programmeTitle") ?? "a programme"} early${because(s)}`,
  "career.shared": (s) => `${s.who} shared their career record${s.text("organisation") ? ` with ${s.text("organisation")}` : ""}`,
  "career.share_withdrawn": (s) =>
    `${s.who} stopped sharing their career record${s.text("organisation") ? ` with ${s.text("organisation")}` : ""}`,
  "career.share_ended": (s) => `${s.whose} career record stopped being shared as their membership ended`,
  "career.record_issued": (s) => `${s.who} downloaded their career record${s.text("code") ? ` (${s.text("code")})` : ""}`,
  // Assessment against criteria (advanced practitioner, CP lead: ADR 024)
  "assessment.statement_saved": (s) =>
    `${s.who} saved ${s.whose} summary statement for ${s.text("criterion") ?? "a criterion"}${s.count("version") ? ` (version ${s.count("version")})` : ""}`,
  "assessment.submitted": (s) =>
    `${s.who} submitted ${s.whose} portfolio for assessment${s.count("number") ? ` (submission ${s.count("number")})` : ""}`,
  "assessment.confirmed": (s) =>
    `${s.who} confirmed, as line manager, the practice claims in ${s.whose} portfolio${s.count("number") ? ` (submission ${s.count("number")})` : ""}`,
  "assessment.assessor_appointed": (s) =>
    `${s.who} appointed ${s.text("assessor") ?? "an independent assessor"} to assess ${s.whose} portfolio`,
  "assessment.assessor_accepted": (s) =>
    `${s.who} accepted the appointment to assess ${s.whose} portfolio, declaring no conflict of interest`,
  "assessment.criterion_decided": (s) =>
    `${s.who} recorded ${s.text("criterion") ?? "a criterion"} as ${s.e.detail?.met === true ? "met" : "not yet met"} in ${s.whose} portfolio`,
  "assessment.outcome_recorded": (s) =>
    `${s.who} recorded the outcome of ${s.whose} assessment: ${({ achieved: "achieved", not_yet_achieved: "not yet achieved", referred: "referred" } as Record<string, string>)[s.text("outcome") ?? ""] ?? "recorded"}`,
  // Shared multi-agency sessions of the CP lead programme (ADR 026)
  "shared_session.created": (s) =>
    `${s.who} added a shared session${sessionTopic(s)}${s.count("people") ? `, inviting ${people(s.count("people")!)}` : ""}`,
  "shared_session.invited": (s) => `${s.who} invited ${people(s.count("people") ?? 0) || "people"} to the shared session${sessionTopic(s)}`,
  "shared_session.material_added": (s) =>
    `${s.who} added ${s.text("file") ?? "a material"} to the shared session${sessionTopic(s)}`,
  "shared_session.attendance_recorded": (s) =>
    `${s.who} recorded ${s.whom} as ${({ attended: "attending", apologies: "sending apologies to", absent: "absent from" } as Record<string, string>)[s.text("status") ?? ""] ?? "recorded at"} the shared session${sessionTopic(s)}`,
  "transcript.issued": (s) => `${s.who} downloaded ${s.whose} transcript${s.text("code") ? ` (${s.text("code")})` : ""}`,

  // Returners, the helpline, vacancies and introductions
  "callback.requested": (s) =>
    `${s.e.actorName ?? s.e.subjectName ?? "Someone"} asked the helpline for a call back${s.text("reference") ? ` (reference ${s.text("reference")})` : ""}`,
  "callback.call_logged": (s) => {
    const outcome = s.text("outcome");
    const words = outcome && outcome in CALL_OUTCOME_LABELS ? CALL_OUTCOME_LABELS[outcome as CallOutcome] : outcome;
    return `${s.who} logged a call to ${s.whom}${words ? `: ${lowerFirst(words)}` : ""}`;
  },
  "callback.status_changed": (s) =>
    `${s.who} moved ${s.whose} call back request${s.text("from") ? ` from ${callStatus(s.text("from"))}` : ""}${s.text("to") ? ` to ${callStatus(s.text("to"))}` : ""}`,
  "returner.account_created": (s) => `${s.who} made an account for ${s.whom} and enrolled them on the refresher`,
  "returner.account_linked": (s) => `${s.who} linked ${s.whose} account to their request and enrolled them on the refresher`,
  "returner.profile_saved": (s) => `${s.who} saved their answers about returning to practice`,
  "returner.checklist_saved": (s) => `${s.who} updated their ‘ready to return’ checklist`,
  "returner.updating_added": (s) =>
    `${s.who} logged ${s.count("hours") ?? "some"} hours of updating${s.text("on") ? ` on ${day(s.text("on"))}` : ""}`,
  "returner.updating_deleted": (s) =>
    `${s.who} removed ${s.count("hours") ?? "some"} hours of updating${s.text("on") ? ` on ${day(s.text("on"))}` : ""} from their log`,
  "returner.cpd_added": (s) => `${s.who} added a CPD record${s.text("recordedOn") ? ` for ${day(s.text("recordedOn"))}` : ""}`,
  "returner.evidence_downloaded": (s) => `${s.who} downloaded their evidence pack for registration`,
  "introduction.made": (s) =>
    `${s.who} introduced ${s.whom} to a council's vacancy${s.text("request") ? ` (request ${s.text("request")})` : ""}`,
  "introduction.interview": (s) => `${s.who} arranged an interview for ${s.whom}`,
  "introduction.offered": (s) => `${s.who} recorded a job offer to ${s.whom}`,
  "introduction.started": (s) => `${s.who} recorded that ${s.whom} is starting in post`,
  "introduction.declined": (s) => `${s.who} recorded that the introduction of ${s.whom} was declined`,
  "vacancy.posted": (s) =>
    `${s.who} posted ${vacancy(s)}${s.text("closesOn") ? `, closing ${day(s.text("closesOn"))}` : ""}`,
  "vacancy.updated": (s) => `${s.who} changed ${vacancy(s)}`,
  "vacancy.withdrawn": (s) => `${s.who} withdrew ${vacancy(s)}`,
  // Payments (ADR 027): what Stripe's webhooks told us is recorded with no person as its actor.
  "payment.checkout_started": (s) =>
    `${s.who} went to checkout for ${places(s)} (${money(s, "total")}${s.text("mode") === "test" ? ", test checkout" : ""})`,
  "payment.exported": (s) => `${s.who} downloaded ${s.count("rows") ?? "the"} payments, refunds and disputes as a spreadsheet`,
  "payment.received": (s) => `Payment of ${money(s)} received for ${places(s)}`,
  "payment.awaiting_transfer": (s) => `Checkout finished for ${places(s)}: waiting for the bank transfer of ${money(s)}`,
  "payment.failed": (s) => `The payment for ${places(s)} failed: no places were given`,
  "payment.refunded": (s) => `Refunds on the payment for ${places(s)} now come to ${money(s)}`,
  "payment.disputed": (s) =>
    `The payment for ${places(s)} is disputed (${money(s)}${s.text("reason") ? `, ${s.text("reason")!.replace(/_/g, " ")}` : ""})`,
  "place.assigned": (s) =>
    s.e.actorRole === "payment"
      ? `${s.e.subjectName ?? "A learner"} paid for a place on ${programme(s)} and was enrolled`
      : `${s.who} gave ${s.whom} a place on ${programme(s)}, enrolling them`,
  "place.taken_back": (s) => `${s.who} took back ${s.whose} place on ${programme(s)} before they started`,
  "place.refunded": (s) =>
    s.e.subjectName
      ? `A refund ended ${s.e.subjectName}'s place on ${programme(s)}${s.e.detail?.started === true ? ", which they had started: their enrolment is marked refunded" : ""}`
      : `A refund ended a place on ${programme(s)} that no one held`,
};

/** Every action the trail has words for. */
export const AUDIT_ACTIONS = Object.keys(SENTENCES);

export function hasWordsFor(action: string) {
  return action in SENTENCES;
}

/** "auth.two_factor.failed" → "auth two factor failed": an action the trail has no words for, still readable. */
const plainAction = (action: string) => action.replace(/[._]+/g, " ").trim();

/** One event as a sentence. An action without words still reads plainly, with whom it was about. */
export function describeAuditEvent(e: AuditEventForWords): string {
  const detail = e.detail ?? {};
  const own = !!e.subjectUserId && e.subjectUserId === e.actorUserId;
  const said: Said = {
    e,
    who: e.actorName ?? "Someone",
    whose: own ? "their" : e.subjectName ? `${e.subjectName}'s` : "a learner's",
    whom: own ? "themselves" : (e.subjectName ?? "a learner"),
    // Only strings and numbers are read out of the detail: never an object's "[object Object]".
    text: (key) => {
      const value = detail[key];
      return typeof value === "string" && value.trim() ? value : typeof value === "number" ? String(value) : null;
    },
    count: (key) => {
      const value = detail[key];
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    },
  };
  const words = SENTENCES[e.action];
  if (words) return words(said);
  const about = e.subjectName && !own ? ` about ${e.subjectName}` : "";
  return `${said.who}: ${plainAction(e.action) || "an event"}${about}`;
}

function sessionTopic(s: Said) {
  const topic = s.text("topic");
  return topic ? ` on ${lowerFirst(topic)}` : "";
}

function people(n: number) {
  return n ? `${n} ${n === 1 ? "person" : "people"}` : "";
}
