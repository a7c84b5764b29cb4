/**
 * Build-time content compiler: validates content/ and compiles every lesson once with
 * mdx-bundler, pre-rendering it to HTML with slots for the learner's own answers. Nothing
 * here runs while serving requests; the server reads only the manifest it writes.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import {
  frameworkSchema,
  type Award,
  lessonFrontmatterSchema,
  moduleFileSchema,
  programmeFileSchema,
  type Framework,
  type FrameworkItem,
  type Lesson,
  type LessonSegment,
  type Manifest,
  type Module,
  type Programme,
} from "./content-schema";
import { programmeProblems } from "./content-checks";

export const LESSON_WORDS = { min: 600, max: 1500 } as const;

export class ContentError extends Error {
  constructor(public readonly problems: { file: string; reason: string }[]) {
    super(`Content build failed:\n${problems.map((p) => `  ${p.file}: ${p.reason}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/** Folder and file names carry a two-digit order prefix: "03-assessment" is slug "assessment", order 3. */
export function parseOrderedName(name: string): { order: number; slug: string } | null {
  const match = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.mdx)?$/.exec(name);
  return match ? { order: Number(match[1]), slug: match[2]! } : null;
}

export function collectCodes(frameworks: Framework[]): Set<string> {
  const codes = new Set<string>();
  const walk = (items: FrameworkItem[] | undefined) => {
    for (const item of items ?? []) {
      codes.add(item.code);
      walk(item.items);
    }
  };
  for (const f of frameworks) walk(f.items);
  return codes;
}

export function countWords(html: string): number {
  const textOnly = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .trim();
  return textOnly ? textOnly.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length : 0;
}

