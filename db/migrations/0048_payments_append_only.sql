-- Payments (ADR 027): checkouts offered, webhook events, what happened to the money, places and their
-- history are records: append-only, like sign-offs (the function comes from 0001). A change is a new row.
CREATE TRIGGER checkout_sessions_append_only
  BEFORE UPDATE OR DELETE ON "checkout_sessions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER checkout_sessions_no_truncate
  BEFORE TRUNCATE ON "checkout_sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER payment_events_append_only
  BEFORE UPDATE OR DELETE ON "payment_events"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER payment_events_no_truncate
  BEFORE TRUNCATE ON "payment_events"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER payments_append_only
  BEFORE UPDATE OR DELETE ON "payments"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER payments_no_truncate
  BEFORE TRUNCATE ON "payments"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER seats_append_only
  BEFORE UPDATE OR DELETE ON "seats"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER seats_no_truncate
  BEFORE TRUNCATE ON "seats"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER seat_assignments_append_only
  BEFORE UPDATE OR DELETE ON "seat_assignments"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER seat_assignments_no_truncate
  BEFORE TRUNCATE ON "seat_assignments"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
