/** The anonymisation check of one learner's portfolio: findings in the current versions, and decisions on them. */
import { and, asc, eq } from "drizzle-orm";
import { anonymisationDecisions, evidenceItems, evidenceVersions, users } from "#db/schema";
import { actedBy, type AuditActor, recordAudit } from "~/modules/audit/audit.server";
import { getDb } from "~/utils/db.server";
import { findIdentifying, findingKey, redact, type Finding } from "./anonymise";

// The labels through this server module, so that no page's browser code carries the detector and its name lists.
export { FINDING_LABELS } from "./anonymise";

/** The fields of a version a panel reads, each checked on its own. */
function passagesOf(v: { title: string; body: string; details: Record<string, string> }) {
  return [
    ["title", v.title] as const,
    ["body", v.body] as const,
    ...Object.entries(v.details).map(([k, text]) => [`details.${k}`, text] as const),
  ];
}

export async function anonymisationCheck(enrolmentId: string) {
  const db = await getDb();
  const versions = await db
    .select({ item: evidenceItems, version: evidenceVersions })
    .from(evidenceItems)
    .innerJoin(
      evidenceVersions,
      and(eq(evidenceVersions.itemId, evidenceItems.id), eq(evidenceVersions.version, evidenceItems.currentVersion)),
    )
    .where(eq(evidenceItems.enrolmentId, enrolmentId))
    .orderBy(asc(evidenceVersions.occurredOn));
  const decisions = await db
    .select({ decision: anonymisationDecisions, by: users.name })
    .from(anonymisationDecisions)
    .innerJoin(users, eq(users.id, anonymisationDecisions.userId))
    .where(eq(anonymisationDecisions.enrolmentId, enrolmentId))
    .orderBy(asc(anonymisationDecisions.decidedAt), asc(anonymisationDecisions.id));
  // The latest decision on a passage stands.
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) latest.set(d.decision.findingKey, d);
  const items = versions.map(({ item, version }) => {
    const fields = passagesOf(version).map(([field, text]) => {
      const findings = findIdentifying(text).map((f) => ({ ...f, key: findingKey(item.id, version.version, f) }));
      const redactIt = (f: Finding & { key: string }) => latest.get(f.key)?.decision.decision !== "keep";
      return {
        field,
        text,
        findings,
        redacted: redact(text, findings, (f) => redactIt(f as Finding & { key: string })),
      };
    });
    return {
      itemId: item.id,
      kind: item.kind,
      version: version.version,
      title: version.title,
      fields,
      findings: fields.flatMap((f) =>
        f.findings.map((x) => ({
          ...x,
          field: f.field,
          context: f.text.slice(Math.max(0, x.start - 60), Math.min(f.text.length, x.end + 60)),
          contextStart: Math.max(0, x.start - 60),
          decided: latest.get(x.key)
            ? {
                decision: latest.get(x.key)!.decision.decision,
                by: latest.get(x.key)!.by,
                role: latest.get(x.key)!.decision.role,
              }
            : null,
        })),
      ),
    };
  });
  const all = items.flatMap((i) => i.findings);
  return { items, total: all.length, undecided: all.filter((f) => !f.decided).length };
}

export async function recordDecisions(enrolmentId: string, actor: AuditActor, chosen: Map<string, "redact" | "keep">) {
  const check = await anonymisationCheck(enrolmentId);
  const rows = check.items.flatMap((item) =>
    item.findings
      .filter((f) => chosen.has(f.key) && f.decided?.decision !== chosen.get(f.key))
      .map((f) => ({
        enrolmentId,
        itemId: item.itemId,
        version: item.version,
        findingKey: f.key,
        kind: f.kind,
        passage: f.text,
        decision: chosen.get(f.key)!,
        userId: actor.userId,
        role: actor.role,
      })),
  );
  if (!rows.length) return 0;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(anonymisationDecisions).values(rows);
    await recordAudit(
      {
        ...actedBy(actor),
        action: "anonymisation.decided",
        subjectType: "enrolment",
        subjectId: enrolmentId,
        detail: {
          enrolment: enrolmentId,
          redacted: rows.filter((r) => r.decision === "redact").length,
          kept: rows.filter((r) => r.decision === "keep").length,
        },
        ipAddress: actor.ipAddress,
      },
      tx,
    );
  });
  return rows.length;
}

/**
 * A text as the panel reads it: every possibly identifying passage redacted unless someone
 * decided to keep it in this version, and the names given removed wherever they appear.
 */
export async function panelReading(enrolmentId: string, namesToHide: string[]) {
  const db = await getDb();
  const rows = await db
    .select({ key: anonymisationDecisions.findingKey, decision: anonymisationDecisions.decision })
    .from(anonymisationDecisions)
    .where(eq(anonymisationDecisions.enrolmentId, enrolmentId))
    .orderBy(asc(anonymisationDecisions.decidedAt), asc(anonymisationDecisions.id));
  const latest = new Map(rows.map((r) => [r.key, r.decision]));
  const words = [...new Set(namesToHide.flatMap((n) => [n, ...n.split(/\s+/)]).filter((w) => w.length >= 3))].sort(
    (a, b) => b.length - a.length,
  );
  const hideNames = (text: string) =>
    words.reduce(
      (t, w) => t.replace(new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "gi"), "[name removed]"),
      text,
    );
  return (text: string, item?: { itemId: string; version: number }) => {
    const findings = findIdentifying(text);
    const redacted = redact(text, findings, (f) =>
      item ? latest.get(findingKey(item.itemId, item.version, f)) !== "keep" : true,
    );
    return hideNames(redacted);
  };
}
