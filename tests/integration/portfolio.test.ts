/**
 * The portfolio of evidence against a real database: who may open a learner's portfolio
 * (through the routes, with real session cookies), versions that are never rewritten, files
 * judged by their bytes, lesson reflections sent once, and drafts that stay their writer's.
 */
import type { AppLoadContext } from "@remix-run/node";
import { format, subDays } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { enrolments, evidenceVersions, type organisations } from "#db/schema";
import { discardDraft, loadDraft, saveDraft } from "~/modules/drafts/drafts.server";
import { requireYearAccess } from "~/modules/first-year/access.server";
import { requirePortfolio } from "~/modules/portfolio/access.server";
import { MAX_FILE_BYTES } from "~/modules/portfolio/files";
import {
  createEvidence,
  evidenceForEnrolments,
  findEvidence,
  listEvidence,
  readEvidenceFile,
  reviseEvidence,
  sendToPortfolio,
  type EvidenceInput,
  type PortfolioActor,
  type UploadedFile,
} from "~/modules/portfolio/portfolio.server";
import { readEvidenceSubmission } from "~/modules/portfolio/submission.server";
import * as evidencePage from "~/routes/year.$enrolmentId.portfolio.$itemId._index";
import * as fileDownload from "~/routes/year.$enrolmentId.portfolio.$itemId.files.$fileId";
import * as portfolioPage from "~/routes/year.$enrolmentId.portfolio._index";
import * as yearPage from "~/routes/year.$enrolmentId._index";
import * as newEvidence from "~/routes/year.$enrolmentId.portfolio.new";
import type { CurrentUser } from "~/utils/auth.server";
import { withTestDatabase } from "../support/database";
import { writeTestManifest } from "../support/manifest";
import { failureOf } from "../support/errors";
import { makeOrganisation, ORIGIN, signedIn } from "../support/fixtures";

const manifestFile = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const file = join(mkdtempSync(join(tmpdir(), "pp-portfolio-")), "manifest.json");
  vi.stubEnv("CONTENT_MANIFEST", file);
  return file;
});

writeTestManifest(manifestFile);

const t = withTestDatabase();

type Org = typeof organisations.$inferSelect;
type Role = "learner" | "supervisor" | "programme_lead";
type Enrolment = typeof enrolments.$inferSelect;

/** What a loader or action throws: a Response (redirect) or data() with a status. */
type Thrown = Response | { init: ResponseInit | null; data: { message?: string } };

const context = { cspNonce: "test-nonce", clientIp: "203.0.113.7" } as AppLoadContext;
const yesterday = () => format(subDays(new Date(), 1), "yyyy-MM-dd");

/** A person signed in for real: a session row, and the cookie the browser would send back. */
interface Person {
  userId: string;
  name: string;
  cookie: string;
  current: CurrentUser;
}

const signIn = (org: Org, role: Role, name: string): Promise<Person> => signedIn(t.db, org.id, role, name);

async function enrol(learner: Person, org: Org, supervisor: Person | null, pathway = "child-family") {
  const [row] = await t.db
    .insert(enrolments)
    .values({
      userId: learner.userId,
      programmeSlug: "asye",
      organisationId: org.id,
      supervisorId: supervisor?.userId ?? null,
      startedOn: "2026-09-07",
      pathway,
    })
    .returning();
  return row!;
}

function get(person: Person | null, path: string) {
  return new Request(`${ORIGIN}${path}`, { headers: person ? { Cookie: person.cookie } : {} });
}

function post(person: Person | null, path: string, body: FormData) {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: person ? { Cookie: person.cookie } : {},
  });
}

async function thrownBy(run: () => Promise<unknown>): Promise<Thrown> {
  try {
    await run();
  } catch (thrown) {
    return thrown as Thrown;
  }
  throw new Error("It did not throw");
}

function statusOf(thrown: Thrown) {
  return thrown instanceof Response ? thrown.status : (thrown.init?.status ?? 200);
}

function messageOf(thrown: Thrown) {
  return thrown instanceof Response ? "" : (thrown.data.message ?? "");
}

function actorFor(person: Person, role: string, enrolment: Enrolment): PortfolioActor {
  return { userId: person.userId, role, organisationId: enrolment.organisationId, ipAddress: "203.0.113.7" };
}

