/**
 * `npm run stripe:sync`: makes (once) a Stripe product and price for each paid programme, in test
 * mode, from programme.yml, and prints the STRIPE_PRICE_… lines to put in the environment. A price is
 * found again by its lookup key, which names the amount and VAT treatment: a changed price in
 * programme.yml becomes a new Stripe price, and the old one stays for the receipts it is on.
 */
import { listProgrammes } from "~/modules/programmes/catalogue.server";
import { chargeFor } from "./prices";
import { priceLookupKey, priceVariable, stripeClient, stripeSettings } from "./stripe.server";

async function main() {
  const settings = stripeSettings();
  if (settings.mode !== "stripe") throw new Error("Set STRIPE_SECRET_KEY (a test key, sk_test_…) to sync prices to Stripe");
  if (settings.livemode && !process.argv.includes("--live"))
    throw new Error("STRIPE_SECRET_KEY is a live key: pass --live if you mean to make live products and prices");
  const stripe = stripeClient(settings);
  const lines: string[] = [];
  for (const programme of listProgrammes().filter((p) => p.price)) {
    const price = programme.price!;
    const lookupKey = priceLookupKey(programme.slug, price);
    const found = await stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 });
    let priceId = found.data[0]?.id;
    if (!priceId) {
      const products = await stripe.products.search({ query: `metadata['programme']:'${programme.slug}'`, limit: 1 });
      const product =
        products.data[0] ?? (await stripe.products.create({ name: programme.title, metadata: { programme: programme.slug } }));
      const created = await stripe.prices.create({
        product: product.id,
        currency: "gbp",
        unit_amount: chargeFor(price, 1).unitPence,
        tax_behavior: price.vat === "exempt" ? "unspecified" : "inclusive",
        lookup_key: lookupKey,
        metadata: { programme: programme.slug, vat: price.vat },
      });
      priceId = created.id;
      console.error(`Made ${priceId} for ${programme.title}`);
    }
    lines.push(`${priceVariable(programme.slug)}=${priceId}`);
  }
  console.log(lines.join("\n"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
