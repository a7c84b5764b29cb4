/**
 * Demo callback requests for the recruitment helpline's desk: eight people across the statuses
 * and regions, two of them overdue for a call back, with Mark Ellison's notes of the calls made.
 * The introduced and the returned request have their introductions to a demo vacancy (so the
 * helpline's funnel agrees with the queue): run after the vacancies are seeded. Dates are relative
 * to today. Idempotent: requests are matched by their reference, and a request's notes and
 * introductions are written only when the request itself is.
 */
import { format, subDays, subMonths, subYears } from "date-fns";
import { eq, inArray } from "drizzle-orm";
import { addWorkingDays } from "~/modules/returners/working-days";
import type { Database } from "../client";
import {
  callbackNotes,
  callbackRequests,
  introductionEvents,
  introductions,
  organisations,
  users,
  vacancies,
} from "../schema";

type Status = (typeof callbackRequests.$inferInsert)["status"];
type Outcome = (typeof callbackNotes.$inferInsert)["outcome"];

interface DemoRequest {
  reference: string;
  name: string;
  email: string;
  phone: string;
  region: string;
  specialism: "adults" | "children" | "either";
  yearsOut: number;
  registration: "registered" | "lapsed" | "never_registered";
  /** Years since the registration lapsed (lapsed only). */
  lapsedYears?: number;
  bestTimes: string;
  daysAgo: number;
  status: Status;
  /** Notes, oldest first: outcome, note, days after the request. */
  notes: [Outcome, string, number][];
}

const REQUESTS: DemoRequest[] = [
  {
    reference: "RTS-DEMQ2A",
    name: "Gillian Foster",
    email: "gillian.foster@example.net",
    phone: "07700 900 112",
    region: "North West",
    specialism: "children",
    yearsOut: 4,
    registration: "lapsed",
    lapsedYears: 3,
    bestTimes: "Weekday mornings",
    daysAgo: 0,
    status: "new",
    notes: [],
  },
  {
    reference: "RTS-DEMR3B",
    name: "Sanjay Mehta",
    email: "sanjay.mehta@example.net",
    phone: "07700 900 245",
    region: "London",
    specialism: "adults",
    yearsOut: 7,
    registration: "lapsed",
    lapsedYears: 6,
    bestTimes: "After 4pm",
    daysAgo: 1,
    status: "new",
    notes: [],
  },
  {
    reference: "RTS-DEMT4C",
    name: "Bronwen Hughes",
    email: "bronwen.hughes@example.net",
    phone: "029 2018 0431",
    region: "Wales",
    specialism: "either",
    yearsOut: 3,
    registration: "lapsed",
    lapsedYears: 2,
    bestTimes: "Any time on Tuesdays",
    daysAgo: 6,
    status: "new",
    notes: [["no_answer", "", 1]],
  },
  {
    reference: "RTS-DEMU6D",
    name: "Patrick Byrne",
    email: "patrick.byrne@example.net",
    phone: "0113 496 0274",
    region: "Yorkshire and the Humber",
    specialism: "adults",
    yearsOut: 9,
    registration: "lapsed",
    lapsedYears: 9,
    bestTimes: "",
    // Eleven calendar days hold at least six working days whatever today is (nine did not, on a Sunday).
    daysAgo: 11,
    status: "new",
    notes: [],
  },
  {
    reference: "RTS-DEMV7E",
    name: "Naomi Clarke",
    email: "naomi.clarke@example.net",
    phone: "07700 900 388",
    region: "North West",
    specialism: "children",
    yearsOut: 5,
    registration: "lapsed",
    lapsedYears: 4,
    bestTimes: "School hours",
    daysAgo: 12,
    status: "contacted",
    notes: [
      ["left_message", "Left a voicemail with the helpline number and her reference.", 1],
      [
        "spoke",
        "Spoke for 25 minutes. Eight years in a children's long-term team; left for caring. Needs 30 updating days. Keen on Northmoor or nearby; wants part-time to start. Sent the refresher programme details.",
        2,
      ],
    ],
  },
  {
    reference: "RTS-DEMW8F",
    name: "Oluwaseun Adebayo",
    email: "oluwaseun.adebayo@example.net",
    phone: "07700 900 451",
    region: "London",
    specialism: "adults",
    yearsOut: 2,
    registration: "registered",
    bestTimes: "Evenings",
    daysAgo: 20,
    status: "introduced",
    notes: [
      ["spoke", "Still registered; two years in a hospital discharge team before a break. Happy to be introduced.", 1],
      ["note", "Status changed from contacted to introduced. Introduced to Riverside's adults' team.", 6],
    ],
  },
  {
    reference: "RTS-DEMX9G",
    name: "Helen Marsden",
    email: "helen.marsden@example.net",
    phone: "0161 496 0839",
    region: "North West",
    specialism: "children",
    yearsOut: 6,
    registration: "lapsed",
    lapsedYears: 6,
    bestTimes: "",
    daysAgo: 60,
    status: "returned",
    notes: [
      ["spoke", "Needs 60 updating days. Enrolled on the refresher programme.", 1],
      [
        "note",
        "Status changed from introduced to returned to practice. Started at Northmoor on a supervised start.",
        55,
      ],
    ],
  },
  {
    reference: "RTS-DEMZ2H",
    name: "Ian Drummond",
    email: "ian.drummond@example.net",
    phone: "07700 900 517",
    region: "South East",
    specialism: "either",
    yearsOut: 12,
    registration: "lapsed",
    lapsedYears: 12,
    bestTimes: "",
    daysAgo: 30,
    status: "closed",
    notes: [
      ["spoke", "Out of practice for 12 years; wants to think about it.", 2],
      [
        "note",
        "Status changed from contacted to closed. Decided not to return for now; happy to be contacted next year.",
        10,
      ],
    ],
  },
];

