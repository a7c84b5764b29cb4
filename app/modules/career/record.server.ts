/**
 * A person's career record, read from their records wherever they were made: every enrolment in
 * every organisation they have belonged to (and ones they joined on their own), with what each
 * programme's records say about it. What a programme's records say comes from the sources below,
 * each answering for any number of enrolments in one or two statements, so the page's statements
 * stay constant however long the career. A new kind of award (the advanced and CP lead assessments'
 * certificates) is one more source in CAREER_SOURCES.
 */
import { format, parseISO } from "date-fns";
import { asc, desc, eq, inArray } from "drizzle-orm";
import {
  certificates,
  cpdRecords,
  criteriaOutcomes,
  criteriaSubmissions,
  enrolments,
  organisations,
  transcriptIssues,
} from "#db/schema";
import { isoDate, yearEnd, yearInputFor } from "~/modules/first-year/year";
import { transcriptFor } from "~/modules/masters/transcript.server";
import { findProgramme } from "~/modules/programmes/catalogue.server";
import type { Programme } from "~/modules/programmes/content-schema";
import { discussedWithPeer } from "~/modules/returners/cpd";
import { panelOutcomesForYears } from "~/modules/signoff/panel.server";
import { getDb } from "~/utils/db.server";
import { englandDay } from "~/utils/england";
import {
  careerKindOf,
  careerStatus,
  pathStanding,
  type CareerAward,
  type CareerEntry,
  type CareerKind,
  type CareerRecord,
} from "./path";

export type { CareerEntry, CareerRecord } from "./path";

export const dayOf = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

/** Who is reading: the person (who may download their own certificates) or an employer they share it with. */
export type CareerReader = "self" | "employer";

export interface CareerEnrolment {
  enrolment: typeof enrolments.$inferSelect;
  programme: Programme;
  kind: CareerKind;
  organisationName: string | null;
}

/** What a source says about one enrolment: facts (label and value) and the awards its records hold. */
export interface CareerFinding {
  facts?: { label: string; value: string }[];
  awards?: CareerAward[];
  /** A link to the full record (a transcript), for the person only. */
  links?: { href: string; label: string }[];
}

export interface CareerSourceInput {
  userId: string;
  /** The enrolments of the kinds the source declares. */
  enrolments: CareerEnrolment[];
  reader: CareerReader;
}

/** One kind of record that adds to the career record: the kinds of programme it speaks for, and how it reads them. */
export interface CareerSource {
  kinds: readonly CareerKind[];
  /** At most a fixed number of statements, whatever the number of enrolments. */
  read(input: CareerSourceInput): Promise<Map<string, CareerFinding>>;
}

/** A certificate (the first year's, or an assessment's) as an award that reaches a stage of the path. */
function certificateAward(cert: typeof certificates.$inferSelect, href: string | null): CareerAward {
  return {
    title: `Certificate: ${cert.programmeTitle}`,
    by: cert.organisationName,
    code: cert.code,
    on: cert.decidedOn ?? cert.completedOn,
    href,
    reachesStage: true,
  };
}

/** The assessed first year (ASYE, ECDP): its dates, the moderation panel's outcome and the certificate. */
const firstYearSource: CareerSource = {
  kinds: ["first_year"],
  async read({ enrolments: years, reader }) {
    const found = new Map<string, CareerFinding>();
    if (!years.length) return found;
    const ids = years.map((y) => y.enrolment.id);
    const db = await getDb();
    const [certs, outcomes] = await Promise.all([
      db.select().from(certificates).where(inArray(certificates.enrolmentId, ids)),
      panelOutcomesForYears(ids),
    ]);
    for (const { enrolment, programme } of years) {
      const facts: { label: string; value: string }[] = [];
      const pathway = programme.assessment?.pathways?.find((p) => p.code === enrolment.pathway);
      if (pathway) facts.push({ label: "Pathway", value: pathway.title });
      if (programme.assessment)
        facts.push({
          label: "Dates",
          value: `${dayOf(enrolment.startedOn)} to ${dayOf(isoDate(yearEnd(yearInputFor(enrolment, programme))))}`,
        });
      const outcome = outcomes.get(enrolment.id);
      facts.push({
        label: "Moderation panel's outcome",
        value: !outcome
          ? "Not decided yet"
          : `${PANEL_WORDS[outcome.outcome.kind]}${outcome.decidedOn ? `, ${dayOf(outcome.decidedOn)}` : ""}`,
      });
      const cert = certs.find((c) => c.enrolmentId === enrolment.id);
      found.set(enrolment.id, {
        facts,
        awards: cert ? [certificateAward(cert, reader === "self" ? `/year/${enrolment.id}/certificate.pdf` : null)] : [],
      });
    }
    return found;
  },
};

