/**
 * The authorisation matrix: every route of the Remix route manifest, asked for by every
 * kind of person (and by someone signed out), must answer as this one table declares.
 * A route missing from the table fails, so a new page cannot escape the check. Then every
 * id a URL carries is swapped, one at a time, for another council's id: the answer must be
 * 403 or 404, and a refused POST must leave the database exactly as it was.
 */
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { listStoredEmails, sendEmail } from "~/utils/email.server";
import { withTestDatabase } from "../support/database";
import { get, post, routesOf, siteHandler, type Handler, type RouteInfo } from "../support/site";
import { buildTrustWorld, EVERYONE, Watched, type Person, type TrustWorld } from "../support/trust-world";

/**
 * public: anyone gets the page. anonymousOnly: a signed-in person is sent to their start page.
 * signedIn: anyone signed in. A list: only those people; everyone else 403/404, signed out → sign in.
 * redirect: always sends the person on. nobody: 404 for everyone (no such page for a GET).
 * gone: 410 for everyone (a link token that does not exist). validation: the request reaches the
 * action, which refuses the empty form with a 4xx that is not 401/403/404.
 */
type Access = "public" | "anonymousOnly" | "signedIn" | "redirect" | "nobody" | "gone" | readonly Person[];
interface Rule {
  get: Access;
  /** Who may reach the action; defaults to `get`. "skip" when a POST would end the session. */
  post?: Access | "skip";
  /** Tables a request may legitimately touch even when its action refuses (with why). */
  touches?: string[];
  /** People whose role reaches every organisation's records (the platform admin), left out of the id swap. */
  anyOrganisation?: readonly Person[];
}

/** Who opens Zainab's year: herself, her supervisor, her team manager and Northmoor's programme lead. */
const YEAR_TEAM = ["subject", "supervisor", "teamManager", "lead"] as const satisfies readonly Person[];
/** Who signs in it: the lead reads it and signs nothing (they are not Zainab's team manager). */
const YEAR_SIGNERS = ["subject", "supervisor", "teamManager"] as const satisfies readonly Person[];
const TEAM_MANAGERS = ["teamManager", "otherTeamManager", "foreignTeamManager"] as const satisfies readonly Person[];
const LEARNERS_OF_ASYE = ["subject", "peer", "foreignLearner"] as const satisfies readonly Person[];
/** Programme leads, each of their own organisation: two councils' and a university's. */
const LEADS = ["lead", "foreignLead", "universityLead"] as const satisfies readonly Person[];
/** The employers' programme leads: a university's has no ASYE panels, grants, vacancies or introductions (404). */
const EMPLOYER_LEADS = ["lead", "foreignLead"] as const satisfies readonly Person[];
const SUPERVISORS = ["supervisor", "otherSupervisor", "assessor", "foreignSupervisor"] as const satisfies readonly Person[];
/**
 * Everyone signed in but a partner from police, health or education, who has their shared sessions and
 * their own account, and nothing else (ADR 026).
 */
const ALL_BUT_PARTNERS = EVERYONE.filter((p) => p !== "anonymous" && p !== "partner");
/** Everyone acting in an organisation in a role that can be invited to, or facilitate, a shared session. */
const SESSION_GOERS = [
  "subject",
  "peer",
  "supervisor",
  "otherSupervisor",
  "assessor",
  "lead",
  "teamManager",
  "otherTeamManager",
  "earlyCareer",
  "foreignLead",
  "foreignSupervisor",
  "foreignLearner",
  "foreignTeamManager",
  "masters",
  "universityLead",
  "independentAssessor",
  "partner",
] as const satisfies readonly Person[];
/**
 * Who opens the demo world's strategy discussions session at Northmoor: Priya Shah (its programme
 * lead, and its facilitator), Sophie (invited as a learner) and the police partner (invited).
 */
const SESSION_PEOPLE = ["lead", "earlyCareer", "partner"] as const satisfies readonly Person[];

