import { relations, sql } from "drizzle-orm";
import { boolean, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberships } from "./organisations";

/** How the account came to exist: invited staff/learners, or people who signed themselves up. */
export const accountKind = pgEnum("account_kind", ["invited", "returner", "self_funding"]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; see normaliseEmail. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** argon2id PHC string; null until an invited person sets a password. */
    passwordHash: text("password_hash"),
    accountKind: accountKind("account_kind").notNull().default("invited"),
    /** A returner's consent for the recruitment helpline to contact them. */
    helplineContactConsent: boolean("helpline_contact_consent").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    /** Set by a platform admin: the person cannot sign in and has no session; their records are kept. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`)],
);

export const usersRelations = relations(users, ({ many }) => ({
  memberships: many(memberships, { relationName: "member" }),
}));
