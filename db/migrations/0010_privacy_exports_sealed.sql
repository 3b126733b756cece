ALTER TABLE "privacy_exports" ADD COLUMN "recipient" text NOT NULL;--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD COLUMN "payload" jsonb;