/**
 * The public callback form against a real database: a request is saved with its reference, its
 * call-back target and consent, and confirmed by email; a robot that fills the hidden trap is
 * told it worked and nothing is kept; an address that sends too many is asked to wait, its
 * answers kept; and bad answers come back with field errors and what was typed.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays, subYears } from "date-fns";
import { and, eq } from "drizzle-orm";
import { auditEvents, callbackRequests } from "#db/schema";
import { CALLBACKS_PER_HOUR } from "~/modules/returners/callbacks.server";
import { REFERENCE_PATTERN } from "~/modules/returners/helpline-queue";
import { addWorkingDays } from "~/modules/returners/working-days";
import * as callbackPage from "~/routes/return-to-social-work.callback";
import * as checkPage from "~/routes/return-to-social-work._index";
import * as sentPage from "~/routes/return-to-social-work.callback_.sent";
import { withTestDatabase } from "../support/database";
import { emailsTo, makeOrganisation, ORIGIN } from "../support/fixtures";
import { englandDay } from "~/utils/england";

const t = withTestDatabase();

let helplineId: string;
beforeAll(async () => {
  helplineId = (await makeOrganisation(t.db, { name: "Social Work Return Helpline", kind: "helpline" })).id;
});

const contextFrom = (clientIp: string) => ({ cspNonce: "test-nonce", clientIp }) as AppLoadContext;
const today = () => format(new Date(), "yyyy-MM-dd");

const GOOD = {
  name: "Rosa Delgado",
  email: "Rosa.Delgado@Example.net",
  phone: "07700 900 123",
  region: "North West",
  specialism: "children",
  lastPractisedMonth: "3",
  lastPractisedYear: "2019",
  registration: "lapsed",
  lapsedDay: "1",
  lapsedMonth: "6",
  lapsedYear: "2020",
  bestTimes: "Weekday mornings",
  consent: "yes",
  website: "",
};

function post(fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return new Request(`${ORIGIN}/return-to-social-work/callback`, { method: "POST", body });
}

interface Answer {
  status: number;
  location: string | null;
  errors: Record<string, string>;
  values: Record<string, string>;
}

async function send(fields: Record<string, string>, ip = "198.51.100.20"): Promise<Answer> {
  let result: unknown;
  try {
    result = await callbackPage.action({ request: post(fields), params: {}, context: contextFrom(ip) });
  } catch (thrown) {
    if (thrown instanceof Error) throw thrown;
    result = thrown;
  }
  if (result instanceof Response)
    return { status: result.status, location: result.headers.get("Location"), errors: {}, values: {} };
  const { init, data } = result as {
    init?: ResponseInit;
    data: { errors: Record<string, string>; values: Record<string, string> };
  };
  return { status: init?.status ?? 200, location: null, errors: data.errors, values: data.values };
}

const rowsFor = (email: string) => t.db.select().from(callbackRequests).where(eq(callbackRequests.email, email));

describe("asking for a call back", () => {
  it("saves the request with a reference, a target two working days on and the consent, and emails the reference", async () => {
    const answer = await send(GOOD);
    expect(answer.status).toBe(302);
    const reference = new URL(answer.location!, ORIGIN).searchParams.get("reference")!;
    expect(reference).toMatch(REFERENCE_PATTERN);
    const [row] = await rowsFor("rosa.delgado@example.net");
    expect(row).toMatchObject({
      reference,
      helplineId,
      name: "Rosa Delgado",
      phone: "07700 900 123",
      region: "North West",
      specialism: "children",
      lastPractisedOn: "2019-03-01",
      registrationStatus: "lapsed",
      lapsedOn: "2020-06-01",
      bestTimes: "Weekday mornings",
      consentToShare: true,
      status: "new",
      callBackBy: addWorkingDays(today(), 2),
      ipAddress: "198.51.100.20",
      returnerId: null,
    });
    expect(row!.consentRecordedAt).toBeInstanceOf(Date);
    const [mail] = await emailsTo("rosa.delgado@example.net");
    expect(mail!.subject).toContain(reference);
    expect(mail!.text).toContain(`Your reference is ${reference}`);
    expect(mail!.text).toContain("two working days");
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "callback.requested"), eq(auditEvents.subjectId, row!.id)));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain("Rosa");

    // The page after shows the reference from the address, and nothing about the person.
    const sent = await sentPage.loader({
      request: new Request(`${ORIGIN}${answer.location}`),
      params: {},
      context: contextFrom("x"),
    });
    expect(sent).toEqual({ reference });
  });

  it("keeps nothing from a robot that fills the hidden box, but shows it the same success", async () => {
    const answer = await send({ ...GOOD, email: "robot@example.net", website: "http://spam.example" });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(/^\/return-to-social-work\/callback\/sent\?reference=RTS-/);
    expect(await rowsFor("robot@example.net")).toHaveLength(0);
    expect(await emailsTo("robot@example.net")).toHaveLength(0);
  });

  it(`asks an address that has sent ${CALLBACKS_PER_HOUR} in the last hour to wait, keeping what was typed`, async () => {
    const ip = "198.51.100.77";
    // Two from well over an hour ago do not count.
    for (let i = 0; i < CALLBACKS_PER_HOUR; i += 1) {
      const answer = await send({ ...GOOD, email: `batch${i}@example.net` }, ip);
      expect(answer.status, `request ${i + 1}`).toBe(302);
    }
    const refused = await send({ ...GOOD, email: "one.more@example.net", name: "One More" }, ip);
    expect(refused.status).toBe(429);
    expect(refused.errors.form).toMatch(/try again in an hour/);
    expect(refused.values).toMatchObject({
      name: "One More",
      email: "one.more@example.net",
      phone: GOOD.phone,
      consent: "yes",
    });
    expect(await rowsFor("one.more@example.net")).toHaveLength(0);
    // Another address is not held up, and the limit is for the last hour only.
    expect((await send({ ...GOOD, email: "neighbour@example.net" }, "198.51.100.78")).status).toBe(302);
    await t.db
      .update(callbackRequests)
      .set({ createdAt: new Date(Date.now() - 61 * 60_000) })
      .where(eq(callbackRequests.ipAddress, ip));
    expect((await send({ ...GOOD, email: "one.more@example.net" }, ip)).status).toBe(302);
  });

  it("answers a bad email and missing consent with field errors, keeping everything typed", async () => {
    const { consent: _consent, ...withoutConsent } = GOOD;
    void _consent;
    const answer = await send({ ...withoutConsent, email: "rosa.delgado@", name: "Rosa Bad" });
    expect(answer.status).toBe(400);
    expect(answer.errors.email).toBe("Enter an email address in the correct format, like name@example.com");
    expect(answer.errors.consent).toMatch(/cannot introduce you without it/);
    expect(answer.values).toMatchObject({
      name: "Rosa Bad",
      email: "rosa.delgado@",
      phone: GOOD.phone,
      region: "North West",
      lastPractisedMonth: "3",
      lastPractisedYear: "2019",
      bestTimes: "Weekday mornings",
    });
    expect(await rowsFor("rosa.delgado@")).toHaveLength(0);
  });

  it("asks when a lapsed registration lapsed, and refuses dates in the future", async () => {
    const answer = await send({
      ...GOOD,
      lapsedDay: "",
      lapsedMonth: "",
      lapsedYear: "",
      lastPractisedYear: String(new Date().getFullYear() + 1),
    });
    expect(answer.status).toBe(400);
    expect(answer.errors.lapsed).toBe("Enter the date your registration lapsed");
    expect(answer.errors.lastPractised).toBe("When you last practised must be in the past");
  });
});

describe("the self-check", () => {
  const check = async (query: string) => {
    let result: unknown;
    try {
      result = await checkPage.loader({
        request: new Request(`${ORIGIN}/return-to-social-work?${query}`),
        params: {},
        context: contextFrom("x"),
      });
    } catch (thrown) {
      result = thrown;
    }
    return result as {
      checked?: boolean;
      result?: { updatingDays: number };
      data?: { errors: Record<string, string>; values: Record<string, string> };
      init?: ResponseInit;
    };
  };

  it("tells someone off the register for more than five years that they need 60 updating days", async () => {
    const year = new Date().getFullYear() - 7;
    const answer = await check(
      `qualifiedInUk=yes&registration=lapsed&lapsedDay=1&lapsedMonth=1&lapsedYear=${year}&lastPractisedMonth=1&lastPractisedYear=${year}&specialism=adults`,
    );
    expect(answer.result?.updatingDays).toBe(60);
  });

  it("counts time off the register to the day: five years to the day needs 30, a day more 60", async () => {
    const [y, m, d] = englandDay().split("-").map(Number) as [number, number, number];
    const lapsedOn = (date: Date) =>
      `lapsedDay=${date.getDate()}&lapsedMonth=${date.getMonth() + 1}&lapsedYear=${date.getFullYear()}`;
    const query = (date: Date) =>
      `qualifiedInUk=yes&registration=lapsed&${lapsedOn(date)}&lastPractisedMonth=1&lastPractisedYear=${y - 6}&specialism=adults`;
    const fiveYearsAgo = subYears(new Date(y, m - 1, d), 5);
    expect((await check(query(fiveYearsAgo))).result?.updatingDays).toBe(30);
    expect((await check(query(subDays(fiveYearsAgo, 1)))).result?.updatingDays).toBe(60);
  });

  it("needs the day a registration lapsed, and a real one", async () => {
    const base = `qualifiedInUk=yes&registration=lapsed&lastPractisedMonth=1&lastPractisedYear=2018&specialism=adults`;
    const noDay = await check(`${base}&lapsedMonth=2&lapsedYear=2019`);
    expect(noDay.data?.errors.lapsed).toBe("The date your registration lapsed must include a day");
    const notReal = await check(`${base}&lapsedDay=30&lapsedMonth=2&lapsedYear=2019`);
    expect(notReal.data?.errors.lapsed).toBe("The date your registration lapsed must be a real date");
    expect((await check(`${base}&lapsedDay=29&lapsedMonth=2&lapsedYear=2020`)).result?.updatingDays).toBe(60);
  });

  it("tells someone never registered to apply as a new applicant, not to restore", async () => {
    const answer = (await check(
      `qualifiedInUk=yes&registration=never_registered&lastPractisedMonth=1&lastPractisedYear=2018&specialism=adults`,
    )) as { result?: { route: string; steps: string[] } };
    expect(answer.result?.route).toBe("new_applicant");
    expect(answer.result?.steps[0]).toMatch(/new applicant/);
  });

  it("answers missing answers with errors, keeping the rest, and shows nothing before it is asked", async () => {
    expect(await check("")).toEqual({ checked: false });
    const answer = await check("qualifiedInUk=yes&lastPractisedMonth=4");
    expect(answer.init?.status).toBe(400);
    expect(answer.data?.errors).toMatchObject({
      registration: "Select where you are with the register",
      lastPractised: "When you last practised must include a year",
      specialism: "Select adults', children's or either",
    });
    expect(answer.data?.values).toMatchObject({ qualifiedInUk: "yes", lastPractisedMonth: "4" });
  });
});
