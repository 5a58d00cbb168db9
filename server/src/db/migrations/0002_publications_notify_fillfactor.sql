-- Hand-written: what drizzle-kit cannot express from the table definitions.

-- Room on each page for updated rows: the steps of a publication that touch no indexed column
-- (the fence before a submit, attempt counters, prepare results) become HOT updates, which
-- write no index entries. In the due minute the fence UPDATE was the costliest statement:
-- 10,000 publications went from p99 5.2 s to 3.6 s lateness in bench/publish (bench/README.md).
ALTER TABLE "publications" SET (fillfactor = 70);
--> statement-breakpoint
-- Owner notifications for publication state changes (server/src/modules/notify/README.md):
-- publications are updated in bulk SQL in several places, so the database itself writes the
-- notification when the state changes into failed, needs_attention, missed, expired, paused or
-- published. Per changed row: one primary-key lookup of the post and one INSERT. Rows that
-- managers and group robots must also hear about carry fanout_pending = true (the row is its own
-- outbox entry, swept by the notify worker: notify/fanout.ts). Reasons are stored
-- "中文 / English"; the first "/ " after Chinese text splits them.
CREATE OR REPLACE FUNCTION meiyun_notify_publication_state() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  reason text := nullif(btrim(NEW.state_reason), '');
  -- The first "/ " splits "中文 / English" (also "…）/ English"), if Chinese comes before it.
  sep int := coalesce(position('/ ' in reason), 0);
  reason_zh text := reason;
  reason_en text := reason;
BEGIN
  IF sep > 1 AND left(reason, sep - 1) ~ '[^\x01-\x7f]' THEN
    reason_zh := rtrim(left(reason, sep - 1));
    reason_en := ltrim(substr(reason, sep + 2));
  END IF;
  IF NEW.state = 'published' AND reason IS NULL AND NEW.article_url IS NOT NULL THEN
    reason_zh := '文章地址：' || NEW.article_url;
    reason_en := 'Live at ' || NEW.article_url;
  END IF;
  INSERT INTO notifications (workspace_id, user_id, kind, severity, title_zh, title_en, body_zh, body_en, link, source_id, fanout_pending)
  SELECT NEW.workspace_id,
         p.owner_id,
         'publication.' || NEW.state,
         CASE WHEN NEW.state IN ('published', 'paused') THEN 'info' ELSE 'warning' END,
         CASE NEW.state
           WHEN 'published' THEN '《' || left(p.title, 100) || '》已发布'
           WHEN 'failed' THEN '《' || left(p.title, 100) || '》发布失败'
           WHEN 'needs_attention' THEN '《' || left(p.title, 100) || '》的发布需要处理'
           WHEN 'missed' THEN '《' || left(p.title, 100) || '》错过了发布时间'
           WHEN 'expired' THEN '《' || left(p.title, 100) || '》到发布时间仍未通过审核'
           ELSE '《' || left(p.title, 100) || '》的发布已暂停'
         END,
         CASE NEW.state
           WHEN 'published' THEN '"' || left(p.title, 100) || '" was published'
           WHEN 'failed' THEN '"' || left(p.title, 100) || '" failed to publish'
           WHEN 'needs_attention' THEN '"' || left(p.title, 100) || '" needs attention'
           WHEN 'missed' THEN '"' || left(p.title, 100) || '" missed its publishing time'
           WHEN 'expired' THEN '"' || left(p.title, 100) || '" was not approved by its time'
           ELSE 'Publishing of "' || left(p.title, 100) || '" is paused'
         END,
         coalesce(reason_zh, ''),
         coalesce(reason_en, ''),
         '/publications/' || NEW.id,
         NEW.id,
         NEW.state IN ('failed', 'needs_attention', 'missed')
  FROM posts p
  WHERE p.id = NEW.post_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The WHEN clause is checked in C before any function call: updates that do not change the
-- state into one of these (dispatch claims, attempt counters, prepare stamps) cost nothing.
CREATE TRIGGER publications_notify_state
  AFTER UPDATE OF state ON publications
  FOR EACH ROW
  WHEN (NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('failed', 'needs_attention', 'missed', 'expired', 'paused', 'published'))
  EXECUTE FUNCTION meiyun_notify_publication_state();
