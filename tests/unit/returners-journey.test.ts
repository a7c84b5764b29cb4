import { navigationFor } from "~/modules/organisations/roles";
import {
  daysNeededFor,
  eligibilityFor,
  entryStandings,
  formatDays,
  readyToReturn,
  type StandingEntry,
} from "~/modules/returners/journey";
import { discussedWithPeer } from "~/modules/returners/cpd";
import { cpdRecordSchema, profileSchema, updatingEntrySchema } from "~/modules/returners/journey-forms.server";
import { countUpdatingDays } from "~/modules/returners/updating";
import { parseSubmission } from "~/utils/forms.server";

const TODAY = "2026-12-02";
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};

describe("the days a returner's answers call for", () => {
  const answers = { registrationStatus: "lapsed" as const, specialism: "children" as const };
  test("off the register about six years: 60 days; three years: 30; a year: none; still registered: none", () => {
    expect(daysNeededFor({ ...answers, lapsedOn: "2020-10-01", lastPractisedOn: "2020-07-01" }, TODAY)).toBe(60);
    expect(daysNeededFor({ ...answers, lapsedOn: "2023-11-01", lastPractisedOn: "2023-06-01" }, TODAY)).toBe(30);
    expect(daysNeededFor({ ...answers, lapsedOn: "2025-12-01", lastPractisedOn: "2025-06-01" }, TODAY)).toBe(0);
    expect(
      daysNeededFor(
        { ...answers, registrationStatus: "registered", lapsedOn: null, lastPractisedOn: "2018-01-01" },
        TODAY,
      ),
    ).toBe(0);
  });
  test("lapsed exactly five years before today: 30 days; a day longer: 60", () => {
    expect(daysNeededFor({ ...answers, lapsedOn: "2021-12-02", lastPractisedOn: "2021-06-01" }, TODAY)).toBe(30);
    expect(daysNeededFor({ ...answers, lapsedOn: "2021-12-01", lastPractisedOn: "2021-06-01" }, TODAY)).toBe(60);
  });
  test("never registered: a new applicant, not restoring, so no updating days are counted for restoring", () => {
    const never = {
      ...answers,
      registrationStatus: "never_registered" as const,
      lapsedOn: null,
      lastPractisedOn: "2022-06-01",
    };
    expect(eligibilityFor(never, TODAY).route).toBe("new_applicant");
    expect(daysNeededFor(never, TODAY)).toBe(0);
  });
});

describe("how each entry of the log stands", () => {
  const e = (id: string, date: string, kind: StandingEntry["kind"], hours = 6): StandingEntry => ({
    id,
    date,
    kind,
    hours,
  });

  test("an entry on the window's first day (12 months back) counts; the day before it does not", () => {
    const s = entryStandings(
      [e("old", "2025-12-01", "supervised_practice"), e("first", "2025-12-02", "supervised_practice")],
      30,
      TODAY,
    );
    expect(s.get("old")).toEqual({ kind: "outside" });
    expect(s.get("first")).toEqual({ kind: "counts", days: 1 });
  });

  test("a date counts for one day at most: hours beyond six on it count in part, private study giving way first", () => {
    const s = entryStandings(
      [
        e("long", "2026-11-02", "formal_study", 9),
        e("p", "2026-11-03", "private_study", 4),
        e("f", "2026-11-03", "formal_study", 4),
        e("half", "2026-11-04", "formal_study", 3),
      ],
      30,
      TODAY,
    );
    expect(s.get("long")).toEqual({ kind: "long_day", days: 1 });
    expect(s.get("f")).toEqual({ kind: "counts", days: 4 / 6 });
    expect(s.get("p")).toEqual({ kind: "long_day", days: 2 / 6 });
    expect(s.get("half")).toEqual({ kind: "counts", days: 0.5 });
  });

  test("private study counts newest first up to half of what is needed, the rest is over the cap", () => {
    // 30 needed: at most 15 days (90 hours) of private study.
    const study = Array.from({ length: 17 }, (_, i) =>
      e(`s${i}`, `2026-11-${String(i + 1).padStart(2, "0")}`, "private_study"),
    );
    const s = entryStandings([...study, e("half", "2026-10-01", "private_study", 3)], 30, TODAY);
    expect([...s.values()].filter((x) => x.kind === "counts")).toHaveLength(15);
    expect(s.get("s16")).toEqual({ kind: "counts", days: 1 });
    expect(s.get("s1")).toEqual({ kind: "capped", days: 0 });
    expect(s.get("half")).toEqual({ kind: "capped", days: 0 });
  });

  test("an entry that crosses the cap counts in part, matching the count", () => {
    const entries = [
      e("a", "2026-11-01", "private_study", 6),
      e("b", "2026-10-01", "private_study", 6),
      e("c", "2026-09-01", "private_study", 6),
    ];
    const s = entryStandings(entries, 2.5, TODAY); // cap: 1.25 days = 7.5 hours
    expect(s.get("a")).toEqual({ kind: "counts", days: 1 });
    expect(s.get("b")).toEqual({ kind: "capped", days: 0.25 });
    expect(s.get("c")).toEqual({ kind: "capped", days: 0 });
    const count = countUpdatingDays(
      entries.map(({ date, hours, kind }) => ({ date, hours, kind })),
      2.5,
      TODAY,
    );
    expect(count.counted).toBe(1.3);
  });
});

