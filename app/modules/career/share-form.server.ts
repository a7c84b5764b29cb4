import { z } from "zod";

/** The share choice for one organisation: which one (the page's hidden field) and yes or no. */
export const shareChoiceSchema = z.object({
  organisationId: z.string({ error: "Choose one of your organisations" }).uuid("Choose one of your organisations"),
  share: z.enum(["yes", "no"], { error: "Choose whether to share your career record" }),
});
