import { cpdSentences, cpdState, registrationYearOf, type CpdRecord } from "~/modules/returners/cpd";

describe("the Social Work England registration year", () => {
  test("runs 1 December to 30 November, with renewal from 1 September", () => {
    expect(registrationYearOf("2026-12-01")).toEqual({
      label: "2026-27",
      starts: "2026-12-01",
      ends: "2027-11-30",
      renewalOpens: "2027-09-01",
    });
    expect(registrationYearOf("2026-11-30").label).toBe("2025-26");
    expect(registrationYearOf("2027-01-15").label).toBe("2026-27");
  });
});

const rec = (recordedOn: string, peerReflection = false): CpdRecord => ({ recordedOn, peerReflection });
const say = (records: CpdRecord[], today: string) => cpdSentences(cpdState(records, today));

describe("CPD compliance for a registration year", () => {
  test("two records, one reflected on with a peer, meet it", () => {
    const state = cpdState([rec("2027-01-10"), rec("2027-03-02", true)], "2027-04-01");
    expect(state.kind).toBe("met");
    expect(say([rec("2027-01-10"), rec("2027-03-02", true)], "2027-04-01").need).toBe(
      "Both records are in for this registration year, 1 reflected on with a peer.",
    );
  });

  test("no records: two more, at least one reflected on with a peer", () => {
    const state = cpdState([], "2027-04-01");
    expect(state).toMatchObject({ kind: "due", stillNeeded: 2, peerNeeded: true, warn: false });
    expect(say([], "2027-04-01").need).toBe(
      "You need 2 more CPD records this registration year, and at least one of them must be reflected on with a peer.",
    );
  });

  test("one record without a peer: one more, and it must be reflected on with a peer", () => {
    expect(say([rec("2027-02-01")], "2027-04-01").need).toBe(
      "You need 1 more CPD record this registration year, and it must be reflected on with a peer.",
    );
  });

  test("one record reflected on with a peer does both: one more of any kind", () => {
    expect(cpdState([rec("2027-02-01", true)], "2027-04-01")).toMatchObject({
      kind: "due",
      stillNeeded: 1,
      peerNeeded: false,
    });
    expect(say([rec("2027-02-01", true)], "2027-04-01").need).toBe(
      "You need 1 more CPD record this registration year.",
    );
  });

  test("two or more records, none reflected on with a peer: one more, reflected on with a peer", () => {
    const state = cpdState([rec("2027-01-10"), rec("2027-02-01"), rec("2027-03-01")], "2027-04-01");
    expect(state).toMatchObject({ kind: "due", stillNeeded: 1, peerNeeded: true, records: 3 });
  });

  test("records from last year do not count", () => {
    const state = cpdState([rec("2026-11-30", true), rec("2027-02-01")], "2027-04-01");
    expect(state).toMatchObject({ kind: "due", records: 1, peerReviewed: 0, stillNeeded: 1, peerNeeded: true });
  });

  test("on 30 November renewal closes today, met or not; records of that day still count", () => {
    expect(say([], "2027-11-30").renewal).toBe("Renewal closes today (30 November 2027).");
    const met = cpdState([rec("2027-11-30", true), rec("2027-11-30")], "2027-11-30");
    expect(met).toMatchObject({ kind: "met", daysLeft: 0 });
    expect(cpdSentences(met).renewal).toBe("Renewal closes today (30 November 2027).");
  });

  test("on 1 December a new registration year starts: last year's records no longer count", () => {
    const state = cpdState([rec("2027-11-30", true), rec("2027-11-29")], "2027-12-01");
    // 2028 has a 29 February, so 365 days to go.
    expect(state).toMatchObject({ kind: "due", records: 0, stillNeeded: 2, daysLeft: 365, warn: false });
    expect(cpdSentences(state).renewal).toBe(
      "Renewal closes in 365 days (30 November 2028); it opens on 1 September 2028.",
    );
    expect(cpdState([], "2026-12-01").daysLeft).toBe(364);
  });

  test("the renewal window: the warning starts on 1 September, not 31 August", () => {
    expect(cpdState([], "2027-08-31")).toMatchObject({ warn: false, renewalOpen: false, daysLeft: 91 });
    expect(cpdState([], "2027-09-01")).toMatchObject({ warn: true, renewalOpen: true, daysLeft: 90 });
    expect(say([], "2027-09-01").renewal).toBe("Renewal closes in 90 days (30 November 2027).");
    expect(say([], "2027-08-31").renewal).toBe(
      "Renewal closes in 91 days (30 November 2027); it opens on 1 September 2027.",
    );
  });

  test("met, the days until renewal closes are still said", () => {
    const met = cpdState([rec("2026-01-10", true), rec("2026-02-01")], "2026-11-06");
    expect(cpdSentences(met)).toEqual({
      need: "Both records are in for this registration year, 1 reflected on with a peer.",
      renewal: "Renewal closes in 24 days (30 November 2026).",
    });
    expect(cpdSentences(met).need).not.toMatch(/need/);
    expect(say([rec("2026-11-29"), rec("2026-11-29", true), rec("2026-11-28", true)], "2026-11-29")).toEqual({
      need: "All 3 records are in for this registration year, 2 reflected on with a peer.",
      renewal: "Renewal closes in 1 day (30 November 2026).",
    });
  });
});
