/**
 * Nothing typed is lost (issue 18, items 1 and 2; ADR 020), through the routes with real session
 * cookies, on PGlite and on the PostgreSQL server:
 * - a form sent after its session ended (signed out everywhere, or expired) is held, sealed, for the
 *   person whose session it was, in that browser, and is back on the same form when they sign in
 *   again; never for anyone else, never a password, never past its day;
 * - a save the database refuses (a failing statement, a full disk) gives the form back with what
 *   was typed and a plain message, and leaves nothing half-written.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { endedSessions, enrolments, heldPosts, sessions, type organisations } from "#db/schema";
import { heldPostCookieName, sessionCookie } from "~/modules/auth/cookie.server";
import { createSession, generateToken, invalidateUserSessions } from "~/modules/auth/session.server";
import { purgeHeldPosts } from "~/modules/drafts/held-posts.server";
import { createEvidence, listEvidence, findEvidence } from "~/modules/portfolio/portfolio.server";
import * as evidencePage from "~/routes/year.$enrolmentId.portfolio.$itemId._index";
import * as newEvidence from "~/routes/year.$enrolmentId.portfolio.new";
import * as newSupervision from "~/routes/year.$enrolmentId.supervision.new";
import * as draftsRoute from "~/routes/drafts";
import { COULD_NOT_SAVE } from "~/utils/saving.server";
import { withTestDatabase } from "../support/database";
import { databaseFingerprint } from "../support/fingerprint";
import { writeTestManifest } from "../support/manifest";
import { makeOrganisation, makeMembership, makeUser, ORIGIN } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-held-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});
writeTestManifest(manifestFile);

const t = withTestDatabase();
const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");

type Org = typeof organisations.$inferSelect;

/** One browser: its cookies, as it would send them back. */
class Browser {
  cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair!.split("=");
      this.cookies.set(name!, value!);
    }
  }
  get(path: string) {
    return new Request(`${ORIGIN}${path}`, { headers: { Cookie: this.header() } });
  }
  post(path: string, body: FormData) {
    return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers: { Cookie: this.header() } });
  }
}

/** Signs `userId` in on `browser` (a new session cookie), as the sign-in page would. */
async function signInOn(browser: Browser, userId: string, membershipId: string) {
  const token = generateToken();
  await createSession(token, userId, { activeMembershipId: membershipId });
  const [pair] = sessionCookie(token).split(";");
  const [name, value] = pair!.split("=");
  browser.cookies.set(name!, value!);
}

async function thrownBy(run: () => Promise<unknown>): Promise<Response> {
  try {
    await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw new Error(`It threw something other than a response: ${JSON.stringify(thrown)}`);
  }
  throw new Error("It did not throw");
}

/** 5,000 different words, so that any word lost is noticed. */
const longReflection = Array.from({ length: 5_000 }, (_, i) => `word${i}`).join(" ");
/** 2,500 different words: as long as a reflective log may be (20,000 characters). */
const reflection = Array.from({ length: 2_500 }, (_, i) => `w${i}`).join(" ");

let org: Org;
let learner: { id: string; membershipId: string };
let colleague: { id: string; membershipId: string };
let supervisor: { id: string; membershipId: string };
let yearId: string;

beforeAll(async () => {
  org = await makeOrganisation(t.db);
  const make = async (name: string, role: "learner" | "supervisor") => {
    const user = await makeUser(t.db, { name });
    const membership = await makeMembership(t.db, { userId: user.id, organisationId: org.id, role });
    return { id: user.id, membershipId: membership.id };
  };
  learner = await make("Amara Nwosu", "learner");
  colleague = await make("Zainab Hussain", "learner");
  supervisor = await make("Daniel Okafor", "supervisor");
  const [year] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.id,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor.id,
      startedOn: "2026-09-07",
      pathway: "child-family",
    })
    .returning();
  yearId = year!.id;
});

const newReflectionPath = () => `/year/${yearId}/portfolio/new?kind=reflective_log`;