const input = (overrides: Partial<EvidenceInput> = {}): EvidenceInput => ({
  title: "Home visit with the Okafor family",
  occurredOn: yesterday(),
  body: "I explained why we were there and listened before asking about the school's concerns.",
  capabilities: ["PCF-1", "PCF-6"],
  details: {},
  ...overrides,
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

function pdfUpload(name = "observation-notes.pdf"): UploadedFile {
  return { name, bytes: PDF, check: { ok: true, kind: "pdf", contentType: "application/pdf" } };
}

/** The evidence form as a browser sends it, with a file chosen. */
function evidenceForm(file: File | null, overrides: Record<string, string> = {}) {
  const form = new FormData();
  const fields = {
    title: "Strategy discussion, Tuesday",
    occurredOn: yesterday(),
    body: "I set out what the school told us and what the family said, and kept them apart.",
    ...overrides,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("capabilities", "PCF-1");
  form.append("capabilities", "PCF-6");
  if (file) form.append("file", file);
  return form;
}

let north: Org;
let south: Org;
let amara: Person; // learner in North, the owner of the portfolio
let daniel: Person; // Amara's supervisor in North
let helen: Person; // another supervisor in North
let ben: Person; // another learner in North
let leadNorth: Person;
let chloe: Person; // learner in South
let sam: Person; // Chloe's supervisor in South
let leadSouth: Person;
let amaraYear: Enrolment;
let benYear: Enrolment;
let chloeYear: Enrolment;

beforeAll(async () => {
  north = await makeOrganisation(t.db, { name: "North Borough Council" });
  south = await makeOrganisation(t.db, { name: "South County Council" });
  amara = await signIn(north, "learner", "Amara Okoye");
  daniel = await signIn(north, "supervisor", "Daniel Reid");
  helen = await signIn(north, "supervisor", "Helen Shaw");
  ben = await signIn(north, "learner", "Ben Marsh");
  leadNorth = await signIn(north, "programme_lead", "Priya Lead");
  chloe = await signIn(south, "learner", "Chloe Dunn");
  sam = await signIn(south, "supervisor", "Sam Ortiz");
  leadSouth = await signIn(south, "programme_lead", "Omar Lead");
  amaraYear = await enrol(amara, north, daniel);
  benYear = await enrol(ben, north, helen);
  chloeYear = await enrol(chloe, south, sam);
});

describe("who may open a learner's portfolio", () => {
  it("is the learner, their own supervisor and their organisation's programme lead; anyone else gets 404", async () => {
    expect((await requireYearAccess(amara.current, amaraYear.id)).party).toBe("learner");
    expect((await requireYearAccess(daniel.current, amaraYear.id)).party).toBe("supervisor");
    expect((await requireYearAccess(leadNorth.current, amaraYear.id)).party).toBe("programme_lead");
    for (const outsider of [helen, ben, leadSouth, sam]) {
      const thrown = await thrownBy(() => requireYearAccess(outsider.current, amaraYear.id));
      expect(statusOf(thrown), outsider.name).toBe(404);
      expect(messageOf(thrown)).toMatch(/could not find that learner's year/);
    }
  });

  it("finds an item or a file only through the enrolment it belongs to", async () => {
    const item = (await createEvidence(
      amaraYear.id,
      actorFor(amara, "learner", amaraYear),
      "reflective_log",
      input(),
      pdfUpload(),
    ))!;
    const [file] = (await findEvidence(amaraYear.id, item.id))!.files;
    expect(await findEvidence(amaraYear.id, item.id)).not.toBeNull();
    expect(await readEvidenceFile(amaraYear.id, item.id, file!.id)).not.toBeNull();

    for (const other of [benYear.id, chloeYear.id]) {
      expect(await findEvidence(other, item.id)).toBeNull();
      expect(await readEvidenceFile(other, item.id, file!.id)).toBeNull();
    }
    // A file id under another item of the same learner is not that item's file either.
    const second = (await createEvidence(amaraYear.id, actorFor(amara, "learner", amaraYear), "cpd", {
      ...input({ title: "Thresholds training" }),
      details: { impact: "I now check the threshold document before every referral." },
    }))!;
    expect(await readEvidenceFile(amaraYear.id, second.id, file!.id)).toBeNull();
    expect(await findEvidence(amaraYear.id, "not-a-uuid")).toBeNull();
    expect(await readEvidenceFile(amaraYear.id, item.id, "../../etc/passwd")).toBeNull();
  });
});

describe("the portfolio pages, with a real signed-in request", () => {
  let itemId: string;
  let fileId: string;
  let chloeItemId: string;
  let chloeFileId: string;

  beforeAll(async () => {
    const item = (await createEvidence(
      amaraYear.id,
      actorFor(amara, "learner", amaraYear),
      "written_work",
      input({ title: "Child and family assessment", details: { documentType: "Child and family assessment" } }),
      pdfUpload("assessment.pdf"),
    ))!;
    itemId = item.id;
    fileId = (await findEvidence(amaraYear.id, itemId))!.files[0]!.id;
    const chloes = (await createEvidence(
      chloeYear.id,
      actorFor(chloe, "learner", chloeYear),
      "reflective_log",
      input({ title: "Chloe's first month" }),
      pdfUpload("chloe.pdf"),
    ))!;
    chloeItemId = chloes.id;
    chloeFileId = (await findEvidence(chloeYear.id, chloeItemId))!.files[0]!.id;
  });

  const portfolioPath = (enrolmentId: string) => `/year/${enrolmentId}/portfolio`;

  it("shows the portfolio to the learner, their supervisor and their programme lead", async () => {
    for (const [person, party] of [
      [amara, "learner"],
      [daniel, "supervisor"],
      [leadNorth, "programme_lead"],
    ] as const) {
      const page = await portfolioPage.loader({
        request: get(person, portfolioPath(amaraYear.id)),
        params: { enrolmentId: amaraYear.id },
        context,
      });
      expect(page.party, person.name).toBe(party);
      expect(page.learnerName).toBe("Amara Okoye");
      expect(page.evidence.map((e) => e.title)).toContain("Child and family assessment");
    }
  });

  it("answers 404 to another supervisor, another learner and another organisation's staff, and sends the signed-out to sign in", async () => {
    for (const outsider of [helen, ben, sam, leadSouth]) {
      const thrown = await thrownBy(() =>
        portfolioPage.loader({
          request: get(outsider, portfolioPath(amaraYear.id)),
          params: { enrolmentId: amaraYear.id },
          context,
        }),
      );
      expect(statusOf(thrown), outsider.name).toBe(404);
    }
    const signedOut = await thrownBy(() =>
      portfolioPage.loader({
        request: get(null, portfolioPath(amaraYear.id)),
        params: { enrolmentId: amaraYear.id },
        context,
      }),
    );
    expect(statusOf(signedOut)).toBe(302);
    expect((signedOut as Response).headers.get("Location")).toBe(
      `/sign-in?redirectTo=${encodeURIComponent(portfolioPath(amaraYear.id))}`,
    );
  });

  it("opens a piece of evidence only through its own learner's year", async () => {
    const page = await evidencePage.loader({
      request: get(daniel, `${portfolioPath(amaraYear.id)}/${itemId}`),
      params: { enrolmentId: amaraYear.id, itemId },
      context,
    });
    expect(page.title).toBe("Child and family assessment");
    expect(page.files.map((f) => f.fileName)).toEqual(["assessment.pdf"]);

    // Sam supervises Chloe: he cannot reach Amara's item through Amara's year, nor through Chloe's.
    for (const enrolmentId of [amaraYear.id, chloeYear.id]) {
      const thrown = await thrownBy(() =>
        evidencePage.loader({
          request: get(sam, `${portfolioPath(enrolmentId)}/${itemId}`),
          params: { enrolmentId, itemId },
          context,
        }),
      );
      expect(statusOf(thrown), enrolmentId).toBe(404);
    }
    // Amara cannot read Chloe's item by putting its id under her own year.
    const swapped = await thrownBy(() =>
      evidencePage.loader({
        request: get(amara, `${portfolioPath(amaraYear.id)}/${chloeItemId}`),
        params: { enrolmentId: amaraYear.id, itemId: chloeItemId },
        context,
      }),
    );
    expect(statusOf(swapped)).toBe(404);
    expect(messageOf(swapped)).toMatch(/could not find that evidence/);
  });

  it("downloads a file, as the same bytes, only for someone who may open the year", async () => {
    const path = `${portfolioPath(amaraYear.id)}/${itemId}/files/${fileId}`;
    for (const person of [amara, daniel, leadNorth]) {
      const response = await fileDownload.loader({
        request: get(person, path),
        params: { enrolmentId: amaraYear.id, itemId, fileId },
        context,
      });
      expect(response.status, person.name).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="assessment\.pdf"/);
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
    }
    for (const outsider of [helen, ben, sam, leadSouth]) {
      const thrown = await thrownBy(() =>
        fileDownload.loader({
          request: get(outsider, path),
          params: { enrolmentId: amaraYear.id, itemId, fileId },
          context,
        }),
      );
      expect(statusOf(thrown), outsider.name).toBe(404);
    }
    // Chloe's file, asked for under Amara's year and item, or under Amara's year and Chloe's item.
    for (const params of [
      { enrolmentId: amaraYear.id, itemId, fileId: chloeFileId },
      { enrolmentId: amaraYear.id, itemId: chloeItemId, fileId: chloeFileId },
    ]) {
      const thrown = await thrownBy(() =>
        fileDownload.loader({
          request: get(amara, `/year/${params.enrolmentId}/portfolio/${params.itemId}/files/${params.fileId}`),
          params,
          context,
        }),
      );
      expect(statusOf(thrown)).toBe(404);
    }
  });

  it("refuses new evidence from another organisation's supervisor (404) and a direct observation from the learner (403)", async () => {
    const path = (kind: string) => `${portfolioPath(amaraYear.id)}/new?kind=${kind}`;
    const before = (await listEvidence(amaraYear.id)).length;

    const fromSam = await thrownBy(() =>
      newEvidence.action({
        request: post(sam, path("direct_observation"), evidenceForm(null)),
        params: { enrolmentId: amaraYear.id },
        context,
      }),
    );
    expect(statusOf(fromSam)).toBe(404);

    const fromAmara = await thrownBy(() =>
      newEvidence.action({
        request: post(
          amara,
          path("direct_observation"),
          evidenceForm(null, { "details.setting": "Home visit", "details.judgement": "meets" }),
        ),
        params: { enrolmentId: amaraYear.id },
        context,
      }),
    );
    expect(statusOf(fromAmara)).toBe(403);
    expect(messageOf(fromAmara)).toMatch(/recorded by the observer/);

    const fromLead = await thrownBy(() =>
      newEvidence.action({
        request: post(leadNorth, path("reflective_log"), evidenceForm(null)),
        params: { enrolmentId: amaraYear.id },
        context,
      }),
    );
    expect(statusOf(fromLead)).toBe(403);
    expect(messageOf(fromLead)).toMatch(/programme lead and the team manager read the portfolio/);

    expect((await listEvidence(amaraYear.id)).length).toBe(before);
  });

  it("adds the learner's evidence with its file, and puts the text back when the file is refused", async () => {
    const path = `${portfolioPath(amaraYear.id)}/new?kind=reflective_log`;
    const refused = await newEvidence.action({
      request: post(
        amara,
        path,
        evidenceForm(new File(["just notes"], "notes.pdf", { type: "application/pdf" }), {
          title: "Court report feedback",
        }),
      ),
      params: { enrolmentId: amaraYear.id },
      context,
    });
    expect(refused.init?.status).toBe(400);
    expect(refused.data.errors.file).toMatch(/must be a PDF/);
    expect(refused.data.values.title).toBe("Court report feedback");

    const redirected = await thrownBy(() =>
      newEvidence.action({
        request: post(
          amara,
          path,
          evidenceForm(new File([PDF], "court-report.pdf", { type: "application/pdf" }), {
            title: "Court report feedback",
          }),
        ),
        params: { enrolmentId: amaraYear.id },
        context,
      }),
    );
    expect(statusOf(redirected)).toBe(302);
    const location = (redirected as Response).headers.get("Location")!;
    const match = new RegExp(`^/year/${amaraYear.id}/portfolio/([0-9a-f-]{36})\\?added=1$`).exec(location);
    expect(match).not.toBeNull();
    const added = (await findEvidence(amaraYear.id, match![1]))!;
    expect(added).toMatchObject({ kind: "reflective_log", currentVersion: 1, createdByRole: "learner" });
    expect(added.versions[0]!.version.title).toBe("Court report feedback");
    expect(added.files.map((f) => f.fileName)).toEqual(["court-report.pdf"]);
  });
});

describe("versions of a piece of evidence", () => {
  it("keep every earlier version as it was when an edit is saved", async () => {
    const actor = actorFor(amara, "learner", amaraYear);
    const item = (await createEvidence(amaraYear.id, actor, "reflective_log", input({ title: "First supervision" })))!;
    const first = (await findEvidence(amaraYear.id, item.id))!;
    expect(first.currentVersion).toBe(1);
    expect(first.versions.map((v) => v.version.version)).toEqual([1]);
    const v1 = first.versions[0]!.version;

    const revised = await reviseEvidence(
      amaraYear.id,
      item.id,
      actor,
      1,
      input({ title: "First supervision, revisited", body: "Looking back, I asked for help too late." }),
    );
    expect(revised).toEqual({ ok: true, version: 2, changed: true });

    const after = (await findEvidence(amaraYear.id, item.id))!;
    expect(after.currentVersion).toBe(2);
    expect(after.versions.map((v) => v.version.version)).toEqual([2, 1]);
    expect(after.versions[0]!.version).toMatchObject({
      title: "First supervision, revisited",
      body: "Looking back, I asked for help too late.",
    });
    expect(after.versions[0]!.version.contentHash).not.toBe(v1.contentHash);
    const kept = after.versions[1]!.version;
    expect(kept).toMatchObject({ title: "First supervision", body: v1.body, contentHash: v1.contentHash });
    expect(kept.title).toBe(v1.title);
  });

  it("do not grow when the same content is saved again, even with spaces or ticks in another order", async () => {
    const actor = actorFor(amara, "learner", amaraYear);
    const item = (await createEvidence(amaraYear.id, actor, "reflective_log", input({ title: "Duty week" })))!;
    expect(await reviseEvidence(amaraYear.id, item.id, actor, 1, input({ title: "Duty week" }))).toEqual({
      ok: true,
      version: 1,
      changed: false,
    });
    expect(
      await reviseEvidence(
        amaraYear.id,
        item.id,
        actor,
        1,
        input({ title: "  Duty week  ", capabilities: ["PCF-6", "PCF-1"] }),
      ),
    ).toEqual({ ok: true, version: 1, changed: false });
    expect((await findEvidence(amaraYear.id, item.id))!.versions).toHaveLength(1);
  });

  it("name version 1 by the hash of what was stored, so a capability ticked twice or a blank detail changes nothing", async () => {
    const actor = actorFor(amara, "learner", amaraYear);
    const first = input({ title: "Core group", capabilities: ["PCF-1", "PCF-1", "PCF-6"], details: { from: " " } });
    const item = (await createEvidence(amaraYear.id, actor, "feedback_professional", first))!;
    expect(await reviseEvidence(amaraYear.id, item.id, actor, 1, first)).toEqual({
      ok: true,
      version: 1,
      changed: false,
    });
  });

  it("refuse an edit made on a version someone has since replaced", async () => {
    const actor = actorFor(amara, "learner", amaraYear);
    const item = (await createEvidence(amaraYear.id, actor, "reflective_log", input({ title: "Team meeting" })))!;
    expect((await reviseEvidence(amaraYear.id, item.id, actor, 1, input({ title: "Team meeting (1)" }))).ok).toBe(true);
    const stale = await reviseEvidence(amaraYear.id, item.id, actor, 1, input({ title: "Team meeting (other tab)" }));
    expect(stale).toEqual({ ok: false, message: expect.stringMatching(/newer version while you were editing/) });
    const found = (await findEvidence(amaraYear.id, item.id))!;
    expect(found.currentVersion).toBe(2);
    expect(found.versions.map((v) => v.version.title)).toEqual(["Team meeting (1)", "Team meeting"]);
  });

  it("cannot be revised through another learner's year", async () => {
    const item = (await createEvidence(
      amaraYear.id,
      actorFor(amara, "learner", amaraYear),
      "reflective_log",
      input({ title: "Amara's log" }),
    ))!;
    const result = await reviseEvidence(
      chloeYear.id,
      item.id,
      actorFor(chloe, "learner", chloeYear),
      1,
      input({ title: "Overwritten" }),
    );
    expect(result).toEqual({ ok: false, message: "We could not find that evidence." });
    expect((await findEvidence(amaraYear.id, item.id))!.versions.map((v) => v.version.title)).toEqual(["Amara's log"]);
  });

  it("are refused UPDATE and DELETE by the database itself", async () => {
    const item = (await createEvidence(
      amaraYear.id,
      actorFor(amara, "learner", amaraYear),
      "reflective_log",
      input({ title: "Signed-off log" }),
    ))!;
    expect(
      await failureOf(
        t.db.update(evidenceVersions).set({ title: "Forged" }).where(eq(evidenceVersions.itemId, item.id)),
      ),
    ).toMatch(/evidence_versions is append-only: UPDATE refused/);
    expect(await failureOf(t.db.delete(evidenceVersions).where(eq(evidenceVersions.itemId, item.id)))).toMatch(
      /evidence_versions is append-only: DELETE refused/,
    );
    expect(await failureOf(t.db.execute(sql`truncate evidence_versions`))).toMatch(/append-only: TRUNCATE refused/);
    const found = (await findEvidence(amaraYear.id, item.id))!;
    expect(found.versions.map((v) => v.version.title)).toEqual(["Signed-off log"]);
  });
});

describe("a file sent with the evidence form", () => {
  let codes: Set<string>;
  beforeAll(async () => {
    codes = (await requirePortfolio(get(amara, `/year/${amaraYear.id}/portfolio/new`), amaraYear.id)).codes;
    expect(codes.has("PCF-1") && codes.has("PCF-6") && codes.has("KSS-CF-1")).toBe(true);
  });

  const read = (form: FormData) =>
    readEvidenceSubmission(
      post(null, `/year/${amaraYear.id}/portfolio/new?kind=reflective_log`, form),
      "reflective_log",
      codes,
    );

  function expectTypedTextKept(values: Record<string, string | string[]>) {
    expect(values).toMatchObject({
      title: "Strategy discussion, Tuesday",
      body: "I set out what the school told us and what the family said, and kept them apart.",
      occurredOn: yesterday(),
      capabilities: ["PCF-1", "PCF-6"],
    });
  }

  it("is refused when it is text renamed .pdf, with everything typed kept", async () => {
    const result = await read(
      evidenceForm(new File(["These are my notes, honestly a PDF"], "notes.pdf", { type: "application/pdf" })),
    );
    if (result.ok) throw new Error("A text file passed as a PDF");
    expect(result.errors.file).toMatch(/PDF/);
    expect(Object.keys(result.errors)).toEqual(["file"]);
    expectTypedTextKept(result.values);
  });

  it("is refused over 10 MB, saying so, with everything typed kept", async () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF.subarray(0, 16));
    const result = await read(evidenceForm(new File([big], "scan.pdf", { type: "application/pdf" })));
    if (result.ok) throw new Error("An 11 MB file was accepted");
    expect(result.errors.file).toMatch(/10 MB/);
    expect(result.errors.file).toMatch(/Choose a smaller file/);
    expectTypedTextKept(result.values);
  });

  it("asks for the file again when the text has an error, since the browser forgets it", async () => {
    const result = await read(
      evidenceForm(new File([PDF], "observation.pdf", { type: "application/pdf" }), { title: "" }),
    );
    if (result.ok) throw new Error("A form without a title was accepted");
    expect(result.errors.title).toBe("Write a title");
    expect(result.errors.file).toMatch(/Choose observation\.pdf again/);
    expect(result.values.body).toBe("I set out what the school told us and what the family said, and kept them apart.");
  });

  it("is kept, and read back as the same bytes, when it is a real PDF", async () => {
    const result = await read(evidenceForm(new File([PDF], "supervision-notes.pdf", { type: "text/plain" })));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.file?.check.contentType).toBe("application/pdf");
    expect(result.input).toMatchObject({ title: "Strategy discussion, Tuesday", capabilities: ["PCF-1", "PCF-6"] });
    const item = (await createEvidence(
      amaraYear.id,
      actorFor(amara, "learner", amaraYear),
      "reflective_log",
      result.input,
      result.file,
    ))!;
    const [file] = (await findEvidence(amaraYear.id, item.id))!.files;
    expect(file).toMatchObject({ fileName: "supervision-notes.pdf", sizeBytes: PDF.length });
    const stored = await readEvidenceFile(amaraYear.id, item.id, file!.id);
    expect(stored?.file.contentType).toBe("application/pdf");
    expect(Buffer.from(stored!.content).equals(PDF)).toBe(true);
  });
});

