import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Manifest } from "~/modules/programmes/content-schema";
import {
  collectCodes,
  compileContent,
  ContentError,
  countWords,
  parseOrderedName,
  toSegments,
  type CompiledLessonCacheEntry,
} from "~/modules/programmes/content-compiler";

const VALID = path.resolve("tests/fixtures/content/valid");
const MODULE_DIR = path.join("programmes", "supervision-basics", "01-getting-started");
const LESSON = path.join(MODULE_DIR, "01-preparing-for-supervision.mdx");

describe("ordered names", () => {
  it("strip a two-digit order prefix (and .mdx) to give the slug", () => {
    expect(parseOrderedName("03-assessment")).toEqual({ order: 3, slug: "assessment" });
    expect(parseOrderedName("02-the-learning-agreement.mdx")).toEqual({ order: 2, slug: "the-learning-agreement" });
    expect(parseOrderedName("10-step-2")).toEqual({ order: 10, slug: "step-2" });
  });

  it.each([
    "3-assessment",
    "003-assessment",
    "01_assessment",
    "01-Assessment",
    "01-",
    "01-double--hyphen",
    "01-trailing-",
    "01-notes.md",
    "assessment.mdx",
    "01-lesson.mdx.bak",
  ])("reject %s", (name) => {
    expect(parseOrderedName(name)).toBeNull();
  });
});

describe("counting words", () => {
  it("counts words in text, not tags or entities", () => {
    expect(countWords("<p>Hello <strong>world</strong></p>")).toBe(2);
    expect(countWords("<p>one</p><p>two</p>")).toBe(2);
    expect(countWords('<a href="https://example.test/a-very-long-url">link</a>')).toBe(1);
    expect(countWords("<p>Fish &amp; chips &mdash; twice</p>")).toBe(3);
    expect(countWords("<p>well-being, co-production and 3 visits.</p>")).toBe(5);
  });

  it("does not count punctuation or empty markup", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("<p> </p><br/>")).toBe(0);
    expect(countWords("<p>— … –</p>")).toBe(0);
  });
});

describe("capability codes", () => {
  it("include nested items", () => {
    const codes = collectCodes([
      {
        id: "X",
        title: "X",
        items: [{ code: "X-1", title: "One", items: [{ code: "X-1.1", title: "One point one" }] }],
      },
    ]);
    expect([...codes]).toEqual(["X-1", "X-1.1"]);
  });
});

describe("splitting pre-rendered HTML into segments", () => {
  const slot = (kind: string, id: string) => `<pp-slot data-kind="${kind}" data-id="${id}"></pp-slot>`;

  it("merges checks separated only by whitespace, and keeps others apart", () => {
    const html = `<p>A</p>${slot("check", "one")}\n${slot("check", "two")}<p>B</p>${slot("check", "three")}${slot("reflection", "r")}${slot("check", "four")}`;
    expect(toSegments(html)).toEqual([
      { type: "html", html: "<p>A</p>" },
      { type: "checks", ids: ["one", "two"] },
      { type: "html", html: "<p>B</p>" },
      { type: "checks", ids: ["three"] },
      { type: "reflection", id: "r" },
      { type: "checks", ids: ["four"] },
    ]);
  });
});

