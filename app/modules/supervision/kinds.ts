/** The kinds of supervision session, as the forms and the record show them. */
export const KINDS = {
  one_to_one: "One-to-one",
  group: "Group supervision",
  reflective: "Reflective supervision",
  unplanned: "Unplanned (case-led)",
} as const;
