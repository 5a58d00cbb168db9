ALTER TABLE "requests" ADD COLUMN "overdue_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalated_at" timestamp with time zone;