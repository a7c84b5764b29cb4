/**
 * Limits on what comes in, against the real server (the Express layer sets them): a form carries
 * at most 1 MB, an evidence form one file of at most 10 MB; a larger body is answered 413 with a
 * page that says what to do, from its declared length, without being read; a body with no declared
 * length is refused; a file part the form does not ask for is refused, not kept. Stripe's webhook alone
 * skips the same-origin check, because it checks Stripe's signature (ADR 027).
 */
import { removeMailboxes, signIn, startServer, type Running } from "../support/live-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const dir = mkdtempSync(path.join(tmpdir(), "pp-limits-"));
let server: Running;
let nqsw: string;
let year: string;

beforeAll(async () => {
  server = await startServer({ PGLITE_DIR: path.join(dir, "data"), DATABASE_URL: "" });
  nqsw = await signIn(server.base, "amara.nwosu@northmoor.example");
  const learning = await (await fetch(`${server.base}/learning`, { headers: { Cookie: nqsw } })).text();
  year = /href="(\/year\/[0-9a-f-]{36})"/.exec(learning)![1]!;
}, 180_000);

afterAll(async () => {
  if (server?.proc.exitCode === null) {
    server.proc.kill("SIGTERM");
    await server.exited;
  }
  removeMailboxes();
  rmSync(dir, { recursive: true, force: true });
});

const post = (pathname: string, body: BodyInit, headers: Record<string, string> = {}, cookie: string | null = nqsw) =>
  fetch(`${server.base}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: server.base, ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body,
    signal: AbortSignal.timeout(30_000),
  });

test("a 60 MB body gets 413 at once, with a page saying what to do", async () => {
  const started = performance.now();
  const response = await post(
    "/sign-in",
    new Uint8Array(60 * 1024 * 1024),
    { "Content-Type": "application/x-www-form-urlencoded" },
    null,
  );
  const page = await response.text();
  expect(response.status).toBe(413);
  expect(page).toContain("That was too much to send");
  expect(page).toContain("at most 1 MB of text");
  // About 0.3 s here: the body is read past, never kept. The bound is for a busy test machine.
  expect(performance.now() - started).toBeLessThan(5_000);
});

test("a form just over 1 MB is refused; one under it is read", async () => {
  const big = new URLSearchParams({ email: "a@example.test", password: "x".repeat(1024 * 1024) });
  expect((await post("/sign-in", big, {}, null)).status).toBe(413);
  const fine = new URLSearchParams({ email: "nobody@example.test", password: "x".repeat(1000) });
  expect((await post("/sign-in", fine, {}, null)).status).toBe(400);
});

test("an evidence form with a file over 10 MB is refused before it is read, saying the file's limit", async () => {
  const form = new FormData();
  form.set("title", "Reflection on a home visit");
  form.set("file", new Blob([new Uint8Array(12 * 1024 * 1024)], { type: "application/pdf" }), "visit.pdf");
  const response = await post(`${year}/portfolio/new?kind=written_work`, form);
  expect(response.status).toBe(413);
  expect(await response.text()).toContain("A file must be 10 MB or smaller");
});

test("a file part the form does not ask for is refused, and the form comes back with what was typed", async () => {
  const form = new FormData();
  form.set("title", "Written work on capacity");
  form.set("file", new Blob(["%PDF-1.4 a small pdf"], { type: "application/pdf" }), "capacity.pdf");
  form.set("extra", new Blob(["%PDF-1.4 another"], { type: "application/pdf" }), "extra.pdf");
  const response = await post(`${year}/portfolio/new?kind=written_work`, form);
  expect(response.status).toBe(400);
  const page = await response.text();
  expect(page).toContain("Add one file at a time");
  expect(page).toContain("Written work on capacity");
});

test("a body sent without a declared length is refused", async () => {
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("email=a%40example.test&password=x"));
      controller.close();
    },
  });
  const response = await fetch(`${server.base}/sign-in`, {
    method: "POST",
    headers: { Origin: server.base, "Content-Type": "application/x-www-form-urlencoded" },
    body: stream,
    duplex: "half",
  });
  expect(response.status).toBe(411);
});

test("Stripe's webhook is let past the same-origin check only to have its signature checked: an unsigned post is refused", async () => {
  const event = JSON.stringify({ id: "evt_unsigned", object: "event", type: "checkout.session.completed", data: { object: {} } });
  // As Stripe posts: no Origin, no cookie. Any other path is refused for the missing Origin (403) …
  const elsewhere = await fetch(`${server.base}/organisation/places`, { method: "POST", headers: { "Content-Type": "application/json" }, body: event });
  expect(elsewhere.status).toBe(403);
  // … the webhook reaches its route, which refuses it for the missing and the forged signature (400), not the Origin.
  const unsigned = await fetch(`${server.base}/payments/webhook`, { method: "POST", headers: { "Content-Type": "application/json" }, body: event });
  expect(unsigned.status).toBe(400);
  const forged = await fetch(`${server.base}/payments/webhook`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
    body: event,
  });
  expect(forged.status).toBe(400);
  // And it reads no more than a Stripe event needs.
  const huge = await fetch(`${server.base}/payments/webhook`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "x".repeat(300 * 1024) });
  expect(huge.status).toBe(413);
});
