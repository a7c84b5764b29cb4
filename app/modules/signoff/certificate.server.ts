/** The certificate as a PDF, drawn with pdf-lib (no browser, no template files). */
import { PDFDocument, rgb, type PDFFont } from "pdf-lib";
import { format, parseISO } from "date-fns";
import type { certificates } from "#db/schema";
import { englandDay } from "~/utils/england";
import { embedFonts, printable } from "./pdf-writer";
import { verificationLines } from "./verification-code.server";
import { pdfDownload } from "~/utils/download.server";

type Certificate = typeof certificates.$inferSelect;

const day = (iso: string) => format(parseISO(iso), "d MMMM yyyy");

/**
 * The dates a certificate states, each on its own line: the programme's start and end, and the
 * day the panel's outcome became final. A certificate issued before the end date was kept gives
 * its start and the panel's decision only.
 */
export function certificateDates(
  cert: Pick<Certificate, "startedOn" | "endsOn" | "decidedOn" | "completedOn"> & { decidedBy?: string | null },
) {
  return {
    programme: cert.endsOn ? `${day(cert.startedOn)} to ${day(cert.endsOn)}` : `from ${day(cert.startedOn)}`,
    decided: day(cert.decidedOn ?? cert.completedOn),
    /** Who decided, as the certificate and the verify page label the date. */
    decidedLabel: cert.decidedBy === "independent_assessor" ? "Independent assessor's decision" : "Moderation panel's decision",
  };
}

export async function certificatePdf(cert: Certificate, verifyUrl: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate: ${cert.programmeTitle} – ${cert.learnerName}`);
  doc.setAuthor(cert.organisationName);
  const page = doc.addPage([842, 595]);
  const { regular, bold } = await embedFonts(doc);
  const brand = rgb(0.11, 0.23, 0.33);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: brand, borderWidth: 3 });
  /** Centred, and made smaller if it would not fit between the borders (a long name is never cut). */
  const centre = (raw: string, y: number, size: number, font: PDFFont = regular) => {
    const text = printable(raw);
    const fitted = Math.min(size, (842 - 120) / Math.max(1, font.widthOfTextAtSize(text, 1)));
    page.drawText(text, { x: (842 - font.widthOfTextAtSize(text, fitted)) / 2, y, size: fitted, font, color: brand });
  };
  /** A long note over as many lines as it needs, each centred. */
  const wrapCentred = (raw: string, top: number, size: number) => {
    const words = printable(raw).split(/\s+/);
    const lines: string[] = [];
    for (const word of words) {
      const line = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
      if (lines.length && regular.widthOfTextAtSize(line, size) <= 842 - 160) lines[lines.length - 1] = line;
      else lines.push(word);
    }
    lines.forEach((line, i) => centre(line, top - i * (size + 4), size));
  };
  const dates = certificateDates(cert);
  centre(cert.organisationName, 505, 18, bold);
  centre("certifies that", 462, 14);
  centre(cert.learnerName, 420, 32, bold);
  centre("has completed", 382, 14);
  centre(cert.programmeTitle, 348, 20, bold);
  centre(`assessed against: ${cert.frameworks}`, 318, 12);
  centre(`Programme: ${dates.programme}`, 280, 13);
  centre(`${dates.decidedLabel}: ${dates.decided}`, 258, 13);
  if (cert.decidedBy === "independent_assessor") {
    centre("assessed against the programme's criteria by an independent assessor.", 232, 12);
    // The award is the programme's own: the certificate says so, so no one reads it as a national status.
    if (cert.awardNote) wrapCentred(cert.awardNote, 206, 10);
  } else centre("after internal moderation by the employer's panel.", 232, 12);
  const check = verificationLines(cert.code, verifyUrl);
  centre(check.code, 150, 14, bold);
  centre(check.where, 128, 11);
  centre(`Issued ${day(englandDay(cert.issuedAt))} through Practice Pathways`, 70, 10);
  return doc.save();
}

/** A certificate as a PDF download, its code verifiable at this site's /verify. */
export async function certificateDownload(cert: Certificate, request: Request) {
  const origin = process.env.APP_ORIGIN ?? new URL(request.url).origin;
  const pdf = await certificatePdf(cert, `${origin}/verify`);
  return pdfDownload(pdf, `certificate-${cert.code}.pdf`);
}
