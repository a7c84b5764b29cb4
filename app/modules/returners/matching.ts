/**
 * Which open vacancies suit a returner, best first: in their region, in their specialism,
 * open to returners, and closing soonest (so nobody misses a closing date). Posts past their
 * closing date are never offered.
 */
export interface Seeker {
  region: string;
  specialism: "adults" | "children" | "either";
}

export interface Vacancy {
  id: string;
  region: string;
  specialism: "adults" | "children" | "either";
  returnerFriendly: boolean;
  closesOn: string;
}

export interface Match<V extends Vacancy> {
  vacancy: V;
  sameRegion: boolean;
  sameSpecialism: boolean;
}

const suits = (seeker: Seeker["specialism"], post: Vacancy["specialism"]) =>
  seeker === "either" || post === "either" || seeker === post;

export function rankVacancies<V extends Vacancy>(seeker: Seeker, vacancies: readonly V[], today: string): Match<V>[] {
  return vacancies
    .filter((v) => v.closesOn >= today)
    .map((vacancy) => ({
      vacancy,
      sameRegion: vacancy.region === seeker.region,
      sameSpecialism: suits(seeker.specialism, vacancy.specialism),
    }))
    .sort(
      (a, b) =>
        Number(b.sameRegion) - Number(a.sameRegion) ||
        Number(b.sameSpecialism) - Number(a.sameSpecialism) ||
        Number(b.vacancy.returnerFriendly) - Number(a.vacancy.returnerFriendly) ||
        a.vacancy.closesOn.localeCompare(b.vacancy.closesOn) ||
        a.vacancy.id.localeCompare(b.vacancy.id),
    );
}
