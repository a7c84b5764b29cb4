import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Manifest } from "~/modules/programmes/content-schema";

type Catalogue = typeof import("~/modules/programmes/catalogue.server");

const dir = mkdtempSync(path.join(tmpdir(), "pp-manifest-"));
let n = 0;

function manifestWith(title: string): Manifest {
  return {
    version: 1,
    builtAt: "2026-01-01T00:00:00.000Z",
    frameworks: [
      {
        id: "TST",
        title: "Test framework",
        items: [{ code: "TST-1", title: "Working with people", items: [{ code: "TST-1.1", title: "Listening" }] }],
      },
    ],
    programmes: [
      {
        slug: "first",
        title,
        summary: "Summary",
        audience: "Audience",
        kind: "taught",
        lengthMonths: 1,
        price: null,
        selfEnrol: true,
        frameworks: ["TST"],
        modules: [
          {
            slug: "intro",
            order: 1,
            title: "Intro",
            summary: "Summary",
            lessons: [
              {
                slug: "welcome",
                order: 1,
                title: "Welcome",
                minutes: 10,
                outcomes: ["One", "Two"],
                capabilities: ["TST-1.1"],
                reflections: [{ id: "r", prompt: "Think" }],
                checks: [],
                words: 650,
                segments: [{ type: "html", html: "<p>Hello</p>" }],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Writes a manifest and gives it a known modification time. */
function write(file: string, manifest: Manifest, mtime: Date) {
  writeFileSync(file, JSON.stringify(manifest));
  utimesSync(file, mtime, mtime);
}

const T1 = new Date(2026, 0, 1, 9, 0, 0);
const T2 = new Date(2026, 0, 1, 9, 0, 5);

/** A fresh copy of the catalogue module, with an empty cache. */
async function freshCatalogue(): Promise<Catalogue> {
  vi.resetModules();
  return import("~/modules/programmes/catalogue.server");
}

function newFile() {
  n += 1;
  return path.join(dir, `manifest-${n}.json`);
}

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("loading the content manifest", () => {
  it("reads the compiled JSON file", async () => {
    const { loadManifest } = await freshCatalogue();
    const file = newFile();
    write(file, manifestWith("First programme"), T1);
    expect(loadManifest(file)).toEqual(manifestWith("First programme"));
  });

  it("tells you to run the build when the file is missing", async () => {
    const { loadManifest } = await freshCatalogue();
    const missing = path.join(dir, "not-built.json");
    expect(() => loadManifest(missing)).toThrow(`The content manifest ${missing} is missing: run "npm run build"`);
  });

  it("reads the file once while it has not changed", async () => {
    const { loadManifest } = await freshCatalogue();
    const file = newFile();
    write(file, manifestWith("Before"), T1);
    const first = loadManifest(file);
    // Same modification time: the cached copy is served, the file is not parsed again.
    write(file, manifestWith("After"), T1);
    expect(loadManifest(file)).toBe(first);
    expect(loadManifest(file).programmes[0]!.title).toBe("Before");
  });

  it("reads it again when its modification time changes, outside production", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const { loadManifest } = await freshCatalogue();
    const file = newFile();
    write(file, manifestWith("Before"), T1);
    expect(loadManifest(file).programmes[0]!.title).toBe("Before");
    write(file, manifestWith("After"), T2);
    expect(loadManifest(file).programmes[0]!.title).toBe("After");
  });

  it("keeps the first copy for the life of the process in production", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const { loadManifest } = await freshCatalogue();
    const file = newFile();
    write(file, manifestWith("Before"), T1);
    expect(loadManifest(file).programmes[0]!.title).toBe("Before");
    write(file, manifestWith("After"), T2);
    expect(loadManifest(file).programmes[0]!.title).toBe("Before");
    rmSync(file);
    expect(loadManifest(file).programmes[0]!.title).toBe("Before");
  });

  it("reads the file named by CONTENT_MANIFEST by default, for the catalogue look-ups", async () => {
    const file = newFile();
    write(file, manifestWith("From the environment"), T1);
    vi.stubEnv("CONTENT_MANIFEST", file);
    const catalogue = await freshCatalogue();
    expect(catalogue.listProgrammes().map((p) => p.title)).toEqual(["From the environment"]);
    const programme = catalogue.findProgramme("first")!;
    const module = catalogue.findModule(programme, "intro")!;
    expect(catalogue.findLesson(module, "welcome")?.title).toBe("Welcome");
    expect(catalogue.findProgramme("nope")).toBeUndefined();
    expect(catalogue.findModule(programme, "nope")).toBeUndefined();
    expect(catalogue.findLesson(module, "nope")).toBeUndefined();
    expect(catalogue.capabilityTitles()).toEqual(
      new Map([
        ["TST-1", "Working with people"],
        ["TST-1.1", "Listening"],
      ]),
    );
  });
});