const TABLE: Record<string, Rule> = {
  "routes/_index": { get: "public" },
  "routes/$": { get: "nobody" },
  "routes/accessibility": { get: "public" },
  "routes/privacy": { get: "public" },
  "routes/healthz": { get: "public" },
  "routes/ping": { get: "public" }, // the benchmark's trivial page
  "routes/verify": { get: "public" },
  "routes/programmes._index": { get: "public" },
  "routes/programmes.$programme._index": {
    get: "public",
    // Enrolling yourself is for self-funding learners on programmes open to them; no demo person qualifies for the ASYE.
    post: [],
  },
  // Handing in work is for a learner whose Masters cohort has the module's assignment open; the
  // table's module is the ASYE's, which has none, so the action refuses everyone.
  "routes/programmes.$programme.$module._index": { get: "public", post: [] },
  "routes/programmes.$programme.$module.$lesson": {
    // Staff may read what their learners read; learners only on programmes they are enrolled on.
    get: ["subject", "peer", "supervisor", "otherSupervisor", "assessor", "lead", "foreignLead", "universityLead", "foreignSupervisor", "foreignLearner", "admin", ...TEAM_MANAGERS],
    post: LEARNERS_OF_ASYE,
    touches: ["lesson_progress"], // the page, shown again after the refusal, records that the lesson was opened
  },
  "routes/drafts": { get: "nobody", post: "signedIn" },
  "routes/sign-in": { get: "anonymousOnly" },
  "routes/sign-up": { get: "anonymousOnly" },
  "routes/sign-out": { get: "redirect", post: "skip" },
  "routes/forgot-password": { get: "public" },
  "routes/reset-password.$token": { get: "public", post: "gone" },
  "routes/invitations.$token": { get: "public", post: "gone" },
  "routes/home": { get: "redirect" },
  // A partner's start page is their shared sessions: a learner's pages refuse them.
  "routes/learning": { get: ALL_BUT_PARTNERS },
  "routes/account._index": { get: "signedIn" },
  "routes/account.organisation": { get: "signedIn" },
  // Each person's own notices and choices: the action marks or saves only their own.
  "routes/account.notices": { get: "signedIn" },
  "routes/notices._index": { get: "signedIn" },
  "routes/notices.$noticeId.open": { get: "redirect", post: [] },
  "routes/account.security._index": { get: "signedIn" },
  "routes/account.security.two-factor": { get: "signedIn" },
  // Only for someone with two-factor sign-in on; everyone else is sent to the security page.
  "routes/account.security.recovery-codes": { get: "redirect" },
  "routes/account.security.turn-off": { get: "redirect" },
  "routes/account.security.new-phone": { get: "redirect" },
  "routes/organisation.settings": { get: [...LEADS, "admin"] },
  // Only between a correct password and the code: without a pending sign-in, back to sign in.
  "routes/sign-in_.two-factor": { get: "redirect" },
  // Only while email is written to files (no SMTP), as in tests; the suite asks from another machine, so only a platform admin.
  "routes/dev.mail._index": { get: ["admin"] },
  "routes/dev.mail.$id": { get: ["admin"] }, // an email the suite sends first (FIXED.id)
  "routes/admin": { get: ["admin"] },
  // The platform admin's pages: organisations (Northmoor's, by id) and people (Zainab, by id).
  "routes/admin_.organisations.new": { get: ["admin"] },
  "routes/admin_.organisations.$organisationId": { get: ["admin"] },
  "routes/admin_.people._index": { get: ["admin"] },
  "routes/admin_.people.$personId": { get: ["admin"] },
  // A member's two-factor sign-in: the lead of the member's own organisation, or a platform admin for anyone's.
  "routes/members.$membershipId.two-factor": { get: ["lead", "admin"], anyOrganisation: ["admin"] },
  // A member's career record: their organisation's programme lead, only while they belong to it and
  // have shared it (Zainab shares hers with Northmoor); no one else, not even a platform admin (ADR 025).
  "routes/members.$membershipId.career": { get: ["lead"] },
  // Each person's own career record, its share choices (the action changes only their own) and its PDF.
  // A partner keeps no career record here (ADR 026).
  "routes/career": { get: ALL_BUT_PARTNERS },
  "routes/career[.]pdf": { get: ALL_BUT_PARTNERS },
  // Shared multi-agency sessions (ADR 026). Each person's own list: what they are invited to or facilitate.
  "routes/shared-sessions._index": { get: SESSION_GOERS },
  // The session: its lead, facilitator and invitees; only the lead (and facilitator) post to it (register, invitations, materials).
  "routes/shared-sessions.$sharedSessionId._index": { get: SESSION_PEOPLE, post: ["lead"] },
  "routes/shared-sessions.$sharedSessionId.files.$materialId": { get: SESSION_PEOPLE },
  "routes/organisation.shared-sessions._index": { get: EMPLOYER_LEADS },
  "routes/organisation.shared-sessions.new": { get: EMPLOYER_LEADS },
  "routes/helpline._index": { get: ["helpline"] },
  "routes/helpline.figures": { get: ["helpline"] },
  "routes/helpline.requests.$requestId._index": { get: ["helpline"] },
  // The public route back in: anyone, signed in or not, may check what they need and ask for a call back.
  "routes/return-to-social-work._index": { get: "public" },
  "routes/return-to-social-work.callback": { get: "public" },
  "routes/return-to-social-work.callback_.sent": { get: "public" },
  // The returner's own route: their own records only (no URL carries anyone's id). Anyone else signed
  // in, staff included, is refused with 403: the pages are for a returner's account, or for someone
  // who has answered the returner's questions.
  "routes/return._index": { get: ["returner"] },
  "routes/return.updating": { get: ["returner"] },
  "routes/return.cpd": { get: ["returner"] },
  "routes/return.evidence[.]pdf": { get: ["returner"] },
  "routes/supervision": { get: SUPERVISORS },
  // A team manager's own start page: the years naming them, in the organisation they act in.
  "routes/team": { get: TEAM_MANAGERS },
  "routes/organisation._index": { get: [...LEADS, "admin"] },
  // A lead reads their own organisation's trail; a platform admin every organisation's.
  "routes/organisation.audit": { get: [...LEADS, "admin"] },
  // Downloading it is itself recorded in the trail, even by a GET.
  "routes/organisation.audit[.]csv": { get: [...LEADS, "admin"] },
  "routes/organisation.grants": { get: EMPLOYER_LEADS },
  "routes/organisation.invite": { get: LEADS },
  "routes/organisation.cohorts._index": { get: LEADS },
  // Masters assignments are a university's: a council's programme lead is refused.
  "routes/organisation.assignments._index": { get: ["universityLead"] },
  "routes/organisation.assignments.$assignmentId": { get: ["universityLead"] },
  // The exam board is the university's lead's; the refusal while marking is unfinished is a page, not a 4xx.
  "routes/organisation.assignments.$assignmentId_.board": { get: ["universityLead"] },
  // The external examiner's own page: the sample, marks and feedback of the programme they examine.
  "routes/examining": { get: ["examiner"] },
  // A university's external examiners and their appointments: its lead's, and no one else's (another
  // university's lead sees only their own: tests/integration/masters-examiners.test.ts).
  "routes/organisation.examiners": { get: ["universityLead"] },
  // A Masters learner's own transcript (and its PDF, issued with a code); no one else has one.
  "routes/transcript": { get: ["masters"] },
  "routes/transcript[.]pdf": { get: ["masters"] },
  // The table's membership is Zainab's, at a council: no one has a Masters transcript of hers
  // (the university lead's own learners' transcripts are checked in tests/integration/masters-board).
  "routes/learners.$membershipId_.transcript": { get: [] },
  "routes/learners.$membershipId_.transcript[.]pdf": { get: [] },
  // A handed-in file (Hannah's): for Hannah and the staff of her university, acting in it; to anyone else it does not exist.
  "routes/coursework.files.$submissionFileId": { get: ["masters", "universityLead"] },
  // Marking: Eastbridge's marker allocated to Hannah's assignment, and no one else (not even the lead, who has the assignment's page).
  "routes/marking._index": { get: ["marker"] },
  "routes/marking.$submissionId._index": { get: ["marker"] },
  "routes/marking.$submissionId.files.$submissionFileId": { get: ["marker"] },
  "routes/organisation.cohorts.$cohortId": { get: ["lead"] },
  // Payments (ADR 027). Stripe's webhook has no page; anyone may post to it, and without Stripe's
  // signature every post is refused with 400 and changes nothing (tests/integration/payments.test.ts).
  "routes/payments.webhook": { get: "nobody", post: "public" },
  // The test checkout and the page Stripe sends a buyer back to are for the buyer of one checkout,
  // named in the query string: the table asks with none, so no one has them.
  "routes/payments.test-checkout": { get: [] },
  "routes/payments.success": { get: [] },
  // Each person's own payments for their own learning.
  "routes/payments._index": { get: ALL_BUT_PARTNERS },
  // A lead buys places for their own organisation and gives them to its learners.
  "routes/organisation.places": { get: LEADS },
  // Every payment, refund and dispute, and its spreadsheet (whose download is itself audited).
  "routes/admin_.payments": { get: ["admin"] },
  "routes/admin_.payments[.]csv": { get: ["admin"] },
  // Assessment against criteria (ADR 024). The lead's candidates and appointments: their own organisation's.
  "routes/organisation.candidates": { get: EMPLOYER_LEADS },
  // The independent assessor's queue, and the one who accepts appointments there.
  "routes/assessing._index": { get: ["independentAssessor"] },
  // The table's submissionId is a Masters hand-in and its enrolmentId Zainab's assessed year: neither is
  // an assessment against criteria, so no one has these pages for them. Who may open a candidate's page,
  // their certificate and their submission (only its appointed assessor) is in tests/integration/assessment-criteria.
  "routes/assessing.$submissionId": { get: [] },
  "routes/assessing.$submissionId_.files.$itemId.$fileId": { get: [] },
  "routes/assessment.$enrolmentId": { get: [] },
  "routes/assessment.$enrolmentId.certificate[.]pdf": { get: [] },
  "routes/organisation.panels._index": { get: [...EMPLOYER_LEADS, "assessor"], post: EMPLOYER_LEADS },
  "routes/organisation.vacancies._index": { get: EMPLOYER_LEADS },
  "routes/organisation.vacancies.new": { get: EMPLOYER_LEADS },
  "routes/organisation.vacancies.$vacancyId": { get: ["lead"] },
  "routes/organisation.introductions._index": { get: EMPLOYER_LEADS },
  "routes/organisation.introductions.$introductionId": { get: ["lead"] },
  // Open vacancies are public; a closed one's page says it has closed.
  "routes/vacancies._index": { get: "public" },
  "routes/vacancies.$vacancyId": { get: "public" },
  "routes/helpline_.introductions": { get: ["helpline"] },
  "routes/helpline_.requests.$requestId_.vacancies": { get: ["helpline"] },
  "routes/organisation.panels.$panelId._index": { get: ["lead", "assessor"] },
  "routes/organisation.panels.$panelId.$enrolmentId": { get: ["lead", "assessor"] },
  // The learner's record is for the learner, their supervisor and the lead; the team manager has the year.
  "routes/learners.$membershipId": { get: ["subject", "supervisor", "lead"] },
  "routes/year.$enrolmentId._index": { get: YEAR_TEAM },
  // The lead reads the agreement; the three parties write and sign it.
  "routes/year.$enrolmentId.agreement": { get: YEAR_TEAM, post: YEAR_SIGNERS },
  "routes/year.$enrolmentId.anonymisation": { get: YEAR_TEAM, post: ["subject", "supervisor"] },
  "routes/year.$enrolmentId.history": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.workload": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.settings": { get: ["lead"] },
  "routes/year.$enrolmentId.export[.]pdf": { get: YEAR_TEAM },
  // Zainab has no certificate yet, so there is nothing to download for anyone.
  "routes/year.$enrolmentId.certificate[.]pdf": { get: [] },
  "routes/year.$enrolmentId.supervision._index": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.supervision[.]ics": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.supervision.new": { get: ["supervisor"] },
  // The learner acknowledges a record; the supervisor who wrote it, the team manager and the lead only read it.
  "routes/year.$enrolmentId.supervision.$sessionId": { get: YEAR_TEAM, post: ["subject"] },
  "routes/year.$enrolmentId.portfolio._index": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.portfolio.new": { get: ["subject", "supervisor"] },
  // The first item of Zainab's portfolio is a direct observation her supervisor wrote: only its author revises it.
  "routes/year.$enrolmentId.portfolio.$itemId._index": { get: YEAR_TEAM, post: ["subject"] },
  "routes/year.$enrolmentId.portfolio.$itemId.edit": { get: ["supervisor"] },
  "routes/year.$enrolmentId.portfolio.$itemId.files.$fileId": { get: YEAR_TEAM },
  // Which step of a review each person may take depends on its state; an empty form is refused before that.
  // (The lead, not Zainab's team manager, never has a step: countersigning is the team manager's.)
  "routes/year.$enrolmentId.reviews._index": { get: YEAR_TEAM },
  "routes/year.$enrolmentId.reviews.$code": { get: YEAR_TEAM, post: [] },
};