describe("a lesson reflection sent to the portfolio", () => {
  it("becomes one item however often it is sent", async () => {
    const actor = actorFor(ben, "learner", benYear);
    const reflection = input({ title: "Reflection: First steps", body: "What I hope for this year." });
    const first = await sendToPortfolio(benYear.id, actor, "lesson-reflection:first-steps-ben", reflection);
    const again = await sendToPortfolio(benYear.id, actor, "lesson-reflection:first-steps-ben", reflection);
    expect(again).toBe(first);
    const items = (await listEvidence(benYear.id)).filter((e) => e.kind === "lesson_reflection");
    expect(items.map((e) => e.id)).toEqual([first]);
    expect(items[0]!.title).toBe("Reflection: First steps");

    // Sent, it is shared: the supervisor finds it on the learner's year page.
    const page = (await yearPage.loader({
      request: get(helen, `/year/${benYear.id}`),
      params: { enrolmentId: benYear.id },
      context,
    })) as unknown as { portfolio: { lessonReflections: { title: string; href: string }[] } };
    expect(page.portfolio.lessonReflections).toEqual([
      { title: "Reflection: First steps", href: `/year/${benYear.id}/portfolio/${first}` },
    ]);
  });
});

describe("drafts of a long form", () => {
  const formKey = () => `evidence-new:${amaraYear.id}:reflective_log`;

  it("are only ever their writer's, are replaced by the next save, and go when discarded", async () => {
    await saveDraft(amara.userId, formKey(), { title: "Half a thought", capabilities: ["PCF-1"] });
    expect(await loadDraft(daniel.userId, formKey())).toBeNull();
    expect((await loadDraft(amara.userId, formKey()))?.fields).toEqual({
      title: "Half a thought",
      capabilities: ["PCF-1"],
    });

    await saveDraft(daniel.userId, formKey(), { title: "Daniel's own" });
    await saveDraft(amara.userId, formKey(), { title: "A whole thought", body: "And more" });
    expect((await loadDraft(amara.userId, formKey()))?.fields).toEqual({ title: "A whole thought", body: "And more" });

    await discardDraft(daniel.userId, formKey());
    expect((await loadDraft(amara.userId, formKey()))?.fields.title).toBe("A whole thought");
    await discardDraft(amara.userId, formKey());
    expect(await loadDraft(amara.userId, formKey())).toBeNull();
  });
});

