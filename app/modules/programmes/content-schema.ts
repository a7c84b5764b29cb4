/**
 * The shape of everything under content/, checked at build time. The compiled manifest
 * (build/content/manifest.json) holds these types; the server only ever reads the manifest.
 */
import { z } from "zod";
import { EVIDENCE_KINDS } from "./evidence-kinds";

const text = z.string().trim().min(1);
const code = z.string().regex(/^[A-Z][A-Z-]*-\d+(\.\d+)*$/, "codes look like PCF-5, KSS-CF-3 or ECS-2.1");

export interface FrameworkItem {
  code: string;
  title: string;
  description?: string;
  levels?: Record<string, string>;
  items?: FrameworkItem[];
}

const frameworkItem: z.ZodType<FrameworkItem> = z.lazy(() =>
  z.object({
    code,
    title: text,
    description: z.string().optional(),
    levels: z.record(z.string(), z.string()).optional(),
    items: z.array(frameworkItem).optional(),
  }),
);

export const frameworkSchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z-]*$/),
  title: text,
  owner: z.string().optional(),
  summary: z.string().optional(),
  items: z.array(frameworkItem).min(1),
});
export type Framework = z.infer<typeof frameworkSchema>;

export { EVIDENCE_KINDS };

const supervisionPeriod = z
  .object({
    untilWeek: z.number().int().positive().optional(),
    untilMonth: z.number().int().positive().optional(),
    every: z.enum(["week", "fortnight", "month"]),
  })
  .refine((p) => (p.untilWeek === undefined) !== (p.untilMonth === undefined), "give untilWeek or untilMonth");

export const assessmentSchema = z.object({
  supervision: z.array(supervisionPeriod).min(1),
  protectedTimeShare: z.number().min(0).max(1),
  reviewPoints: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9-]+$/),
        title: text,
        month: z.number().int().positive(),
        final: z.boolean().optional(),
        /** A review the employer may add (the ASYE's 9-month review): held only where a year turns it on. */
        optional: z.boolean().optional(),
      }),
    )
    .min(1),
  evidence: z
    .array(
      z
        .object({
          kind: z.enum(EVIDENCE_KINDS),
          count: z.number().int().positive(),
          note: z.string().optional(),
          /** How many of them the assessor must have recorded (direct observations: at least one). */
          byAssessor: z.number().int().positive().optional(),
          /**
           * The review points the pieces serve, one each, in order (critical reflections: a summary
           * with the 6-month review and a final one on the final date).
           */
          at: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
        })
        .refine((r) => r.byAssessor === undefined || r.byAssessor <= r.count, "byAssessor cannot be more than count")
        .refine((r) => r.at === undefined || r.at.length === r.count, "at names one review point for each piece"),
    )
    .min(1),
  /**
   * How much evidence each capability needs: every top-level item of the framework (a PCF
   * domain, a KSS statement, an early career standard) needs at least `minimum` pieces
   * mapped to it or to anything beneath it.
   */
  coverage: z.array(z.object({ framework: z.string(), minimum: z.number().int().positive() })).min(1),
  /** Routes through the programme that add a framework of their own (the ASYE: adults', or child and family). */
  pathways: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9-]+$/),
        title: text,
        coverage: z.array(z.object({ framework: z.string(), minimum: z.number().int().positive() })).min(1),
        /**
         * Where the pathway's framework is withdrawn (the child and family KSS after 31 March 2027):
         * evidence dated from `from` maps to these frameworks instead, and a year that runs past it is
         * assessed against them. `note` says why, on the year's pages.
         */
        replaced: z
          .object({
            from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            coverage: z.array(z.object({ framework: z.string(), minimum: z.number().int().positive() })).min(1),
            note: text,
          })
          .optional(),
      }),
    )
    .optional(),
  /**
   * The funding an employer can claim, each line for one pathway when the programme has pathways
   * (the DfE grant for child and family, Skills for Care's for adults). Titles name no year: the
   * platform adds the financial year of the date each claim falls in.
   */
  grants: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9-]+$/),
        pathway: z.string().optional(),
        funder: text,
        title: text.refine((t) => !/\b20\d\d\s*[-–]\s*\d\d\b/.test(t), {
          message: "a grant's title names no financial year: the platform adds the year of each claim",
        }),
        when: z.enum(["registration", "completion"]),
        pounds: z.number().nonnegative(),
      }),
    )
    .optional(),
}).superRefine((rules, ctx) => {
  const codes = new Set<string>();
  const pathways = new Set((rules.pathways ?? []).map((p) => p.code));
  (rules.grants ?? []).forEach((g, i) => {
    if (codes.has(g.code)) ctx.addIssue({ code: "custom", path: ["grants", i, "code"], message: `grant ${g.code} twice` });
    codes.add(g.code);
    if (pathways.size && !g.pathway)
      ctx.addIssue({ code: "custom", path: ["grants", i, "pathway"], message: "name the pathway this grant is for" });
    if (g.pathway && !pathways.has(g.pathway))
      ctx.addIssue({ code: "custom", path: ["grants", i, "pathway"], message: `no pathway ${g.pathway}` });
  });
});
export type AssessmentRules = z.infer<typeof assessmentSchema>;


