/**
 * Bad input, everywhere: the suite opens every page as each kind of person, finds every form
 * that posts (so a new form cannot escape it), and sends its action malformed, missing,
 * oversized and hostile values — script tags, 100,000-character strings, wrong types,
 * unknown and another council's ids, duplicated fields. The answer is never a 5xx; a refused
 * request answers 4xx with a message a person can read, and leaves every table's row count
 * and checksum as they were; hostile text that is accepted is shown escaped, never run.
 * And the quieter kind (issue 18 item 8): NUL bytes, text made only of invisible characters,
 * numbers written as 0x10, 1e1 or 0b101, dates before 1900 or after 2100, and file names too
 * long or carrying direction controls.
 */
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import { randomUUID } from "node:crypto";
import { parse, type HTMLElement } from "node-html-parser";
import { withTestDatabase } from "../support/database";
import { get, ORIGIN, post, routesOf, siteHandler, type Handler, type RouteInfo } from "../support/site";
import { buildTrustWorld, Watched, type Person, type TrustWorld } from "../support/trust-world";

const t = withTestDatabase();
let world: TrustWorld;
let handle: Handler;
let routes: RouteInfo[];

/** Who opens pages looking for forms: between them they can reach every form on the site. */
const FINDERS: Person[] = [
  "anonymous",
  "subject",
  "supervisor",
  "teamManager",
  "lead",
  "assessor",
  "helpline",
  "admin",
  "returner",
  "masters",
  "universityLead",
  "marker",
  "examiner",
  "independentAssessor",
  "partner",
];

/** Actions no page posts to with a plain form, each with the reason and the fields it reads. */
const NOT_IN_A_FORM: Record<string, { why: string; fields?: [string, string][] }> = {
  "routes/sign-out": { why: "ends the session the suite is using; covered by the authorisation matrix" },
  "routes/$": { why: "no page: every method is answered 404" },
  "routes/programmes.$programme._index": {
    why: "the self-enrolment and buy forms show only on open or paid programmes; the suite's programme is the ASYE (tests/e2e/payments.spec.ts buys a place)",
  },
  "routes/payments.webhook": {
    why: "Stripe posts signed JSON here, never a form: a form post has no signature and is refused with 400",
    fields: [["type", "checkout.session.completed"]],
  },
  "routes/payments.test-checkout": {
    why: "its buttons show only on the buyer's own test checkout, named in the query string (tests/e2e/payments.spec.ts)",
    fields: [
      ["session", "not-a-checkout"],
      ["outcome", "card"],
    ],
  },
  "routes/admin_.payments": {
    why: "the test refund button shows only beside a paid test payment; the trust world has none (tests/e2e/payments.spec.ts)",
    fields: [["checkout", "not-a-checkout"]],
  },
  "routes/programmes.$programme.$module._index": {
    why: "the hand-in forms show only on a Masters module with an assignment open; the suite's module is the ASYE's (tests/integration/masters-coursework.test.ts)",
    fields: [
      ["intent", "request-extension"],
      ["reasons", "x"],
    ],
  },
  "routes/drafts": {
    why: "the draft keeper posts here from script as a person types",
    fields: [
      ["formKey", "supervision-record"],
      ["discussion", "We talked about the visit."],
    ],
  },
  "routes/account.security.recovery-codes": { why: "only for someone with two-factor sign-in on (tests/integration/two-factor.test.ts)" },
  "routes/account.security.turn-off": { why: "only for someone with two-factor sign-in on (tests/integration/two-factor.test.ts)" },
  "routes/account.security.new-phone": { why: "only for someone with two-factor sign-in on (tests/integration/two-factor.test.ts)" },
  "routes/members.$membershipId.two-factor": { why: "only for a member with two-factor sign-in on (tests/integration/two-factor.test.ts)" },
  "routes/sign-in_.two-factor": { why: "only between a correct password and the code (tests/integration/two-factor.test.ts)" },
  "routes/notices._index": {
    why: "its buttons show only beside a person's notices, and the trust world has none (tests/integration/notices.test.ts)",
    fields: [
      ["intent", "read"],
      ["notice", "not-a-notice"],
    ],
  },
  "routes/notices.$noticeId.open": { why: "its button shows only beside a person's own notice (tests/e2e/reviews.spec.ts)" },
  "routes/organisation.panels.$panelId._index": {
    why: "the chair's ratify button shows only once every portfolio read is final and unread passes remain (tests/integration/moderation-round.test.ts)",
    fields: [["intent", "ratify"]],
  },
  "routes/organisation.assignments.$assignmentId_.board": {
    why: "the board's confirm form shows only once every submission is ready for the board; the trust world's assignment is still open (tests/integration/masters-board.test.ts)",
    fields: [
      ["intent", "confirm"],
      ["signedName", "x"],
    ],
  },
  "routes/assessment.$enrolmentId": {
    why: "the statements, submit and confirm forms show only to a candidate and their line manager; the trust world's people are neither (tests/integration/assessment-criteria.test.ts)",
    fields: [
      ["intent", "statements"],
      ["statement-APC-1.1", "x"],
    ],
  },
  "routes/assessing.$submissionId": {
    why: "the decision and outcome forms show only to a submission's appointed assessor; the suite's submissionId is a Masters hand-in (tests/integration/assessment-criteria.test.ts)",
    fields: [
      ["intent", "criterion"],
      ["code", "APC-1.1"],
      ["met", "met"],
      ["feedback", "x"],
    ],
  },
  "routes/assessing._index": {
    why: "the accept form shows only beside an appointment not yet accepted; the demo world's are accepted (tests/integration/assessment-criteria.test.ts)",
    fields: [
      ["appointmentId", "x"],
      ["declare", "yes"],
    ],
  },
  "routes/invitations.$token": { why: "needs a live invitation token; the bogus one is answered 410", fields: [["password", "x"]] },
  "routes/reset-password.$token": { why: "needs a live reset token; the bogus one is answered 410", fields: [["password", "x"]] },
};