describe("current evidence for many learners at once", () => {
  it("shows each item's current title after a revision, for every enrolment asked for", async () => {
    const east = await makeOrganisation(t.db);
    const supervisor = await signIn(east, "supervisor", "Grace Field");
    const one = await signIn(east, "learner", "Dev One");
    const two = await signIn(east, "learner", "Eve Two");
    const three = await signIn(east, "learner", "Fay Three");
    const [oneYear, twoYear, threeYear] = [
      await enrol(one, east, supervisor),
      await enrol(two, east, supervisor),
      await enrol(three, east, supervisor),
    ];
    const oneActor = actorFor(one, "learner", oneYear);
    const item = (await createEvidence(oneYear.id, oneActor, "reflective_log", input({ title: "Draft title" })))!;
    await reviseEvidence(oneYear.id, item.id, oneActor, 1, input({ title: "Final title" }));
    await createEvidence(
      twoYear.id,
      actorFor(two, "learner", twoYear),
      "reflective_log",
      input({ title: "Eve's log" }),
    );

    const all = await evidenceForEnrolments([oneYear.id, twoYear.id, threeYear.id]);
    expect([...all.keys()]).toEqual([oneYear.id, twoYear.id, threeYear.id]);
    expect(all.get(oneYear.id)!.map((e) => [e.title, e.version])).toEqual([["Final title", 2]]);
    expect(all.get(twoYear.id)!.map((e) => [e.title, e.version])).toEqual([["Eve's log", 1]]);
    expect(all.get(threeYear.id)).toEqual([]);
    expect((await listEvidence(oneYear.id)).map((e) => e.title)).toEqual(["Final title"]);
  });
});