function issues(error: z.ZodError) {
  return error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`).join("; ");
}

async function readYaml(file: string): Promise<unknown> {
  return parseYaml(await readFile(file, "utf8"));
}

async function listDir(dir: string) {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

interface RenderTally {
  caseStudies: number;
}

/** The one components map for lessons. Reflection and KnowledgeCheck become slots for learner state. */
function lessonComponents(tally: RenderTally) {
  return {
    KeyPoint: ({ children }: { children?: ReactNode }) =>
      createElement(
        "div",
        { className: "key-point" },
        createElement("p", { className: "key-point__label" }, "Key point"),
        children,
      ),
    CaseStudy: ({ title, children }: { title?: string; children?: ReactNode }) => {
      tally.caseStudies++;
      return createElement(
        "section",
        { className: "case-study" },
        createElement("h2", { className: "case-study__title" }, title ? `Case study: ${title}` : "Case study"),
        children,
      );
    },
    Reflection: ({ id }: { id: string }) => createElement("pp-slot", { "data-kind": "reflection", "data-id": id }),
    KnowledgeCheck: ({ id }: { id: string }) => createElement("pp-slot", { "data-kind": "check", "data-id": id }),
  };
}

const SLOT = /<pp-slot data-kind="(reflection|check)" data-id="([^"]*)"><\/pp-slot>/g;

/** Splits pre-rendered HTML at its slots; adjacent knowledge checks become one form. */
export function toSegments(html: string): LessonSegment[] {
  const segments: LessonSegment[] = [];
  let last = 0;
  for (const match of html.matchAll(SLOT)) {
    const before = html.slice(last, match.index);
    const previous = segments.at(-1);
    if (match[1] === "check" && previous?.type === "checks" && before.trim() === "") {
      previous.ids.push(match[2]!);
    } else {
      if (before.trim()) segments.push({ type: "html", html: before });
      segments.push(
        match[1] === "check" ? { type: "checks", ids: [match[2]!] } : { type: "reflection", id: match[2]! },
      );
    }
    last = match.index! + match[0].length;
  }
  const rest = html.slice(last);
  if (rest.trim()) segments.push({ type: "html", html: rest });
  return segments;
}

export interface CompiledLessonCacheEntry {
  hash: string;
  lesson: Lesson;
}

/** Compiles one lesson file; returns the lesson or the reasons it is not acceptable. */
export async function compileLesson(
  file: string,
  source: string,
  ordered: { order: number; slug: string },
  codes: Set<string>,
): Promise<{ lesson?: Lesson; problems: string[] }> {
  const problems: string[] = [];
  let bundled: Awaited<ReturnType<typeof bundleMDX>>;
  try {
    bundled = await bundleMDX({ source, cwd: path.dirname(file) });
  } catch (error) {
    const e = error as { errors?: { text: string; location?: { line: number } }[]; message?: string };
    const detail = e.errors?.map((x) => `${x.text}${x.location ? ` (line ${x.location.line})` : ""}`).join("; ");
    return { problems: [`MDX does not compile: ${detail || e.message}`] };
  }
  const front = lessonFrontmatterSchema.safeParse(bundled.frontmatter);
  if (!front.success) return { problems: [`frontmatter: ${issues(front.error)}`] };
  const fm = front.data;
  for (const c of fm.capabilities) if (!codes.has(c)) problems.push(`unknown capability code ${c}`);

  const tally: RenderTally = { caseStudies: 0 };
  let html: string;
  try {
    const Component = getMDXComponent(bundled.code);
    html = renderToStaticMarkup(createElement(Component, { components: lessonComponents(tally) }));
  } catch (error) {
    return { problems: [...problems, `cannot render: ${(error as Error).message}`] };
  }
  const segments = toSegments(html);
  const usedReflections = segments.flatMap((s) => (s.type === "reflection" ? [s.id] : []));
  const usedChecks = segments.flatMap((s) => (s.type === "checks" ? s.ids : []));
  if (tally.caseStudies === 0) problems.push("needs at least one <CaseStudy>");
  if (usedReflections.length === 0) problems.push("needs at least one <Reflection id>");
  if (usedChecks.length === 0) problems.push("needs at least one <KnowledgeCheck id>");
  const defined = (ids: { id: string }[]) => new Set(ids.map((x) => x.id));
  const reflectionIds = defined(fm.reflections);
  const checkIds = defined(fm.checks);
  for (const id of usedReflections)
    if (!reflectionIds.has(id)) problems.push(`<Reflection id="${id}"> is not in the frontmatter`);
  for (const id of usedChecks)
    if (!checkIds.has(id)) problems.push(`<KnowledgeCheck id="${id}"> is not in the frontmatter`);
  for (const id of reflectionIds) if (!usedReflections.includes(id)) problems.push(`reflection "${id}" is never shown`);
  for (const id of checkIds) if (!usedChecks.includes(id)) problems.push(`check "${id}" is never shown`);
  if (new Set(usedReflections).size !== usedReflections.length) problems.push("a reflection is shown twice");
  if (new Set(usedChecks).size !== usedChecks.length) problems.push("a check is shown twice");
  const words = countWords(html);
  if (words < LESSON_WORDS.min || words > LESSON_WORDS.max)
    problems.push(`has ${words} words; a lesson needs ${LESSON_WORDS.min}–${LESSON_WORDS.max}`);
  if (problems.length) return { problems };
  return { lesson: { ...fm, slug: ordered.slug, order: ordered.order, words, segments }, problems };
}

export interface CompileOptions {
  /** Reused between runs in watch mode: unchanged lessons are not compiled again. */
  cache?: Map<string, CompiledLessonCacheEntry>;
  onLesson?: (file: string, fromCache: boolean) => void;
}

export async function compileContent(contentDir: string, options: CompileOptions = {}): Promise<Manifest> {
  const problems: { file: string; reason: string }[] = [];
  const rel = (file: string) => path.relative(process.cwd(), file);
  const fail = (file: string, reason: string) => problems.push({ file: rel(file), reason });

  const frameworks: Framework[] = [];
  const frameworkDir = path.join(contentDir, "frameworks");
  for (const entry of await listDir(frameworkDir)) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const file = path.join(frameworkDir, entry.name);
    try {
      const parsed = frameworkSchema.safeParse(await readYaml(file));
      if (parsed.success) frameworks.push(parsed.data);
      else fail(file, issues(parsed.error));
    } catch (error) {
      fail(file, `not valid YAML: ${(error as Error).message}`);
    }
  }
  const codes = collectCodes(frameworks);
  const frameworkIds = new Set(frameworks.map((f) => f.id));
  const codesHash = createHash("sha256")
    .update([...codes].sort().join(","))
    .digest("hex");

  const programmes: Programme[] = [];
  const programmesDir = path.join(contentDir, "programmes");
  for (const pEntry of await listDir(programmesDir)) {
    if (!pEntry.isDirectory()) continue;
    const programmeDir = path.join(programmesDir, pEntry.name);
    const programmeFile = path.join(programmeDir, "programme.yml");
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(pEntry.name)) {
      fail(programmeDir, "programme folder names use lower case letters, digits and hyphens");
      continue;
    }
    let meta: z.infer<typeof programmeFileSchema>;
    try {
      const parsed = programmeFileSchema.safeParse(await readYaml(programmeFile));
      if (!parsed.success) {
        fail(programmeFile, issues(parsed.error));
        continue;
      }
      meta = parsed.data;
    } catch (error) {
      fail(programmeFile, `cannot read: ${(error as Error).message}`);
      continue;
    }
    for (const id of meta.frameworks) if (!frameworkIds.has(id)) fail(programmeFile, `unknown framework ${id}`);
    for (const [id, use] of Object.entries(meta.frameworkUse ?? {})) {
      if (!meta.frameworks.includes(id)) fail(programmeFile, `frameworkUse names ${id}, which is not one of the programme's frameworks`);
      const framework = frameworks.find((f) => f.id === id);
      const without = use.level ? (framework?.items ?? []).filter((item) => !item.levels?.[use.level!]) : [];
      if (use.level && without.length)
        fail(programmeFile, `${id} has no ${use.level} level for ${without.map((i) => i.code).join(", ")}`);
    }
    if (meta.kind === "assessed" && !meta.assessment)
      fail(programmeFile, "an assessed programme needs an assessment block");
    const coverage = [
      ...(meta.assessment?.coverage ?? []),
      ...(meta.assessment?.pathways ?? []).flatMap((p) => [...p.coverage, ...(p.replaced?.coverage ?? [])]),
    ];
    for (const c of coverage)
      if (!meta.frameworks.includes(c.framework))
        fail(programmeFile, `coverage names ${c.framework}, which is not one of the programme's frameworks`);
    const reviewCodes = new Set(meta.assessment?.reviewPoints.map((r) => r.code) ?? []);
    for (const r of meta.assessment?.evidence ?? [])
      for (const code of r.at ?? [])
        if (!reviewCodes.has(code)) fail(programmeFile, `evidence ${r.kind} is due at ${code}, which is not a review point`);
    for (const r of meta.assessment?.reviewPoints ?? [])
      if (r.optional && r.final) fail(programmeFile, `review point ${r.code} cannot be both optional and final`);

    const modules: Module[] = [];
    for (const mEntry of await listDir(programmeDir)) {
      if (!mEntry.isDirectory()) continue;
      const moduleDir = path.join(programmeDir, mEntry.name);
      const moduleName = parseOrderedName(mEntry.name);
      if (!moduleName) {
        fail(moduleDir, 'module folders are named like "01-using-supervision"');
        continue;
      }
      const moduleFile = path.join(moduleDir, "module.yml");
      let moduleMeta: z.infer<typeof moduleFileSchema>;
      try {
        const parsed = moduleFileSchema.safeParse(await readYaml(moduleFile));
        if (!parsed.success) {
          fail(moduleFile, issues(parsed.error));
          continue;
        }
        moduleMeta = parsed.data;
      } catch (error) {
        fail(moduleFile, `cannot read: ${(error as Error).message}`);
        continue;
      }
      const lessons: Lesson[] = [];
      for (const lEntry of await listDir(moduleDir)) {
        if (!lEntry.isFile() || !lEntry.name.endsWith(".mdx")) continue;
        const file = path.join(moduleDir, lEntry.name);
        const lessonName = parseOrderedName(lEntry.name);
        if (!lessonName) {
          fail(file, 'lesson files are named like "02-the-learning-agreement.mdx"');
          continue;
        }
        const source = await readFile(file, "utf8");
        const hash = createHash("sha256").update(source).update(codesHash).digest("hex");
        const cached = options.cache?.get(file);
        if (cached && cached.hash === hash) {
          lessons.push({ ...cached.lesson, order: lessonName.order, slug: lessonName.slug });
          options.onLesson?.(file, true);
          continue;
        }
        const result = await compileLesson(file, source, lessonName, codes);
        for (const reason of result.problems) fail(file, reason);
        if (result.lesson) {
          lessons.push(result.lesson);
          options.cache?.set(file, { hash, lesson: result.lesson });
          options.onLesson?.(file, false);
        }
      }
      if (lessons.length === 0) fail(moduleDir, "a module needs at least one lesson");
      modules.push({ ...moduleMeta, slug: moduleName.slug, order: moduleName.order, lessons });
    }
    if (modules.length === 0) fail(programmeDir, "a programme needs at least one module");
    for (const problem of sharedSessionProblems(meta, modules)) fail(programmeFile, problem);
    if (meta.kind === "masters" && !meta.award) fail(programmeFile, "a Masters programme needs an award block");
    if (meta.award) {
      for (const problem of creditProblems(meta.award, modules)) fail(problem.module ? path.join(programmeDir, problem.module, "module.yml") : programmeFile, problem.message);
      for (const m of modules) m.credits = meta.award.credits[m.slug] ?? m.credits;
    }
    const programme = { ...meta, slug: pEntry.name, modules };
    for (const problem of programmeProblems(programme, frameworks)) fail(programmeDir, problem);
    programmes.push(programme);
  }
  if (problems.length) throw new ContentError(problems);
  return { version: 1, builtAt: new Date().toISOString(), frameworks, programmes };
}