const FIXED: Record<string, string> = {
  programme: "asye",
  module: "the-first-year",
  lesson: "how-the-year-runs",
  code: "six-month",
  token: "abcdefghijklmnopqrstuvwxyz234567",
  id: "no-such-email",
  personId: "set in beforeAll: a Northmoor learner no other form here acts for (Kwame Mensah)",
  noticeId: "00000000-0000-4000-8000-000000000000",
  "*": "no-such-page",
};

const HUGE = "Long text. ".repeat(9_091).slice(0, 100_000);
const SCRIPT = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Field {
  name: string;
  kind: "text" | "textarea" | "number" | "date" | "time" | "email" | "choice" | "checkbox" | "hidden" | "file" | "other";
  value: string;
}
interface FoundForm {
  route: RouteInfo;
  person: Person;
  page: string;
  action: string;
  multipart: boolean;
  intent?: string;
  fields: Field[];
}

beforeAll(async () => {
  world = await buildTrustWorld(t.db);
  const [kwame] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "kwame.mensah@northmoor.example"));
  FIXED.personId = kwame!.id;
  const site = await siteHandler();
  handle = site.handle;
  routes = routesOf(site.build);
}, 180_000);

function urlFor(route: RouteInfo) {
  return route.pattern.replace(/:(\w+)|\*/g, (_m, name: string | undefined) => world.own[name ?? "*"] ?? FIXED[name ?? "*"]!);
}

function routeFor(pathname: string): RouteInfo | undefined {
  // The most specific pattern wins: literal segments before parameters.
  const candidates = routes.filter((r) => {
    const re = new RegExp(`^${r.pattern.replace(/[.]/g, "\\.").replace(/:(\w+)/g, "[^/]+").replace(/\*/g, ".*")}$`);
    return r.hasAction && re.test(pathname);
  });
  return candidates.sort((a, b) => b.pattern.replace(/:\w+/g, "").length - a.pattern.replace(/:\w+/g, "").length)[0];
}

function fieldsOf(form: HTMLElement): Field[] {
  const fields: Field[] = [];
  for (const el of form.querySelectorAll("input, textarea, select")) {
    const name = el.getAttribute("name");
    if (!name) continue;
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute("type") ?? "text").toLowerCase();
    if (tag === "textarea") fields.push({ name, kind: "textarea", value: el.textContent });
    else if (tag === "select") {
      const options = el.querySelectorAll("option");
      const chosen = options.find((o) => o.hasAttribute("selected")) ?? options.find((o) => o.getAttribute("value")) ?? options[0];
      fields.push({ name, kind: "choice", value: chosen?.getAttribute("value") ?? chosen?.textContent ?? "" });
    } else if (type === "radio") {
      if (!fields.some((f) => f.name === name)) fields.push({ name, kind: "choice", value: el.getAttribute("value") ?? "on" });
    } else if (type === "checkbox") fields.push({ name, kind: "checkbox", value: el.getAttribute("value") ?? "on" });
    else if (type === "submit" || type === "button") {
      // The button's name and value are the form's intent.
      if (!fields.some((f) => f.name === name)) fields.push({ name, kind: "hidden", value: el.getAttribute("value") ?? "" });
    } else {
      const kinds: Record<string, Field["kind"]> = { text: "text", search: "text", tel: "text", url: "text", password: "text", number: "number", date: "date", time: "time", email: "email", hidden: "hidden", file: "file" };
      // A number box is a text box that asks for the number keypad (as GOV.UK advises).
      const numeric = type === "text" && ["numeric", "decimal"].includes(el.getAttribute("inputmode") ?? "");
      fields.push({ name, kind: numeric ? "number" : (kinds[type] ?? "other"), value: el.getAttribute("value") ?? "" });
    }
  }
  for (const button of form.querySelectorAll("button[name]")) {
    const name = button.getAttribute("name")!;
    if (!fields.some((f) => f.name === name)) fields.push({ name, kind: "hidden", value: button.getAttribute("value") ?? "" });
  }
  return fields;
}

