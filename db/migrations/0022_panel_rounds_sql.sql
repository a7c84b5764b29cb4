-- Every panel outcome is one of three steps. A ratification (the chair confirming a pass the panel
-- did not draw for reading) agrees with the assessor and names the exact final-assessment sign-off
-- it covers; an extension says by how many days. Outcomes written before these columns existed are
-- left as they were (the checks hold for them too: they are recorded or chair_signed).
ALTER TABLE "panel_outcomes" ADD CONSTRAINT "panel_outcomes_step_known"
  CHECK ("step" IN ('recorded', 'chair_signed', 'ratified'));--> statement-breakpoint
ALTER TABLE "panel_outcomes" ADD CONSTRAINT "panel_outcomes_ratified_names_signoff"
  CHECK ("step" <> 'ratified' OR ("outcome" = 'agree' AND "signoff_id" IS NOT NULL AND "submission_hash" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "panel_outcomes" ADD CONSTRAINT "panel_outcomes_extension_days"
  CHECK ("extension_days" IS NULL OR ("outcome" = 'extension' AND "extension_days" BETWEEN 1 AND 365));
