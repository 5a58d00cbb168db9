// Control API for mass sends, the server configuration and event pushes.
import type { ControlRoute } from './control';
import { BadInput, int, str } from './control-input';
import { massRows } from './mass';
import { pushRows } from './push';
import { handshake, parseServerConfig } from './serverconfig';
import { type MassStatus, type WechatState, nextSeq } from './state';

const FORCED_MASS = ['SEND_FAIL', 'DELETE'] as const;

export function registerEventControl(route: ControlRoute, s: WechatState): void {
  route('POST', '/__control/wechat/mass-outcome', (b) => {
    const appid = str(b, 'appid', false);
    if (typeof b.status !== 'string' || !(FORCED_MASS as readonly string[]).includes(b.status)) {
      throw new BadInput(`status must be one of ${FORCED_MASS.join(', ')}`);
    }
    const times = int(b, 'times', 1, 1);
    const reason = b.reason === undefined ? undefined : int(b, 'reason', 1);
    if (reason !== undefined && b.status !== 'SEND_FAIL') throw new BadInput('reason (the n of err(n)) goes with status SEND_FAIL');
    const id = `mass-outcome-${nextSeq(s)}`;
    s.massOutcomes.push({ id, appid, status: b.status as MassStatus, times, reason });
    return { id };
  });
  route('DELETE', '/__control/wechat/mass-outcome', () => {
    const removed = s.massOutcomes.length;
    s.massOutcomes = [];
    return { removed };
  });
  route('GET', '/__control/wechat/mass', (_b, q) => massRows(s, q.appid));

  route('PUT', '/__control/wechat/apps/:appid/server', async (b, _q, req) => {
    const app = s.apps.get((req.params as { appid: string }).appid);
    if (!app) throw new BadInput('no such account: register it with POST /__control/wechat/apps first');
    const cfg = parseServerConfig(b);
    if (typeof cfg === 'string') throw new BadInput(cfg);
    const r = await handshake(s, cfg);
    if (!r.ok) throw new BadInput(`server configuration not saved: ${r.why}`, { ok: false, status: r.status, body: r.body });
    app.server = cfg;
    return { ok: true, status: r.status, body: r.body };
  });
  route('DELETE', '/__control/wechat/apps/:appid/server', (_b, _q, req) => {
    const app = s.apps.get((req.params as { appid: string }).appid);
    const removed = app?.server !== undefined;
    if (app) app.server = undefined;
    return { removed };
  });

  route('GET', '/__control/wechat/pushes', (_b, q) => pushRows(s, q.appid));
  route('POST', '/__control/wechat/push-drop', (b) => {
    const appid = str(b, 'appid', false);
    const times = int(b, 'times', 1, 1);
    s.pushDrops.push({ appid, times });
    return { appid: appid ?? null, times };
  });
  route('DELETE', '/__control/wechat/push-drop', () => {
    const removed = s.pushDrops.length;
    s.pushDrops = [];
    return { removed };
  });
}
