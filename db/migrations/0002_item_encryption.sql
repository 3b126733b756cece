ALTER TABLE "items" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "sealed" jsonb;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "secret_sealed" jsonb;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "key_id" text;--> statement-breakpoint
CREATE INDEX "items_key_id_idx" ON "items" USING btree ("key_id");--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_content_form" CHECK (("items"."sealed" is null and "items"."title" is not null and "items"."body" is not null) or ("items"."sealed" is not null and "items"."title" is null and "items"."body" is null));--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_key_id" CHECK (("items"."key_id" is null) = ("items"."sealed" is null and "items"."secret_sealed" is null));