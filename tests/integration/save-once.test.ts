/**
 * Each form is saved once (issue 18 item 7, ADR 021), against a real database (PGlite, or the
 * PostgreSQL server when DATABASE_URL is set): a double-posted evidence form makes one item,
 * sent one after the other or raced at the same moment, and the repeat lands where the first
 * did; a form refused for a mistake keeps its key for the corrected post; a form changed and
 * sent again, or sent without a key, is saved as a new record.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { enrolments, evidenceItems, formSubmissions, supervisionSessions, type organisations } from "#db/schema";
import { listEvidence } from "~/modules/portfolio/portfolio.server";
import { purgeSubmissionKeys } from "~/utils/save-once.server";
import * as newEvidence from "~/routes/year.$enrolmentId.portfolio.new";
import * as newSupervision from "~/routes/year.$enrolmentId.supervision.new";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { makeOrganisation, ORIGIN, signedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-save-once-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

type Person = Awaited<ReturnType<typeof signedIn>>;
let learner: Person;
let supervisor: Person;
let year: typeof enrolments.$inferSelect | undefined;
let org: typeof organisations.$inferSelect;

beforeAll(async () => {
  org = await makeOrganisation(t.db, { name: "Northmoor City Council" });
  learner = await signedIn(t.db, org.id, "learner", "Amara Nwosu");
  supervisor = await signedIn(t.db, org.id, "supervisor", "Daniel Okafor");
  [year] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.userId,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.userId,
      startedOn: "2026-09-07",
      pathway: "child-family",
    })
    .returning();
});

/** The evidence form as the browser sends it, with the key the page was drawn with. */
function evidenceForm(key: string | null, overrides: Record<string, string> = {}, file = true) {
  const form = new FormData();
  if (key) form.append("submissionKey", key);
  const fields = {
    title: "Strategy discussion, Tuesday",
    occurredOn: yesterday(),
    body: "I set out what the school told us and what the family said, and kept them apart.",
    ...overrides,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("capabilities", "PCF-1");
  if (file) form.append("file", new File([PDF], "strategy-notes.pdf", { type: "application/pdf" }));
  return form;
}

const evidencePath = () => `/year/${year!.id}/portfolio/new?kind=reflective_log`;

/** Posts the evidence form; the redirect's Location, or the status of a refusal. */
async function postEvidence(form: FormData): Promise<{ location: string | null; status: number }> {
  const request = new Request(`${ORIGIN}${evidencePath()}`, {
    method: "POST",
    body: form,
    headers: { Cookie: learner.cookie },
  });
  try {
    const answer = (await newEvidence.action({ request, params: { enrolmentId: year!.id }, context })) as unknown as {
      init?: ResponseInit;
    };
    return { location: null, status: answer.init?.status ?? 200 };
  } catch (thrown) {
    if (thrown instanceof Response) return { location: thrown.headers.get("Location"), status: thrown.status };
    throw thrown;
  }
}

const itemsTitled = async (title: string) =>
  (await listEvidence(year!.id)).filter((item) => item.title === title).length;

describe("a double-posted evidence form", () => {
  it("makes one item when the same form is sent twice, and sends the repeat where the first went", async () => {
    const key = randomUUID();
    const first = await postEvidence(evidenceForm(key, { title: "Sent twice" }));
    const second = await postEvidence(evidenceForm(key, { title: "Sent twice" }));
    expect(first.status).toBe(302);
    expect(first.location).toMatch(new RegExp(`^/year/${year!.id}/portfolio/[0-9a-f-]{36}\\?added=1$`));
    expect(second).toEqual(first);
    expect(await itemsTitled("Sent twice")).toBe(1);
  });

  it("makes one item when two posts of the same form race each other", async () => {
    const key = randomUUID();
    const answers = await Promise.all([
      postEvidence(evidenceForm(key, { title: "Raced" })),
      postEvidence(evidenceForm(key, { title: "Raced" })),
      postEvidence(evidenceForm(key, { title: "Raced" })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    expect(new Set(answers.map((a) => a.location)).size).toBe(1);
    expect(await itemsTitled("Raced")).toBe(1);
    // One version and one file: the losers wrote nothing.
    const [item] = (await listEvidence(year!.id)).filter((i) => i.title === "Raced");
    const rows = await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, item!.id));
    expect(rows[0]!.currentVersion).toBe(1);
  });

  it("keeps the key of a form refused for a mistake, so the corrected form is saved", async () => {
    const key = randomUUID();
    const claimsBefore = (await t.db.select().from(formSubmissions)).length;
    const refused = await postEvidence(evidenceForm(key, { title: "Corrected", occurredOn: "1899-12-31" }));
    expect(refused.status).toBe(400);
    expect((await t.db.select().from(formSubmissions)).length).toBe(claimsBefore);
    const saved = await postEvidence(evidenceForm(key, { title: "Corrected" }));
    expect(saved.status).toBe(302);
    expect(await itemsTitled("Corrected")).toBe(1);
  });

  it("saves a form changed and sent again with the same key as a new item, and a form without a key as before", async () => {
    const key = randomUUID();
    await postEvidence(evidenceForm(key, { title: "First thoughts" }));
    await postEvidence(evidenceForm(key, { title: "Second thoughts" }));
    expect(await itemsTitled("First thoughts")).toBe(1);
    expect(await itemsTitled("Second thoughts")).toBe(1);

    await postEvidence(evidenceForm(null, { title: "No key" }, false));
    await postEvidence(evidenceForm(null, { title: "No key" }, false));
    expect(await itemsTitled("No key")).toBe(2);
  });
});

describe("a double-posted supervision record", () => {
  function supervisionForm(key: string) {
    const form = new FormData();
    form.append("submissionKey", key);
    form.append("heldOn", yesterday());
    form.append("minutes", "90");
    form.append("kind", "one_to_one");
    form.append("agenda", "Caseload and the Okafor family");
    form.append("discussion", "We went through the visit and what to do next.");
    return form;
  }

  it("records one session, and sends both posts to the same place", async () => {
    const key = randomUUID();
    const post = () =>
      newSupervision
        .action({
          request: new Request(`${ORIGIN}/year/${year!.id}/supervision/new`, {
            method: "POST",
            body: supervisionForm(key),
            headers: { Cookie: supervisor.cookie },
          }),
          params: { enrolmentId: year!.id },
          context,
        })
        .then(
          (answer) => ({ status: 200, location: null, answer }),
          (thrown: Response) => ({ status: thrown.status, location: thrown.headers.get("Location"), answer: null }),
        );
    const [a, b] = await Promise.all([post(), post()]);
    expect(a.answer ?? b.answer).toBeNull();
    expect(a.status).toBe(302);
    expect(b).toEqual(a);
    const sessions = await t.db.select().from(supervisionSessions).where(eq(supervisionSessions.enrolmentId, year!.id));
    expect(sessions).toHaveLength(1);
  });
});

describe("the keys of forms sent long ago", () => {
  it("are removed after 30 days, and those of recent forms kept", async () => {
    const now = new Date("2026-12-07T12:00:00Z");
    const old = `old-${randomUUID()}`;
    const recent = `recent-${randomUUID()}`;
    await t.db.insert(formSubmissions).values([
      { id: old, location: "/somewhere", createdAt: new Date("2026-11-06T11:00:00Z") },
      { id: recent, location: "/somewhere", createdAt: new Date("2026-11-08T12:00:00Z") },
    ]);
    expect(await purgeSubmissionKeys(now)).toBeGreaterThanOrEqual(1);
    const left = await t.db.select({ id: formSubmissions.id }).from(formSubmissions);
    expect(left.map((r) => r.id)).toContain(recent);
    expect(left.map((r) => r.id)).not.toContain(old);
  });
});