const PANEL_WORDS: Record<string, string> = {
  waiting: "Waiting for the panel",
  passed: "Passed",
  extended: "Year extended by the panel",
  failed: "Not passed",
  not_passed: "Not passed",
};

/** A Masters: the credits and award its confirmed marks make, and the latest transcript issued. */
const mastersSource: CareerSource = {
  kinds: ["masters"],
  async read({ enrolments: courses, reader }) {
    const found = new Map<string, CareerFinding>();
    if (!courses.length) return found;
    const db = await getDb();
    const issues = await db
      .select()
      .from(transcriptIssues)
      .where(
        inArray(
          transcriptIssues.enrolmentId,
          courses.map((c) => c.enrolment.id),
        ),
      )
      .orderBy(desc(transcriptIssues.issuedAt));
    // One Masters a person at most per programme: a bounded number of statements, not one per mark.
    for (const course of courses) {
      const transcript = await transcriptFor({
        enrolment: course.enrolment,
        learnerName: "",
        institution: course.organisationName ?? "",
      });
      const award = transcript.award
        ? `${transcript.award.title}${transcript.classification ? ` with ${transcript.classification.label.toLowerCase()}` : ""}`
        : null;
      const latest = issues.find((i) => i.enrolmentId === course.enrolment.id);
      found.set(course.enrolment.id, {
        facts: [
          { label: "Credits confirmed by the exam board", value: `${transcript.totalCredits} of ${transcript.creditsAvailable}` },
          { label: "Award reached", value: award ?? `None yet${transcript.nextAward ? ` (${transcript.nextAward.title} at ${transcript.nextAward.credits} credits)` : ""}` },
          ...(latest
            ? [{ label: "Latest transcript", value: `${latest.code}, issued ${dayOf(englandDay(latest.issuedAt))}` }]
            : []),
        ],
        awards: award
          ? [
              {
                title: award,
                by: course.organisationName ?? "",
                // The latest transcript's code verifies this award only if it said the same.
                code: latest && latest.award === transcript.award!.title ? latest.code : null,
                on: null,
                href: reader === "self" ? "/transcript.pdf" : null,
                reachesStage: false,
              },
            ]
          : [],
        links: reader === "self" ? [{ href: "/transcript", label: "Your transcript" }] : [],
      });
    }
    return found;
  },
};

const OUTCOME_WORDS: Record<string, string> = {
  achieved: "Achieved",
  not_yet_achieved: "Not yet achieved",
  referred: "Referred",
};

/**
 * Advanced practitioner and CP lead (ADR 024): the independent assessor's latest outcome and the
 * certificate an achieved outcome issued, which reaches the path's advanced or lead stage.
 */
