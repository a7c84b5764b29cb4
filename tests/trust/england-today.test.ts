/**
 * "Today" is a date in England (issue 16, item 10): whatever the server's TZ, the rules and the pages
 * answer with England's civil date. Node reads process.env.TZ afresh when it is set, so the same
 * process can be a server in Kiritimati (UTC+14) and one in New York (UTC-4 in May).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { enrolments } from "#db/schema";
import { reviewDates, supervisionSlots, isoDate, type YearInput } from "~/modules/first-year/year";
import { registrationYearOf } from "~/modules/returners/cpd";
import { supervisionCalendar } from "~/modules/supervision/calendar";
import { programmeFileSchema } from "~/modules/programmes/content-schema";
import { englandDay, englandToday } from "~/utils/england";
import { withTestDatabase } from "../support/database";
import { makeOrganisation, signedIn } from "../support/fixtures";
import { get, siteHandler, type Handler } from "../support/site";

const ZONES = ["Pacific/Kiritimati", "America/New_York"] as const;
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Instants where one zone or the other is on another date than England. */
const INSTANTS = {
  // 04:30 in England (BST), 23:30 the day before in New York.
  earlyInEngland: new Date("2027-05-16T03:30:00Z"),
  // 13:00 in England, 02:00 the next day in Kiritimati.
  afternoonInEngland: new Date("2027-05-16T12:00:00Z"),
  // 00:30 on 1 December in England (GMT): a new registration year; still 30 November in New York.
  registrationYear: new Date("2026-12-01T00:30:00Z"),
};

const asye = programmeFileSchema.parse(parse(readFileSync("content/programmes/asye/programme.yml", "utf8"))).assessment!;

describe.each(ZONES)("the rules on a server in %s", (zone) => {
  beforeAll(() => {
    process.env.TZ = zone;
  });

  it("takes England's date for today, not the server's", () => {
    expect(new Date("2027-05-16T12:00:00Z").getDate()).toBe(zone === "Pacific/Kiritimati" ? 17 : 16);
    expect(englandDay(INSTANTS.earlyInEngland)).toBe("2027-05-16");
    expect(englandDay(INSTANTS.afternoonInEngland)).toBe("2027-05-16");
    expect(isoDate(englandToday(INSTANTS.earlyInEngland))).toBe("2027-05-16");
    expect(isoDate(englandToday(INSTANTS.afternoonInEngland))).toBe("2027-05-16");
    // The clock changes: the last Sunday of March and of October.
    expect(englandDay(new Date("2027-03-28T00:30:00Z"))).toBe("2027-03-28");
    expect(englandDay(new Date("2027-03-27T23:30:00Z"))).toBe("2027-03-27");
    expect(englandDay(new Date("2027-10-30T23:30:00Z"))).toBe("2027-10-31");
    expect(englandDay(new Date("2027-10-31T23:30:00Z"))).toBe("2027-10-31");
  });

  it("dates the year and the supervision calendar the same as in England", () => {
    const year: YearInput = { startedOn: "2027-02-16", rules: asye, lengthMonths: 12, fte: 0.6 };
    expect(reviewDates(year).map((r) => isoDate(r.due))).toEqual(["2027-07-16", "2027-12-16", "2028-10-16"]);
    const made = supervisionCalendar({
      enrolmentId: "e",
      learnerName: "Noémie",
      programmeTitle: "ASYE",
      slots: supervisionSlots(year),
      today: englandToday(INSTANTS.afternoonInEngland),
    });
    // Weekly to 27 April (10 weeks at 0.6), then fortnightly: 11 May is past, 25 May is the next.
    expect(made.ok && made.text.match(/DTSTART;VALUE=DATE:(\d{8})/)?.[1]).toBe("20270525");
  });

  it("starts the registration year on 1 December in England", () => {
    expect(registrationYearOf(englandDay(INSTANTS.registrationYear))).toMatchObject({ starts: "2026-12-01", ends: "2027-11-30" });
  });
});

describe("a page on a server in another zone", () => {
  const t = withTestDatabase();
  let handle: Handler;
  let orgId: string;

  beforeAll(async () => {
    ({ handle } = await siteHandler());
    orgId = (await makeOrganisation(t.db)).id;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A learner whose 3-month review falls due on 16 May 2027, and their year page at `now`. */
  async function yearPageAt(now: Date) {
    vi.useFakeTimers({ toFake: ["Date"], now });
    const learner = await signedIn(t.db, orgId, "learner", "Siobhán Ní Bhriain");
    const [year] = await t.db
      .insert(enrolments)
      .values({ userId: learner.userId, programmeSlug: "asye", organisationId: orgId, startedOn: "2027-02-16", pathway: "adults" })
      .returning({ id: enrolments.id });
    const response = await handle(get(`/year/${year!.id}`, learner.cookie));
    expect(response.status).toBe(200);
    return (await response.text()).replace(/<!-- -->/g, "");
  }

  for (const zone of ZONES)
    for (const [name, now] of Object.entries({ early: INSTANTS.earlyInEngland, afternoon: INSTANTS.afternoonInEngland }))
      it(`in ${zone}, ${name} in England: the 3-month review is due today, not tomorrow or overdue`, async () => {
        process.env.TZ = zone;
        const html = await yearPageAt(now);
        // Not "(tomorrow)" as New York's date would make it, nor "Overdue" as Kiritimati's would.
        expect(html).toContain("3-month review</a> due by 16 May 2027 (today)");
      });
});