const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower case letters, digits and hyphens");
const mark = z.number().int().min(0).max(100);

/**
 * A band of marks out of 100 (distinction 70–100, merit 60–69…), both ends included. Bands with
 * `fails` set are below the pass mark.
 */
const markBand = z.object({ code: slug, title: text, from: mark, to: mark, fails: z.boolean().optional() });

/**
 * The award a credit-bearing programme (the Masters) leads to: module credits, the pass mark, the
 * bands, the resubmission rule and the exit awards, each with its rule in words and as data.
 */
export const awardSchema = z
  .object({
    /** The level of study (7 for a Masters), shown on the transcript. */
    level: z.number().int().min(1).max(8),
    passMark: mark,
    bands: z.array(markBand).min(2),
    /** Credits for each module, by the module's slug (its folder name without the number). */
    credits: z.record(slug, z.number().int().positive()),
    resubmission: z
      .object({ attempts: z.number().int().min(0), rule: text, cappedAt: mark })
      .optional(),
    exitAwards: z
      .array(
        z.object({
          code: slug,
          title: text,
          credits: z.number().int().positive(),
          rule: text,
          /** Modules that must be among the credits passed (the MA: the dissertation). */
          requires: z.array(slug).optional(),
          classification: z
            .object({
              basis: z.literal("credit-weighted-average"),
              rule: text,
              /** Highest first: an average at or above `from` is classified as `band`. */
              classes: z.array(z.object({ band: slug, from: mark })).min(1),
            })
            .optional(),
        }),
      )
      .min(1),
  })
  .superRefine((award, ctx) => {
    for (const problem of awardProblems(award)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
  });
export type Award = z.infer<typeof awardSchema>;
export type MarkBand = z.infer<typeof markBand>;

type AwardShape = {
  passMark: number;
  bands: MarkBand[];
  resubmission?: { cappedAt: number };
  exitAwards: { code: string; credits: number; classification?: { classes: { band: string; from: number }[] } }[];
};

/**
 * What is wrong with an award's own numbers (the credits of its modules are checked against the
 * modules by the compiler): bands that leave a gap or overlap or do not run from 0 to 100, a pass
 * mark that is not where the lowest passing band starts, exit awards out of order, a
 * classification that does not follow the bands.
 */
export function awardProblems(award: AwardShape): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const codes = new Set<string>();
  award.bands.forEach((b, i) => {
    if (codes.has(b.code)) add(["bands", i, "code"], `band ${b.code} twice`);
    codes.add(b.code);
    if (b.from > b.to) add(["bands", i], `band ${b.code} runs from ${b.from} to ${b.to}: from must not be above to`);
  });
  const ordered = [...award.bands].sort((a, b) => a.from - b.from);
  if (ordered[0] && ordered[0].from !== 0) add(["bands"], `the bands must start at 0 (the lowest starts at ${ordered[0].from})`);
  const top = ordered.at(-1);
  if (top && top.to !== 100) add(["bands"], `the bands must end at 100 (the highest ends at ${top.to})`);
  for (let i = 1; i < ordered.length; i++) {
    const below = ordered[i - 1]!;
    const above = ordered[i]!;
    if (above.from > below.to + 1)
      add(["bands"], `marks ${below.to + 1}–${above.from - 1} are in no band (between ${below.code} and ${above.code})`);
    else if (above.from <= below.to) add(["bands"], `bands ${below.code} and ${above.code} overlap at ${above.from}`);
  }
  const passing = ordered.filter((b) => !b.fails);
  const lowestPass = passing[0];
  if (!lowestPass) add(["bands"], "no band passes: mark the failing bands with fails: true");
  else if (lowestPass.from !== award.passMark)
    add(["passMark"], `the pass mark is ${award.passMark}, but the lowest passing band (${lowestPass.code}) starts at ${lowestPass.from}`);
  ordered.forEach((b) => {
    const belowPass = b.to < award.passMark;
    if (belowPass && !b.fails) add(["bands"], `band ${b.code} is below the pass mark, so it fails: add fails: true`);
    if (!belowPass && b.fails) add(["bands"], `band ${b.code} is at or above the pass mark, so it cannot fail`);
  });
  if (award.resubmission && award.resubmission.cappedAt !== award.passMark)
    add(["resubmission", "cappedAt"], `a resubmission is capped at the pass mark (${award.passMark}), not ${award.resubmission.cappedAt}`);
  const exitCodes = new Set<string>();
  award.exitAwards.forEach((x, i) => {
    if (exitCodes.has(x.code)) add(["exitAwards", i, "code"], `exit award ${x.code} twice`);
    exitCodes.add(x.code);
    const previous = award.exitAwards[i - 1];
    if (previous && x.credits <= previous.credits)
      add(["exitAwards", i, "credits"], `exit awards go from fewest credits to most: ${x.code} (${x.credits}) comes after ${previous.code} (${previous.credits})`);
    const classes = x.classification?.classes ?? [];
    classes.forEach((c, j) => {
      const band = award.bands.find((b) => b.code === c.band);
      if (!band) add(["exitAwards", i, "classification", "classes", j], `no band ${c.band}`);
      else if (band.fails) add(["exitAwards", i, "classification", "classes", j], `an award cannot be classified ${c.band}: it fails`);
      else if (band.from !== c.from)
        add(["exitAwards", i, "classification", "classes", j], `${c.band} starts at ${band.from} in the bands, not ${c.from}`);
      const higher = classes[j - 1];
      if (higher && c.from >= higher.from) add(["exitAwards", i, "classification", "classes", j], "classes go from highest to lowest");
    });
    const lowest = classes.at(-1);
    if (lowest && lowest.from !== award.passMark)
      add(["exitAwards", i, "classification", "classes"], `the lowest class must start at the pass mark (${award.passMark}), not ${lowest.from}`);
  });
  return problems;
}

