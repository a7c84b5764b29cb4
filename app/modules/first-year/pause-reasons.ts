/** Why a first year may be paused, as the settings page and the year show it. */
export const PAUSE_REASONS = {
  sickness: "Long-term sickness",
  parental_leave: "Maternity, paternity, adoption or shared parental leave",
  other_leave: "Other leave agreed by the employer",
} as const;
