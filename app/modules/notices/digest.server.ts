/**
 * The daily digest: each supervisor, team manager and programme lead is sent one email a day of what
 * is overdue or waiting for them (the same lines as their desk, team or people page), with the
 * notices they asked to have in it; so is anyone else with notices kept for it. Each person's day is
 * claimed (a row, unique per person and day) before the email is sent, so a second run, or a
 * second server, sends nothing.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { digestSends, memberships, notificationPreferences, notifications, users } from "#db/schema";
import { yearSummaries } from "~/modules/first-year/summary.server";
import { teamOf } from "~/modules/first-year/team.server";
import { listOrganisationEnrolments } from "~/modules/programmes/learning.server";
import { supervisorsDesk } from "~/modules/supervision/desk.server";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { englandDay, englandToday } from "~/utils/england";
import { DEFAULT_DELIVERY, type DigestLine, digestEmail, digestLines } from "./notices";

type StaffRole = "supervisor" | "team_manager" | "programme_lead";
const STAFF: StaffRole[] = ["supervisor", "team_manager", "programme_lead"];

function origin() {
  return process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** The lines of one staff membership: their desk, their team, or their organisation's people. */
async function linesFor(organisationId: string, userId: string, role: StaffRole, today: Date): Promise<DigestLine[]> {
  if (role === "supervisor") {
    const desk = await supervisorsDesk(organisationId, userId, today);
    return desk.supervisees.flatMap((s) =>
      s.year
        ? digestLines(s.name, {
            overdue: s.year.overdue.map((i) => ({ text: i.text, href: `/year/${s.year!.id}${i.to}` })),
            waiting: s.year.waiting.map((i) => ({ text: i.text, href: `/year/${s.year!.id}${i.to}` })),
          })
        : [],
    );
  }
  if (role === "team_manager") {
    const team = await teamOf(organisationId, userId, today);
    return team.lines.flatMap((l) => digestLines(l.name, l));
  }
  const db = await getDb();
  const learners = await db
    .select({ userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "learner"), eq(memberships.active, true)));
  const names = new Map(learners.map((l) => [l.userId, l.name]));
  const years = await yearSummaries(await listOrganisationEnrolments(organisationId, [...names.keys()]), today, "programme_lead");
  return [...years.values()].flatMap((y) => digestLines(names.get(y.userId) ?? "A learner", y));
}

export interface DigestRun {
  day: string;
  sent: number;
  skipped: number;
  failed: number;
}

/** Sends the digest for `now`'s day in England to everyone who has something in it and has not had it today. */
export async function runDigest(now = new Date()): Promise<DigestRun> {
  const db = await getDb();
  const day = englandDay(now);
  const today = englandToday(now);
  const run: DigestRun = { day, sent: 0, skipped: 0, failed: 0 };
  const staff = await db
    .select({ userId: memberships.userId, organisationId: memberships.organisationId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.active, true), inArray(memberships.role, STAFF)));
  // Notices kept for the digest: not read, not emailed, and of a kind the person chose "digest" for.
  const queued = await db
    .select({ id: notifications.id, userId: notifications.userId, text: notifications.text, href: notifications.href })
    .from(notifications)
    .leftJoin(
      notificationPreferences,
      and(eq(notificationPreferences.userId, notifications.userId), eq(notificationPreferences.kind, notifications.kind)),
    )
    .where(
      and(
        isNull(notifications.readAt),
        isNull(notifications.emailedAt),
        sql`coalesce(${notificationPreferences.delivery}, ${DEFAULT_DELIVERY}) = 'digest'`,
      ),
    )
    .orderBy(notifications.createdAt);
  const people = [...new Set([...staff.map((s) => s.userId), ...queued.map((q) => q.userId)])];
  if (!people.length) return run;
  const [already, contacts] = await Promise.all([
    db.select({ userId: digestSends.userId }).from(digestSends).where(and(eq(digestSends.day, day), inArray(digestSends.userId, people))),
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, people)),
  ]);
  const done = new Set(already.map((a) => a.userId));
  for (const person of contacts) {
    if (done.has(person.id)) {
      run.skipped++;
      continue;
    }
    try {
      const lines: DigestLine[] = [];
      for (const m of staff.filter((s) => s.userId === person.id))
        lines.push(...(await linesFor(m.organisationId, person.id, m.role as StaffRole, today)));
      const theirs = queued.filter((q) => q.userId === person.id);
      const email = digestEmail(person, day, lines, theirs, origin());
      if (!email) continue;
      // Claimed before it is sent: whoever inserts the row sends; anyone else finds it and stops.
      const claimed = await db
        .insert(digestSends)
        .values({ userId: person.id, day })
        .onConflictDoNothing()
        .returning({ userId: digestSends.userId });
      if (!claimed.length) {
        run.skipped++;
        continue;
      }
      await sendEmail({ to: person.email, ...email });
      await db.update(digestSends).set({ sentAt: new Date() }).where(and(eq(digestSends.userId, person.id), eq(digestSends.day, day)));
      if (theirs.length)
        await db.update(notifications).set({ emailedAt: new Date() }).where(inArray(notifications.id, theirs.map((q) => q.id)));
      run.sent++;
    } catch (error) {
      // The day stays claimed: a digest that may have gone is not sent again.
      run.failed++;
      console.error(`[digest] could not send ${day}'s digest to user ${person.id}:`, error);
    }
  }
  return run;
}

/**
 * Runs the digest each day from `hour` (Europe/London) inside the server: checked every few minutes,
 * so a server started after the hour still sends that day's, and the claim keeps it to one per person.
 * Once the day's digests are claimed, a later look finds them claimed and sends nothing.
 */
export function scheduleDigest(hour: number, every = 5 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    const now = new Date();
    const londonHour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", hourCycle: "h23" }).format(now));
    if (londonHour < hour) return;
    running = true;
    try {
      const run = await runDigest(now);
      if (run.sent || run.failed) console.log(`[digest] ${run.day}: sent ${run.sent}, failed ${run.failed}`);
    } catch (error) {
      console.error("[digest] could not run:", error);
    } finally {
      running = false;
    }
  };
  // The first look is a few minutes after start, not during it: start-up stays quick.
  const timer = setInterval(() => void tick(), every);
  timer.unref();
  return () => clearInterval(timer);
}