/**
 * What is wrong with a programme's shared sessions (ADR 026): attendance must be evidence for criteria
 * the programme's own modules declare, and a programme with shared sessions is one assessed against
 * criteria (not the assessed first year).
 */
export function sharedSessionProblems(
  meta: Pick<Programme, "sharedSessions" | "assessment">,
  modules: Pick<Module, "assessmentCriteria">[],
): string[] {
  if (!meta.sharedSessions) return [];
  const codes = new Set(modules.flatMap((m) => (m.assessmentCriteria ?? []).map((c) => c.code)));
  const problems: string[] = [];
  if (meta.assessment) problems.push("sharedSessions: shared sessions are for programmes assessed against criteria, not an assessed year");
  for (const code of meta.sharedSessions.evidences)
    if (!codes.has(code)) problems.push(`sharedSessions.evidences: ${code} is not one of the programme's assessment criteria`);
  if (new Set(meta.sharedSessions.evidences).size !== meta.sharedSessions.evidences.length)
    problems.push("sharedSessions.evidences: a criterion is named twice");
  return problems;
}

/**
 * Whether an award's credits add up: every module has its credits in programme.yml (and, if its
 * own module.yml names credits, the same number), every credit named is for a module that exists,
 * the modules add up to the largest exit award, an exit award's required modules exist, and every
 * module has an assignment with a word limit. `module` is the module's folder when the problem is
 * in its module.yml.
 */
