// Control of the datacube figures: articles published elsewhere (seeded for tests) and late
// corrections of one day's figures.
import type { ControlRoute } from './control';
import { BadInput, int, str } from './control-input';
import type { WechatState } from './state';

const dayNumber = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new BadInput('date must be YYYY-MM-DD');
  return Date.parse(`${v}T00:00:00Z`) / 86_400_000;
};

export function registerDatacubeControl(route: ControlRoute, s: WechatState): void {
  route('POST', '/__control/wechat/datacube/articles', (b) => {
    const appid = str(b, 'appid', true) as string;
    const msgDataId = str(b, 'msgDataId', true) as string;
    const at = Date.parse(str(b, 'publishedAt', true) as string);
    if (Number.isNaN(at)) throw new BadInput('publishedAt must be an ISO time');
    const list = s.datacube.seeded.get(appid) ?? [];
    list.push({ msgDataId, title: str(b, 'title', false) ?? msgDataId, publishedAt: at });
    s.datacube.seeded.set(appid, list);
    return { ok: true };
  });
  route('POST', '/__control/wechat/datacube/correct', (b) => {
    const appid = str(b, 'appid', true) as string;
    const day = dayNumber(str(b, 'date', true) as string);
    const delta = int(b, 'delta', 0);
    s.datacube.corrections.set(`${appid}|${day}`, delta);
    return { ok: true };
  });
}
