// A WeChat account whose server configuration (服务器配置) points at this test server, so that
// users' messages sent through the emulator's control arrive by push, and what the emulator then
// holds: the customer-service messages sent and the pushes made.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { as } from './app';
import { type PubEnv, waitFor, wechatWorkspace } from './publishing';

export type Pushed = { url: string; body: string; state: string; attempts: { status: number | null; ms: number }[]; event: string; ref: string };

/** `base`: the address this test's server listens at (the push needs a real one). */
export async function wechatMessaging(e: PubEnv, base: string, mode: 'plain' | 'compat' | 'safe' = 'safe') {
  const ws = await wechatWorkspace(e, 1);
  const [acc] = ws.accounts;
  const settings = (await as(e, ws.team.manager)({ method: 'PUT', url: `/api/v1/accounts/${acc.id}/callback`, payload: { mode } })).json();
  const ok = (await e.control('PUT', `/wechat/apps/${acc.appid}/server`, {
    url: `${base}${settings.path}`,
    token: settings.token,
    encodingAESKey: settings.aesKey,
    mode,
  })) as { ok: boolean };
  if (!ok.ok) throw new Error(`server configuration refused: ${JSON.stringify(ok)}`);
  /** A user writes to the account (through the emulator, which pushes it here). */
  const send = async (body: Record<string, unknown>) =>
    (await e.control('POST', '/wechat/messages', { appid: acc.appid, ...body })) as { openid: string; msgId: string | null; createTime: number };
  const pushes = async () => (await e.control('GET', `/wechat/pushes?appid=${acc.appid}`)) as Pushed[];
  /** Waits until every push to the account was answered. */
  const delivered = () => waitFor('pushes delivered', pushes, (p) => p.length > 0 && p.every((x) => x.state !== 'pending'), 20_000);
  const kfSent = async () => (await e.control('GET', `/wechat/kf/sent?appid=${acc.appid}`)) as { touser: string; content: string }[];
  const items = async () =>
    (
      await e.deps.db.execute<{
        id: string;
        external_id: string;
        text: string;
        author_id: string | null;
        from_account: boolean;
        root: string;
        raw: unknown;
        source: string;
      }>(sql`
        select i.id, i.external_id, i.text, i.author_id, i.from_account, r.external_id as root, i.raw, i.source
        from inbox_items i join inbox_items r on r.id = i.root_id where i.account_id = ${acc.id} order by i.at, i.received_at`)
    ).rows;
  return { ws, team: ws.team, acc, send, pushes, delivered, kfSent, items, openid: () => `o-${randomUUID().slice(0, 20)}` };
}
