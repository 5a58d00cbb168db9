// video_open / video_fail pushes to the app's Webhooks URL (消息推送: 概述,
// open.bilibili.com/doc/4/b369a652-0e26-8ddb-74f0-20c74234fcd6): a JSON POST signed in the
// `x-bilibili-signature` header as SHA1(app_secret + body), retried up to three times.
import { createHash } from 'node:crypto';
import type { BiliArchive, BiliState } from './state';

function shanghaiTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

export function pushReview(s: BiliState, a: BiliArchive): void {
  const app = s.apps.get(a.clientId);
  if (!app?.webhookUrl) return;
  const body = JSON.stringify({
    event: a.state === 0 ? 'video_open' : 'video_fail',
    content: { client_id: a.clientId, openid: a.openid, resource_id: a.resourceId, state: a.state, state_desc: a.stateDesc },
    timestamp: shanghaiTime(Date.now()),
  });
  const signature = createHash('sha1').update(app.clientSecret + body, 'utf8').digest('hex');
  const record: BiliState['pushes'][number] = { url: app.webhookUrl, body, status: null };
  s.pushes.push(record);
  const send = async (attempt: number): Promise<void> => {
    try {
      const res = await fetch(app.webhookUrl as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bilibili-signature': signature }, body, signal: AbortSignal.timeout(5000) });
      record.status = res.status;
      if (res.ok || attempt >= 3) return;
    } catch {
      if (attempt >= 3) return;
    }
    await new Promise((r) => setTimeout(r, 200 * attempt));
    return send(attempt + 1);
  };
  void send(1);
}