/** URL parameters that are not ids of an organisation's records. */
const FIXED: Record<string, string> = {
  programme: "asye",
  module: "the-first-year",
  lesson: "how-the-year-runs",
  code: "six-month",
  token: "abcdefghijklmnopqrstuvwxyz234567",
  // No one's notice: opening it is refused to everyone; a person's own is opened in tests/integration/notices.
  noticeId: "00000000-0000-4000-8000-000000000000",
  id: "set in beforeAll: an email in the development mailbox",
  personId: "set in beforeAll: Zainab's account (a person, for the platform admin)",
  "*": "no-such-page",
};

/** A session's last-seen time moves on with any request; that is not the request's doing. */
const IGNORED = ["sessions"];

const t = withTestDatabase();
let world: TrustWorld;
let handle: Handler;
let routes: RouteInfo[];

beforeAll(async () => {
  world = await buildTrustWorld(t.db);
  await sendEmail({ to: "someone@example.test", subject: "Reset your password", text: "A link that must reach no stranger." });
  FIXED.id = (await listStoredEmails(1))[0]!.id;
  const [zainab] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "zainab.hussain@northmoor.example"));
  FIXED.personId = zainab!.id;
  const site = await siteHandler();
  handle = site.handle;
  routes = routesOf(site.build);
}, 180_000);

