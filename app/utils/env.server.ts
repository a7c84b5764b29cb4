/** Settings from the environment, read once and checked, so a typo fails at start-up, not mid-request. */
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** Public origin, e.g. https://practicepathways.example — used in emailed links. */
  APP_ORIGIN: z.string().url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  /** "true"/"false"; defaults to true in production. Secure cookies get the __Host- prefix. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /** Failures on one account from one address before that pair is refused for the window. */
  SIGN_IN_PAIR_LIMIT: z.coerce.number().int().positive().default(5),
  /** Failures from one address, on any accounts, before its attempts slow down (never refused). */
  SIGN_IN_ADDRESS_SLOWS_AFTER: z.coerce.number().int().positive().default(30),
  /** Failures on one account, from any addresses, before its attempts slow down … */
  SIGN_IN_ACCOUNT_SLOWS_AFTER: z.coerce.number().int().positive().default(10),
  /** … and before it is refused, except from an address it has signed in from before. */
  SIGN_IN_ACCOUNT_LIMIT: z.coerce.number().int().positive().default(50),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  MAIL_TRANSPORT: z.enum(["file", "smtp"]).optional(),
  MAIL_DIR: z.string().default(".data/mail"),
  /** The hour (0–23, Europe/London) from which the server sends the day's digest; "off" leaves it to `npm run jobs -- digest`. */
  DIGEST_HOUR: z.union([z.literal("off"), z.coerce.number().int().min(0).max(23)]).default(7),
  /**
   * "true"/"false": whether /dev/mail shows the emails written to files. It shows password-reset and
   * invitation links, so on a PostgreSQL server (DATABASE_URL) it is off unless set; on the embedded
   * database (the demo) it is on. Either way only this machine or a platform admin may read it.
   */
  DEV_MAILBOX: z.enum(["true", "false"]).optional(),
  DATABASE_URL: z.string().optional(),
  /** The tables' owner, who runs the migrations; DATABASE_URL then names a role that owns nothing. */
  DATABASE_OWNER_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Practice Pathways <no-reply@practicepathways.local>"),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
  /**
   * The key that encrypts two-factor secrets at rest: 32 random bytes, base64 or hex
   * (`openssl rand -base64 32`). Unset outside production, a fixed development key is used.
   */
  TWO_FACTOR_KEY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || decodeKey(v) !== null, {
      message: "must be 32 bytes, written as base64 (44 characters) or hex (64 characters)",
    }),
  /** Comma-separated proxies to trust for X-Forwarded-For (Express "trust proxy" setting). */
  TRUST_PROXY: z.string().optional(),
});

/** 32 bytes from base64 or hex text, or null when it is neither. */
export function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text, "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function isProduction() {
  return env().NODE_ENV === "production";
}

export function cookiesAreSecure() {
  const setting = env().COOKIE_SECURE;
  return setting ? setting === "true" : isProduction();
}

export function mailTransport(e: Pick<Env, "MAIL_TRANSPORT" | "SMTP_HOST"> = env()): "file" | "smtp" {
  return e.MAIL_TRANSPORT ?? (e.SMTP_HOST ? "smtp" : "file");
}

/**
 * Whether /dev/mail is open at all: only for emails written to files, and on a PostgreSQL server
 * (DATABASE_URL, a deployment) only when DEV_MAILBOX=true. Who may read it is decided per request
 * (`requireMailboxReader` in auth.server.ts).
 */
export function devMailboxOpen(e: Pick<Env, "DEV_MAILBOX" | "DATABASE_URL" | "MAIL_TRANSPORT" | "SMTP_HOST"> = env()) {
  if (mailTransport(e) !== "file") return false;
  if (e.DEV_MAILBOX) return e.DEV_MAILBOX === "true";
  return !e.DATABASE_URL;
}
