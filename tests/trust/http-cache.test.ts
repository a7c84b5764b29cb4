/**
 * HTTP caching (app/utils/http-cache.server.ts), on the production server build: a public page
 * read signed out may be stored for a minute and revalidated with its ETag; a page read signed in,
 * a data request and a form's answer are never stored.
 */
import { makeOrganisation, signedIn, type SignedIn } from "../support/fixtures";
import { withTestDatabase } from "../support/database";
import { get, post, siteHandler, type Handler } from "../support/site";

const t = withTestDatabase();
let handle: Handler;
let learner: SignedIn;

beforeAll(async () => {
  ({ handle } = await siteHandler());
  const org = await makeOrganisation(t.db, { name: "Cache Borough Council" });
  learner = await signedIn(t.db, org.id, "learner", "Cara Cached");
});

const PUBLIC = "public, max-age=60, stale-while-revalidate=300";
const NO_STORE = "private, no-store";

describe("a public page read signed out", () => {
  it.each(["/programmes", "/vacancies", "/return-to-social-work"])("%s may be stored for a minute, with an ETag", async (path) => {
    const response = await handle(get(path));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(PUBLIC);
    expect(response.headers.get("Vary")).toMatch(/\bCookie\b/);
    expect(response.headers.get("ETag")).toMatch(/^W\/"[\w-]+"$/);
  });

  it("answers 304 with no body when the browser holds the same version, and 200 when it holds another", async () => {
    const first = await handle(get("/programmes"));
    const etag = first.headers.get("ETag")!;
    // The tag does not change with each response's CSP nonce: the same page, the same tag.
    expect((await handle(get("/programmes"))).headers.get("ETag")).toBe(etag);

    const revalidate = get("/programmes");
    revalidate.headers.set("If-None-Match", etag);
    const notModified = await handle(revalidate);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("ETag")).toBe(etag);
    expect(notModified.headers.get("Cache-Control")).toBe(PUBLIC);

    const stale = get("/programmes");
    stale.headers.set("If-None-Match", 'W/"another-version"');
    const fresh = await handle(stale);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain("<h1");
  });
});

describe("anything personal is never stored", () => {
  it("the same public page read signed in", async () => {
    const response = await handle(get("/programmes", learner.cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(NO_STORE);
    expect(response.headers.get("ETag")).toBeNull();
    // A signed-in reader's If-None-Match never earns a 304 of a shared copy.
    const revalidate = get("/programmes", learner.cookie);
    revalidate.headers.set("If-None-Match", "*");
    expect((await handle(revalidate)).status).toBe(200);
  });

  it("a signed-in page", async () => {
    const response = await handle(get("/learning", learner.cookie));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe(NO_STORE);
  });

  it("a page that is not public, and an error page, read signed out", async () => {
    expect((await handle(get("/privacy-not-a-page"))).headers.get("Cache-Control")).toBe(NO_STORE);
    const verify = await handle(get("/verify"));
    expect(verify.headers.get("Cache-Control")).toBe(NO_STORE);
  });

  it("a data request and a form's answer", async () => {
    const data = await handle(get("/programmes.data"));
    expect(data.status).toBe(200);
    expect(data.headers.get("Cache-Control")).toBe(NO_STORE);
    const refused = await handle(post("/return-to-social-work/callback", new URLSearchParams()));
    expect(refused.status).toBe(400);
    expect(refused.headers.get("Cache-Control")).toBe(NO_STORE);
  });
});
