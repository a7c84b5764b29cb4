/** The certificate as a PDF, drawn with pdf-lib (no browser, no template files). */
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { format, parseISO } from "date-fns";
import type { certificates } from "#db/schema";
import { printable } from "./pdf-writer";

type Certificate = typeof certificates.$inferSelect;

export async function certificatePdf(cert: Certificate, verifyUrl: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate: ${cert.programmeTitle} – ${cert.learnerName}`);
  doc.setAuthor(cert.organisationName);
  const page = doc.addPage([842, 595]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const brand = rgb(0.11, 0.23, 0.33);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: brand, borderWidth: 3 });
  const centre = (raw: string, y: number, size: number, font = regular) => {
    const text = printable(raw);
    page.drawText(text, { x: (842 - font.widthOfTextAtSize(text, size)) / 2, y, size, font, color: brand });
  };
  const day = (iso: string) => format(parseISO(iso), "d MMMM yyyy");
  centre(cert.organisationName, 500, 18, bold);
  centre("certifies that", 450, 14);
  centre(cert.learnerName, 405, 32, bold);
  centre("has completed", 365, 14);
  centre(cert.programmeTitle, 330, 20, bold);
  centre(`from ${day(cert.startedOn)} to ${day(cert.completedOn)}`, 295, 14);
  centre(`assessed against: ${cert.frameworks}`, 270, 12);
  centre("after internal moderation by the employer's panel.", 245, 12);
  centre(`Verification code ${cert.code}`, 150, 14, bold);
  centre(`Check it at ${verifyUrl}`, 128, 11);
  centre(`Issued ${format(cert.issuedAt, "d MMMM yyyy")} through Practice Pathways`, 70, 10);
  return doc.save();
}