const assessmentSource: CareerSource = {
  kinds: ["advanced", "cp_lead"],
  async read({ enrolments: candidacies, reader }) {
    const found = new Map<string, CareerFinding>();
    if (!candidacies.length) return found;
    const ids = candidacies.map((c) => c.enrolment.id);
    const db = await getDb();
    const [certs, outcomes] = await Promise.all([
      db.select().from(certificates).where(inArray(certificates.enrolmentId, ids)),
      db
        .select({ enrolmentId: criteriaSubmissions.enrolmentId, number: criteriaSubmissions.number, outcome: criteriaOutcomes.outcome, at: criteriaOutcomes.at })
        .from(criteriaOutcomes)
        .innerJoin(criteriaSubmissions, eq(criteriaSubmissions.id, criteriaOutcomes.submissionId))
        .where(inArray(criteriaSubmissions.enrolmentId, ids))
        .orderBy(desc(criteriaOutcomes.at)),
    ]);
    for (const { enrolment } of candidacies) {
      const latest = outcomes.find((o) => o.enrolmentId === enrolment.id);
      const cert = certs.find((c) => c.enrolmentId === enrolment.id);
      found.set(enrolment.id, {
        facts: [
          {
            label: "Independent assessor's outcome",
            value: latest
              ? `${OUTCOME_WORDS[latest.outcome] ?? latest.outcome} (submission ${latest.number}), ${dayOf(englandDay(latest.at))}`
              : "Not assessed yet",
          },
        ],
        awards: cert ? [certificateAward(cert, reader === "self" ? `/assessment/${enrolment.id}/certificate.pdf` : null)] : [],
      });
    }
    return found;
  },
};

/** Where each kind of programme's records are read from. */
export const CAREER_SOURCES: readonly CareerSource[] = [firstYearSource, mastersSource, assessmentSource];

/** A person's whole career record: two statements, then each source's (a fixed number). */
export async function careerRecordOf(
  person: { id: string; name: string },
  reader: CareerReader,
  today = englandDay(),
): Promise<CareerRecord> {
  const db = await getDb();
  const [rows, cpd] = await Promise.all([
    db
      .select({ enrolment: enrolments, organisationName: organisations.name })
      .from(enrolments)
      .leftJoin(organisations, eq(organisations.id, enrolments.organisationId))
      .where(eq(enrolments.userId, person.id))
      .orderBy(asc(enrolments.startedOn), asc(enrolments.createdAt)),
    db
      .select({
        id: cpdRecords.id,
        recordedOn: cpdRecords.recordedOn,
        activity: cpdRecords.activity,
        standards: cpdRecords.standards,
        peerName: cpdRecords.peerName,
        peerReflection: cpdRecords.peerReflection,
      })
      .from(cpdRecords)
      .where(eq(cpdRecords.userId, person.id))
      .orderBy(desc(cpdRecords.recordedOn)),
  ]);
  const known: CareerEnrolment[] = rows.flatMap((r) => {
    const programme = findProgramme(r.enrolment.programmeSlug);
    return programme ? [{ enrolment: r.enrolment, programme, kind: careerKindOf(programme), organisationName: r.organisationName }] : [];
  });
  const findings = new Map<string, CareerFinding>();
  for (const source of CAREER_SOURCES) {
    const mine = known.filter((k) => source.kinds.includes(k.kind));
    if (!mine.length) continue;
    for (const [id, finding] of await source.read({ userId: person.id, enrolments: mine, reader })) {
      const had = findings.get(id) ?? {};
      findings.set(id, {
        facts: [...(had.facts ?? []), ...(finding.facts ?? [])],
        awards: [...(had.awards ?? []), ...(finding.awards ?? [])],
        links: [...(had.links ?? []), ...(finding.links ?? [])],
      });
    }
  }
  const entries: CareerEntry[] = known.map(({ enrolment, programme, kind, organisationName }) => {
    const finding = findings.get(enrolment.id) ?? {};
    const awards = finding.awards ?? [];
    const facts = finding.facts ?? [];
    return {
      id: enrolment.id,
      kind,
      title: programme.title,
      organisationName,
      status: careerStatus(enrolment, awards, today),
      startedOn: enrolment.startedOn,
      facts: facts.some((f) => f.label === "Dates") ? facts : [{ label: "Started", value: dayOf(enrolment.startedOn) }, ...facts],
      awards,
      links: finding.links ?? [],
    };
  });
  return {
    personName: person.name,
    entries,
    path: pathStanding(entries, dayOf),
    awards: entries.flatMap((e) => e.awards.map((a) => ({ ...a, programme: e.title }))),
    cpd: cpd.map((c) => ({
      id: c.id,
      recordedOn: c.recordedOn,
      activity: c.activity,
      standards: c.standards,
      peerReviewed: discussedWithPeer(c),
    })),
  };
}
