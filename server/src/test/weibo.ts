// Weibo accounts for engine tests: the workspace's app (secret sealed, safe domain), accounts whose
// credentials are a sealed {grant} minted at the emulator, and a variant text that links to the domain.
import { randomUUID } from 'node:crypto';
import { platformAccounts, platformApps } from '../modules/accounts/tables';
import { media } from '../modules/content/tables';
import { workspaceWithTeam } from './app';
import { PNG_1x1 } from './fixtures';
import type { PubEnv } from './publishing';

export const SAFE_DOMAIN = 'example.com';
export const CLIENT_IP = '203.0.113.10';

/** A status text for planBurst's `variant`: the title plus a link on the safe domain. */
export const weiboVariant = (title: string) => ({ text: `${title} https://www.${SAFE_DOMAIN}/p/${encodeURIComponent(title)}` });

let seq = 0;
export async function weiboWorkspace(e: PubEnv, n: number, opts: { expiresIn?: number } = {}) {
  const team = await workspaceWithTeam(e);
  seq += 1;
  const appkey = String(Math.floor(Math.random() * 1e9) * 100 + seq);
  const secret = `s-${randomUUID()}`;
  await e.control('POST', '/weibo/apps', { appkey, secret, name: '媒运测试应用', safeDomain: SAFE_DOMAIN });
  await e.deps.db
    .insert(platformApps)
    .values({
      workspaceId: team.workspaceId,
      platform: 'weibo',
      clientId: appkey,
      secretSealed: e.deps.secrets.seal(secret),
      settings: { safeDomain: SAFE_DOMAIN },
    });
  const accounts: { id: string; appid: string; uid: string; token: string }[] = [];
  for (let i = 0; i < n; i++) {
    const uid = String(5_000_000_000 + Math.floor(Math.random() * 1e9));
    await e.control('POST', '/weibo/users', { uid, name: `微博号${i + 1}` });
    const t = (await e.control('POST', '/weibo/tokens', { appkey, uid, ...(opts.expiresIn !== undefined ? { expires_in: opts.expiresIn } : {}) })) as {
      access_token: string;
      expires_in: number;
    };
    const now = new Date();
    const grant = {
      accessToken: t.access_token,
      expiresAt: new Date(now.getTime() + t.expires_in * 1000).toISOString(),
      refreshToken: null,
      refreshExpiresAt: null,
      openId: uid,
      scopes: ['all'],
      renewalsLeft: null,
      obtainedAt: now.toISOString(),
    };
    const [row] = await e.deps.db
      .insert(platformAccounts)
      .values({
        workspaceId: team.workspaceId,
        platform: 'weibo',
        name: `微博号 ${i + 1}`,
        appId: uid,
        credentialsSealed: e.deps.secrets.seal(JSON.stringify({ grant })),
        scopes: ['all'],
      })
      .returning();
    accounts.push({ id: row.id, appid: appkey, uid, token: t.access_token });
  }
  const { key, sha256 } = await e.deps.storage.put(PNG_1x1);
  const [cover] = await e.deps.db
    .insert(media)
    .values({
      workspaceId: team.workspaceId,
      filename: 'c.png',
      contentType: 'image/png',
      size: PNG_1x1.length,
      width: 1,
      height: 1,
      sha256,
      storageKey: key,
      uploadedBy: team.editor.userId,
    })
    .returning();
  return { team, accounts, coverId: cover.id, appkey };
}

/** Every status the emulator stored for the app (title = the status text). */
export async function weiboPublished(e: PubEnv, appkey: string) {
  return (await e.control('GET', `/weibo/published?appkey=${appkey}`)) as { uid: string; idstr: string; title: string }[];
}

/** A status shared at the emulator by the account's token (a link on the safe domain added); its idstr. */
export async function weiboShare(e: PubEnv, token: string, text: string): Promise<string> {
  const body = new URLSearchParams({ access_token: token, status: `${text} https://www.${SAFE_DOMAIN}/p/1`, rip: CLIENT_IP });
  const r = await fetch(`${e.emulator.url}/weibo/2/statuses/share.json`, { method: 'POST', body });
  const j = (await r.json()) as { idstr: string };
  if (r.status !== 200) throw new Error(`statuses/share: ${r.status} ${JSON.stringify(j)}`);
  return j.idstr;
}
