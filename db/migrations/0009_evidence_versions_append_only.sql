-- Evidence versions are append-only: an edit adds a version, it never rewrites one (function from 0001).
CREATE TRIGGER evidence_versions_append_only
  BEFORE UPDATE OR DELETE ON "evidence_versions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_no_truncate
  BEFORE TRUNCATE ON "evidence_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
