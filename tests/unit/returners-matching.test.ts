import { rankVacancies, type Vacancy } from "~/modules/returners/matching";

const post = (id: string, over: Partial<Vacancy> = {}): Vacancy => ({
  id,
  region: "North West",
  specialism: "children",
  returnerFriendly: true,
  closesOn: "2027-01-31",
  ...over,
});

describe("matching a returner to vacancies", () => {
  const seeker = { region: "North West", specialism: "children" as const };

  test("region first, then specialism, then returner-friendly, then closing soonest", () => {
    const ranked = rankVacancies(
      seeker,
      [
        post("elsewhere", { region: "London", closesOn: "2026-12-10" }),
        post("adults-here", { specialism: "adults" }),
        post("not-friendly", { returnerFriendly: false, closesOn: "2026-12-05" }),
        post("later", { closesOn: "2027-02-28" }),
        post("sooner", { closesOn: "2026-12-20" }),
      ],
      "2026-12-02",
    );
    expect(ranked.map((m) => m.vacancy.id)).toEqual(["sooner", "later", "not-friendly", "adults-here", "elsewhere"]);
  });

  test("a post open to either specialism suits everyone; closed posts are never offered", () => {
    const ranked = rankVacancies(
      seeker,
      [post("either", { specialism: "either" }), post("closed", { closesOn: "2026-12-01" })],
      "2026-12-02",
    );
    expect(ranked.map((m) => [m.vacancy.id, m.sameSpecialism])).toEqual([["either", true]]);
  });

  test("a post closing today is still offered", () => {
    expect(rankVacancies(seeker, [post("today", { closesOn: "2026-12-02" })], "2026-12-02")).toHaveLength(1);
  });
});
