/**
 * Masters coursework against a real database, through the site as a browser would use it: Hannah
 * hands in and replaces her work and gets a receipt; late work is marked late; an approved
 * extension moves her deadline; a handed-in file opens only for her and her university's staff; a
 * council's learner never sees the Masters pages; the records refuse UPDATE and DELETE.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, like, sql } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import {
  auditEvents,
  candidateNumbers,
  courseworkAssignments,
  courseworkExtensionDecisions,
  courseworkExtensionRequests,
  courseworkSubmissions,
  enrolments,
  users,
} from "#db/schema";
import { submissionHashInput } from "~/modules/masters/assignments";
import { submitVersion } from "~/modules/masters/assignments.server";
import { enrolLearner } from "~/modules/programmes/cohorts.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";
import { makeMembership, makeOrganisation, makeUser, signedIn } from "../support/fixtures";
import { get, post, seedDemoWorld, sessionFor, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
const FIRST_MODULE = "critical-practice-and-research-mindedness";
const MODULE = `/programmes/masters/${FIRST_MODULE}`;
const cookies: Record<string, string> = {};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
const docx = (words: string) =>
  zipSync({
    "[Content_Types].xml": strToU8("<Types/>"),
    "word/document.xml": strToU8(`<w:document><w:body><w:p><w:r><w:t>${words}</w:t></w:r></w:p></w:body></w:document>`),
  });

beforeAll(async () => {
  await seedDemoWorld(t.db);
  handle = (await siteHandler()).handle;
  for (const [who, email] of [
    ["hannah", "hannah.clarke@eastbridge.example"],
    ["simon", "simon.fairweather@eastbridge.example"],
    ["zainab", "zainab.hussain@northmoor.example"],
    ["priya", "priya.shah@northmoor.example"],
  ] as const)
    cookies[who] = await sessionFor(t.db, email);
  // Another university, with its own programme lead.
  const westford = await makeOrganisation(t.db, { kind: "university", name: "University of Westford" });
  cookies.otherUniversity = (await signedIn(t.db, westford.id, "programme_lead", "Olu Bright")).cookie;
}, 180_000);

async function hannah() {
  const [row] = await t.db
    .select({ enrolment: enrolments })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(users.email, "hannah.clarke@eastbridge.example"));
  // The first module's assignment, open (the demo world's later modules are marked already).
  const [assignment] = await t.db
    .select()
    .from(courseworkAssignments)
    .where(and(eq(courseworkAssignments.cohortId, row!.enrolment.cohortId!), eq(courseworkAssignments.moduleSlug, FIRST_MODULE)));
  return { enrolment: row!.enrolment, assignment: assignment! };
}

const versionsOf = async (enrolmentId: string) =>
  t.db
    .select({ submission: courseworkSubmissions })
    .from(courseworkSubmissions)
    .innerJoin(courseworkAssignments, eq(courseworkAssignments.id, courseworkSubmissions.assignmentId))
    .where(and(eq(courseworkSubmissions.enrolmentId, enrolmentId), eq(courseworkAssignments.moduleSlug, FIRST_MODULE)))
    .orderBy(desc(courseworkSubmissions.version))
    .then((rows) => rows.map((r) => r.submission));

function handIn(body: string, file?: { name: string; bytes: Uint8Array; type: string }) {
  const form = new FormData();
  form.set("intent", "hand-in");
  form.set("body", body);
  if (file) form.set("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  return form;
}

describe("handing in", () => {
  it("shows Hannah her assignment, deadline and candidate number on the module page", async () => {
    const response = await handle(get(MODULE, cookies.hannah));
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("Your assignment");
    expect(html).toContain("Your deadline");
    const { enrolment } = await hannah();
    const [number] = await t.db.select().from(candidateNumbers).where(eq(candidateNumbers.enrolmentId, enrolment.id));
    expect(html).toContain(number!.number);
  });

  it("keeps each hand-in as a new version with a receipt of its SHA-256, and counts a Word document's words", async () => {
    const { enrolment } = await hannah();
    const first = await handle(post(MODULE, handIn("My practice question is about conferences.", { name: "essay.pdf", bytes: PDF, type: "application/pdf" }), cookies.hannah));
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${MODULE}?handedIn=1#receipt`);
    const second = await handle(
      post(MODULE, handIn("", { name: "essay.docx", bytes: docx("one two three four five"), type: "application/octet-stream" }), cookies.hannah),
    );
    expect(second.headers.get("location")).toBe(`${MODULE}?handedIn=2#receipt`);
    const [v2, v1] = await versionsOf(enrolment.id);
    expect([v1!.version, v2!.version]).toEqual([1, 2]);
    expect(v1!.wordCount).toBe(6); // the text; a PDF's words are not counted
    expect(v2!.wordCount).toBe(5); // the Word document's
    expect(v2!.late).toBe(false);
    const pdfHash = createHash("sha256").update(PDF).digest("hex");
    expect(v1!.contentHash).toBe(
      createHash("sha256").update(submissionHashInput("My practice question is about conferences.", [pdfHash])).digest("hex"),
    );
    const receipt = await (await handle(get(`${MODULE}?handedIn=2`, cookies.hannah))).text();
    expect(receipt).toContain("Receipt: version 2 handed in");
    expect(receipt).toContain(v2!.contentHash);
  });

  it("refuses a file that is not a PDF or Word document by its bytes, keeping what was typed", async () => {
    const response = await handle(
      post(MODULE, handIn("Kept text", { name: "essay.pdf", bytes: Buffer.from("not a pdf at all"), type: "application/pdf" }), cookies.hannah),
    );
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(html).toContain("The file must be a PDF or a Word document (DOCX)");
    expect(html).toContain("Kept text");
  });

  it("flags over-length work for the marker without refusing it", async () => {
    const { enrolment, assignment } = await hannah();
    const response = await handle(post(MODULE, handIn("word ".repeat(assignment.wordLimit + 1)), cookies.hannah));
    expect(response.status).toBe(302);
    const [latest] = await versionsOf(enrolment.id);
    expect(latest!.wordCount).toBe(assignment.wordLimit + 1);
    expect(latest!.overLength).toBe(true);
  });

  it("marks a version handed in after the deadline late", async () => {
    const { enrolment, assignment } = await hannah();
    const hannahId = enrolment.userId;
    const actor = { userId: hannahId, role: "learner", organisationId: assignment.organisationId };
    const after = new Date(assignment.deadline.getTime() + 1);
    const result = await submitVersion(actor, assignment, enrolment, { body: "Late work", file: null, keepFileIds: [] }, after);
    expect(result).toMatchObject({ ok: true, late: true });
  });
});

describe("extensions", () => {
  it("moves Hannah's deadline when Simon approves, and the decision is audited and cannot be changed", async () => {
    const { enrolment, assignment } = await hannah();
    const ask = new FormData();
    ask.set("intent", "request-extension");
    ask.set("reasons", "I was in hospital for a week.");
    const wanted = new Date(assignment.deadline.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    ask.set("deadlineDay", wanted);
    ask.set("deadlineTime", "12:00");
    expect((await handle(post(MODULE, ask, cookies.hannah))).status).toBe(302);
    const [request] = await t.db.select().from(courseworkExtensionRequests).where(eq(courseworkExtensionRequests.enrolmentId, enrolment.id));
    const lead = `/organisation/assignments/${assignment.id}`;
    const page = await (await handle(get(lead, cookies.simon))).text();
    expect(page).toContain("I was in hospital for a week.");
    const decide = new URLSearchParams({ intent: "decide-extension", requestId: request!.id, outcome: "approved", deadlineDay: wanted, deadlineTime: "12:00", note: "" });
    expect((await handle(post(lead, decide, cookies.simon))).status).toBe(302);
    const [decision] = await t.db.select().from(courseworkExtensionDecisions).where(eq(courseworkExtensionDecisions.requestId, request!.id));
    expect(decision!.outcome).toBe("approved");
    expect(decision!.decidedByRole).toBe("programme_lead");
    const moduleHtml = await (await handle(get(MODULE, cookies.hannah))).text();
    expect(moduleHtml).toContain("(with your extension)");
    const audited = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(like(auditEvents.action, "coursework.extension%"))
      .orderBy(asc(auditEvents.id));
    expect(audited.map((r) => r.action)).toEqual(["coursework.extension_requested", "coursework.extension_approved"]);
    // A second decision on the same request is refused; the first cannot be rewritten.
    expect((await handle(post(lead, decide, cookies.simon))).status).toBe(400);
    expect(await failureOf(t.db.update(courseworkExtensionDecisions).set({ outcome: "refused" }).where(eq(courseworkExtensionDecisions.requestId, request!.id)))).toMatch(/append-only/);
    expect(await failureOf(t.db.delete(courseworkSubmissions).where(eq(courseworkSubmissions.enrolmentId, enrolment.id)))).toMatch(/append-only/);
  });
});

describe("who may open a handed-in file", () => {
  it("is Hannah and her university's staff; another learner and another university's staff are told it does not exist", async () => {
    const { enrolment } = await hannah();
    const [withFile] = (await versionsOf(enrolment.id)).filter((v) => v.fileIds.length).slice(-1);
    const url = `/coursework/files/${withFile!.fileIds[0]}`;
    const hannahGets = await handle(get(url, cookies.hannah));
    expect(hannahGets.status).toBe(200);
    expect(Buffer.from(await hannahGets.arrayBuffer())).toEqual(PDF);
    expect(hannahGets.headers.get("cache-control")).toBe("private, no-store");
    expect((await handle(get(url, cookies.simon))).status).toBe(200);
    for (const who of ["zainab", "priya", "otherUniversity"]) {
      const response = await handle(get(url, cookies[who]));
      expect(response.status, who).toBe(404);
    }
    expect((await handle(get(url))).status).toBe(302);
  });
});

describe("a council's learner", () => {
  it("sees no assignment on the Masters module page and cannot hand in, nor open the lead's pages", async () => {
    const html = await (await handle(get(MODULE, cookies.zainab))).text();
    expect(html).not.toContain("Your assignment");
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(courseworkSubmissions);
    expect((await handle(post(MODULE, handIn("Not mine to hand in"), cookies.zainab))).status).toBe(403);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(courseworkSubmissions);
    expect(after).toEqual(before);
    expect((await handle(get("/organisation/assignments", cookies.zainab))).status).toBe(403);
    expect((await handle(get("/organisation/assignments", cookies.priya))).status).toBe(403);
  });

  it("another university's lead does not see Eastbridge's assignment", async () => {
    const { assignment } = await hannah();
    expect((await handle(get(`/organisation/assignments/${assignment.id}`, cookies.otherUniversity))).status).toBe(404);
    const list = await (await handle(get("/organisation/assignments", cookies.otherUniversity))).text();
    expect(list).not.toContain("Critical practice and research-mindedness</a>");
  });
});

describe("candidate numbers", () => {
  it("are given on enrolment to a Masters cohort, one per learner, unique in the cohort", async () => {
    const { enrolment } = await hannah();
    const [simon] = await t.db.select().from(users).where(eq(users.email, "simon.fairweather@eastbridge.example"));
    const learner = await makeUser(t.db, { name: "Priti Lal" });
    const supervisor = await makeUser(t.db, { name: "Dev Anand" });
    await makeMembership(t.db, { userId: learner.id, organisationId: enrolment.organisationId!, role: "learner" });
    await makeMembership(t.db, { userId: supervisor.id, organisationId: enrolment.organisationId!, role: "supervisor" });
    const result = await enrolLearner(
      { userId: simon!.id, role: "programme_lead", organisationId: enrolment.organisationId! },
      enrolment.cohortId!,
      { learnerId: learner.id, supervisorId: supervisor.id, startedOn: "2026-09-07" },
    );
    expect(result.ok).toBe(true);
    const numbers = await t.db.select().from(candidateNumbers).where(eq(candidateNumbers.cohortId, enrolment.cohortId!));
    expect(numbers.map((n) => n.enrolmentId)).toContain((result as { enrolmentId: string }).enrolmentId);
    expect(new Set(numbers.map((n) => n.number)).size).toBe(numbers.length);
  });
});

describe("opening an assignment", () => {
  it("lets Simon open another module for the cohort, taking the word limit from the brief, and refuses a past deadline", async () => {
    const { enrolment } = await hannah();
    const list = await (await handle(get("/organisation/assignments", cookies.simon))).text();
    expect(list).toContain("Critical practice and research-mindedness");
    const target = `${enrolment.cohortId}:practice-research-dissertation`;
    const past = await handle(post("/organisation/assignments", new URLSearchParams({ target, deadlineDay: "2020-01-01", deadlineTime: "12:00" }), cookies.simon));
    expect(past.status).toBe(400);
    expect(await past.text()).toContain("The deadline must be in the future");
    const ok = await handle(post("/organisation/assignments", new URLSearchParams({ target, deadlineDay: "2099-06-01", deadlineTime: "12:00" }), cookies.simon));
    expect(ok.status).toBe(302);
    const [opened] = await t.db
      .select()
      .from(courseworkAssignments)
      .where(and(eq(courseworkAssignments.cohortId, enrolment.cohortId!), eq(courseworkAssignments.moduleSlug, "practice-research-dissertation")));
    expect(opened!.wordLimit).toBe(15000);
  });
});

describe("two hand-ins at once", () => {
  it("are kept as two versions, one after the other", async () => {
    const { enrolment, assignment } = await hannah();
    const actor = { userId: enrolment.userId, role: "learner", organisationId: assignment.organisationId };
    const before = (await versionsOf(enrolment.id))[0]!.version;
    const results = await Promise.all(
      ["First tab", "Second tab"].map((body) => submitVersion(actor, assignment, enrolment, { body, file: null, keepFileIds: [] })),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await versionsOf(enrolment.id)).slice(0, 2).map((v) => v.version).sort()).toEqual([before + 1, before + 2]);
  });
});
