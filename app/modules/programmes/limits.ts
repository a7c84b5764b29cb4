/** The longest reflection a learner can save (the lesson page's text box, its drafts and its form). */
export const REFLECTION_MAX = 20_000;
