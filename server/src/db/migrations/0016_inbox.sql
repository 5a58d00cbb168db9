CREATE TABLE "inbox_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"parent_external_id" text,
	"parent_id" uuid,
	"root_id" uuid,
	"publication_id" uuid,
	"author_id" text,
	"author_name" text,
	"from_account" boolean DEFAULT false NOT NULL,
	"text" text NOT NULL,
	"grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"assignee_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"sentiment" text,
	"sentiment_score" real,
	"is_question" boolean,
	"is_complaint" boolean,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_external_key" ON "inbox_items" USING btree ("account_id","kind","external_id");--> statement-breakpoint
CREATE INDEX "inbox_items_ws_at_idx" ON "inbox_items" USING btree ("workspace_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inbox_items_ws_status_at_idx" ON "inbox_items" USING btree ("workspace_id","status","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "inbox_items_root_idx" ON "inbox_items" USING btree ("root_id","at");--> statement-breakpoint
CREATE INDEX "inbox_items_waiting_idx" ON "inbox_items" USING btree ("account_id","parent_external_id") WHERE parent_id is null and parent_external_id is not null;--> statement-breakpoint
CREATE INDEX "inbox_items_parent_idx" ON "inbox_items" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "inbox_items_grams_idx" ON "inbox_items" USING gin ("grams");