/** Every form that posts, on every page each finder can open. */
async function findForms(): Promise<FoundForm[]> {
  const found = new Map<string, FoundForm>();
  const pages = routes.filter((r) => r.isPage && r.hasLoader !== undefined && !r.params.includes("*") && !r.params.includes("token"));
  for (const person of FINDERS) {
    const queue = pages.map((route) => urlFor(route));
    const seen = new Set<string>();
    while (queue.length) {
      const page = queue.shift()!;
      if (seen.has(page)) continue;
      seen.add(page);
      const response = await handle(get(page, world.cookies[person]));
      if (response.status !== 200 || !response.headers.get("content-type")?.includes("text/html")) {
        await response.arrayBuffer();
        continue;
      }
      const html = parse(await response.text());
      for (const form of html.querySelectorAll("form")) {
        if ((form.getAttribute("method") ?? "get").toLowerCase() !== "post") {
          // A form that asks a question first (which kind of evidence?) leads to the form that posts.
          const choice = form.querySelector("input[type=radio], select");
          const name = choice?.getAttribute("name");
          const value = choice?.tagName === "SELECT" ? choice.querySelector("option[value]")?.getAttribute("value") : choice?.getAttribute("value");
          const target = new URL(form.getAttribute("action") ?? page, `${ORIGIN}${page}`);
          if (name && value && target.pathname === new URL(page, ORIGIN).pathname) {
            target.searchParams.set(name, value);
            queue.push(target.pathname + target.search);
          }
          continue;
        }
        const action = new URL(form.getAttribute("action") ?? page, `${ORIGIN}${page}`);
        const target = routeFor(action.pathname);
        if (!target || target.id === "routes/sign-out") continue;
        const fields = fieldsOf(form);
        const intent = fields.find((f) => f.name === "intent")?.value;
        const key = `${target.id} ${intent ?? ""}`;
        if (!found.has(key))
          found.set(key, {
            route: target,
            person,
            page,
            action: action.pathname + action.search,
            multipart: form.getAttribute("enctype") === "multipart/form-data",
            intent,
            fields,
          });
      }
    }
  }
  return [...found.values()];
}

type Variant = {
  name: string;
  mustRefuse: boolean;
  body: [string, string | File][];
  /** Refused exactly when the variant of this name was: invisible text is no text. */
  sameAs?: string;
};

const INVISIBLE = "  \u200b\u200d\u202e\u2066\ufeff ";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

function plausible(field: Field): string {
  if (field.value) return field.value;
  if (field.kind === "date") return new Date().toISOString().slice(0, 10);
  if (field.kind === "number") return "1";
  if (field.kind === "email") return "someone@example.org";
  return "Notes from the home visit.";
}

