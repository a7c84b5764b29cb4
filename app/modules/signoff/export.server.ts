/**
 * The whole year of one learner as one PDF, for an appeal or an external moderator:
 * the agreement and its signatures, supervision, reviews with their sign-offs, every
 * version of every piece of evidence, and the panel's outcome.
 */
import { format, parseISO } from "date-fns";
import { findAgreement } from "~/modules/first-year/agreement.server";
import { PARTY_LABELS } from "~/modules/first-year/agreement";
import { reviewDates, yearEnd, yearInputFor } from "~/modules/first-year/year";
import type { Programme } from "~/modules/programmes/content-schema";
import { allVersionsFor } from "~/modules/portfolio/portfolio.server";
import { JUDGEMENTS, KIND_LABELS } from "~/modules/portfolio/rules";
import { KINDS } from "~/modules/supervision/kinds";
import { listSessions } from "~/modules/supervision/supervision.server";
import type { enrolments } from "#db/schema";
import { PANEL_OUTCOMES, type PanelOutcome } from "./panel";
import { certificateFor, panelOutcomesFor } from "./panel.server";
import { PdfWriter } from "./pdf-writer";
import { OUTCOMES, RECOMMENDATIONS } from "./reviews";
import { reviewRecords } from "./reviews.server";

const day = (d: Date | string) => format(typeof d === "string" ? parseISO(d) : d, "d MMM yyyy");
const when = (d: Date) => format(d, "d MMM yyyy HH:mm");
const outcomeLabel = (o: string | null) =>
  o ? ((OUTCOMES as Record<string, string>)[o] ?? (RECOMMENDATIONS as Record<string, string>)[o] ?? o) : "";

export async function yearExportPdf(
  enrolment: typeof enrolments.$inferSelect,
  programme: Programme,
  learnerName: string,
  organisationName: string,
) {
  const [{ agreement, signatures }, sessions, reviews, versions, panel, certificate] = await Promise.all([
    findAgreement(enrolment.id),
    listSessions(enrolment.id),
    reviewRecords(enrolment.id),
    allVersionsFor(enrolment.id),
    panelOutcomesFor(enrolment.id),
    certificateFor(enrolment.id),
  ]);
  const year = yearInputFor(enrolment, programme);
  const pdf = await PdfWriter.create(
    `${programme.title}: ${learnerName}`,
    `${learnerName} - ${programme.title} - exported ${when(new Date())}`,
  );
  pdf.heading(`${programme.title}: the record of ${learnerName}'s year`, 1);
  pdf.field("Employer", organisationName);
  pdf.field("Started", day(enrolment.startedOn));
  pdf.field("Ends", day(yearEnd(year)));
  pdf.field("Working time", `${Math.round(enrolment.fte * 100)}% of full time`);
  for (const p of enrolment.pauses)
    pdf.field("Paused", `${day(p.from)} to ${day(p.to)} (${p.reason.replace(/_/g, " ")})`);
  pdf.text(
    "Every version and sign-off below is as recorded; sign-offs name the fingerprint (SHA-256) of exactly what they approved.",
  );

  pdf.heading("Learning agreement");
  if (!agreement) pdf.text("Not written.");
  else {
    pdf.field("Version", `${agreement.version}, fingerprint ${agreement.contentHash.slice(0, 16)}`);
    pdf.field("Learning goals", agreement.goals);
    pdf.field("Support offered", agreement.support);
    pdf.field("Protected development time", agreement.protectedTime);
    pdf.field("Caseload agreed", agreement.caseload);
    for (const s of signatures)
      pdf.field(
        `Signed (${PARTY_LABELS[s.party]})`,
        `${s.signerName ?? ""}, ${when(new Date(s.signedAt))}, version ${s.version}`,
      );
  }

  pdf.heading(`Supervision (${sessions.length} sessions)`);
  for (const { session, recordedBy } of [...sessions].reverse()) {
    pdf.heading(`${day(session.heldOn)}: ${KINDS[session.kind]}, ${session.minutes} minutes`, 3);
    pdf.field("Recorded by", `${recordedBy}, ${when(session.recordedAt)}`);
    pdf.field("Agenda", session.agenda);
    pdf.field("Discussion", session.discussion);
    pdf.field("Decisions", session.decisions);
    pdf.field("Acknowledged", session.acknowledgedAt ? when(session.acknowledgedAt) : "not yet");
    pdf.field("NQSW's comment", session.learnerComment ?? "");
  }

  pdf.heading("Review points");
  for (const r of reviewDates(year)) {
    pdf.heading(`${r.title} (due ${day(r.due)})`, 3);
    const subs = reviews.submissions.filter((s) => s.reviewCode === r.code);
    if (!subs.length) pdf.text("Not submitted.");
    for (const s of subs) {
      pdf.field(`Submission ${s.number}`, `${when(s.submittedAt)}, fingerprint ${s.contentHash.slice(0, 16)}`);
      pdf.field("NQSW's comments", s.learnerComments);
      pdf.field("Evidence", s.items.map((i) => `${i.title} (${i.kind}, version ${i.version})`).join("; "));
      for (const g of reviews.signoffs.filter((x) => x.submissionId === s.id)) {
        const what =
          g.step === "countersignature" ? "Countersigned" : g.decision === "approved" ? "Approved" : "Returned";
        pdf.field(what, `${g.signerName} (${g.role.replace(/_/g, " ")}), ${when(g.signedAt)}`);
        pdf.field("Outcome", outcomeLabel(g.outcome));
        pdf.field("Comments", g.comments);
        pdf.field("Action plan", g.actionPlan ?? "");
      }
    }
  }

  pdf.heading(`Evidence (${new Set(versions.map((v) => v.item.id)).size} pieces, every version)`);
  for (const { item, version, editorName } of versions) {
    pdf.heading(`${version.title}: ${KIND_LABELS[item.kind]}, version ${version.version}`, 3);
    pdf.field("Date", day(version.occurredOn));
    pdf.field("Saved", `${editorName}, ${when(version.createdAt)}, fingerprint ${version.contentHash.slice(0, 16)}`);
    pdf.field("Capabilities", version.capabilities.join(", "));
    for (const [k, v] of Object.entries(version.details))
      pdf.field(
        k === "learnerReflection" ? "NQSW's reflection" : k,
        k === "judgement" ? ((JUDGEMENTS as Record<string, string>)[v] ?? v) : v,
      );
    pdf.text(version.body);
    if (version.fileIds.length) pdf.field("Files attached", String(version.fileIds.length));
  }

  pdf.heading("Moderation panel");
  if (!panel.length) pdf.text("Not read by a panel.");
  for (const { outcome, panelName, signerName } of panel)
    pdf.field(
      outcome.step === "chair_signed" ? `${panelName}: signed by the chair` : `${panelName}: recorded`,
      `${PANEL_OUTCOMES[outcome.outcome as PanelOutcome] ?? outcome.outcome}${outcome.reasons ? `. ${outcome.reasons}` : ""} (${signerName}, ${when(outcome.at)})`,
    );
  if (certificate) pdf.field("Certificate", `${certificate.code}, issued ${when(certificate.issuedAt)}`);
  return pdf.save();
}