export function creditProblems(
  award: Award,
  modules: Pick<Module, "slug" | "order" | "credits" | "assignment">[],
): { module?: string; message: string }[] {
  const problems: { module?: string; message: string }[] = [];
  const folder = (m: Pick<Module, "slug" | "order">) => `${String(m.order).padStart(2, "0")}-${m.slug}`;
  const slugs = new Set(modules.map((m) => m.slug));
  for (const m of modules) {
    const credits = award.credits[m.slug];
    if (credits === undefined) problems.push({ message: `award.credits: module ${m.slug} has no credits` });
    else if (m.credits !== undefined && m.credits !== credits)
      problems.push({ module: folder(m), message: `credits: ${m.credits} here, but ${credits} in programme.yml` });
    if (!m.assignment) problems.push({ module: folder(m), message: "a module of a credit-bearing programme needs an assignment" });
    else if (!m.assignment.wordCount) problems.push({ module: folder(m), message: "assignment.wordCount: give the word limit" });
  }
  for (const name of Object.keys(award.credits))
    if (!slugs.has(name)) problems.push({ message: `award.credits: there is no module ${name}` });
  const total = Object.entries(award.credits)
    .filter(([name]) => slugs.has(name))
    .reduce((sum, [, credits]) => sum + credits, 0);
  const largest = award.exitAwards.reduce((most, x) => (x.credits > most.credits ? x : most), award.exitAwards[0]!);
  if (total !== largest.credits)
    problems.push({
      message: `award: the modules add up to ${total} credits, but the largest exit award (${largest.code}) needs ${largest.credits}`,
    });
  for (const x of award.exitAwards)
    for (const name of x.requires ?? [])
      if (!slugs.has(name)) problems.push({ message: `award.exitAwards: ${x.code} requires ${name}, which is not a module` });
  return problems;
}

export async function newestChange(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await listDir(dir)) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestChange(full) : (await stat(full)).mtimeMs);
  }
  return newest;
}