function reflectionForm(body: string) {
  const form = new FormData();
  form.append("title", "Duty week, held over");
  form.append("occurredOn", yesterday());
  form.append("body", body);
  form.append("capabilities", "PCF-1");
  form.append("capabilities", "PCF-6");
  // Nothing secret is ever held, whatever a form carries.
  form.append("password", "kettle orbit lantern moss");
  return form;
}

describe("a form sent after the session ended", () => {
  it("is held for its writer, sealed, and is back on the same form, every word, when they sign in again", async () => {
    const browser = new Browser();
    await signInOn(browser, learner.id, learner.membershipId);
    // Signed out everywhere from another browser: the session's row is gone.
    await invalidateUserSessions(learner.id);

    const answer = await thrownBy(() =>
      newEvidence.action({
        request: browser.post(`${newReflectionPath()}&index`, reflectionForm(longReflection)),
        params: { enrolmentId: yearId },
        context,
      }),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(
      `/sign-in?redirectTo=${encodeURIComponent(newReflectionPath())}&held=1`,
    );
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith(`${heldPostCookieName()}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=86400\b/);
    browser.take(answer);

    // Sealed at rest: not one word of it is readable in the table.
    const [row] = await t.db.select().from(heldPosts).where(eq(heldPosts.userId, learner.id));
    expect(row!.sealed).not.toContain("word4999");
    expect(row!.sealed).not.toContain("Duty week");
    expect(row!.expiresAt.getTime() - row!.heldAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(await listEvidence(yearId)).toHaveLength(0);

    await signInOn(browser, learner.id, learner.membershipId);
    const page = await newEvidence.loader({
      request: browser.get(newReflectionPath()),
      params: { enrolmentId: yearId },
      context,
    });
    expect(page.held?.fields.body).toBe(longReflection);
    expect(page.held?.fields.title).toBe("Duty week, held over");
    expect(page.held?.fields.capabilities).toEqual(["PCF-1", "PCF-6"]);
    expect(page.held?.fields).not.toHaveProperty("password");
    expect(page.held?.fileLeftOut).toBe(false);

    // Sent again, signed in: the held copy is let go, as the text is in this request. (5,000 words are
    // more than a reflective log takes, so it comes back, whole, to be shortened.)
    const sentAgain = await newEvidence.action({
      request: browser.post(newReflectionPath(), reflectionForm(String(page.held!.fields.body))),
      params: { enrolmentId: yearId },
      context,
    });
    expect(sentAgain.init?.status).toBe(400);
    expect(sentAgain.data.errors.body).toMatch(/20,000 characters or fewer/);
    expect(sentAgain.data.values.body).toBe(longReflection);
    expect(await t.db.select().from(heldPosts).where(eq(heldPosts.userId, learner.id))).toHaveLength(0);

    const saved = await thrownBy(() =>
      newEvidence.action({
        request: browser.post(newReflectionPath(), reflectionForm(reflection)),
        params: { enrolmentId: yearId },
        context,
      }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toMatch(/\/portfolio\/[0-9a-f-]+\?added=1$/);
    const [item] = await listEvidence(yearId);
    expect((await findEvidence(yearId, item!.id))!.versions[0]!.version.body).toBe(reflection);
  });

  it("is never given to another person signing in on that browser, nor to its writer in another browser", async () => {
    const browser = new Browser();
    await signInOn(browser, learner.id, learner.membershipId);
    await invalidateUserSessions(learner.id);
    const path = `/year/${yearId}/supervision/new`;
    browser.take(
      await thrownBy(() =>
        newEvidence.action({
          request: browser.post(newReflectionPath(), reflectionForm("Only mine to read.")),
          params: { enrolmentId: yearId },
          context,
        }),
      ),
    );
    expect(browser.cookies.has(heldPostCookieName())).toBe(true);

    // A colleague signs in on the same computer: the held text is not theirs.
    await signInOn(browser, colleague.id, colleague.membershipId);
    const held = await t.db.select().from(heldPosts).where(eq(heldPosts.userId, learner.id));
    expect(held).toHaveLength(1);
    const { heldPostFor } = await import("~/modules/drafts/held-posts.server");
    expect(await heldPostFor(browser.get(newReflectionPath()), colleague.id)).toBeNull();

    // The writer, in another browser: not there either (it is bound to the browser it came from).
    const elsewhere = new Browser();
    await signInOn(elsewhere, learner.id, learner.membershipId);
    const page = await newEvidence.loader({
      request: elsewhere.get(newReflectionPath()),
      params: { enrolmentId: yearId },
      context,
    });
    expect(page.held).toBeNull();

    // Nor on another form of the writer's, in the right browser.
    await signInOn(browser, learner.id, learner.membershipId);
    expect(await heldPostFor(browser.get(path), learner.id)).toBeNull();

    // A seal copied onto another person's row opens for no one.
    await t.db.update(heldPosts).set({ userId: colleague.id }).where(eq(heldPosts.userId, learner.id));
    expect(await heldPostFor(browser.get(newReflectionPath()), colleague.id)).toBeNull();
    await t.db.delete(heldPosts);
  });

  it("is held after an idle session expires, and the writer can discard it", async () => {
    const browser = new Browser();
    await signInOn(browser, supervisor.id, supervisor.membershipId);
    // Idle for three hours: the session is still in the table, and ends when it is next used.
    await t.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(sessions.userId, supervisor.id));
    const form = new FormData();
    form.append("heldOn", yesterday());
    form.append("minutes", "60");
    form.append("kind", "one_to_one");
    form.append("agenda", "Caseload, and the Okafor family's strategy meeting.");
    form.append("discussion", "A long discussion, typed over an hour.");
    const path = `/year/${yearId}/supervision/new`;
    const answer = await thrownBy(() =>
      newSupervision.action({ request: browser.post(path, form), params: { enrolmentId: yearId }, context }),
    );
    expect(answer.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}&held=1`);
    browser.take(answer);

    await signInOn(browser, supervisor.id, supervisor.membershipId);
    const page = await newSupervision.loader({ request: browser.get(path), params: { enrolmentId: yearId }, context });
    expect(page.held?.fields.discussion).toBe("A long discussion, typed over an hour.");

    const discard = new FormData();
    discard.append("intent", "discard-held");
    discard.append("returnTo", path);
    const back = await thrownBy(() =>
      draftsRoute.action({ request: browser.post("/drafts", discard), params: {}, context }),
    );
    expect(back.headers.get("Location")).toBe(path);
    const again = await newSupervision.loader({ request: browser.get(path), params: { enrolmentId: yearId }, context });
    expect(again.held).toBeNull();
  });

  it("is not held for a session that ended more than a day ago, nor for a browser with no session, and goes after its day", async () => {
    const browser = new Browser();
    await signInOn(browser, learner.id, learner.membershipId);
    await invalidateUserSessions(learner.id);
    await t.db.update(endedSessions).set({ endedAt: new Date(Date.now() - 25 * 3_600_000) });
    const stale = await thrownBy(() =>
      newEvidence.action({
        request: browser.post(newReflectionPath(), reflectionForm("Too late to hold.")),
        params: { enrolmentId: yearId },
        context,
      }),
    );
    expect(stale.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(newReflectionPath())}`);
    expect(stale.headers.getSetCookie()).toEqual([]);

    const stranger = new Browser();
    const none = await thrownBy(() =>
      newEvidence.action({
        request: stranger.post(newReflectionPath(), reflectionForm("No session at all.")),
        params: { enrolmentId: yearId },
        context,
      }),
    );
    expect(none.headers.get("Location")).not.toContain("held=1");
    expect(await t.db.select().from(heldPosts)).toHaveLength(0);

    // Held, then a day and more passes: not given back, and purged.
    const later = new Browser();
    await signInOn(later, learner.id, learner.membershipId);
    await invalidateUserSessions(learner.id);
    later.take(
      await thrownBy(() =>
        newEvidence.action({
          request: later.post(newReflectionPath(), reflectionForm("Held, then left.")),
          params: { enrolmentId: yearId },
          context,
        }),
      ),
    );
    await t.db.update(heldPosts).set({ expiresAt: sql`now() - interval '1 minute'` });
    await signInOn(later, learner.id, learner.membershipId);
    const page = await newEvidence.loader({
      request: later.get(newReflectionPath()),
      params: { enrolmentId: yearId },
      context,
    });
    expect(page.held).toBeNull();
    await purgeHeldPosts();
    expect(await t.db.select().from(heldPosts)).toHaveLength(0);
  });
});

describe("a save the database refuses", () => {
  beforeAll(async () => {
    await t.db.execute(sql`
      create or replace function refuse_for_test() returns trigger language plpgsql as $$
      begin
        raise exception 'could not extend file: No space left on device' using errcode = tg_argv[0];
      end
      $$`);
  });

  /** Runs `send` while every insert into `table` fails with `sqlstate`; answers what changed in the database. */
  async function withInsertsRefused(table: string, sqlstate: string, send: () => Promise<unknown>) {
    const before = await databaseFingerprint(t.db);
    await t.db.execute(
      sql.raw(
        `create trigger refuse_for_test before insert on ${table} for each row execute function refuse_for_test('${sqlstate}')`,
      ),
    );
    let answer: unknown;
    try {
      answer = await send();
    } finally {
      await t.db.execute(sql.raw(`drop trigger refuse_for_test on ${table}`));
    }
    const after = await databaseFingerprint(t.db);
    return { answer, changed: Object.keys(after).filter((name) => after[name] !== before[name]) };
  }

  it("gives the evidence form back with every word and its ticked boxes when the disk is full, with nothing half-written", async () => {
    const browser = new Browser();
    await signInOn(browser, learner.id, learner.membershipId);
    const form = reflectionForm(reflection);
    form.append("file", new File(["%PDF-1.4\n%%EOF\n"], "notes.pdf", { type: "application/pdf" }));
    const { answer, changed } = await withInsertsRefused("evidence_versions", "53100", () =>
      newEvidence.action({
        request: browser.post(newReflectionPath(), form),
        params: { enrolmentId: yearId },
        context,
      }),
    );
    const { init, data } = answer as {
      init: ResponseInit;
      data: { errors: Record<string, string>; values: Record<string, unknown> };
    };
    expect(init.status).toBe(503);
    expect(data.errors.form).toBe(COULD_NOT_SAVE);
    expect(data.values.body).toBe(reflection);
    expect(data.values.capabilities).toEqual(["PCF-1", "PCF-6"]);
    expect(data.values).not.toHaveProperty("password");
    // The item and its file were written before the version was refused: all of it was rolled back.
    expect(changed).toEqual([]);
  });

  it("gives the learner's reflection on an observation back when a statement fails", async () => {
    const observation = await createEvidence(
      yearId,
      { userId: supervisor.id, role: "supervisor", organisationId: org.id, ipAddress: "203.0.113.7" },
      "direct_observation",
      {
        title: "Home visit",
        occurredOn: yesterday(),
        body: "Observed a home visit.",
        capabilities: ["PCF-1"],
        details: { setting: "Home visit", judgement: "meets" },
      },
      null,
    );
    const browser = new Browser();
    await signInOn(browser, learner.id, learner.membershipId);
    const form = new FormData();
    form.append("version", "1");
    form.append("learnerReflection", reflection);
    const path = `/year/${yearId}/portfolio/${observation!.id}?index`;
    const { answer, changed } = await withInsertsRefused("evidence_versions", "XX000", () =>
      evidencePage.action({
        request: browser.post(path, form),
        params: { enrolmentId: yearId, itemId: observation!.id },
        context,
      }),
    );
    const { init, data } = answer as {
      init: ResponseInit;
      data: { errors: Record<string, string>; values: Record<string, unknown> };
    };
    expect(init.status).toBe(503);
    expect(data.errors.form).toBe(COULD_NOT_SAVE);
    expect(data.values.learnerReflection).toBe(reflection);
    expect(changed).toEqual([]);

    // With the fault gone, the same form saves.
    const saved = await thrownBy(() =>
      evidencePage.action({
        request: browser.post(path, form),
        params: { enrolmentId: yearId, itemId: observation!.id },
        context,
      }),
    );
    expect(saved.headers.get("Location")).toMatch(/\?reflected=1$/);
  });
});
