import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Each form saved once (ADR 021): a row per form that was saved, claimed in the same transaction
 * as what the form created. The id is a hash of the form's key (made when the page was drawn),
 * who sent it, where, and what was sent; a second post of the same form finds the row and is sent
 * where the first went, and two posts at once cannot both insert it.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: text("id").primaryKey(),
    /** Where the person was sent when the form was saved; a repeat is sent there too. */
    location: text("location").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("form_submissions_created").on(t.createdAt)],
);
