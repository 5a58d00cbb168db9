import { eq } from 'drizzle-orm';
import { platformAccounts } from '../modules/accounts/tables';
import type { TestEnv } from './app';
import { as, type Member } from './app';

/** A 1×1 PNG: the smallest real image the media library accepts. */
export const PNG_1x1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export function multipart(field: string, filename: string, data: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----meiyun${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function uploadImage(t: TestEnv, m: Member, data = PNG_1x1) {
  const r = await as(t, m)({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'cover.png', data, 'image/png') });
  if (r.statusCode !== 201) throw new Error(`upload: ${r.statusCode} ${r.body}`);
  return r.json() as { id: string };
}

export async function createAccount(t: TestEnv, m: Member, extra: Record<string, unknown> = {}) {
  // A WeChat 服务号 by default; other platforms have their own account types, or none.
  const wechat = (extra.platform ?? 'wechat_oa') === 'wechat_oa';
  const r = await as(t, m)({
    method: 'POST',
    url: '/api/v1/accounts',
    payload: { platform: 'wechat_oa', name: `公众号 ${Math.random().toString(36).slice(2, 7)}`, ...(wechat ? { accountType: 'service' } : {}), verification: 'verified', ...extra },
  });
  if (r.statusCode !== 201) throw new Error(`account: ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; name: string };
}

/** An account made through the API, then given sealed credentials (as if connected). */
export async function connectedAccount(t: TestEnv, m: Member, extra: Record<string, unknown> = {}) {
  const acc = await createAccount(t, m, extra);
  await t.deps.db
    .update(platformAccounts)
    .set({ credentialsSealed: t.deps.secrets.seal(JSON.stringify({ appId: 'wx0123456789abcdef', appSecret: 's' })) })
    .where(eq(platformAccounts.id, acc.id));
  return acc;
}

export async function createPost(t: TestEnv, m: Member, body: Record<string, unknown> = {}) {
  const r = await as(t, m)({ method: 'POST', url: '/api/v1/posts', payload: { title: '春季新品发布', bodyHtml: '<p>正文</p>', ...body } });
  if (r.statusCode !== 201) throw new Error(`post: ${r.statusCode} ${r.body}`);
  return r.json() as { id: string; version: number; status: string };
}

/** A post by `author`, submitted and approved by `reviewer`. */
export async function approvedPost(t: TestEnv, author: Member, reviewer: Member, body: Record<string, unknown> = {}) {
  const p = await createPost(t, author, body);
  const s = await as(t, author)({ method: 'POST', url: `/api/v1/posts/${p.id}/submit` });
  if (s.statusCode !== 200) throw new Error(`submit: ${s.statusCode} ${s.body}`);
  if (s.json().status === 'approved') return p;
  const r = await as(t, reviewer)({ method: 'POST', url: `/api/v1/posts/${p.id}/review`, payload: { decision: 'approved' } });
  if (r.statusCode !== 200) throw new Error(`review: ${r.statusCode} ${r.body}`);
  return p;
}
