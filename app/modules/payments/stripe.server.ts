/**
 * The Stripe client and its settings, read from the environment each time they are asked for (ADR
 * 027), so a test can point the real client at a fake Stripe on loopback. Without STRIPE_SECRET_KEY
 * the site runs its own test checkout, whose events are signed with a local secret and go through
 * the same webhook handler as Stripe's.
 */
import Stripe from "stripe";
import { z } from "zod";

/**
 * The secret the keyless test checkout signs its events with. It is public (it is in the source): in
 * a keyless installation anyone can "pay" on the test checkout anyway, and with keys set it is never
 * accepted. STRIPE_WEBHOOK_SECRET replaces it.
 */
export const LOCAL_WEBHOOK_SECRET = "whsec_practice_pathways_local_test_checkout";

/** How old a signed event may be: Stripe's own default, five minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const settingsSchema = z.object({
  STRIPE_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret or restricted key (sk_test_…, sk_live_…)")
    .optional()
    .or(z.literal("")),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
    .optional()
    .or(z.literal("")),
  /** Where the client sends its requests: only to point it at a fake Stripe in tests, or stripe-mock. */
  STRIPE_API_HOST: z.string().trim().optional(),
  STRIPE_API_PORT: z.coerce.number().int().positive().optional(),
  STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
});

export interface StripeSettings {
  /** "stripe": Checkout Sessions on Stripe; "test": the site's own test checkout. */
  mode: "stripe" | "test";
  secretKey: string | null;
  /** The secret a webhook's signature must be made with; null when keys are set without one (every event is refused). */
  webhookSecret: string | null;
  livemode: boolean;
  api: { host?: string; port?: number; protocol?: "http" | "https" };
}

export function stripeSettings(environment: Record<string, string | undefined> = process.env): StripeSettings {
  const parsed = settingsSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid Stripe settings: ${problems}`);
  }
  const e = parsed.data;
  const secretKey = e.STRIPE_SECRET_KEY || null;
  return {
    mode: secretKey ? "stripe" : "test",
    secretKey,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET || (secretKey ? null : LOCAL_WEBHOOK_SECRET),
    livemode: !!secretKey?.includes("_live_"),
    api: { host: e.STRIPE_API_HOST, port: e.STRIPE_API_PORT, protocol: e.STRIPE_API_PROTOCOL },
  };
}

const clients = new Map<string, Stripe>();

/**
 * The real client, one per settings. Keyless, it is still made (with a placeholder key that is never
 * sent anywhere) for its webhook signing and verification, which work offline.
 */
export function stripeClient(settings: StripeSettings = stripeSettings()): Stripe {
  const key = JSON.stringify([settings.secretKey, settings.api]);
  let client = clients.get(key);
  if (!client) {
    client = new Stripe(settings.secretKey ?? "sk_test_keyless_never_sent", {
      ...(settings.api.host ? { host: settings.api.host } : {}),
      ...(settings.api.port ? { port: settings.api.port } : {}),
      ...(settings.api.protocol ? { protocol: settings.api.protocol } : {}),
      maxNetworkRetries: 2,
      timeout: 20_000,
      appInfo: { name: "Practice Pathways" },
    });
    clients.set(key, client);
  }
  return client;
}

/** The environment variable holding a programme's Stripe price id: STRIPE_PRICE_ADVANCED_PRACTITIONER. */
export function priceVariable(programmeSlug: string) {
  return `STRIPE_PRICE_${programmeSlug.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/** The Stripe price id set for a programme, if any (otherwise the checkout describes the price itself). */
export function stripePriceId(programmeSlug: string, environment: Record<string, string | undefined> = process.env): string | null {
  const value = environment[priceVariable(programmeSlug)]?.trim();
  return value && /^price_\w+$/.test(value) ? value : null;
}

/** The lookup key `npm run stripe:sync` gives a programme's price: a new price in programme.yml is a new Stripe price. */
export function priceLookupKey(programmeSlug: string, price: { pence: number; vat: string }) {
  return `pp_${programmeSlug}_${price.pence}_${price.vat}`.replace(/[^A-Za-z0-9_]/g, "_");
}
