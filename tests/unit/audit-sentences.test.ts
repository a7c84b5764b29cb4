/**
 * The audit trail in words: every action the app records (found by reading the source, so a new
 * action without words fails here) reads as a sentence naming who did it and whom it was about,
 * never an id, "[object Object]", "undefined" or the action's code.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { AUDIT_ACTIONS, describeAuditEvent, hasWordsFor, type AuditEventForWords } from "~/modules/audit/sentences";
import { AUDIT_KINDS } from "~/modules/audit/kinds";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The files that write to the audit trail, and the action names they write. */
const writers = sourceFiles("app").filter((file) => /recordAudit\(|await audit\(/.test(readFileSync(file, "utf8")));
const literal = /"([a-z]+(?:_[a-z]+)*(?:\.[a-z]+(?:_[a-z]+)*)+)"/g;
/** An action made from a template: `introduction.${input.intent}`, on a line that names an action. */
const template = /action\b[^\n]*`([a-z]+(?:_[a-z]+)*)\.\$\{[^}]+\}`/g;
const recorded = new Set(writers.flatMap((file) => [...readFileSync(file, "utf8").matchAll(literal)].map((m) => m[1]!)));
const templated = new Set(writers.flatMap((file) => [...readFileSync(file, "utf8").matchAll(template)].map((m) => m[1]!)));

/** What the two templated actions expand to: the intents their forms accept. */
const EXPANSIONS: Record<string, string[]> = {
  introduction: ["interview", "offered", "started", "declined"],
  review: ["approved", "returned"],
};

const event = (over: Partial<AuditEventForWords> & { action: string }): AuditEventForWords => ({
  detail: null,
  actorUserId: "u-daniel",
  actorName: "Daniel Okafor",
  actorRole: "supervisor",
  subjectUserId: "u-zainab",
  subjectName: "Zainab Hussain",
  organisationName: "Northmoor City Council",
  ...over,
});

/** A detail with every key any action reads, holding the kind of value the app writes there. */
const FULL_DETAIL = {
  enrolment: "6f0e1a7a-8d0c-4a57-9d4c-2f1a7a0c6e11",
  review: "six-month",
  number: 2,
  version: 3,
  outcome: "on_track",
  kind: "direct_observation",
  party: "team_manager",
  heldOn: "2026-03-12",
  teamManagerName: "Rachel Whitaker",
  email: "new.person@northmoor.example",
  role: "supervisor",
  from: "contacted",
  to: "introduced",
  name: "Autumn 2026 intake",
  title: "Social worker, children in need",
  closesOn: "2026-04-30",
  reference: "RTS-7KQ2M9",
  request: "RTS-7KQ2M9",
  hours: 6,
  on: "2026-02-03",
  recordedOn: "2026-02-04",
  code: "PP-ABCD-1234",
  maxCaseload: 12,
  weekStarting: "2026-03-09",
  caseload: 9,
  sampled: 2,
  of: 4,
  redacted: 3,
  kept: 1,
  left: 7,
  rows: 12,
  during: "sign_in",
  reason: "Left the council",
  items: [{ item: "x", version: 1 }],
  contentHash: "a1b2c3d4e5f6a1b2c3d4e5f6",
  programme: "asye",
  programmeTitle: "MA Advanced Social Work Practice",
  startsOn: "2026-09-01",
  endsOn: "2030-08-31",
};

describe("the audit trail in words", () => {
  it("finds the actions the app records (the scan itself works)", () => {
    expect(writers.length).toBeGreaterThan(10);
    expect(recorded).toContain("review.submitted");
    expect(recorded).toContain("auth.sign_in");
    expect(templated).toEqual(new Set(["introduction", "review"]));
  });

  it("has words for every action recorded anywhere in app/", () => {
    const without = [...recorded].filter((action) => !hasWordsFor(action));
    expect(without, "actions recorded with no sentence in app/modules/audit/sentences.ts").toEqual([]);
  });

  it("has words for every action a templated name can make", () => {
    for (const prefix of templated) {
      expect(EXPANSIONS[prefix], `the intents of \`${prefix}.\${…}\``).toBeDefined();
      for (const intent of EXPANSIONS[prefix]!) expect(hasWordsFor(`${prefix}.${intent}`), `${prefix}.${intent}`).toBe(true);
    }
  });

  it.each(AUDIT_ACTIONS)("puts %s into a plain sentence, with a full detail and with none", (action) => {
    for (const detail of [FULL_DETAIL, null, { enrolment: { nested: true }, number: "two", version: null }]) {
      const sentence = describeAuditEvent(event({ action, detail: detail as Record<string, unknown> | null }));
      expect(sentence).not.toMatch(/\[object|undefined|null|NaN|\$\{/);
      expect(sentence).not.toContain(action);
      expect(sentence).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(sentence).not.toMatch(/\s{2,}|\s$|^\s/);
      expect(sentence).toMatch(/^[A-Z]/);
    }
  });

  it("reads a supervisor's approval as the issue asks", () => {
    expect(
      describeAuditEvent(
        event({
          action: "review.approved",
          detail: { enrolment: "x", review: "six-month", number: 2, outcome: "on_track" },
          reviewTitle: "6-month review",
        }),
      ),
    ).toBe("Daniel Okafor approved Zainab Hussain's 6-month review (version 2): on track");
  });

  it("says 'their' when the person acted on their own record", () => {
    expect(
      describeAuditEvent(
        event({
          action: "review.submitted",
          actorUserId: "u-zainab",
          actorName: "Zainab Hussain",
          detail: { review: "final", number: 1 },
          reviewTitle: "Final assessment",
        }),
      ),
    ).toBe("Zainab Hussain submitted their final assessment (version 1)");
  });

  it("names a role change with the roles in words", () => {
    expect(
      describeAuditEvent(
        event({
          action: "membership.role_changed",
          actorName: "Alex Morgan",
          actorUserId: "u-alex",
          subjectName: "Helen Marsh",
          subjectUserId: "u-helen",
          detail: { from: "supervisor", to: "assessor" },
        }),
      ),
    ).toBe("Alex Morgan changed Helen Marsh's role at Northmoor City Council from practice supervisor to assessor");
  });

  it("still reads plainly for an action it has no words for, and for an unknown actor", () => {
    expect(
      describeAuditEvent(event({ action: "widget.frobbed_twice", actorName: null, actorUserId: null, detail: { a: { b: 1 } } })),
    ).toBe("Someone: widget frobbed twice about Zainab Hussain");
    expect(describeAuditEvent(event({ action: "", subjectName: null, subjectUserId: null }))).toBe("Daniel Okafor: an event");
  });

  it("says who asked for a call back when no one was signed in", () => {
    expect(
      describeAuditEvent(
        event({ action: "callback.requested", actorName: null, actorUserId: null, subjectName: "Janet Okoye", detail: { reference: "RTS-7KQ2M9" } }),
      ),
    ).toBe("Janet Okoye asked the helpline for a call back (reference RTS-7KQ2M9)");
  });

  it("files every action under a kind of event someone can filter by", () => {
    const prefixes = AUDIT_KINDS.flatMap((k) => k.prefixes);
    const unfiled = AUDIT_ACTIONS.filter((a) => !prefixes.some((p) => a.startsWith(p)));
    expect(unfiled).toEqual([]);
  });
});