describe("the ready to return checklist", () => {
  const none = { registrationRestored: false, referencesReceived: false, supervisedStartAgreed: false };
  test("updating is worked out from the count, the rest from the returner's ticks", () => {
    const list = readyToReturn(none, { counted: 18.5, needed: 30, done: false });
    expect(list.items.map((i) => [i.key, i.done, i.manual])).toEqual([
      ["updatingDone", false, false],
      ["registrationRestored", false, true],
      ["referencesReceived", false, true],
      ["supervisedStartAgreed", false, true],
    ]);
    expect(list.items[0]!.detail).toBe("18.5 of 30 days counted");
    expect(list.left).toBe(4);
    expect(list.ready).toBe(false);
  });
  test("a new applicant's checklist has no updating days to count, and says registered, not restored", () => {
    const list = readyToReturn(
      { registrationRestored: true, referencesReceived: true, supervisedStartAgreed: false },
      { counted: 0, needed: 0, done: true },
      true,
    );
    expect(list.items.map((i) => i.key)).toEqual([
      "registrationRestored",
      "referencesReceived",
      "supervisedStartAgreed",
    ]);
    expect(list.items[0]!.label).toBe("Registered with Social Work England (as a new applicant)");
    expect(list).toMatchObject({ left: 1, ready: false });
  });
  test("ready only when all four are done", () => {
    const all = { registrationRestored: true, referencesReceived: true, supervisedStartAgreed: true };
    expect(readyToReturn(all, { counted: 29.9, needed: 30, done: false }).ready).toBe(false);
    expect(readyToReturn(all, { counted: 31, needed: 30, done: true })).toMatchObject({ ready: true, left: 0 });
    expect(readyToReturn(all, { counted: 31, needed: 30, done: true }).items[0]!.detail).toBe("30 of 30 days counted");
    expect(readyToReturn(all, { counted: 0, needed: 0, done: true }).items[0]!.detail).toBe("None needed");
  });
  test("days read without a trailing .0", () => {
    expect(formatDays(18.5)).toBe("18.5");
    expect(formatDays(30)).toBe("30");
    expect(formatDays(1.04)).toBe("1");
  });
});

describe("the updating entry form", () => {
  const schema = updatingEntrySchema(TODAY);
  const good = {
    intent: "add",
    on: "2026-11-30",
    hours: "3.5",
    kind: "formal_study",
    description: "The refresher's day on the Care Act.",
  };
  test("accepts a day's entry", async () => {
    const r = await parseSubmission(form(good), schema);
    expect(r).toMatchObject({
      ok: true,
      data: { on: "2026-11-30", hours: 3.5, kind: "formal_study", supervisedBy: null },
    });
  });
  test("refuses a date in the future, hours outside 0.5 to 12, and an unknown kind, each by its field", async () => {
    const r = await parseSubmission(form({ ...good, on: "2026-12-03", hours: "12.5", kind: "gardening" }), schema);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject({
      on: "The date cannot be in the future",
      hours: "Enter at most 12 hours for one day",
      kind: "Choose what kind of updating it was",
    });
    expect(r.values.description).toBe("The refresher's day on the Care Act.");
    const short = await parseSubmission(form({ ...good, hours: "0.25" }), schema);
    expect(!short.ok && short.errors.hours).toBe("Enter at least 0.5 hours");
    const blank = await parseSubmission(form({ ...good, hours: "" }), schema);
    expect(!blank.ok && blank.errors.hours).toBe("Enter the hours, for example 3.5");
  });
  test("supervised practice needs who supervised it, said alongside other mistakes", async () => {
    const r = await parseSubmission(form({ ...good, kind: "supervised_practice", description: "" }), schema);
    expect(!r.ok && r.errors).toEqual({
      description: "Write what you did",
      supervisedBy: "Enter who supervised your practice",
    });
    expect(
      (await parseSubmission(form({ ...good, kind: "supervised_practice", supervisedBy: "Sam Carter" }), schema)).ok,
    ).toBe(true);
  });
});

