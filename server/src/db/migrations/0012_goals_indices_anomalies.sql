CREATE TABLE "analytics_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"wci" jsonb,
	"bci" jsonb,
	"anomaly_k" double precision,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "anomaly_states" (
	"account_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"direction" text,
	"checks" integer DEFAULT 0 NOT NULL,
	"numbers" jsonb,
	"notified_at" timestamp with time zone,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "anomaly_states_account_id_metric_pk" PRIMARY KEY("account_id","metric")
);
--> statement-breakpoint
CREATE TABLE "cadence_notices" (
	"account_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"flag" text NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cadence_notices_account_id_week_start_flag_pk" PRIMARY KEY("account_id","week_start","flag")
);
--> statement-breakpoint
CREATE TABLE "cadence_plans" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"per_week" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quiet_days" integer DEFAULT 7 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"metric" text NOT NULL,
	"scope" text NOT NULL,
	"account_id" uuid,
	"member_id" uuid,
	"period" text NOT NULL,
	"start_day" date NOT NULL,
	"end_day" date NOT NULL,
	"target" double precision NOT NULL,
	"owner_id" uuid NOT NULL,
	"state" text,
	"state_changed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_settings" ADD CONSTRAINT "analytics_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_states" ADD CONSTRAINT "anomaly_states_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anomaly_states" ADD CONSTRAINT "anomaly_states_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_notices" ADD CONSTRAINT "cadence_notices_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_notices" ADD CONSTRAINT "cadence_notices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_plans" ADD CONSTRAINT "cadence_plans_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadence_plans" ADD CONSTRAINT "cadence_plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_account_id_platform_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "goals_ws_end_idx" ON "goals" USING btree ("workspace_id","end_day");