/** The actions a supervision record agrees, as its form sends them in numbered rows. Pure. */
import { isUuid } from "~/utils/ids";

/** How many rows for new actions the form offers. */
export const ACTION_ROWS = 3;

export interface AgreedAction {
  text: string;
  owner: "learner" | "supervisor";
}

type Submitted = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => [value ?? ""].flat()[0] ?? "";

/** The filled rows as actions, or a message against each row that is wrong; a blank row is skipped. */
export function readAgreedActions(submitted: Submitted) {
  const actions: AgreedAction[] = [];
  const errors: Record<string, string> = {};
  for (let i = 1; i <= ACTION_ROWS; i++) {
    const text = first(submitted[`action-${i}`]).trim();
    const owner = first(submitted[`action-${i}-owner`]);
    if (!text) continue;
    if (text.length > 2_000) errors[`action-${i}`] = `Action ${i} must be 2,000 characters or fewer`;
    else if (owner !== "learner" && owner !== "supervisor") errors[`action-${i}-owner`] = `Choose who does action ${i}`;
    else actions.push({ text, owner });
  }
  return { actions, errors };
}

/** The earlier actions ticked as done: ids only, anything else dropped. */
export function doneActionIds(submitted: Submitted) {
  return [submitted.done ?? []].flat().filter(isUuid);
}
