/**
 * The helpline's figures, counted by the database (group by, not loops over rows): requests per
 * week and by region, the median time to first contact, and the funnel from request to start.
 */
import { addWeeks, format, parseISO, startOfWeek } from "date-fns";
import { and, count, eq, gte, sql } from "drizzle-orm";
import { callbackRequests, introductionEvents, introductions } from "#db/schema";
import { getDb } from "~/utils/db.server";

export const FIGURE_WEEKS = 12;

export async function helplineFigures(helplineId: string, today: Date) {
  const db = await getDb();
  const firstWeek = startOfWeek(addWeeks(today, -(FIGURE_WEEKS - 1)), { weekStartsOn: 1 });
  const since = new Date(`${format(firstWeek, "yyyy-MM-dd")}T00:00:00Z`);
  const week = sql<string>`to_char(date_trunc('week', ${callbackRequests.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
  const mine = eq(callbackRequests.helplineId, helplineId);
  const reached = sql`(${introductions.status} in ('offered', 'started') or exists (select 1 from ${introductionEvents} where ${introductionEvents.introductionId} = ${introductions.id} and ${introductionEvents.status} in ('offered', 'started')))`;
  const [weeks, regions, contact, funnel] = await Promise.all([
    db
      .select({ week, n: count() })
      .from(callbackRequests)
      .where(and(mine, gte(callbackRequests.createdAt, since)))
      .groupBy(week),
    db
      .select({ region: callbackRequests.region, n: count() })
      .from(callbackRequests)
      .where(and(mine, gte(callbackRequests.createdAt, since)))
      .groupBy(callbackRequests.region)
      .orderBy(sql`count(*) desc`, callbackRequests.region),
    db
      .select({
        medianHours: sql<
          number | null
        >`percentile_cont(0.5) within group (order by extract(epoch from (${callbackRequests.firstContactAt} - ${callbackRequests.createdAt})) / 3600)`.mapWith(
          (v) => (v === null ? null : Number(v)),
        ),
        contacted: sql<number>`count(${callbackRequests.firstContactAt})`.mapWith(Number),
        waiting:
          sql<number>`count(*) filter (where ${callbackRequests.firstContactAt} is null and ${callbackRequests.status} = 'new')`.mapWith(
            Number,
          ),
      })
      .from(callbackRequests)
      .where(mine),
    db
      .select({
        requests: sql<number>`count(distinct ${callbackRequests.id})`.mapWith(Number),
        introduced: sql<number>`count(distinct ${introductions.requestId})`.mapWith(Number),
        offered: sql<number>`count(distinct ${introductions.requestId}) filter (where ${reached})`.mapWith(Number),
        started:
          sql<number>`count(distinct ${introductions.requestId}) filter (where ${introductions.status} = 'started')`.mapWith(
            Number,
          ),
      })
      .from(callbackRequests)
      .leftJoin(introductions, eq(introductions.requestId, callbackRequests.id))
      .where(mine),
  ]);
  const perWeek = new Map(weeks.map((w) => [w.week, w.n]));
  return {
    since: format(firstWeek, "yyyy-MM-dd"),
    weeks: Array.from({ length: FIGURE_WEEKS }, (_, i) => {
      const start = format(addWeeks(firstWeek, i), "yyyy-MM-dd");
      return { weekStarting: start, label: format(parseISO(start), "d MMM"), requests: perWeek.get(start) ?? 0 };
    }),
    regions,
    contact: contact[0] ?? { medianHours: null, contacted: 0, waiting: 0 },
    funnel: funnel[0] ?? { requests: 0, introduced: 0, offered: 0, started: 0 },
  };
}
