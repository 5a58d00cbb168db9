// Mass send (群发): message/mass/sendall (to all followers or a tag), message/mass/send (to an
// openid list), message/mass/get and message/mass/delete. Not freepublish: a mass send pushes a
// draft to followers and draws on the account's mass-send allowance (订阅号 once a Beijing day,
// 服务号 four times a natural month and to all at most once a day); beyond it 45028. A
// clientmsgid (the caller's, or one WeChat derives from target and content) seen within 24 h
// answers 45065 with the existing job's msg_id and sends nothing.
import { createHash } from 'node:crypto';
import { scheduleAt } from './due';
import { WxError } from './errors';
import { massJobFinishXml } from './events';
import { draftVisible, requireRights } from './freepublish';
import type { JsonBody, WxRoute } from './pipeline';
import { pushEvent } from './push';
import { type App, type Draft, type MassJob, type MassStatus, type WechatState, beijingDay, beijingMonth, nextSeq, now, randomId } from './state';

const DEDUP_WINDOW_MS = 24 * 3_600_000;
const CLIENTMSGID_MAX_BYTES = 64;
const OPENIDS_MIN = 2;
const OPENIDS_MAX = 10_000;
/** Sends per period: 订阅号 1 a day; 服务号 4 a month, of which to all at most 1 a day. */
const SUBSCRIPTION_PER_DAY = 1;
const SERVICE_PER_MONTH = 4;
const SERVICE_TO_ALL_PER_DAY = 1;

