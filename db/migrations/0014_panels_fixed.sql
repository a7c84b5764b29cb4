-- A panel's sample and seed are fixed when it is made; certificates cannot be wiped either.
CREATE TRIGGER panels_append_only
  BEFORE UPDATE OR DELETE ON "panels"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER panels_no_truncate
  BEFORE TRUNCATE ON "panels"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER certificates_no_truncate
  BEFORE TRUNCATE ON "certificates"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
