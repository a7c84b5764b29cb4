/**
 * The kinds of portfolio evidence, as the database's `evidence_kind` enum has them. Apart from the
 * content schema so that pages can use it without zod.
 */
export { EVIDENCE_KINDS } from "#db/schema/evidence-kinds";