export const PROGRAMME_KINDS = ["assessed", "taught", "masters", "specialist", "returner"] as const;

export const programmeFileSchema = z.object({
  title: text,
  summary: text,
  audience: text,
  kind: z.enum(PROGRAMME_KINDS),
  lengthMonths: z.number().int().positive(),
  /**
   * What a place costs, in pence (an integer, so no sum is ever rounded), and how VAT applies:
   * "exempt" (education by an eligible body, such as a university), "included" (the price includes
   * VAT at the standard rate) or "added" (VAT at the standard rate is added at checkout).
   */
  price: z
    .object({
      pence: z.number().int().positive().max(10_000_000),
      vat: z.enum(["exempt", "included", "added"]),
      note: z.string().optional(),
    })
    .strict()
    .nullable()
    .optional(),
  selfEnrol: z.boolean().default(false),
  /**
   * The first day a year on the programme may start (the child and family ECDP: 1 September 2027);
   * a cohort or enrolment starting earlier is refused.
   */
  availableFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  frameworks: z.array(z.string()).min(1),
  /**
   * How the programme uses a framework, by its id: the level it is judged at (the PCF's advanced
   * level) and whom it applies to when not everyone (the practice supervisors' standard: child and
   * family only). The build checks the level is described in every item of the framework.
   */
  frameworkUse: z.record(z.string(), z.object({ level: z.string().optional(), only: text.optional() })).optional(),
  /**
   * What the programme's award is, in words, where a title could mislead (the advanced practitioner
   * award is the programme's own, not a national status): on the programme page and the certificate.
   */
  awardNote: text.optional(),
  assessment: assessmentSchema.optional(),
  /**
   * The least content that carries the programme's length: the build fails below it (a 24-month
   * programme of nine lessons leaves most of its modules a single lesson deep).
   */
  minimums: z
    .object({
      lessons: z.number().int().positive().optional(),
      lessonsPerModule: z.number().int().positive().optional(),
      /** Frameworks (by id) whose every standard, down to the last level, some lesson maps to. */
      covers: z.array(z.string()).optional(),
      /** true: every lesson carries a reading list (the Masters, where reading is assessed). */
      reading: z.boolean().optional(),
    })
    .optional(),
  /**
   * Shared multi-agency sessions (the CP lead programme's, with police, health and education: ADR 026):
   * `evidences` names the criteria a learner's attendance is evidence for. The build checks each is one
   * of the programme's own assessment criteria.
   */
  sharedSessions: z
    .object({
      evidences: z.array(code).min(1),
      /** What attending shows, in words, on the evidence it writes. */
      note: text,
    })
    .optional(),
  /** Credit-bearing programmes (the Masters): the award, its credits, bands and exit awards. */
  award: awardSchema.optional(),
});