function isObject(v: unknown): v is JsonBody {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The draft named by mpnews.media_id: a draft in this account's draft box (community answer). */
function mpnewsDraft(s: WechatState, app: App, body: JsonBody, t: number): Draft {
  if (body.msgtype !== 'mpnews') throw new WxError(40008);
  const mediaId = isObject(body.mpnews) ? body.mpnews.media_id : undefined;
  const d = typeof mediaId === 'string' ? s.drafts.get(mediaId) : undefined;
  if (!d || d.appid !== app.appid || !draftVisible(s, d, t)) throw new WxError(40007);
  return d;
}

function filterTarget(app: App, body: JsonBody): { to: MassJob['to']; total: number } {
  const f = body.filter;
  if (!isObject(f)) throw new WxError(40035);
  if (f.is_to_all === true || f.is_to_all === 'true') return { to: 'all', total: app.followers };
  const raw = f.tag_id;
  if (raw === undefined || raw === null || raw === '') throw new WxError(40152);
  const id = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const tag = Number.isInteger(id) ? app.tags.find((t) => t.id === id) : undefined;
  // A tag the account does not have: the forum shows "system error", which staff explained as a wrong tag_id.
  if (!tag) throw new WxError(-1);
  return { to: { tag_id: tag.id }, total: tag.count };
}

function openidTarget(body: JsonBody): { to: MassJob['to']; total: number; openids: string[] } {
  const list = body.touser;
  if (!Array.isArray(list) || list.length < OPENIDS_MIN || list.length > OPENIDS_MAX) throw new WxError(40130);
  if (list.some((o) => typeof o !== 'string' || o === '')) throw new WxError(40003);
  return { to: { openids: list.length }, total: list.length, openids: (list as string[]).slice().sort() };
}

function callerClientMsgId(body: JsonBody): string | null {
  const v = body.clientmsgid;
  if (v === undefined || v === null || v === '') return null;
  const id = typeof v === 'number' ? String(v) : v;
  if (typeof id !== 'string') throw new WxError(47001);
  if (Buffer.byteLength(id, 'utf8') > CLIENTMSGID_MAX_BYTES) throw new WxError(45067);
  return id;
}

/** Without a clientmsgid WeChat uses "the digest of the send's target and content". */
function derivedKey(d: Draft, target: unknown): string {
  const content = JSON.stringify(d.articles.map((a) => [a.title, a.content, a.thumb_media_id]));
  return `digest:${createHash('sha1')
    .update(JSON.stringify([target, d.mediaId, content]))
    .digest('hex')}`;
}

function existingJob(s: WechatState, appid: string, key: string, t: number): MassJob | undefined {
  const job = s.massKeys.get(appid)?.get(key);
  return job && t - job.submittedAt < DEDUP_WINDOW_MS ? job : undefined;
}

/** Checks the allowance; returns the function that uses one send of it once the job is accepted. */
function allowance(s: WechatState, app: App, toAll: boolean, t: number): () => void {
  const day = beijingDay(t);
  const month = beijingMonth(t);
  let a = s.massAllowance.get(app.appid);
  if (!a) {
    a = { day, dayCount: 0, dayToAll: 0, month, monthCount: 0 };
    s.massAllowance.set(app.appid, a);
  }
  if (a.day !== day) Object.assign(a, { day, dayCount: 0, dayToAll: 0 });
  if (a.month !== month) Object.assign(a, { month, monthCount: 0 });
  const over =
    app.type === 'subscription' ? a.dayCount >= SUBSCRIPTION_PER_DAY : a.monthCount >= SERVICE_PER_MONTH || (toAll && a.dayToAll >= SERVICE_TO_ALL_PER_DAY);
  if (over) throw new WxError(45028);
  const used = a;
  return () => {
    used.dayCount += 1;
    used.monthCount += 1;
    if (toAll) used.dayToAll += 1;
  };
}

function takeOutcome(s: WechatState, appid: string) {
  const i = s.massOutcomes.findIndex((r) => r.appid === undefined || r.appid === appid);
  if (i < 0) return undefined;
  const rule = s.massOutcomes[i];
  rule.times -= 1;
  if (rule.times <= 0) s.massOutcomes.splice(i, 1);
  return rule;
}

function accept(s: WechatState, app: App, d: Draft, to: MassJob['to'], total: number, keys: { caller: string | null; dedup: string }, t: number) {
  const seq = nextSeq(s);
  const outcome = takeOutcome(s, app.appid);
  const job: MassJob = {
    // Live answers quote msg_id 3147483685 and msg_data_id 2247483803.
    msgId: 3_147_483_648 + seq,
    msgDataId: 2_247_500_000 + seq,
    appid: app.appid,
    mediaId: d.mediaId,
    titles: d.articles.map((a) => a.title),
    clientmsgid: keys.caller,
    dedupKey: keys.dedup,
    to,
    totalCount: total,
    submittedAt: t,
    readyAt: t + s.opts.publishDelayMs,
    finalStatus: outcome?.status === 'SEND_FAIL' ? 'SEND_FAIL' : 'SEND_SUCCESS',
    errReason: outcome?.status === 'SEND_FAIL' ? outcome.reason : undefined,
    articleUrls: d.articles.map(() => `http://mp.weixin.qq.com/s/${randomId(16)}`),
    deletedIdx: new Set(),
    deletedAfterSend: outcome?.status === 'DELETE',
  };
  s.massJobs.set(job.msgId, job);
  s.massOrder.push(job);
  let keysOfApp = s.massKeys.get(app.appid);
  if (!keysOfApp) {
    keysOfApp = new Map();
    s.massKeys.set(app.appid, keysOfApp);
  }
  keysOfApp.set(job.dedupKey, job);
  scheduleAt(s, `mass:${job.msgId}`, job.readyAt, () => {
    const current = s.apps.get(job.appid);
    if (current) pushEvent(s, current, 'MASSSENDJOBFINISH', String(job.msgId), massJobFinishXml(current, job, Math.floor(job.readyAt / 1000)));
  });
  return { errcode: 0, errmsg: 'send job submission success', msg_id: job.msgId, msg_data_id: job.msgDataId };
}

/** Shared steps of sendall and send, in the order their errors are answered. */
function massSend(s: WechatState, app: App, d: Draft, body: JsonBody, t: number, target: { to: MassJob['to']; total: number; digestOf: unknown }) {
  const caller = callerClientMsgId(body);
  const dedup = caller ?? derivedKey(d, target.digestOf);
  const prior = existingJob(s, app.appid, dedup, t);
  // The forum-quoted answer: {"errcode":45065,"errmsg":"clientmsgid exist","msg_id":3147494441}.
  if (prior) throw new WxError(45065, undefined, { fields: { msg_id: prior.msgId }, rid: false });
  const use = allowance(s, app, target.to === 'all', t);
  const out = accept(s, app, d, target.to, target.total, { caller, dedup }, t);
  use();
  return out;
}

function findJob(s: WechatState, app: App, raw: unknown): MassJob {
  const id = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  const job = typeof id === 'number' ? s.massJobs.get(id) : undefined;
  if (!job || job.appid !== app.appid) throw new WxError(40059);
  return job;
}

export function massStatus(job: MassJob, t: number): MassStatus | 'SENDING' {
  if (job.deletedIdx.size >= job.titles.length) return 'DELETE';
  if (t < job.readyAt) return 'SENDING';
  if (job.deletedAfterSend) return 'DELETE';
  return job.finalStatus;
}

export const massRoutes: WxRoute[] = [
  {
    path: '/cgi-bin/message/mass/sendall',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const d = mpnewsDraft(s, app, body, t);
      const { to, total } = filterTarget(app, body);
      return massSend(s, app, d, body, t, { to, total, digestOf: to });
    },
  },
  {
    path: '/cgi-bin/message/mass/send',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const d = mpnewsDraft(s, app, body, t);
      const { to, total, openids } = openidTarget(body);
      return massSend(s, app, d, body, t, { to, total, digestOf: openids });
    },
  },
  {
    path: '/cgi-bin/message/mass/get',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body, t }) => {
      requireRights(app);
      const job = findJob(s, app, body.msg_id);
      return { msg_id: job.msgId, msg_status: massStatus(job, t) };
    },
  },
  {
    path: '/cgi-bin/message/mass/delete',
    method: 'POST',
    auth: true,
    body: 'json',
    handler: ({ s, app, body }) => {
      requireRights(app);
      const job = findJob(s, app, body.msg_id);
      const raw = body.article_idx ?? 0;
      const idx = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (!Number.isInteger(idx) || (idx as number) < 0 || (idx as number) > job.titles.length) throw new WxError(40060);
      if (idx === 0) for (let i = 1; i <= job.titles.length; i++) job.deletedIdx.add(i);
      else job.deletedIdx.add(idx as number);
      return { errcode: 0, errmsg: 'ok' };
    },
  },
];

/** Rows of /__control/wechat/mass. */
export function massRows(s: WechatState, appid?: string) {
  const t = now(s);
  return s.massOrder
    .filter((j) => appid === undefined || j.appid === appid)
    .map((j) => ({
      appid: j.appid,
      msg_id: j.msgId,
      msg_data_id: j.msgDataId,
      clientmsgid: j.clientmsgid,
      media_id: j.mediaId,
      title: j.titles[0] ?? '',
      titles: j.titles,
      to: j.to,
      total_count: j.totalCount,
      status: massStatus(j, t),
      submitted_at: new Date(j.submittedAt).toISOString(),
    }));
}
