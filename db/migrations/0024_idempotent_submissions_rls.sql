-- Each person's idempotency keys are theirs alone: a key is a form's one-time token, and the stored answer
-- may name what they created. Read, claimed, answered and released only by the actor of the transaction.
ALTER TABLE idempotent_submissions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY idempotent_submissions_own ON idempotent_submissions FOR ALL TO clearance_app
  USING (actor_id = (SELECT app_user_id())) WITH CHECK (actor_id = (SELECT app_user_id()));
