CREATE TABLE "idempotent_submissions" (
	"actor_id" uuid NOT NULL,
	"key" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotent_submissions_actor_id_key_pk" PRIMARY KEY("actor_id","key"),
	CONSTRAINT "idempotent_submissions_key_format" CHECK ("idempotent_submissions"."key" ~ '^[A-Za-z0-9_-]{16,64}$')
);
--> statement-breakpoint
ALTER TABLE "idempotent_submissions" ADD CONSTRAINT "idempotent_submissions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;