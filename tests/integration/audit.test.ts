import { sql } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { withTestDatabase } from "../support/database";
import { failureOf } from "../support/errors";

const t = withTestDatabase();

describe("the audit trail", () => {
  it("keeps what is written", async () => {
    await recordAudit({
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: "x",
      detail: { role: "supervisor" },
    });
    const rows = await t.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toEqual({ role: "supervisor" });
  });

  it("refuses to change or delete an entry, on either driver", async () => {
    expect(await failureOf(t.db.execute(sql`update audit_events set action = 'forged'`))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await failureOf(t.db.execute(sql`delete from audit_events`))).toMatch(/append-only: DELETE refused/);
    expect(await failureOf(t.db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    const rows = await t.db.select().from(auditEvents);
    expect(rows.map((r) => r.action)).toEqual(["invitation.created"]);
  });
});