describe("the supervisor reading evidence", () => {
  it("counts a version as to read until the supervisor opens it, and again when the learner changes it", async () => {
    const east = await makeOrganisation(t.db);
    const supervisor = await signIn(east, "supervisor", "Grace Field");
    const learner = await signIn(east, "learner", "Noémie Laurent");
    const year = await enrol(learner, east, supervisor);
    const actor = actorFor(learner, "learner", year);
    const item = (await createEvidence(year.id, actor, "reflective_log", input()))!;
    const toRead = async () => (await evidenceForEnrolments([year.id])).get(year.id)!.filter((e) => e.toRead).length;
    expect(await toRead()).toBe(1);

    // The learner reading their own evidence is not the supervisor reading it.
    await evidencePage.loader({
      request: get(learner, `/year/${year.id}/portfolio/${item.id}`),
      params: { enrolmentId: year.id, itemId: item.id },
      context,
    });
    expect(await toRead()).toBe(1);
    await evidencePage.loader({
      request: get(supervisor, `/year/${year.id}/portfolio/${item.id}`),
      params: { enrolmentId: year.id, itemId: item.id },
      context,
    });
    expect(await toRead()).toBe(0);
    // Opening it again changes nothing; a new version from the learner is to read again.
    await evidencePage.loader({
      request: get(supervisor, `/year/${year.id}/portfolio/${item.id}`),
      params: { enrolmentId: year.id, itemId: item.id },
      context,
    });
    expect(await toRead()).toBe(0);
    await reviseEvidence(year.id, item.id, actor, 1, input({ title: "A better title" }));
    expect(await toRead()).toBe(1);
  });

  it("keeps a feedback thread on each version, written by the supervisor and answered by the learner, never rewritten", async () => {
    const east = await makeOrganisation(t.db);
    const supervisor = await signIn(east, "supervisor", "Grace Field");
    const learner = await signIn(east, "learner", "Łukasz Nowak");
    const lead = await signIn(east, "programme_lead", "Priya Lead");
    const year = await enrol(learner, east, supervisor);
    const item = (await createEvidence(year.id, actorFor(learner, "learner", year), "reflective_log", input()))!;
    const path = `/year/${year.id}/portfolio/${item.id}`;
    const params = { enrolmentId: year.id, itemId: item.id };
    const send = (person: Person, feedback: string, version = "1") => {
      const form = new FormData();
      form.append("intent", "feedback");
      form.append("version", version);
      form.append("feedback", feedback);
      // A redirect or a refusal is thrown; a form sent back with errors is returned.
      return evidencePage.action({ request: post(person, path, form), params, context }).then(
        (answer) => answer as unknown as Thrown,
        (thrown: Thrown) => thrown,
      );
    };
    const sent = await send(supervisor, "Say more about what the family told you.");
    expect(statusOf(sent)).toBe(302);
    expect((sent as Response).headers.get("Location")).toContain("feedback=1");
    expect(statusOf(await send(learner, "They were worried about the school run."))).toBe(302);

    const page = (await evidencePage.loader({ request: get(learner, path), params, context })) as Awaited<
      ReturnType<typeof evidencePage.loader>
    >;
    expect(page.feedback.map((f) => [f.by, f.role, f.body])).toEqual([
      ["Grace Field", "practice supervisor", "Say more about what the family told you."],
      ["Łukasz Nowak", "NQSW", "They were worried about the school run."],
    ]);

    // Empty feedback is refused beside the field, and the programme lead only reads.
    const empty = (await evidencePage.action({
      request: post(
        supervisor,
        path,
        (() => {
          const f = new FormData();
          f.append("intent", "feedback");
          f.append("version", "1");
          f.append("feedback", "   ");
          return f;
        })(),
      ),
      params,
      context,
    })) as unknown as { init: ResponseInit; data: { errors: Record<string, string> } };
    expect(empty.init.status).toBe(400);
    expect(empty.data.errors.feedback).toBe("Write your feedback");
    expect(statusOf(await send(lead, "A lead's view"))).toBe(403);
    expect(statusOf(await send(supervisor, "On a version that is not there", "7"))).toBe(409);

    // Each side is told of the other's entry, once.
    const told: unknown = await t.db.execute(
      sql`select user_id, kind, text from notifications where kind = 'evidence_feedback' order by created_at`,
    );
    // PGlite answers { rows }, postgres.js the rows themselves.
    const rows = (Array.isArray(told) ? told : (told as { rows: unknown[] }).rows) as {
      user_id: string;
      text: string;
    }[];
    expect(rows.map((r) => [r.user_id, r.text])).toEqual([
      [learner.userId, 'Grace Field gave feedback on your evidence "Home visit with the Okafor family" (version 1)'],
      [supervisor.userId, 'Łukasz Nowak replied to your feedback on "Home visit with the Okafor family" (version 1)'],
    ]);

    expect(await failureOf(t.db.execute(sql`update evidence_feedback set body = 'rewritten'`))).toMatch(/append-only/);
    expect(await failureOf(t.db.execute(sql`delete from evidence_feedback`))).toMatch(/append-only/);
  });
});