function urlFor(route: RouteInfo, ids: Record<string, string>) {
  return route.pattern.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => {
    const value = ids[name ?? "*"] ?? FIXED[name ?? "*"];
    if (!value) throw new Error(`No value for :${name} in ${route.pattern}`);
    return value;
  });
}

type Outcome = "ok" | "deny" | "sign-in" | "start" | "redirect" | "missing" | "gone" | "validation";

function expected(access: Access, person: Person, method: "GET" | "POST"): Outcome {
  const ok: Outcome = method === "GET" ? "ok" : "validation";
  if (access === "public") return ok;
  if (access === "nobody") return "missing";
  if (access === "gone") return "gone";
  if (access === "redirect") return "redirect";
  if (access === "anonymousOnly") return person === "anonymous" ? ok : "start";
  if (person === "anonymous") return "sign-in";
  if (access === "signedIn") return ok;
  return access.includes(person) ? ok : "deny";
}

function outcomeOf(response: Response): Outcome | `status ${number}` {
  const { status } = response;
  const location = response.headers.get("location") ?? "";
  if (status === 200 || status === 204) return "ok";
  if (status === 401 || (status >= 300 && status < 400 && location.startsWith("/sign-in"))) return "sign-in";
  if (status >= 300 && status < 400) return "redirect";
  if (status === 403) return "deny";
  if (status === 404) return "missing";
  if (status === 410) return "gone";
  if (status >= 400 && status < 500) return "validation";
  return `status ${status}`;
}

