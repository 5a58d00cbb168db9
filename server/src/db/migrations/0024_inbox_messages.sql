ALTER TABLE "inbox_items" ADD COLUMN "raw" jsonb;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD COLUMN "awaiting_decision" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "inbox_items_author_msg_idx" ON "inbox_items" USING btree ("account_id","author_id","at") WHERE kind = 'message';