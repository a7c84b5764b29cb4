-- Whose was an ended session? Every way a session ends deletes its row (signing out, signing out
-- everywhere, a password reset, expiry found on use), so the database itself remembers each one as
-- it goes: the token's hash and its person, for a day (ADR 020). A form sent later with that
-- session's cookie is then held for the person, not lost. Rows older than a day are removed here as
-- new ones come, and by the server's hourly housekeeping.
CREATE FUNCTION remember_ended_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ended_sessions (id, user_id, ended_at)
    SELECT id, user_id, now() FROM gone
    ON CONFLICT (id) DO NOTHING;
  DELETE FROM ended_sessions WHERE ended_at < now() - interval '24 hours';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_remember_ended
  AFTER DELETE ON "sessions"
  REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION remember_ended_sessions();
