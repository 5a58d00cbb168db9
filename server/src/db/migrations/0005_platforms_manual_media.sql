ALTER TABLE "media" ADD COLUMN "is_poster" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "allowance_limit" integer;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "allowance_unit" text;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "manual_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "handoff_kit" jsonb;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "completed_by" uuid;