-- The updating log's kinds in the regulator's words (Social Work England: supervised practice,
-- formal study, private study). "Structured learning" is formal study under its own name;
-- shadowing a social worker is part of supervised practice, so those entries become supervised
-- practice, keeping the word at the start of what was done when it is not there already.
-- Runs before the generated migration that rebuilds the enum without the old values.
ALTER TYPE "public"."updating_kind" RENAME VALUE 'structured_learning' TO 'formal_study';--> statement-breakpoint
UPDATE "updating_entries"
SET "kind" = 'supervised_practice',
    "description" = CASE WHEN "description" ILIKE 'shadow%' THEN "description" ELSE 'Shadowing: ' || "description" END
WHERE "kind" = 'shadowing';
