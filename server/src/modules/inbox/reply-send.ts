// Sending one reply exactly once, under publishing's rules. A worker claims the reply with a lease
// (an atomic conditional UPDATE); a reply found `sending` or `unknown` may already be on the
// platform (a worker died mid-send, an answer was lost), so the comments are read back first
// (the platform's findReply): there = sent, absent = nothing arrived, and only then is it sent.
// The send itself is fenced: `sendStartedAt` and a fresh lease are written (conditionally on this
// worker's lease) before the request goes out, so a worker whose lease was taken over never sends,
// and a send is always short of its lease (one call, bounded by the platform timeout). Passing
// refusals (busy, rate limited) back off and retry; refusals of the content, the permission or the
// token fail with the platform's reason. A sent reply goes into the inbox as the account's own
// child item (ingestItems, under the id the comment sync will read back: stored once).
// Platforms that cannot read a reply back (a message replier without findReply: WeChat's
// customer-service messages) never resend by themselves: a reply whose outcome is unknown waits,
// `awaitingDecision`, for a person to say it arrived or to send it again (replies.ts decideReply).
import { sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import { isPlatformError, isRetryable } from '../../platforms/adapter';
import type { CommentReplier, MessageReplier, ReplyTarget, SentReply } from '../../platforms/inbox';
import { platformModule } from '../../platforms/registry';
import { contextWithApp } from '../accounts/platform';
import { findAccount } from '../accounts/repository';
import { backoffMs, describeError } from '../publishing/attempts';
import { platformIdsOf } from '../publishing/lookup';
import { ingestItems } from './ingest';

/** Sends (and read-backs) before a reply fails for good. */
export const MAX_REPLY_ATTEMPTS = 6;

interface Claimed {
  id: string;
  workspaceId: string;
  itemId: string;
  text: string;
  attemptCount: number;
  sendStartedAt: Date | null;
  clientIp: string | null;
  /** The state before this claim: queued (nothing sent) or sending/unknown (read back first). */
  was: string;
  lease: Date;
}

/** A lease covers one platform call with room to spare; a send renews it just before it goes out. */
const leaseMs = (deps: Deps) => 3 * deps.config.MEIYUN_PLATFORM_TIMEOUT_MS;

async function claim(deps: Deps, id: string, now: Date): Promise<Claimed | null> {
  const lease = new Date(now.getTime() + leaseMs(deps));
  const r = await deps.db.execute<Record<string, unknown>>(sql`
    update inbox_replies r set state = 'sending', lease_until = ${lease}, updated_at = now()
    from (select id, state as was from inbox_replies where id = ${id} and state in ('queued', 'sending', 'unknown') and not awaiting_decision
      and next_attempt_at <= ${now} and (lease_until is null or lease_until < ${now}) for update skip locked) o
    where r.id = o.id
    returning r.id, r.workspace_id, r.item_id, r.text, r.attempt_count, r.send_started_at, r.client_ip, o.was`);
  const row = r.rows[0];
  if (!row) return null;
  return {
    id: row.id as string,
    workspaceId: row.workspace_id as string,
    itemId: row.item_id as string,
    text: row.text as string,
    attemptCount: row.attempt_count as number,
    sendStartedAt: row.send_started_at ? new Date(row.send_started_at as string) : null,
    clientIp: (row.client_ip as string) ?? null,
    was: row.was as string,
    lease,
  };
}

/** Applies a change while this worker still holds the lease; false when it was taken over. */
async function whileHeld(deps: Deps, c: Claimed, set: ReturnType<typeof sql>) {
  const r = await deps.db.execute(
    sql`update inbox_replies set ${set}, updated_at = now() where id = ${c.id} and state = 'sending' and lease_until = ${c.lease}`,
  );
  return (r.rowCount ?? 0) > 0;
}

async function load(deps: Deps, c: Claimed) {
  const r = await deps.db.execute<Record<string, unknown>>(sql`
    select kind, external_id, account_id, publication_id, author_id from inbox_items where id = ${c.itemId} and workspace_id = ${c.workspaceId}`);
  const item = r.rows[0];
  const account = item ? await findAccount(deps.db, c.workspaceId, item.account_id as string) : null;
  const mod = account ? platformModule(account.platform) : null;
  const make = item?.kind === 'message' ? mod?.messageReplies : mod?.replies;
  if (!item || !account || !mod || !make) return null;
  const ids = item.publication_id ? await platformIdsOf(deps.db, c.workspaceId, item.publication_id as string) : null;
  const replier: CommentReplier | MessageReplier = make(await contextWithApp(deps, account));
  const target: ReplyTarget = {
    externalId: item.external_id as string,
    publishId: ids?.publishId ?? null,
    msgDataId: ids?.msgDataId ?? null,
    clientIp: c.clientIp,
    authorId: (item.author_id as string) ?? null,
  };
  return { item, accountId: account.id, replier, target };
}

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

async function markSent(deps: Deps, c: Claimed, l: Loaded, sent: SentReply): Promise<string> {
  return deps.db.transaction(async (tx) => {
    const r = await tx.execute(sql`
      update inbox_replies set state = 'sent', platform_reply_id = ${sent.externalId}, sent_at = ${sent.at}, error = null, lease_until = null, updated_at = now()
      where id = ${c.id} and state = 'sending' and lease_until = ${c.lease}`);
    if (!r.rowCount) return 'taken_over';
    await ingestItems(deps, tx, c.workspaceId, l.accountId, 'reply', [
      {
        kind: l.item.kind as 'comment' | 'message',
        externalId: sent.externalId,
        parentExternalId: l.item.external_id as string,
        publicationId: (l.item.publication_id as string) ?? null,
        fromAccount: true,
        text: c.text,
        at: sent.at,
      },
    ]);
    return 'sent';
  });
}

/** A failure: retried later (`again`: its state then, queued when nothing can be out, else unknown), or failed for good. */
async function settle(deps: Deps, c: Claimed, e: unknown, again: 'queued' | 'unknown'): Promise<string> {
  const { code, message } = describeError(e);
  const attempts = c.attemptCount + 1;
  const passing = isRetryable(e) || (isPlatformError(e) && e.kind === 'unknown_outcome') || !isPlatformError(e);
  if (!passing || attempts >= MAX_REPLY_ATTEMPTS) {
    const why = passing ? `重试 ${attempts} 次仍失败 / failed after ${attempts} attempts: ${message}` : message;
    await whileHeld(deps, c, sql`state = 'failed', attempt_count = ${attempts}, error = ${`${code}: ${why}`.slice(0, 1000)}, lease_until = null`);
    return 'failed';
  }
  const wait = backoffMs(attempts, isPlatformError(e) ? e.retryAfterMs : undefined);
  await whileHeld(
    deps,
    c,
    sql`state = ${again}, attempt_count = ${attempts}, error = ${`${code}: ${message}`.slice(0, 1000)}, lease_until = null, next_attempt_at = ${new Date(Date.now() + wait)}`,
  );
  return again;
}

const AWAITING =
  '发送结果未知，该平台无法回查：请确认用户是否已收到，再标记为已发出或重新发送 / the outcome is unknown and the platform cannot be read back: check whether the user got it, then mark it sent or send it again';

const readsBack = (r: CommentReplier | MessageReplier): CommentReplier | null => ('findReply' in r ? (r as CommentReplier) : null);

/** A reply that may be out on a platform that cannot be read back: left for a person, never resent. */
async function awaitPerson(deps: Deps, c: Claimed, e?: unknown): Promise<string> {
  const why = e ? `${AWAITING} (${describeError(e).message})` : AWAITING;
  await whileHeld(deps, c, sql`state = 'unknown', awaiting_decision = true, error = ${why.slice(0, 1000)}, lease_until = null`);
  return 'unknown';
}

const OTHER_REPLY = (text: string) =>
  `该评论已有另一条回复（“${text.slice(0, 50)}”），平台每条评论只显示一条回复，未再发送 / the comment already carries another reply ("${text.slice(0, 50)}"); the platform shows one reply per comment, so nothing was sent`;

/**
 * One attempt at a reply: claimed, read back if it may be out, sent if not, recorded. Answers
 * the state it left (null: not due, or held by another worker). `now` is the clock it judges
 * due times and leases by.
 */
export async function processReply(deps: Deps, replyId: string, opts: { now?: Date } = {}): Promise<string | null> {
  const c = await claim(deps, replyId, opts.now ?? new Date());
  if (!c) return null;
  const l = await load(deps, c).catch((e) => e as Error);
  if (!l || l instanceof Error) {
    const why = l instanceof Error ? l : new Error('the item, its account or its platform’s reply API is gone / 原评论、账号或平台回复接口已不存在');
    await whileHeld(deps, c, sql`state = 'failed', error = ${describeError(why).message.slice(0, 1000)}, lease_until = null`);
    return 'failed';
  }
  if (c.was !== 'queued' && c.sendStartedAt) {
    const back = readsBack(l.replier);
    if (!back) return awaitPerson(deps, c);
    const check = await back.findReply(l.target, c.text, c.sendStartedAt).catch((e) => ({ state: 'error' as const, e }));
    if (check.state === 'error') return settle(deps, c, check.e, 'unknown');
    if (check.state === 'sent') return markSent(deps, c, l, check.reply);
    if (check.state === 'other') {
      await whileHeld(deps, c, sql`state = 'failed', error = ${OTHER_REPLY(check.text)}, lease_until = null`);
      return 'failed';
    }
  }
  const lease = new Date(Date.now() + leaseMs(deps));
  const started = new Date();
  if (!(await whileHeld(deps, c, sql`send_started_at = ${started}, lease_until = ${lease}`))) return 'taken_over';
  c.lease = lease;
  c.sendStartedAt = started;
  let sent: SentReply;
  try {
    sent = await l.replier.reply(l.target, c.text);
  } catch (e) {
    if (!isPlatformError(e) || e.kind !== 'unknown_outcome') return settle(deps, c, e, 'queued');
    const back = readsBack(l.replier);
    if (!back) return awaitPerson(deps, c, e);
    // The platform may have it: read back at once (these reply APIs are synchronous).
    const check = await back.findReply(l.target, c.text, started).catch(() => null);
    if (check?.state === 'sent') return markSent(deps, c, l, check.reply);
    return settle(deps, c, e, 'unknown');
  }
  return markSent(deps, c, l, sent);
}

/** Replies due for an attempt (queued or unknown and due, or sending with a lapsed lease), oldest first. */
export async function dueReplies(deps: Deps, now: Date, limit = 50): Promise<string[]> {
  const r = await deps.db.execute<{ id: string }>(sql`
    select id from inbox_replies where state in ('queued', 'sending', 'unknown') and not awaiting_decision and next_attempt_at <= ${now}
      and (lease_until is null or lease_until < ${now}) order by next_attempt_at limit ${limit}`);
  return r.rows.map((x) => x.id);
}
