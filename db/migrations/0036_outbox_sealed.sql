ALTER TABLE "outbox_emails" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "sealed" jsonb;--> statement-breakpoint
ALTER POLICY "outbox_emails_queue" ON "outbox_emails" TO clearance_app WITH CHECK ((select app_in_hand()) and text is null and sealed is not null);--> statement-breakpoint
ALTER POLICY "outbox_emails_deliver" ON "outbox_emails" TO clearance_app USING ((select app_job()) = 'outbox') WITH CHECK ((select app_job()) = 'outbox' and text is null and sealed is not null);