/**
 * The audit trail as its readers see it: who may read which events (a programme lead their
 * organisation's, a platform admin everyone's), and each event in words, for the page and the
 * spreadsheet export alike.
 */
import { findProgramme } from "~/modules/programmes/catalogue.server";
import { can, ROLE_LABELS, rolesWith, type Role } from "~/modules/organisations/roles";
import { forbidden, requireMembership, type ActingUser } from "~/utils/auth.server";
import { englandDateTime } from "~/utils/england";
import { AUDIT_EXPORT_LIMIT, AUDIT_PAGE_SIZE } from "./kinds";
import { listAuditEvents, type AuditRow, type AuditScope } from "./audit.server";
import type { ReadFilters } from "./filters.server";
import { describeAuditEvent } from "./sentences";

export interface AuditReader {
  current: ActingUser;
  /** A platform admin reads every organisation's events, and may narrow them to one. */
  everyOrganisation: boolean;
}

/** A programme lead, for their own organisation, or a platform admin, for all. */
export async function requireAuditReader(request: Request): Promise<AuditReader> {
  const current = await requireMembership(request, {
    roles: rolesWith("audit:read:any").concat(rolesWith("audit:read:organisation")),
  });
  if (can(current.active.role, "audit:read:any")) return { current, everyOrganisation: true };
  if (can(current.active.role, "audit:read:organisation")) return { current, everyOrganisation: false };
  forbidden();
}

export function scopeOf(reader: AuditReader, read: Pick<ReadFilters, "organisationId">): AuditScope {
  return reader.everyOrganisation
    ? { everyOrganisation: true, organisationId: read.organisationId }
    : { organisationId: reader.current.active.organisationId };
}

export interface AuditLine {
  id: number;
  /** ISO instant, for a <time> element and the spreadsheet. */
  at: string;
  when: string;
  who: string;
  /** The role they acted in, in words ("Practice supervisor"). */
  role: string;
  about: string;
  organisation: string;
  sentence: string;
  /** The action as recorded ("review.approved"), for a spreadsheet sorted by it. */
  action: string;
}

function titlesOf(row: AuditRow) {
  const slug = row.programmeSlug ?? (typeof row.detail?.programme === "string" ? row.detail.programme : null);
  const programme = slug ? findProgramme(slug) : undefined;
  const code = typeof row.detail?.review === "string" ? row.detail.review : null;
  const reviewTitle = code ? programme?.assessment?.reviewPoints.find((r) => r.code === code)?.title : null;
  return { programmeTitle: programme?.title ?? null, reviewTitle: reviewTitle ?? null };
}

const roleWords = (role: string | null) =>
  role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role === "returner" ? "Returner" : (role ?? "");

export function toAuditLine(row: AuditRow): AuditLine {
  return {
    id: row.id,
    at: row.at.toISOString(),
    when: englandDateTime(row.at, "short"),
    who: row.actorName ?? "",
    role: roleWords(row.actorRole),
    about: row.subjectName ?? "",
    organisation: row.organisationName ?? "",
    sentence: describeAuditEvent({ ...row, ...titlesOf(row) }),
    action: row.action,
  };
}

/** One page of events in words, and whether an older page follows. */
export async function auditPage(scope: AuditScope, read: ReadFilters) {
  const rows = await listAuditEvents(scope, read.filters, {
    limit: AUDIT_PAGE_SIZE + 1,
    offset: (read.page - 1) * AUDIT_PAGE_SIZE,
  });
  return { lines: rows.slice(0, AUDIT_PAGE_SIZE).map(toAuditLine), older: rows.length > AUDIT_PAGE_SIZE };
}

/** Every event the filters keep, in words, up to the export's limit. */
export async function auditExport(scope: AuditScope, read: ReadFilters) {
  const rows = await listAuditEvents(scope, read.filters, { limit: AUDIT_EXPORT_LIMIT });
  return rows.map(toAuditLine);
}
