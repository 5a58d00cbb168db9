ALTER TABLE "account_metrics" DROP CONSTRAINT "account_metrics_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "post_metrics" DROP CONSTRAINT "post_metrics_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "post_metrics" DROP CONSTRAINT "post_metrics_post_id_posts_id_fk";
--> statement-breakpoint
ALTER TABLE "post_metrics" DROP CONSTRAINT "post_metrics_account_id_platform_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "post_snapshots" DROP CONSTRAINT "post_snapshots_workspace_id_workspaces_id_fk";
--> statement-breakpoint
DROP INDEX "post_metrics_publication_day_key";--> statement-breakpoint
DROP INDEX "post_metrics_post_day_idx";--> statement-breakpoint
ALTER TABLE "post_metrics" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "post_metrics" ADD CONSTRAINT "post_metrics_publication_id_day_pk" PRIMARY KEY("publication_id","day");