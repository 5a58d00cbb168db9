CREATE TABLE "team_incentives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"review_id" uuid,
	"period_from" date,
	"period_to" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_rating_scales" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"levels" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_review_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"period" text NOT NULL,
	"start_day" date NOT NULL,
	"end_day" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"cycle_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"goal_ids" uuid[] DEFAULT '{}' NOT NULL,
	"self_assessment" text DEFAULT '' NOT NULL,
	"manager_assessment" text DEFAULT '' NOT NULL,
	"rating" text,
	"rating_label" text,
	"scorecard" jsonb,
	"member_signed_at" timestamp with time zone,
	"manager_id" uuid,
	"manager_signed_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "team_incentives" ADD CONSTRAINT "team_incentives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_incentives" ADD CONSTRAINT "team_incentives_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_incentives" ADD CONSTRAINT "team_incentives_review_id_team_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."team_reviews"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_rating_scales" ADD CONSTRAINT "team_rating_scales_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_review_cycles" ADD CONSTRAINT "team_review_cycles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_reviews" ADD CONSTRAINT "team_reviews_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_reviews" ADD CONSTRAINT "team_reviews_cycle_id_team_review_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."team_review_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_reviews" ADD CONSTRAINT "team_reviews_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_reviews" ADD CONSTRAINT "team_reviews_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_incentives_member_idx" ON "team_incentives" USING btree ("workspace_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "team_cycles_ws_idx" ON "team_review_cycles" USING btree ("workspace_id","start_day");--> statement-breakpoint
CREATE UNIQUE INDEX "team_reviews_cycle_member_key" ON "team_reviews" USING btree ("cycle_id","member_id");--> statement-breakpoint
CREATE INDEX "team_reviews_member_idx" ON "team_reviews" USING btree ("workspace_id","member_id");