describe("compiling the content tree", () => {
  let manifest: Manifest;
  const cache = new Map<string, CompiledLessonCacheEntry>();
  const compiled: string[] = [];

  beforeAll(async () => {
    manifest = await compileContent(VALID, { cache, onLesson: (file, fromCache) => !fromCache && compiled.push(file) });
  });

  it("returns the frameworks and the programme with its modules and lessons", () => {
    expect(manifest.version).toBe(1);
    expect(Number.isNaN(Date.parse(manifest.builtAt))).toBe(false);
    expect(manifest.frameworks.map((f) => f.id)).toEqual(["TST"]);
    expect(manifest.programmes).toHaveLength(1);
    const [programme] = manifest.programmes;
    expect(programme).toMatchObject({
      slug: "supervision-basics",
      title: "Supervision basics (test)",
      kind: "taught",
      selfEnrol: true,
      price: null,
      frameworks: ["TST"],
    });
    expect(programme!.modules.map((m) => [m.slug, m.order, m.title])).toEqual([
      ["getting-started", 1, "Getting started"],
    ]);
    const lesson = programme!.modules[0]!.lessons[0]!;
    expect(lesson).toMatchObject({
      slug: "preparing-for-supervision",
      order: 1,
      title: "Preparing for supervision",
      minutes: 20,
      capabilities: ["TST-1", "TST-2.1"],
      reflections: [{ id: "own-agenda", prompt: expect.stringContaining("next supervision") }],
    });
    expect(lesson.checks.map((c) => c.id)).toEqual(["who-sets-agenda", "bring-what"]);
    expect(lesson.words).toBeGreaterThanOrEqual(600);
    expect(lesson.words).toBeLessThanOrEqual(1500);
  });

  it("pre-renders the body into HTML with slots for the reflection and the (merged) checks", () => {
    const { segments } = manifest.programmes[0]!.modules[0]!.lessons[0]!;
    expect(segments.map((s) => (s.type === "html" ? "html" : s))).toEqual([
      "html",
      { type: "reflection", id: "own-agenda" },
      "html",
      { type: "checks", ids: ["who-sets-agenda", "bring-what"] },
      "html",
    ]);
    const html = segments.flatMap((s) => (s.type === "html" ? [s.html] : [])).join("");
    expect(html).toContain("<h2>Why your own agenda matters</h2>");
    expect(html).toContain(
      '<section class="case-study"><h2 class="case-study__title">Case study: Jordan&#x27;s first agenda</h2>',
    );
    expect(html).toContain('<div class="key-point"><p class="key-point__label">Key point</p>');
    expect(html).not.toContain("pp-slot");
    expect(html).not.toMatch(/<(Reflection|KnowledgeCheck|CaseStudy|KeyPoint)\b/);
  });

  it("reuses an unchanged lesson from the cache instead of compiling it again", async () => {
    expect(compiled).toHaveLength(1);
    const fromCache: string[] = [];
    const again = await compileContent(VALID, { cache, onLesson: (file, cached) => cached && fromCache.push(file) });
    expect(fromCache).toEqual([path.join(VALID, LESSON)]);
    expect(again.programmes).toEqual(manifest.programmes);
  });
});