function matches(actual: ReturnType<typeof outcomeOf>, wanted: Outcome) {
  // Reaching the action is what the matrix asks; an empty form may be refused or (an acknowledgement) done.
  if (wanted === "validation") return actual === "validation" || actual === "ok" || actual === "redirect";
  if (wanted === "deny") return actual === "deny" || actual === "missing";
  if (wanted === "start") return actual === "redirect";
  if (wanted === "redirect") return actual === "redirect" || actual === "sign-in";
  return actual === wanted;
}

test("every route in the manifest is declared in the table, and nothing stale is", () => {
  const ids = routes.map((r) => r.id).sort();
  expect(ids.filter((id) => !(id in TABLE)), "routes with no rule in the authorisation table").toEqual([]);
  expect(Object.keys(TABLE).filter((id) => !ids.includes(id)), "rules for routes that no longer exist").toEqual([]);
});

test("every route answers each person as the table says (GET)", async () => {
  const wrong: string[] = [];
  for (const route of routes) {
    const rule = TABLE[route.id];
    if (!rule) continue;
    const url = urlFor(route, world.own);
    for (const person of EVERYONE) {
      const response = await handle(get(url, world.cookies[person]));
      await response.arrayBuffer();
      const want = expected(rule.get, person, "GET");
      const got = outcomeOf(response);
      if (!matches(got, want)) wrong.push(`GET ${route.id} as ${person}: wanted ${want}, got ${got} (${response.status})`);
    }
  }
  expect(wrong).toEqual([]);
}, 300_000);

/**
 * A refused request must leave every table's row count and checksum as it was. The fingerprint
 * is recomputed only after a request that sent a writing statement; a request that was let
 * through (an empty acknowledgement is a real one) may change what it is for.
 */
