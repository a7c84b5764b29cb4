/** The hash a submission for assessment against criteria is known by (ADR 024): decisions name it. */
import { createHash } from "node:crypto";

export function criteriaSubmissionHash(
  codes: string[],
  items: { itemId: string; version: number; contentHash: string; criteria: string[] }[],
  statements: { code: string; body: string }[],
) {
  return createHash("sha256")
    .update(JSON.stringify([codes, items.map((i) => [i.itemId, i.version, i.contentHash, i.criteria]), statements]))
    .digest("hex");
}
