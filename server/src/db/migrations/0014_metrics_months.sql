CREATE TABLE "post_metrics_months" (
	"workspace_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"month" date NOT NULL,
	"days" bigint NOT NULL,
	"views" bigint NOT NULL,
	"views_n" bigint NOT NULL,
	"likes" bigint NOT NULL,
	"likes_n" bigint NOT NULL,
	"comments" bigint NOT NULL,
	"comments_n" bigint NOT NULL,
	"shares" bigint NOT NULL,
	"shares_n" bigint NOT NULL,
	"favorites" bigint NOT NULL,
	"favorites_n" bigint NOT NULL,
	"zaikan" bigint NOT NULL,
	"zaikan_n" bigint NOT NULL,
	"interactions" bigint NOT NULL,
	"interactions_n" bigint NOT NULL,
	CONSTRAINT "post_metrics_months_publication_id_month_pk" PRIMARY KEY("publication_id","month")
);
--> statement-breakpoint
ALTER TABLE "post_metrics" DROP CONSTRAINT "post_metrics_publication_id_publications_id_fk";
--> statement-breakpoint
CREATE INDEX "post_metrics_months_ws_month_idx" ON "post_metrics_months" USING btree ("workspace_id","month");--> statement-breakpoint
-- post_metrics_months is kept by statement-level triggers: each INSERT, UPDATE (the ON CONFLICT
-- replacements of the ingestion path) and DELETE on post_metrics adds or takes away its rows'
-- figures per (publication, month), from the statement's transition tables.
CREATE FUNCTION post_metrics_months_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO post_metrics_months AS r (workspace_id, publication_id, account_id, month, days,
      views, views_n, likes, likes_n, comments, comments_n, shares, shares_n, favorites, favorites_n,
      zaikan, zaikan_n, interactions, interactions_n)
    SELECT workspace_id, publication_id, account_id, date_trunc('month', day)::date, count(*),
      coalesce(sum(views), 0), count(views), coalesce(sum(likes), 0), count(likes),
      coalesce(sum(comments), 0), count(comments), coalesce(sum(shares), 0), count(shares),
      coalesce(sum(favorites), 0), count(favorites), coalesce(sum(zaikan), 0), count(zaikan),
      coalesce(sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(zaikan, 0)), 0),
      count(*) FILTER (WHERE likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR zaikan IS NOT NULL)
    FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 2, 4
    ON CONFLICT (publication_id, month) DO UPDATE SET days = r.days + excluded.days,
      views = r.views + excluded.views, views_n = r.views_n + excluded.views_n,
      likes = r.likes + excluded.likes, likes_n = r.likes_n + excluded.likes_n,
      comments = r.comments + excluded.comments, comments_n = r.comments_n + excluded.comments_n,
      shares = r.shares + excluded.shares, shares_n = r.shares_n + excluded.shares_n,
      favorites = r.favorites + excluded.favorites, favorites_n = r.favorites_n + excluded.favorites_n,
      zaikan = r.zaikan + excluded.zaikan, zaikan_n = r.zaikan_n + excluded.zaikan_n,
      interactions = r.interactions + excluded.interactions, interactions_n = r.interactions_n + excluded.interactions_n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE post_metrics_months r SET days = r.days - o.days,
      views = r.views - o.views, views_n = r.views_n - o.views_n,
      likes = r.likes - o.likes, likes_n = r.likes_n - o.likes_n,
      comments = r.comments - o.comments, comments_n = r.comments_n - o.comments_n,
      shares = r.shares - o.shares, shares_n = r.shares_n - o.shares_n,
      favorites = r.favorites - o.favorites, favorites_n = r.favorites_n - o.favorites_n,
      zaikan = r.zaikan - o.zaikan, zaikan_n = r.zaikan_n - o.zaikan_n,
      interactions = r.interactions - o.interactions, interactions_n = r.interactions_n - o.interactions_n
    FROM (
      SELECT publication_id, date_trunc('month', day)::date AS month, count(*) AS days,
        coalesce(sum(views), 0) AS views, count(views) AS views_n, coalesce(sum(likes), 0) AS likes, count(likes) AS likes_n,
        coalesce(sum(comments), 0) AS comments, count(comments) AS comments_n, coalesce(sum(shares), 0) AS shares, count(shares) AS shares_n,
        coalesce(sum(favorites), 0) AS favorites, count(favorites) AS favorites_n, coalesce(sum(zaikan), 0) AS zaikan, count(zaikan) AS zaikan_n,
        coalesce(sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(zaikan, 0)), 0) AS interactions,
        count(*) FILTER (WHERE likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR zaikan IS NOT NULL) AS interactions_n
      FROM old_rows GROUP BY 1, 2
    ) o
    WHERE r.publication_id = o.publication_id AND r.month = o.month;
    DELETE FROM post_metrics_months r WHERE r.days = 0
      AND (r.publication_id, r.month) IN (SELECT publication_id, date_trunc('month', day)::date FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER post_metrics_months_ins AFTER INSERT ON post_metrics REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_metrics_months_keep();
--> statement-breakpoint
CREATE TRIGGER post_metrics_months_upd AFTER UPDATE ON post_metrics REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_metrics_months_keep();
--> statement-breakpoint
CREATE TRIGGER post_metrics_months_del AFTER DELETE ON post_metrics REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION post_metrics_months_keep();
--> statement-breakpoint
-- In place of the dropped foreign key: a publication's days go with it (also when it goes with its
-- post, account or workspace).
CREATE FUNCTION post_metrics_drop_publications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM post_metrics m USING gone g WHERE m.publication_id = g.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER post_metrics_drop_publications AFTER DELETE ON publications REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION post_metrics_drop_publications();
--> statement-breakpoint
-- The days stored before this migration.
INSERT INTO post_metrics_months (workspace_id, publication_id, account_id, month, days,
  views, views_n, likes, likes_n, comments, comments_n, shares, shares_n, favorites, favorites_n,
  zaikan, zaikan_n, interactions, interactions_n)
SELECT workspace_id, publication_id, account_id, date_trunc('month', day)::date, count(*),
  coalesce(sum(views), 0), count(views), coalesce(sum(likes), 0), count(likes),
  coalesce(sum(comments), 0), count(comments), coalesce(sum(shares), 0), count(shares),
  coalesce(sum(favorites), 0), count(favorites), coalesce(sum(zaikan), 0), count(zaikan),
  coalesce(sum(coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(zaikan, 0)), 0),
  count(*) FILTER (WHERE likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR zaikan IS NOT NULL)
FROM post_metrics GROUP BY 1, 2, 3, 4;