const rubricCriterion = z.object({
  criterion: text,
  weight: z.number().positive(),
  bands: z.array(z.object({ band: text, descriptor: text })).min(2),
});

export const moduleFileSchema = z.object({
  title: text,
  summary: text,
  credits: z.number().int().positive().optional(),
  assignment: z
    .object({
      title: text,
      brief: text,
      /** The word limit: work over it is flagged for the marker, not refused. */
      wordCount: z.number().int().positive().optional(),
      /**
       * The stages a long piece of work goes through (the dissertation: proposal, ethics approval,
       * draft, final); the one `marked` is the work submitted for marking.
       */
      stages: z
        .array(z.object({ code: slug, title: text, summary: text, marked: z.boolean().optional() }))
        .min(2)
        .refine((s) => s.filter((x) => x.marked).length === 1, "exactly one stage is the one marked (marked: true)")
        .refine((s) => new Set(s.map((x) => x.code)).size === s.length, "each stage needs its own code")
        .optional(),
      rubric: z
        .array(rubricCriterion)
        .min(1)
        .refine((r) => r.reduce((sum, c) => sum + c.weight, 0) === 100, "rubric weights must add up to 100"),
    })
    .optional(),
  assessmentCriteria: z
    .array(z.object({ code, criterion: text, evidence: z.string().optional() }))
    .optional(),
});

const option = z.object({ text, correct: z.boolean().optional(), feedback: text });

/**
 * One item of a lesson's reading list: a full reference a learner can find and cite (author or
 * body, year, title; legislation by its short title, which carries its year), and an optional line
 * on why it is worth reading. The year is
 * required so that a reference without one, usually a half-remembered one, is refused at build.
 */
export const readingItemSchema = z.object({
  cite: text.regex(/\b(1[89]|20)\d\d\b/, "a reference needs its year, as in Munro (2011) or Care Act 2014"),
  note: text.optional(),
});
export type ReadingItem = z.infer<typeof readingItemSchema>;
const slugId = z.string().regex(/^[a-z0-9-]+$/, "ids use lower case letters, digits and hyphens");

export const lessonFrontmatterSchema = z.object({
  title: text,
  summary: z.string().optional(),
  minutes: z.number().int().min(5).max(120),
  outcomes: z.array(text).min(2).max(5),
  capabilities: z.array(z.string()).min(1),
  reflections: z.array(z.object({ id: slugId, prompt: text })).min(1),
  reading: z
    .array(readingItemSchema)
    .min(1)
    .max(10)
    .refine((r) => new Set(r.map((x) => x.cite)).size === r.length, "a reference is listed twice")
    .optional(),
  checks: z
    .array(
      z.object({
        id: slugId,
        question: text,
        options: z
          .array(option)
          .min(2)
          .max(5)
          .refine((o) => o.filter((x) => x.correct).length === 1, "a question needs exactly one correct option"),
      }),
    )
    .min(1),
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;

/** A lesson body, pre-rendered at build time: static HTML, with slots where learner state goes. */
export type LessonSegment =
  { type: "html"; html: string } | { type: "reflection"; id: string } | { type: "checks"; ids: string[] };

export interface Lesson extends LessonFrontmatter {
  slug: string;
  order: number;
  words: number;
  segments: LessonSegment[];
}

export interface Module extends z.infer<typeof moduleFileSchema> {
  slug: string;
  order: number;
  lessons: Lesson[];
}

export interface Programme extends z.infer<typeof programmeFileSchema> {
  slug: string;
  modules: Module[];
}

export interface Manifest {
  version: 1;
  builtAt: string;
  frameworks: Framework[];
  programmes: Programme[];
}