function variants(form: FoundForm): Variant[] {
  // The form's key (ADR 021) is the page's, like its intent: not an id to swap.
  const keep = (f: Field) => f.name === "intent" || f.name === "formKey" || f.name === "submissionKey";
  const base = form.fields.filter((f) => f.kind !== "file").map((f) => [f.name, plausible(f)] as [string, string]);
  const writable = form.fields.filter((f) => ["text", "textarea", "email", "other"].includes(f.kind) && !keep(f));
  const typed = form.fields.filter((f) => ["number", "date", "time", "choice", "email"].includes(f.kind) && !keep(f));
  const ids = form.fields.filter((f) => UUID.test(f.value) && !keep(f));
  const swap = (names: Field[], value: (f: Field) => string): [string, string][] =>
    base.map(([n, v]) => [n, names.some((f) => f.name === n) ? value(form.fields.find((f) => f.name === n)!) : v]);
  const foreignIds = Object.values(world.foreign).filter((v) => UUID.test(v));
  const list: Variant[] = [
    { name: "nothing but the intent", mustRefuse: false, body: base.filter(([n]) => keep({ name: n } as Field)) },
    { name: "every field empty", mustRefuse: false, body: base.map(([n, v]) => [n, keep({ name: n } as Field) ? v : ""]) },
    { name: "every field twice, the second hostile", mustRefuse: false, body: base.flatMap(([n, v]) => [[n, v], [n, keep({ name: n } as Field) ? "delete-everything" : SCRIPT]] as [string, string][]) },
  ];
  if (writable.length) {
    list.push({ name: "100,000 characters in every text field", mustRefuse: true, body: swap(writable, () => HUGE) });
    list.push({ name: "script tags in every text field", mustRefuse: false, body: swap(writable, () => SCRIPT) });
  }
  if (typed.length) list.push({ name: "wrong types in dates, numbers and choices", mustRefuse: false, body: swap(typed, () => "31/02/not-a-thing") });
  if (writable.length) {
    list.push({ name: "a NUL byte in every text field", mustRefuse: true, body: swap(writable, (f) => `${plausible(f)}\0 and more`) });
    list.push({ name: "every text field blank", mustRefuse: false, body: swap(writable, () => "") });
    list.push({ name: "only invisible characters in every text field", mustRefuse: false, sameAs: "every text field blank", body: swap(writable, () => INVISIBLE) });
  }
  const numbers = form.fields.filter((f) => f.kind === "number" && !keep(f));
  for (const typedNumber of ["0x10", "1e1", "0b101"])
    if (numbers.length) list.push({ name: `numbers written as ${typedNumber}`, mustRefuse: true, body: swap(numbers, () => typedNumber) });
  const dates = form.fields.filter((f) => f.kind === "date" && !keep(f));
  for (const day of ["1899-12-31", "2101-01-01"])
    if (dates.length) list.push({ name: `dates of ${day}`, mustRefuse: !(form.route.id in DATES_NOT_ALWAYS_READ), body: swap(dates, () => day) });
  if (ids.length) {
    list.push({ name: "unknown ids", mustRefuse: true, body: swap(ids, () => randomUUID()) });
    list.push({ name: "another council's ids", mustRefuse: true, body: swap(ids, (f) => foreignIds.find((v) => v !== f.value) ?? randomUUID()) });
  }
  const file = form.fields.find((f) => f.kind === "file");
  if (file) {
    list.push({
      name: "a program dressed as a PDF",
      mustRefuse: true,
      body: [...swap(writable, plausible), [file.name, new File([Buffer.from("MZ\x90\x00 not a pdf")], "notes.pdf", { type: "application/pdf" })]],
    });
    for (const [why, name] of [
      ["a file name of 300 characters", `${"visit notes ".repeat(25)}.pdf`],
      ["a file name with a direction override", "notes\u202Efdp.exe"],
      ["a file name with a control character", "notes\u0007.pdf"],
    ] as const)
      list.push({ name: why, mustRefuse: true, body: [...swap(writable, plausible), [file.name, new File([PDF], name, { type: "application/pdf" })]] });
  }
  return list;
}

function bodyOf(entries: [string, string | File][], multipart: boolean) {
  if (multipart || entries.some(([, v]) => typeof v !== "string")) {
    const data = new FormData();
    for (const [n, v] of entries) data.append(n, v);
    return data;
  }
  return new URLSearchParams(entries as [string, string][]);
}

/** A refusal a person can act on: the form's errors, or an error page that says what happened. */
function saysWhy(html: string, contentType: string) {
  if (!contentType.includes("text/html")) return html.trim().length > 0;
  return /class="error-summary"|class="error-message"|<h1[^>]*>(Sorry, there is a problem|Page not found|You do not have access|This link|This invitation cannot be used)/.test(html);
}

/** A session's last-seen time moves on with any request; a failed sign-in is counted for the rate limit. */
const IGNORED = ["sessions", "sign_in_attempts"];

/** A refusal that is meant to leave a trace: a wrong security code is in the audit trail (ADR 009). */
const AUDITED_REFUSALS = new Set(["routes/account.security.two-factor", "routes/account.security.recovery-codes", "routes/account.security.turn-off"]);

/** Forms whose date box is read only for some answers (so a far date elsewhere is rightly ignored). */
const DATES_NOT_ALWAYS_READ: Record<string, string> = {
  "routes/return._index": "the date the registration lapsed is read only when the answer is that it lapsed",
};

let forms: FoundForm[] = [];