const firstOfMonth = (d: Date) => format(d, "yyyy-MM-01");

export async function seedDesk(db: Database, today = new Date()) {
  const [helpline] = await db.select().from(organisations).where(eq(organisations.slug, "return-helpline"));
  const [advisor] = await db.select().from(users).where(eq(users.email, "mark.ellison@returnhelpline.example"));
  if (!helpline || !advisor) return;
  const existing = await db
    .select({ reference: callbackRequests.reference })
    .from(callbackRequests)
    .where(
      inArray(
        callbackRequests.reference,
        REQUESTS.map((r) => r.reference),
      ),
    );
  const have = new Set(existing.map((r) => r.reference));
  const wanted = REQUESTS.filter((r) => !have.has(r.reference));
  if (wanted.length === 0) return;
  const at = (daysAgo: number, hour: number) => {
    const d = subDays(today, daysAgo);
    d.setHours(hour, 15, 0, 0);
    return d > today ? new Date(today.getTime() - 30 * 60_000) : d;
  };
  const inserted = await db
    .insert(callbackRequests)
    .values(
      wanted.map((r, i) => {
        const createdAt = at(r.daysAgo, 9 + (i % 6));
        const reached = r.notes.find(([o]) => o === "spoke" || o === "emailed");
        return {
          reference: r.reference,
          helplineId: helpline.id,
          name: r.name,
          email: r.email,
          phone: r.phone,
          region: r.region,
          specialism: r.specialism,
          lastPractisedOn: firstOfMonth(subYears(today, r.yearsOut)),
          registrationStatus: r.registration,
          lapsedOn: r.lapsedYears ? firstOfMonth(subMonths(subYears(today, r.lapsedYears), 1)) : null,
          bestTimes: r.bestTimes,
          consentToShare: true,
          consentRecordedAt: createdAt,
          status: r.status,
          callBackBy: addWorkingDays(format(createdAt, "yyyy-MM-dd"), 2),
          firstContactAt: reached ? at(r.daysAgo - reached[2], 14) : null,
          createdAt,
          updatedAt: r.notes.length ? at(r.daysAgo - r.notes[r.notes.length - 1]![2], 15) : createdAt,
        };
      }),
    )
    .onConflictDoNothing({ target: callbackRequests.reference })
    .returning({ id: callbackRequests.id, reference: callbackRequests.reference });
  const idOf = new Map(inserted.map((r) => [r.reference, r.id]));
  const notes = wanted.flatMap((r) =>
    idOf.has(r.reference)
      ? r.notes.map(([outcome, note, after], i) => ({
          requestId: idOf.get(r.reference)!,
          authorId: advisor.id,
          outcome,
          note,
          createdAt: at(r.daysAgo - after, 11 + i),
        }))
      : [],
  );
  if (notes.length) await db.insert(callbackNotes).values(notes);
  await introduceDemoRequests(db, idOf, advisor.id, today);
}

/** Which demo requests were introduced, to which post, and how far each has gone. */
const INTRODUCED: { reference: string; vacancy: string; lead: string; steps: ("interview" | "offered" | "started")[]; daysAgo: number }[] = [
  { reference: "RTS-DEMW8F", vacancy: "Approved mental health professional", lead: "marcus.reid@riverside.example", steps: ["interview"], daysAgo: 14 },
  {
    reference: "RTS-DEMX9G",
    vacancy: "Social worker, children in need (returners welcome)",
    lead: "priya.shah@northmoor.example",
    steps: ["interview", "offered", "started"],
    daysAgo: 50,
  },
];

async function introduceDemoRequests(db: Database, idOf: Map<string, string>, advisorId: string, today: Date) {
  const wanted = INTRODUCED.filter((i) => idOf.has(i.reference));
  if (!wanted.length) return;
  const posts = await db
    .select({ id: vacancies.id, title: vacancies.title, organisationId: vacancies.organisationId })
    .from(vacancies)
    .where(inArray(vacancies.title, wanted.map((i) => i.vacancy)));
  const leads = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, wanted.map((i) => i.lead)));
  const planned = wanted.flatMap((i) => {
    const post = posts.find((p) => p.title === i.vacancy);
    const lead = leads.find((l) => l.email === i.lead);
    return post && lead ? [{ ...i, post, lead, requestId: idOf.get(i.reference)! }] : [];
  });
  if (!planned.length) return;
  const made = await db
    .insert(introductions)
    .values(
      planned.map((i) => {
        const status = i.steps.at(-1)!;
        return {
          requestId: i.requestId,
          vacancyId: i.post.id,
          organisationId: i.post.organisationId,
          introducedById: advisorId,
          status,
          startsOn: status === "started" ? format(subDays(today, 5), "yyyy-MM-dd") : null,
          createdAt: subDays(today, i.daysAgo),
          updatedAt: subDays(today, i.daysAgo - 3 * i.steps.length),
        };
      }),
    )
    .returning({ id: introductions.id, requestId: introductions.requestId });
  const introductionOf = new Map(made.map((m) => [m.requestId, m.id]));
  await db.insert(introductionEvents).values(
    planned.flatMap((i) => {
      const introductionId = introductionOf.get(i.requestId)!;
      return [
        { introductionId, status: "introduced" as const, byId: advisorId, createdAt: subDays(today, i.daysAgo) },
        ...i.steps.map((step, n) => ({
          introductionId,
          status: step,
          byId: i.lead.id,
          createdAt: subDays(today, i.daysAgo - 3 * (n + 1)),
        })),
      ];
    }),
  );
}
