import { z } from "zod";
import { OUTCOMES, RECOMMENDATIONS } from "./reviews";

const long = (label: string) =>
  z
    .string({ error: `Write ${label}` })
    .trim()
    .min(1, `Write ${label}`)
    .max(20_000, `${label[0]!.toUpperCase()}${label.slice(1)} must be 20,000 characters or fewer`);

export const submissionSchema = z.object({
  learnerComments: long("your comments for the review"),
  evidence: z.array(z.string()).min(1, "Choose at least one piece of evidence for the review").max(100),
});

/** The supervisor's decision; `final` asks for the pass or fail recommendation instead of on track. */
export function decisionSchema(final: boolean) {
  return z
    .object({
      decision: z.enum(["approved", "returned"], { error: "Choose whether to approve or return the review" }),
      outcome: z.string().optional(),
      comments: z.string().trim().max(20_000, "Comments must be 20,000 characters or fewer").default(""),
      actionPlan: z.string().trim().max(20_000, "The action plan must be 20,000 characters or fewer").default(""),
    })
    .superRefine((v, ctx) => {
      if (v.decision === "returned" && !v.comments)
        ctx.addIssue({ code: "custom", path: ["comments"], message: "Say what the learner needs to change" });
      if (v.decision !== "approved") return;
      const choices = final ? RECOMMENDATIONS : OUTCOMES;
      if (!v.outcome || !(v.outcome in choices))
        ctx.addIssue({
          code: "custom",
          path: ["outcome"],
          message: final ? "Choose your recommendation: pass or fail" : "Choose whether the NQSW is on track",
        });
      if (!final && v.outcome === "not_on_track" && !v.actionPlan)
        ctx.addIssue({ code: "custom", path: ["actionPlan"], message: "Write the action plan" });
      if (final && v.outcome === "fail" && !v.comments)
        ctx.addIssue({ code: "custom", path: ["comments"], message: "Give the reasons for a fail recommendation" });
    });
}

export const countersignSchema = z.object({
  comments: z.string().trim().max(20_000, "Comments must be 20,000 characters or fewer").default(""),
  version: z.string().regex(/^[0-9a-f]{64}$/, "Reload the page and countersign again"),
});
