/** The words for moving between a person's memberships. Pure. */

/**
 * "Switch role" when every membership is in one organisation (a supervisor who is also its
 * assessor), "Switch organisation" when they span more than one.
 */
export function switchLabel(organisationIds: readonly string[]): "Switch role" | "Switch organisation" {
  return new Set(organisationIds).size > 1 ? "Switch organisation" : "Switch role";
}