describe("the CPD record form", () => {
  const schema = cpdRecordSchema(TODAY);
  const good = {
    recordedOn: "2026-12-01",
    activity: "A course",
    learning: "Something",
    impact: "Some",
    "standard-1": "yes",
    "standard-4": "yes",
  };
  test("collects the ticked standards in order", async () => {
    const r = await parseSubmission(form({ ...good, "standard-6": "yes" }), schema);
    expect(r).toMatchObject({ ok: true, data: { standards: ["1", "4", "6"], peerReflection: null, peerName: null } });
  });
  test("at least one standard, said with the other missing parts", async () => {
    const r = await parseSubmission(
      form({ recordedOn: "2026-12-01", activity: "", learning: "x", impact: "x" }),
      schema,
    );
    expect(!r.ok && r.errors).toEqual({
      activity: "Write what you did",
      standards: "Choose at least one professional standard",
    });
  });
  test("refuses a standard not on the list, and a future date", async () => {
    const r = await parseSubmission(form({ ...good, "standard-9": "yes", recordedOn: "2027-01-01" }), schema);
    expect(!r.ok && r.errors).toMatchObject({
      standards: "Choose the professional standards from the list",
      recordedOn: "The date of the activity cannot be in the future",
    });
  });
  test("counts as discussed with a peer only with both the name and the reflection", () => {
    expect(discussedWithPeer({ peerReflection: "We talked", peerName: "Sam" })).toBe(true);
    expect(discussedWithPeer({ peerReflection: "We talked", peerName: null })).toBe(false);
    expect(discussedWithPeer({ peerReflection: null, peerName: "Sam" })).toBe(false);
  });
});

describe("the returner's answers", () => {
  const schema = profileSchema(TODAY);
  const good = {
    intent: "profile",
    registrationStatus: "lapsed",
    lapsedOn: "2020-10-17",
    lastPractisedOn: "2020-07",
    region: "North West",
    specialism: "children",
  };
  test("the lapse is a whole date; the month last practised becomes its first day; a lapse date only when lapsed", async () => {
    expect(await parseSubmission(form(good), schema)).toMatchObject({
      ok: true,
      data: { lapsedOn: "2020-10-17", lastPractisedOn: "2020-07-01" },
    });
    const monthOnly = await parseSubmission(form({ ...good, lapsedOn: "2020-10" }), schema);
    expect(!monthOnly.ok && monthOnly.errors.lapsedOn).toMatch(
      /^Enter the date your registration lapsed as a real date/,
    );
    expect(await parseSubmission(form({ ...good, registrationStatus: "registered" }), schema)).toMatchObject({
      ok: true,
      data: { lapsedOn: null },
    });
  });
  test("a lapsed registration needs the date it lapsed", async () => {
    const r = await parseSubmission(form({ ...good, lapsedOn: "" }), schema);
    expect(!r.ok && r.errors).toEqual({ lapsedOn: "Enter the date your registration lapsed" });
    const future = await parseSubmission(form({ ...good, lastPractisedOn: "2027-01", region: "Mars" }), schema);
    expect(!future.ok && future.errors).toMatchObject({
      lastPractisedOn: "The month you last practised as a social worker cannot be in the future",
      region: "Choose the region you want to work in",
    });
  });
});

describe("navigation for a returner", () => {
  test("a returner's account has 'Your return' after 'Your learning'; nobody else's does", () => {
    expect(
      navigationFor(null, { returner: true })
        .map((i) => i.href)
        .slice(0, 2),
    ).toEqual(["/learning", "/return"]);
    expect(navigationFor("learner", { returner: true }).map((i) => i.href)).toContain("/return");
    expect(navigationFor("learner").map((i) => i.href)).not.toContain("/return");
    expect(navigationFor("supervisor", { returner: true }).map((i) => i.href)).not.toContain("/return");
  });
});
