/**
 * Lesson pages are served from the compiled manifest: nothing on the request path may load
 * the MDX bundler (or its client runtime). Loading any of them here throws.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Manifest } from "~/modules/programmes/content-schema";
import type { CurrentUser } from "~/utils/auth.server";
import { optionOrder } from "~/modules/programmes/option-order";

const NOT_AT_REQUEST_TIME = "mdx-bundler must not be loaded at request time";

vi.mock("mdx-bundler", () => {
  throw new Error(NOT_AT_REQUEST_TIME);
});
vi.mock("mdx-bundler/client", () => {
  throw new Error(NOT_AT_REQUEST_TIME);
});
vi.mock("mdx-bundler/client/index.js", () => {
  throw new Error(NOT_AT_REQUEST_TIME);
});

// The loader's own steps that touch the database or the session: a member of staff, not enrolled.
vi.mock("~/utils/auth.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/utils/auth.server")>()),
  requireUser: async () => staffUser,
}));
vi.mock("~/modules/programmes/learning.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("~/modules/programmes/learning.server")>()),
  findEnrolment: async () => null,
}));

const staffUser = {
  user: { id: "00000000-0000-4000-8000-000000000001", name: "Sam Staff", email: "sam@example.test" },
  memberships: [{ role: "supervisor" }],
  active: null,
} as unknown as CurrentUser;

const segments: Manifest["programmes"][number]["modules"][number]["lessons"][number]["segments"] = [
  { type: "html", html: "<h2>Pre-rendered at build time</h2><p>Body.</p>" },
  { type: "reflection", id: "r1" },
  { type: "checks", ids: ["c1", "c2"] },
];

const manifest: Manifest = {
  version: 1,
  builtAt: "2026-01-01T00:00:00.000Z",
  frameworks: [{ id: "TST", title: "Test framework", items: [{ code: "TST-1", title: "Working with people" }] }],
  programmes: [
    {
      slug: "served",
      title: "Served from the manifest",
      summary: "Summary",
      audience: "Audience",
      kind: "taught",
      lengthMonths: 1,
      price: null,
      selfEnrol: false,
      frameworks: ["TST"],
      modules: [
        {
          slug: "only-module",
          order: 1,
          title: "Only module",
          summary: "Summary",
          lessons: [
            {
              slug: "only-lesson",
              order: 1,
              title: "Only lesson",
              minutes: 15,
              outcomes: ["One", "Two"],
              capabilities: ["TST-1"],
              reflections: [{ id: "r1", prompt: "Think" }],
              checks: ["c1", "c2"].map((id) => ({
                id,
                question: `Question ${id}?`,
                options: [
                  { text: "Right", correct: true, feedback: "Yes." },
                  { text: "Wrong", feedback: "No." },
                ],
              })),
              words: 650,
              segments,
            },
          ],
        },
      ],
    },
  ],
};

const dir = mkdtempSync(path.join(tmpdir(), "pp-lesson-page-"));

beforeAll(() => {
  const file = path.join(dir, "manifest.json");
  writeFileSync(file, JSON.stringify(manifest));
  vi.stubEnv("CONTENT_MANIFEST", file);
  vi.resetModules();
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe("serving a lesson page", () => {
  it("would fail if anything imported the bundler (the guard works)", async () => {
    const error = await import("~/modules/programmes/content-compiler").then(
      () => null,
      (e: unknown) => e as Error & { cause?: Error },
    );
    // Vitest wraps the factory's error; ours is the cause.
    expect(error?.cause?.message).toBe(NOT_AT_REQUEST_TIME);
  });

  it("imports the lesson route and the catalogue without the bundler, and finds the lesson's segments", async () => {
    const route = await import("~/routes/programmes.$programme.$module.$lesson");
    const catalogue = await import("~/modules/programmes/catalogue.server");
    const { findLessonOr404 } = await import("~/modules/programmes/access.server");
    expect(typeof route.loader).toBe("function");
    expect(catalogue.findProgramme("served")?.title).toBe("Served from the manifest");
    const found = findLessonOr404("served", "only-module", "only-lesson");
    expect(found.lesson.segments).toEqual(segments);
  });

  it("answers an unknown lesson with a 404", async () => {
    const { findLessonOr404 } = await import("~/modules/programmes/access.server");
    let thrown: unknown;
    try {
      findLessonOr404("served", "only-module", "missing");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ init: { status: 404 } });
  });

  it("runs the loader from the manifest alone, sending segments but not the answers", async () => {
    const { loader } = await import("~/routes/programmes.$programme.$module.$lesson");
    const result = await loader({
      request: new Request("https://pathways.test/programmes/served/only-module/only-lesson"),
      params: { programme: "served", module: "only-module", lesson: "only-lesson" },
      context: { cspNonce: "", clientIp: "203.0.113.7" },
    });
    expect(result.mode).toBe("staff");
    expect(result.lesson.segments).toEqual(segments);
    expect(result.lesson.capabilities).toEqual([{ code: "TST-1", title: "Working with people" }]);
    // Each option goes with its own index, in the reader's own order (ADR 028).
    expect(result.lesson.checks).toEqual(
      ["c1", "c2"].map((id) => ({
        id,
        question: `Question ${id}?`,
        options: optionOrder(staffUser.user.id, `served/only-module/only-lesson/${id}`, 2).map((value) => ({
          value,
          text: ["Right", "Wrong"][value],
        })),
      })),
    );
    expect(JSON.stringify(result)).not.toMatch(/"correct"|"feedback"/);
  });
});
