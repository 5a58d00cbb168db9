ALTER TABLE "publications" ADD COLUMN "allowance_limit" integer;--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "allowance_unit" text;