import type { LoaderFunctionArgs } from "@remix-run/node";
import { actedBy, recordAudit } from "~/modules/audit/audit.server";
import { readAuditFilters } from "~/modules/audit/filters.server";
import { auditExport, requireAuditReader, scopeOf } from "~/modules/audit/trail.server";
import { actorOf } from "~/utils/auth.server";
import { csvHeaders, toCsv } from "~/utils/csv";
import { englandDay } from "~/utils/england";
import { answeringOutages } from "~/utils/outage.server";

/** The audit trail as a spreadsheet, with the page's filters; each download is itself in the trail. */
export const loader = answeringOutages(async ({ request, context }: LoaderFunctionArgs) => {
  const reader = await requireAuditReader(request);
  const read = await readAuditFilters(request);
  const lines = await auditExport(scopeOf(reader, read), read);
  await recordAudit({
    ...actedBy(actorOf(reader.current, context)),
    action: "audit.exported",
    subjectType: "organisation",
    subjectId: read.organisationId ?? reader.current.active.organisationId,
    detail: { rows: lines.length, ...read.filters, ...(read.organisationId ? { organisation: read.organisationId } : {}) },
  });
  const body = toCsv(
    ["When (England)", "What happened", "Who", "Acting as", "About", "Organisation", "Action"],
    lines.map((l) => [l.when, l.sentence, l.who, l.role, l.about, l.organisation, l.action]),
  );
  return new Response(body, { headers: csvHeaders(`audit-trail-${englandDay()}.csv`) });
});
