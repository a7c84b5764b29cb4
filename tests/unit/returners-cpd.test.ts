import { cpdState, registrationYearOf } from "~/modules/returners/cpd";

describe("the Social Work England registration year", () => {
  test("runs 1 December to 30 November, with renewal from 1 September", () => {
    expect(registrationYearOf("2026-12-01")).toEqual({ label: "2026-27", starts: "2026-12-01", ends: "2027-11-30", renewalOpens: "2027-09-01" });
    expect(registrationYearOf("2026-11-30").label).toBe("2025-26");
    expect(registrationYearOf("2027-01-15").label).toBe("2026-27");
  });
});

describe("CPD compliance for a registration year", () => {
  test("two records, one discussed with a peer, meet it", () => {
    const state = cpdState([{ recordedOn: "2027-01-10", peerReflection: false }, { recordedOn: "2027-03-02", peerReflection: true }], "2027-04-01");
    expect(state.kind).toBe("met");
  });

  test("records from last year do not count, and what is missing is named", () => {
    const state = cpdState([{ recordedOn: "2026-11-20", peerReflection: true }, { recordedOn: "2027-02-01", peerReflection: false }], "2027-04-01");
    expect(state.kind).toBe("due");
    if (state.kind !== "due") return;
    expect(state.missing).toEqual(["1 more CPD record", "a record discussed with a peer"]);
    expect(state.warn).toBe(false);
  });

  test("warns once the renewal window is open, counting the days until it closes", () => {
    const state = cpdState([], "2027-11-01");
    expect(state.kind).toBe("due");
    if (state.kind !== "due") return;
    expect(state.warn).toBe(true);
    expect(state.daysLeft).toBe(29);
    expect(state.missing[0]).toBe("2 more CPD records");
  });
});
