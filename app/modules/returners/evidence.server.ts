/**
 * The returner's evidence pack for their application to Social Work England to restore their
 * registration: the updating days counted against those needed, the log behind them, CPD
 * records and where the checklist stands. Built from the person's own records only.
 */
import { format, parseISO } from "date-fns";
import { PdfWriter } from "~/modules/signoff/pdf-writer";
import { cpdSentences, cpdState, registrationYearOf } from "./cpd";
import { englandDay } from "~/utils/england";
import { PROFESSIONAL_STANDARDS, REGISTRATION_LABELS, SPECIALISM_LABELS } from "./options";
import { daysInWords, daysNeededFor, entryStandings, formatDays, readyToReturn } from "./journey";
import { discussedWithPeer } from "./cpd";
import { listCpdRecords, listUpdatingEntries, type ReturnerProfile } from "./journey.server";
import { countUpdatingDays, UPDATING_KIND_LABELS } from "./updating";

const day = (d: string) => format(parseISO(d), "d MMM yyyy");
const standardTitle = (code: string) => PROFESSIONAL_STANDARDS.find((s) => s.code === code)?.title ?? code;

export async function evidencePackPdf(
  person: { id: string; name: string },
  profile: ReturnerProfile | null,
  now = new Date(),
) {
  const today = englandDay(now);
  const [entries, records] = await Promise.all([listUpdatingEntries(person.id), listCpdRecords(person.id)]);
  const needed = profile ? daysNeededFor(profile, today) : 0;
  const log = entries.map((e) => ({ id: e.id, date: e.on, hours: e.hours, kind: e.kind }));
  const count = countUpdatingDays(log, needed, today);
  const standings = entryStandings(log, needed, today);
  const checklist = readyToReturn(
    profile ?? { registrationRestored: false, referencesReceived: false, supervisedStartAgreed: false },
    count,
    profile?.registrationStatus === "never_registered",
  );
  const cpd = cpdState(
    records.map((r) => ({ recordedOn: r.recordedOn, peerReflection: discussedWithPeer(r) })),
    today,
  );

  const pdf = await PdfWriter.create(
    `Evidence of updating: ${person.name}`,
    `${person.name} - evidence of updating - generated ${format(now, "d MMM yyyy HH:mm")}`,
  );
  pdf.heading(`Return to social work: evidence of updating for ${person.name}`, 1);
  pdf.field("Generated", format(now, "d MMMM yyyy, HH:mm"));
  if (profile) {
    pdf.field("Registration", REGISTRATION_LABELS[profile.registrationStatus]);
    if (profile.lapsedOn) pdf.field("Registration lapsed", format(parseISO(profile.lapsedOn), "d MMMM yyyy"));
    if (profile.lastPractisedOn) pdf.field("Last practised", format(parseISO(profile.lastPractisedOn), "MMMM yyyy"));
    pdf.field("Area of practice", SPECIALISM_LABELS[profile.specialism]);
  }
  pdf.text(
    "The updating below is declared by the returner; supervised practice names the person who supervised it. A day is at least 6 hours: each date counts for one day at most (fewer hours count as part of a day); only the 12 months before the application count; private study counts for at most half of the days needed.",
  );

  pdf.heading("Updating days");
  pdf.field("Days needed", needed === 0 ? "none" : String(needed));
  pdf.field("Days counted", `${formatDays(count.counted)} of ${needed}${count.done ? " (done)" : ""}`);
  pdf.field(
    "Made up of",
    `${formatDays(count.otherDays)} days of supervised practice and formal study; ${formatDays(count.privateStudyDays - count.privateStudyNotCounted)} days of private study`,
  );
  if (count.privateStudyNotCounted > 0)
    pdf.field("Private study over the cap (not counted)", `${formatDays(count.privateStudyNotCounted)} days`);
  pdf.field("Counting from", `${day(count.windowStart)} (the last 12 months)`);
  if (entries.length) {
    pdf.table(
      ["Date", "Hours", "Kind", "What was done", "Supervised by", "Counts?"],
      [11, 7, 14, 38, 15, 15],
      entries.map((e) => {
        const s = standings.get(e.id);
        const counts =
          s?.kind === "counts"
            ? "Yes"
            : s?.kind === "capped"
              ? s.days > 0
                ? `${daysInWords(s.days)} (private study cap)`
                : "No: over the private study cap"
              : s?.kind === "long_day"
                ? `${daysInWords(s.days)} (a date counts for one day at most)`
                : s?.kind === "outside"
                  ? "No: over 12 months ago"
                  : "Not yet";
        return [
          day(e.on),
          formatDays(e.hours),
          UPDATING_KIND_LABELS[e.kind],
          e.description,
          e.supervisedBy ?? "",
          counts,
        ];
      }),
    );
  } else pdf.text("No updating logged yet.");

  pdf.heading("Continuing professional development");
  pdf.field(
    `Registration year ${cpd.year.label}`,
    `${cpd.records} ${cpd.records === 1 ? "record" : "records"}, ${cpd.peerReviewed} reflected on with a peer. ${cpdSentences(cpd).need} ${cpdSentences(cpd).renewal}`,
  );
  if (!records.length) pdf.text("No CPD records yet.");
  for (const r of records) {
    pdf.heading(`${day(r.recordedOn)} (registration year ${registrationYearOf(r.recordedOn).label})`, 3);
    pdf.field("What I did", r.activity);
    pdf.field("What I learnt", r.learning);
    pdf.field("Impact on my practice", r.impact);
    pdf.field("Professional standards", r.standards.map((c) => `${c}. ${standardTitle(c)}`).join("; "));
    if (discussedWithPeer(r)) pdf.field(`Reflected on with ${r.peerName}`, r.peerReflection ?? "");
    else pdf.field("Reflected on with a peer", "no");
  }

  pdf.heading("Ready to return");
  for (const item of checklist.items)
    pdf.field(item.label, `${item.done ? "Yes" : "Not yet"}${item.detail ? ` (${item.detail})` : ""}`);
  return pdf.save();
}
