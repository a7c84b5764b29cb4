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

export const PROGRAMME_KINDS = ["assessed", "taught", "masters", "specialist", "returner"] as const;

export const programmeFileSchema = z.object({
  title: text,
  summary: text,
  audience: text,
  kind: z.enum(PROGRAMME_KINDS),
  lengthMonths: z.number().int().positive(),
  price: z.object({ pounds: z.number().positive(), note: z.string().optional() }).nullable().optional(),
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
  assessment: assessmentSchema.optional(),
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
      wordCount: z.number().int().positive().optional(),
      rubric: z
        .array(rubricCriterion)
        .min(1)
        .refine((r) => r.reduce((sum, c) => sum + c.weight, 0) === 100, "rubric weights must add up to 100"),
    })
    .optional(),
  assessmentCriteria: z
    .array(z.object({ code: z.string(), criterion: text, evidence: z.string().optional() }))
    .optional(),
});

const option = z.object({ text, correct: z.boolean().optional(), feedback: text });
const slugId = z.string().regex(/^[a-z0-9-]+$/, "ids use lower case letters, digits and hyphens");

export const lessonFrontmatterSchema = z.object({
  title: text,
  summary: z.string().optional(),
  minutes: z.number().int().min(5).max(120),
  outcomes: z.array(text).min(2).max(5),
  capabilities: z.array(z.string()).min(1),
  reflections: z.array(z.object({ id: slugId, prompt: text })).min(1),
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
