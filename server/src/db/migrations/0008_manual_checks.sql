CREATE TABLE "publication_checks" (
	"publication_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"ticked_by" uuid NOT NULL,
	"ticked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publication_checks_publication_id_item_key_pk" PRIMARY KEY("publication_id","item_key")
);
--> statement-breakpoint
ALTER TABLE "publication_checks" ADD CONSTRAINT "publication_checks_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_checks" ADD CONSTRAINT "publication_checks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_checks" ADD CONSTRAINT "publication_checks_ticked_by_users_id_fk" FOREIGN KEY ("ticked_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;