test("the suite finds a form for every action on the site (or knows why there is none)", async () => {
  forms = await findForms();
  if (process.env.DEBUG_FORMS) for (const f of forms) console.log(f.route.id, f.person, f.page, f.action, JSON.stringify(f.fields.map((x) => [x.name, x.kind, x.value.slice(0, 40)])));
  const reached = new Set(forms.map((f) => f.route.id));
  const missing = routes.filter((r) => r.hasAction && !reached.has(r.id) && !(r.id in NOT_IN_A_FORM)).map((r) => r.id);
  expect(missing, "actions no page posts to, and not explained").toEqual([]);
  expect(forms.length).toBeGreaterThan(15);
}, 300_000);

test("every form's action answers bad input with a 4xx and a message, never a 5xx, and changes nothing when it refuses", async () => {
  expect(forms.length, "forms were found first").toBeGreaterThan(0);
  const wrong: string[] = [];
  const tried: string[] = [];
  const handMade: FoundForm[] = Object.entries(NOT_IN_A_FORM)
    .filter(([, v]) => v.fields)
    .map(([id, v]) => {
      const route = routes.find((r) => r.id === id)!;
      return {
        route,
        person: "subject" as Person,
        page: urlFor(route),
        action: urlFor(route),
        multipart: false,
        fields: v.fields!.map(([name, value]) => ({ name, value, kind: name === "formKey" ? ("hidden" as const) : ("textarea" as const) })),
      };
    });
  const watched = new Watched(t.db, IGNORED);
  const refusedAs = new Map<string, boolean>();
  // Organisation settings last: an accepted variant may require two-factor sign-in of the lead,
  // who would then be sent to set it up instead of reaching the other forms.
  const ordered = [...forms.filter((f) => f.route.id !== "routes/organisation.settings"), ...forms.filter((f) => f.route.id === "routes/organisation.settings")];
  // The platform admin's forms after everything else: an accepted variant deactivates Northmoor (or
  // Kwame's account), after which Northmoor's people could reach none of their forms.
  const isAdmins = (f: FoundForm) => f.route.id.startsWith("routes/admin");
  // Ending the external examiner's appointment (an accepted variant does) after the examiner's own forms.
  const endsExaminer = (f: FoundForm) => f.route.id === "routes/organisation.examiners" && f.intent === "end";
  const last = (f: FoundForm) => isAdmins(f) || endsExaminer(f);
  for (const form of [...ordered.filter((f) => !last(f)), ...handMade, ...ordered.filter(endsExaminer), ...ordered.filter(isAdmins)]) {
    const cookie = world.cookies[form.person];
    for (const variant of variants(form)) {
      const label = `${form.route.id}${form.intent ? ` [${form.intent}]` : ""} as ${form.person}, ${variant.name}`;
      const tally = { count: 0, statements: [] as string[] };
      const response = await handle(post(form.action, bodyOf(variant.body, form.multipart), cookie), tally);
      const html = await response.text();
      // The lesson page, shown again after a refusal, records that the lesson was opened.
      const changed = (await watched.changedBy(tally.statements)).filter(
        (table) => table !== "lesson_progress" && !(table === "audit_events" && AUDITED_REFUSALS.has(form.route.id)),
      );
      tried.push(label);
      if (response.status >= 500) {
        wrong.push(`${label}: ${response.status}`);
        continue;
      }
      const refused = response.status >= 400;
      refusedAs.set(`${form.route.id} ${form.intent ?? ""} ${variant.name}`, refused);
      const twin = variant.sameAs && refusedAs.get(`${form.route.id} ${form.intent ?? ""} ${variant.sameAs}`);
      if (variant.sameAs && twin !== undefined && twin !== refused)
        wrong.push(`${label}: ${refused ? "refused" : "accepted"} (${response.status}), but blank text was ${twin ? "refused" : "accepted"}`);
      if (variant.mustRefuse && !refused) wrong.push(`${label}: accepted (${response.status} ${response.headers.get("location") ?? ""}), should be refused`);
      if (refused && changed.length) wrong.push(`${label}: refused (${response.status}) but changed ${changed.join(", ")}`);
      if (refused && !saysWhy(html, response.headers.get("content-type") ?? "")) wrong.push(`${label}: refused (${response.status}) without a message`);
      if (refused && variant.name.startsWith("script") && html.includes(SCRIPT)) wrong.push(`${label}: the page echoed the script unescaped`);
      if (!refused) {
        // Whatever was accepted is shown escaped wherever the person lands.
        const location = response.headers.get("location");
        const shown = location ? await (await handle(get(new URL(location, ORIGIN).pathname, cookie))).text() : html;
        if (shown.includes(SCRIPT) || html.includes(SCRIPT)) wrong.push(`${label}: hostile text shown unescaped`);
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(tried.length).toBeGreaterThan(100);
}, 600_000);
