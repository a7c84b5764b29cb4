/**
 * The development mailbox shows password-reset links, so it answers only the machine itself or a
 * signed-in platform admin, is closed on a PostgreSQL server unless DEV_MAILBOX=true, and keeps no
 * email longer than a day.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import * as mailbox from "~/routes/dev.mail._index";
import * as oneEmail from "~/routes/dev.mail.$id";
import { listStoredEmails, MAIL_KEPT_MS, pruneStoredEmails, readStoredEmail, sendEmail } from "~/utils/email.server";
import { devMailboxOpen } from "~/utils/env.server";
import { fromThisMachine } from "~/utils/request.server";
import { withTestDatabase } from "../support/database";
import { makeOrganisation, ORIGIN, signedIn, type SignedIn } from "../support/fixtures";

const t = withTestDatabase();

const from = (clientIp: string) => ({ cspNonce: "test-nonce", clientIp }) as AppLoadContext;
const ask = (who?: SignedIn, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/dev/mail`, { headers: { ...headers, ...(who ? { Cookie: who.cookie } : {}) } });

let admin: SignedIn;
let lead: SignedIn;
beforeAll(async () => {
  const platform = await makeOrganisation(t.db, { name: "Platform team", kind: "platform" });
  const council = await makeOrganisation(t.db);
  admin = await signedIn(t.db, platform.id, "admin", "Alex Admin");
  lead = await signedIn(t.db, council.id, "programme_lead", "Priya Lead");
  await sendEmail({ to: "someone@example.test", subject: "Reset your password", text: "https://pathways.test/reset-password/abc" });
});

/** What a thrown redirect or error response says: its status and where it sends the person. */
function refusal(thrown: unknown) {
  if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
  const { init } = thrown as { init?: { status?: number } };
  if (!init?.status) throw thrown;
  return { status: init.status, location: null };
}

async function answer(request: Request, clientIp: string) {
  try {
    const data = await mailbox.loader({ request, params: {}, context: from(clientIp) });
    return { status: 200, subjects: data.emails.map((e) => e.subject) };
  } catch (thrown) {
    return refusal(thrown);
  }
}

describe("who may read the development mailbox", () => {
  it("shows it to a browser on this machine, signed in or not", async () => {
    expect(await answer(ask(), "127.0.0.1")).toMatchObject({ status: 200, subjects: ["Reset your password"] });
    expect(await answer(ask(), "::1")).toMatchObject({ status: 200 });
    expect(await answer(ask(lead), "::ffff:127.0.0.1")).toMatchObject({ status: 200 });
  });

  it("does not count a request a proxy on this machine passed on as the machine's own", async () => {
    expect(await answer(ask(undefined, { "X-Forwarded-For": "198.51.100.4" }), "127.0.0.1")).toMatchObject({ status: 302 });
    expect(await answer(ask(lead, { Forwarded: "for=198.51.100.4" }), "127.0.0.1")).toMatchObject({ status: 404 });
  });

  it("asks a stranger to sign in, hides it from anyone but a platform admin, and shows it to the admin", async () => {
    expect(await answer(ask(), "203.0.113.9")).toMatchObject({ status: 302, location: expect.stringMatching(/^\/sign-in/) });
    expect(await answer(ask(lead), "203.0.113.9")).toMatchObject({ status: 404 });
    expect(await answer(ask(admin), "203.0.113.9")).toMatchObject({ status: 200, subjects: ["Reset your password"] });
  });

  it("hides each email the same way", async () => {
    const [email] = await listStoredEmails();
    const open = (who: SignedIn | undefined, clientIp: string) =>
      oneEmail
        .loader({ request: ask(who), params: { id: email!.id }, context: from(clientIp) })
        .then(() => 200)
        .catch((thrown: unknown) => refusal(thrown).status);
    expect(await open(undefined, "127.0.0.1")).toBe(200);
    expect(await open(admin, "203.0.113.9")).toBe(200);
    expect(await open(lead, "203.0.113.9")).toBe(404);
  });

  it("is closed on a PostgreSQL server unless DEV_MAILBOX=true, and whenever email goes by SMTP", () => {
    expect(devMailboxOpen({ DATABASE_URL: undefined, DEV_MAILBOX: undefined, MAIL_TRANSPORT: undefined, SMTP_HOST: undefined })).toBe(true);
    expect(devMailboxOpen({ DATABASE_URL: "postgres://db/pp", DEV_MAILBOX: undefined, MAIL_TRANSPORT: undefined, SMTP_HOST: undefined })).toBe(false);
    expect(devMailboxOpen({ DATABASE_URL: "postgres://db/pp", DEV_MAILBOX: "true", MAIL_TRANSPORT: undefined, SMTP_HOST: undefined })).toBe(true);
    expect(devMailboxOpen({ DATABASE_URL: undefined, DEV_MAILBOX: "false", MAIL_TRANSPORT: undefined, SMTP_HOST: undefined })).toBe(false);
    expect(devMailboxOpen({ DATABASE_URL: undefined, DEV_MAILBOX: "true", MAIL_TRANSPORT: undefined, SMTP_HOST: "smtp.example" })).toBe(false);
  });

  it("takes only loopback addresses as this machine", () => {
    const plain = new Request(`${ORIGIN}/dev/mail`);
    for (const ip of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(fromThisMachine(plain, from(ip))).toBe(true);
    for (const ip of ["10.0.0.1", "192.168.1.5", "::ffff:10.0.0.1", "1127.0.0.1", "unknown", ""]) expect(fromThisMachine(plain, from(ip))).toBe(false);
  });
});

describe("how long emails are kept", () => {
  it("removes and stops showing an email once it is a day old", async () => {
    const dir = process.env.MAIL_DIR!;
    await mkdir(dir, { recursive: true });
    const old = `${Date.now() - MAIL_KEPT_MS - 1000}-0ld0ld00`;
    const young = `${Date.now() - MAIL_KEPT_MS + 60_000}-y0ung000`;
    for (const id of [old, young])
      await writeFile(path.join(dir, `${id}.json`), JSON.stringify({ id, to: "x@example.test", subject: id, text: "", from: "", sentAt: "" }));
    expect(await readStoredEmail(old)).toBeNull();
    expect((await listStoredEmails()).map((e) => e.id)).not.toContain(old);
    expect(await readStoredEmail(young)).not.toBeNull();

    expect(await pruneStoredEmails()).toBe(1);
    const left = await readdir(dir);
    expect(left).not.toContain(`${old}.json`);
    expect(left).toContain(`${young}.json`);
  });
});
