/**
 * The returner's page and the helpline desk tell the same story from the records (issue 19): a
 * returner at interview is told about her interview, not that an advisor will be in touch, and
 * the helpline no longer lists her as waiting; making an introduction moves a new request out of
 * "waiting" in the same transaction, in its history and the audit trail, and the counts agree.
 */
import { and, eq } from "drizzle-orm";
import { format } from "date-fns";
import { auditEvents, callbackNotes, callbackRequests, organisations, users, vacancies } from "#db/schema";
import { seedDemoWorld } from "#db/seed/demo-world";
import { introduce, type Actor } from "~/modules/returners/introductions.server";
import * as helplineDesk from "~/routes/helpline._index";
import * as learning from "~/routes/learning";
import * as returnPage from "~/routes/return._index";
import { withTestDatabase } from "../support/database";
import { ORIGIN } from "../support/fixtures";
import { sessionFor } from "../support/site";

const t = withTestDatabase();
const today = format(new Date(), "yyyy-MM-dd");
const args = (path: string, cookie: string) => ({
  request: new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } }),
  params: {},
  context: { clientIp: "203.0.113.9" },
});

let org: Record<string, string>;
let mark: string;
let advisor: Actor;

type Desk = Awaited<ReturnType<typeof helplineDesk.loader>>;
type ReturnPage = Awaited<ReturnType<typeof returnPage.loader>>;
const desk = async (status = "new") =>
  (await helplineDesk.loader(args(`/helpline?status=${status}`, mark) as never)) as Desk;
const countOf = (page: Desk, status: string) => page.counts.find((c) => c.status === status)!.n;

beforeAll(async () => {
  await seedDemoWorld(t.db);
  org = Object.fromEntries((await t.db.select().from(organisations)).map((o) => [o.slug, o.id]));
  mark = await sessionFor(t.db, "mark.ellison@returnhelpline.example");
  const [advisorRow] = await t.db.select().from(users).where(eq(users.email, "mark.ellison@returnhelpline.example"));
  advisor = { userId: advisorRow!.id, role: "helpline_advisor", organisationId: org["return-helpline"]! };
}, 120_000);

test("Janet, at interview, is told about her interview and the helpline does not list her as waiting", async () => {
  const janet = await sessionFor(t.db, "janet.okoye@example.com");
  const page = (await returnPage.loader(args("/return", janet) as never)) as ReturnPage;
  expect(page.standing).toMatch(/^Northmoor City Council has arranged an interview with you for .+ on \d+ \w+ \d{4}\.$/);
  expect(page.standing).not.toMatch(/will be in touch/);
  expect(page.tasks[0]).toMatchObject({ text: expect.stringMatching(/^Interview with Northmoor City Council on /), href: "/return#introductions" });
  const home = (await learning.loader(args("/learning", janet) as never)) as { helpline: string | null };
  expect(home.helpline).toBe(page.standing);
  const helpline = await desk();
  expect(helpline.returners.map((r) => r.email)).not.toContain("janet.okoye@example.com");
});

test("making an introduction moves a new request out of waiting, audited, and the queue's counts agree", async () => {
  // A returner who signed up, asked to be contacted, and whose new request is tied to her account.
  const [returner] = await t.db
    .insert(users)
    .values({ email: "ada.waiting@example.com", name: "Ada Waiting", accountKind: "returner", helplineContactConsent: true })
    .returning();
  const [request] = await t.db
    .insert(callbackRequests)
    .values({
      reference: "RTS-WAITNG",
      helplineId: org["return-helpline"]!,
      name: "Ada Waiting",
      email: "ada.waiting@example.com",
      phone: "07700 900123",
      region: "North West",
      specialism: "adults",
      lastPractisedOn: "2020-01-01",
      registrationStatus: "lapsed",
      consentToShare: true,
      consentRecordedAt: new Date(),
      callBackBy: today,
      returnerId: returner!.id,
    })
    .returning();
  const ada = await sessionFor(t.db, "ada.waiting@example.com");

  const before = await desk();
  expect(before.requests.map((r) => r.reference)).toContain("RTS-WAITNG");
  expect(before.returners.map((r) => r.email)).toContain("ada.waiting@example.com");
  const adaBefore = (await returnPage.loader(args("/return", ada) as never)) as ReturnPage;
  expect(adaBefore.standing).toMatch(/will call you by/);

  const [post] = await t.db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.organisationId, org.northmoor!), eq(vacancies.title, "Social worker, adults' locality team")));
  expect(await introduce(advisor, request!.id, post!.id, today)).toMatchObject({ ok: true });

  const [moved] = await t.db.select().from(callbackRequests).where(eq(callbackRequests.id, request!.id));
  expect(moved!.status).toBe("introduced");
  const audit = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, request!.id), eq(auditEvents.action, "callback.status_changed")));
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorUserId: advisor.userId, detail: { from: "new", to: "introduced" } });
  const notes = await t.db.select().from(callbackNotes).where(eq(callbackNotes.requestId, request!.id));
  expect(notes.map((n) => n.note)).toEqual([
    "Status changed from new to introduced: introduced for Social worker, adults' locality team.",
  ]);

  const after = await desk();
  expect(after.requests.map((r) => r.reference)).not.toContain("RTS-WAITNG");
  expect(after.returners.map((r) => r.email)).not.toContain("ada.waiting@example.com");
  expect(countOf(after, "new")).toBe(countOf(before, "new") - 1);
  expect(countOf(after, "introduced")).toBe(countOf(before, "introduced") + 1);
  const introducedList = await desk("introduced");
  expect(introducedList.requests.map((r) => r.reference)).toContain("RTS-WAITNG");
  expect(introducedList.requests.length).toBe(countOf(after, "introduced"));

  const adaAfter = (await returnPage.loader(args("/return", ada) as never)) as ReturnPage;
  expect(adaAfter.standing).toBe(
    "The recruitment helpline has introduced you to Northmoor City Council for Social worker, adults' locality team. The council will contact you.",
  );
});