async function refusals(route: RouteInfo, rule: Rule, requests: { label: string; request: Request; want?: Outcome }[]) {
  const wrong: string[] = [];
  const watched = new Watched(t.db, [...IGNORED, ...(rule.touches ?? [])]);
  for (const { label, request, want } of requests) {
    const tally = { count: 0, statements: [] as string[] };
    const response = await handle(request, tally);
    await response.arrayBuffer();
    const got = outcomeOf(response);
    if (want ? !matches(got, want) : ![403, 404].includes(response.status))
      wrong.push(`${label}: wanted ${want ?? "403 or 404"}, got ${got} (${response.status})`);
    const changed = await watched.changedBy(tally.statements);
    const letThrough = want === "validation" && (got === "ok" || got === "redirect");
    if (changed.length && !letThrough) wrong.push(`${label} (${response.status}) changed ${changed.join(", ")}`);
  }
  return wrong;
}

test("every action answers each person as the table says, and a refused POST changes nothing", async () => {
  const wrong: string[] = [];
  for (const route of routes.filter((r) => r.hasAction)) {
    const rule = TABLE[route.id];
    if (!rule || rule.post === "skip") continue;
    const access = rule.post ?? rule.get;
    const url = urlFor(route, world.own);
    wrong.push(
      ...(await refusals(
        route,
        rule,
        EVERYONE.map((person) => ({
          label: `POST ${route.id} as ${person}`,
          request: post(url, new URLSearchParams(), world.cookies[person]),
          want: expected(access, person, "POST"),
        })),
      )),
    );
  }
  expect(wrong).toEqual([]);
}, 300_000);

test("signing out ends the session it was sent with, and only that one", async () => {
  const route = routes.find((r) => r.id === "routes/sign-out")!;
  const { sessionFor } = await import("../support/site");
  const throwaway = await sessionFor(t.db, "daniel.okafor@northmoor.example");
  const response = await handle(post(route.pattern, new URLSearchParams(), throwaway));
  expect(response.status).toBe(302);
  expect(outcomeOf(await handle(get("/supervision", throwaway)))).toBe("sign-in");
  expect(outcomeOf(await handle(get("/supervision", world.cookies.supervisor)))).toBe("ok");
});

test("every id in a URL, swapped for another council's, is refused with 403 or 404", async () => {
  const wrong: string[] = [];
  let tried = 0;
  for (const route of routes) {
    const rule = TABLE[route.id];
    const swappable = route.params.filter((p) => p in world.own && p in world.foreign && p !== "organisationId");
    if (!rule || swappable.length === 0) continue;
    // Each id alone, then all of them: a mixed URL must not let one council's id unlock another's record.
    const variants = [...swappable.map((p) => [p]), ...(swappable.length > 1 ? [swappable] : [])];
    const mayOpen = (access: Access | "skip") => (Array.isArray(access) ? access : []) as readonly Person[];
    for (const swapped of variants) {
      const ids = { ...world.own, ...Object.fromEntries(swapped.map((p) => [p, world.foreign[p]!])) };
      const url = urlFor(route, ids);
      const allForeign = swapped.length === swappable.length;
      // Northmoor's people who may open Northmoor's record; Riverside's people too while any id is still Northmoor's.
      const askers = (access: readonly Person[]) =>
        EVERYONE.filter(
          (p) => access.includes(p) && !p.startsWith("foreign") && !rule.anyOrganisation?.includes(p),
        ).concat(
          allForeign ? [] : (["foreignLead", "foreignSupervisor", "foreignLearner", "foreignTeamManager"] as const),
        );
      const label = `with Riverside's ${swapped.join("+")}`;
      if (route.hasLoader) {
        for (const person of askers(mayOpen(rule.get))) {
          const response = await handle(get(url, world.cookies[person]));
          await response.arrayBuffer();
          tried += 1;
          if (![403, 404].includes(response.status)) wrong.push(`GET ${route.id} ${label} as ${person}: ${response.status}`);
        }
      }
      if (route.hasAction && rule.post !== "skip") {
        const people = askers(mayOpen(rule.post ?? rule.get));
        tried += people.length;
        wrong.push(
          ...(await refusals(
            route,
            rule,
            people.map((person) => ({
              label: `POST ${route.id} ${label} as ${person}`,
              request: post(url, new URLSearchParams(), world.cookies[person]),
            })),
          )),
        );
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(tried).toBeGreaterThan(100);
}, 300_000);
