import { bigint, boolean, index, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { memberships, organisations, partnerAgency, role } from "./organisations";
import { users } from "./users";

/**
 * Sessions the Lucia way: the cookie holds a random token, the table holds only
 * its SHA-256 (hex) as the id, so a leaked table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activeMembershipId: uuid("active_membership_id").references(() => memberships.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** One-time password reset links; only the token's hash is stored. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("password_reset_tokens_user").on(t.userId)],
);

/** A programme lead's invitation of a member of staff or a learner into their organisation. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: role("role").notNull(),
    jobTitle: text("job_title"),
    /** For a partner (ADR 026): their agency's kind and name, given to the membership they join. */
    agencyKind: partnerAgency("agency_kind"),
    agency: text("agency"),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("invitations_org").on(t.organisationId)],
);

/**
 * Sign-in attempts, kept in the database so rate limits hold across server processes.
 * `kind` tells a password from a two-factor security code: each is limited on its own.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: ["password", "two_factor", "password_reset"] })
      .notNull()
      .default("password"),
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_at").on(t.email, t.at), index("sign_in_attempts_ip_at").on(t.ipAddress, t.at)],
);

/**
 * A person's authenticator app secret for two-factor sign-in, encrypted with AES-256-GCM
 * (see app/modules/auth/secret-box.server.ts). Until `enabledAt` is set the secret is
 * only being set up: it is not asked for at sign-in.
 */
export const twoFactorCredentials = pgTable("two_factor_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretCiphertext: text("secret_ciphertext").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  enabledAt: timestamp("enabled_at", { withTimezone: true }),
  /** The last 30-second time step whose code was accepted: a code is good once. */
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  /**
   * A new phone being set up (moving two-factor sign-in), sealed like the secret: it replaces the
   * secret only once a code from it is confirmed, so until then the old phone still works. Started
   * in one session, after the password and a code, and good for a short while.
   */
  replacementCiphertext: text("replacement_ciphertext"),
  replacementStartedAt: timestamp("replacement_started_at", { withTimezone: true }),
  replacementSessionId: text("replacement_session_id"),
});

/** Ten single-use recovery codes per person; only their SHA-256 is stored. */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("two_factor_recovery_codes_user_code").on(t.userId, t.codeHash)],
);

/**
 * The step between a correct password and a security code: a short-lived, single-use
 * token bound to one person. It is not a session; only the token's hash is stored.
 */
export const pendingSignIns = pgTable(
  "pending_sign_ins",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    redirectTo: text("redirect_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("pending_sign_ins_user").on(t.userId)],
);

/**
 * Sessions that have ended (signed out, signed out everywhere, expired), remembered for a day by
 * their token's hash, so that a form sent with an ended session's cookie can still tell whose it
 * was and hold what was typed for them (ADR 020). A trigger on `sessions` writes each row as the
 * session goes, whichever way it goes. No foreign key: the row is written as a session is deleted,
 * which may be because its person is.
 */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("ended_sessions_ended_at").on(t.endedAt)],
);

/**
 * What someone sent in a form after their session had ended, held for them in the browser they
 * sent it from until they sign in again and it is back on the form (ADR 020). `sealed` is the text,
 * encrypted like two-factor secrets and bound to the person, browser and form; `browserKey` is the
 * SHA-256 of the token in that browser's held-post cookie.
 */
export const heldPosts = pgTable(
  "held_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    browserKey: text("browser_key").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    sealed: text("sealed").notNull(),
    heldAt: timestamp("held_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("held_posts_browser_user_path").on(t.browserKey, t.userId, t.path),
    index("held_posts_expires_at").on(t.expiresAt),
  ],
);
