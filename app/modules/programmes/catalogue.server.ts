/**
 * Reads the content manifest compiled at build time (never MDX itself). Loaded once per
 * process; in development it is read again when the file changes.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Lesson, Manifest, Module, Programme } from "./content-schema";
import { lessonKey } from "./progress";

const MANIFEST_PATH = path.resolve(process.env.CONTENT_MANIFEST ?? "build/content/manifest.json");

const cache = new Map<string, { manifest: Manifest; mtimeMs: number }>();

export function loadManifest(file = MANIFEST_PATH): Manifest {
  const production = process.env.NODE_ENV === "production";
  const cached = cache.get(file);
  if (cached && production) return cached.manifest;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new Error(`The content manifest ${file} is missing: run "npm run build" (or "npm run content:build").`);
  }
  if (cached && cached.mtimeMs === mtimeMs) return cached.manifest;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  cache.set(file, { manifest, mtimeMs });
  return manifest;
}

export function listProgrammes(): Programme[] {
  return loadManifest().programmes;
}

export function findProgramme(slug: string): Programme | undefined {
  return loadManifest().programmes.find((p) => p.slug === slug);
}

const qualifiedKeys = new WeakMap<Manifest, string[]>();

/**
 * Every lesson of every programme as "programme:module/lesson", for counting in SQL the lessons
 * an enrolment has completed that its programme still has.
 */
export function programmeLessonKeys(): string[] {
  const manifest = loadManifest();
  let keys = qualifiedKeys.get(manifest);
  if (!keys) {
    keys = manifest.programmes.flatMap((p) =>
      p.modules.flatMap((m) => m.lessons.map((l) => `${p.slug}:${lessonKey(m.slug, l.slug)}`)),
    );
    qualifiedKeys.set(manifest, keys);
  }
  return keys;
}

export function findModule(programme: Programme, moduleSlug: string): Module | undefined {
  return programme.modules.find((m) => m.slug === moduleSlug);
}

export function findLesson(module: Module, lessonSlug: string): Lesson | undefined {
  return module.lessons.find((l) => l.slug === lessonSlug);
}

/** A capability code's title, e.g. "PCF-5" → "Knowledge". */
export function capabilityTitles(): Map<string, string> {
  const titles = new Map<string, string>();
  const walk = (items: { code: string; title: string; items?: unknown[] }[] | undefined) => {
    for (const item of items ?? []) {
      titles.set(item.code, item.title);
      walk(item.items as typeof items);
    }
  };
  for (const f of loadManifest().frameworks) walk(f.items);
  return titles;
}
