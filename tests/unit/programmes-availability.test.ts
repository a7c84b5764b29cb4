import { startsTooEarly } from "~/modules/programmes/availability";

describe("a programme that exists only from a set date", () => {
  const ecdp = { title: "The ECDP", availableFrom: "2027-09-01" };

  it("refuses a start the day before, and says from when", () => {
    expect(startsTooEarly(ecdp, "2027-08-31")).toContain("on or after 1 September 2027");
  });

  it("accepts a start on the day and after", () => {
    expect(startsTooEarly(ecdp, "2027-09-01")).toBeNull();
    expect(startsTooEarly(ecdp, "2028-01-03")).toBeNull();
  });

  it("accepts any start for a programme without such a date (the ASYE)", () => {
    expect(startsTooEarly({ title: "ASYE" }, "2020-01-01")).toBeNull();
  });
});
