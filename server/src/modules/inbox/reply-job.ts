// Replies on their way: a pg-boss job per reply, sent in the same transaction as the reply's row
// (no lost or phantom job), for an attempt at once; and a sweep every dispatch interval for what a
// job cannot carry: retries after their backoff, and replies left `sending` by a worker that died
// (their lease lapses; the next attempt reads the platform back before anything is sent).
import type PgBoss from 'pg-boss';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { bossDb } from '../../jobs/boss';
import { dueReplies, processReply } from './reply-send';

export const INBOX_REPLY_QUEUE = 'inbox-reply';

export async function ensureReplyQueue(boss: PgBoss) {
  if (!(await boss.getQueue(INBOX_REPLY_QUEUE)))
    await boss.createQueue(INBOX_REPLY_QUEUE, { name: INBOX_REPLY_QUEUE, policy: 'standard', retryLimit: 0, expireInSeconds: 900 });
}

/** Queues an attempt at the reply inside the caller's transaction (ensureReplyQueue first). */
export async function queueReply(deps: Deps, tx: Executor, replyId: string) {
  await deps.boss.send(INBOX_REPLY_QUEUE, { replyId }, { db: bossDb(tx) });
}

export async function startInboxReplyWorker(deps: Deps): Promise<{ stop(): Promise<void> }> {
  const { boss, log } = deps;
  await ensureReplyQueue(boss);
  const attempt = async (id: string) => {
    try {
      const state = await processReply(deps, id);
      if (state) log.info({ replyId: id, state }, 'inbox reply');
    } catch (err) {
      log.warn({ replyId: id, err: err instanceof Error ? err.message : String(err) }, 'inbox reply attempt failed');
    }
  };
  const work = await boss.work<{ replyId: string }>(INBOX_REPLY_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await attempt(job.data.replyId);
  });
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = dueReplies(deps, new Date())
      .then(async (ids) => {
        for (const id of ids) await attempt(id);
      })
      .catch((err) => log.error({ err }, 'inbox reply sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(sweep, deps.config.MEIYUN_DISPATCH_INTERVAL_MS);
      });
  };
  sweep();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await boss.offWork({ id: work }).catch(() => {});
    },
  };
}