describe("refusing broken content", () => {
  const copies: string[] = [];
  let validLesson: string;

  beforeAll(async () => {
    validLesson = await readFile(path.join(VALID, LESSON), "utf8");
  });
  afterAll(async () => {
    await Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** A temporary copy of the valid tree, changed by `change`, compiled; returns the error. */
  async function failureOf(change: (dir: string) => Promise<void>): Promise<ContentError> {
    const dir = await mkdtemp(path.join(tmpdir(), "pp-content-"));
    copies.push(dir);
    await cp(VALID, dir, { recursive: true });
    await change(dir);
    const error = await compileContent(dir).then(
      () => new Error("compileContent accepted broken content"),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }

  /** Rewrites the lesson; `edit` must change it (guards against a replace that silently misses). */
  function editLesson(edit: (source: string) => string) {
    return async (dir: string) => {
      const changed = edit(validLesson);
      expect(changed).not.toBe(validLesson);
      await writeFile(path.join(dir, LESSON), changed);
    };
  }

  /**
   * Exactly one problem with the lesson file, named by file and reason in the message. (A module
   * left without a valid lesson is also reported, as a consequence.)
   */
  function expectOnly(error: ContentError, file: string, reason: string | RegExp) {
    const forLesson = error.problems.filter((p) => p.file.endsWith(file));
    expect(forLesson).toHaveLength(1);
    const [problem] = forLesson;
    expect(problem!.reason).toMatch(reason);
    expect(error.message).toContain(`${problem!.file}: ${problem!.reason}`);
    expect(error.problems.filter((p) => p !== problem)).toEqual([
      { file: expect.stringMatching(/01-getting-started$/), reason: "a module needs at least one lesson" },
    ]);
  }

  it("an unknown capability code", async () => {
    const error = await failureOf(
      editLesson((s) => s.replace("capabilities: [TST-1, TST-2.1]", "capabilities: [TST-1, TST-99]")),
    );
    expectOnly(error, LESSON, "unknown capability code TST-99");
  });

  it("a lesson without a case study", async () => {
    const error = await failureOf(
      editLesson((s) =>
        s.replace(`<CaseStudy title="Jordan's first agenda">`, "<section>").replace("</CaseStudy>", "</section>"),
      ),
    );
    expectOnly(error, LESSON, "needs at least one <CaseStudy>");
  });

  it("a Reflection whose id is not in the frontmatter", async () => {
    const error = await failureOf(
      editLesson((s) =>
        s.replace(
          `<Reflection id="own-agenda" />`,
          `<Reflection id="own-agenda" />\n\n<Reflection id="not-defined" />`,
        ),
      ),
    );
    expectOnly(error, LESSON, `<Reflection id="not-defined"> is not in the frontmatter`);
  });

  it("a check with two correct options", async () => {
    const error = await failureOf(
      editLesson((s) =>
        s.replace(
          "      - text: The supervisor alone, as the person accountable for the work\n",
          "      - text: The supervisor alone, as the person accountable for the work\n        correct: true\n",
        ),
      ),
    );
    expectOnly(error, LESSON, /^frontmatter: checks\.0\.options: a question needs exactly one correct option$/);
  });

  it("a programme whose right answers are reliably the longest option", async () => {
    const error = await failureOf(
      editLesson((s) =>
        s
          .replace("The supervisor alone, as the person accountable for the work\n", "The supervisor alone\n")
          .replace("A list of every case you hold, with the date each family was last visited\n", "A list of every case\n"),
      ),
    );
    expect(error.problems).toEqual([
      {
        file: expect.stringMatching(/supervision-basics$/),
        reason: expect.stringMatching(/^the right answer is the longest option in 2 of 2 questions \(100%\); at most 40% is allowed/),
      },
    ]);
  });

  it("a programme under its minimum lessons", async () => {
    const error = await failureOf(async (dir) => {
      const file = path.join(dir, "programmes", "supervision-basics", "programme.yml");
      await writeFile(file, `${await readFile(file, "utf8")}minimums: { lessons: 2, lessonsPerModule: 2 }\n`);
    });
    expect(error.problems.map((p) => p.reason)).toEqual([
      "has 1 lessons; this programme needs at least 2",
      "module getting-started has 1 lessons; each module needs at least 2",
    ]);
  });

  it("too few words", async () => {
    const error = await failureOf(
      editLesson((s) => {
        const frontmatter = s.slice(0, s.indexOf("---", 3) + 3);
        return `${frontmatter}\n\nA short lesson.\n\n<CaseStudy title="Brief">Too brief.</CaseStudy>\n\n<Reflection id="own-agenda" />\n\n<KnowledgeCheck id="who-sets-agenda" />\n<KnowledgeCheck id="bring-what" />\n`;
      }),
    );
    expectOnly(error, LESSON, /^has \d+ words; a lesson needs 600–1500$/);
  });

  it("malformed YAML frontmatter", async () => {
    const error = await failureOf(editLesson((s) => s.replace("minutes: 20", "minutes: [20")));
    expectOnly(error, LESSON, /^MDX does not compile: [\s\S]*line \d+/);
  });

  it("a component that does not exist", async () => {
    const error = await failureOf(
      editLesson((s) => s.replace("## After the session", '<Video src="intro.mp4" />\n\n## After the session')),
    );
    expectOnly(error, LESSON, /^cannot render: .*`Video`/);
  });

  it("a module folder without an order prefix", async () => {
    const error = await failureOf((dir) =>
      rename(path.join(dir, MODULE_DIR), path.join(dir, "programmes", "supervision-basics", "1-getting-started")),
    );
    expect(error.message).toContain(path.join("supervision-basics", "1-getting-started"));
    expect(error.problems).toContainEqual({
      file: expect.stringMatching(/1-getting-started$/),
      reason: 'module folders are named like "01-using-supervision"',
    });
  });

  it("a lesson file without an order prefix", async () => {
    const error = await failureOf((dir) =>
      rename(path.join(dir, LESSON), path.join(dir, MODULE_DIR, "preparing-for-supervision.mdx")),
    );
    expect(error.message).toContain("preparing-for-supervision.mdx");
    expect(error.problems).toContainEqual({
      file: expect.stringMatching(/01-getting-started[/\\]preparing-for-supervision\.mdx$/),
      reason: 'lesson files are named like "02-the-learning-agreement.mdx"',
    });
  });

  it("reports every broken file in one error", async () => {
    const error = await failureOf(async (dir) => {
      await editLesson((s) => s.replace("capabilities: [TST-1, TST-2.1]", "capabilities: [TST-7]"))(dir);
      await writeFile(path.join(dir, "programmes", "supervision-basics", "programme.yml"), "title: [unclosed\n");
    });
    const files = error.problems.map((p) => path.basename(p.file));
    expect(files).toContain("programme.yml");
    expect(error.message).toMatch(/programme\.yml: cannot read: /);
  });
});
