// Featuring (精选) and hiding comments from the inbox, against the emulator (the platform's state
// read there): WeChat features and unfeatures through markelect/unmarkelect, the sync keeps the
// mark in step with the console; a reviewer hides (the platform deletes it), the item stays
// hidden with its text, a later sync neither brings it back nor misses the next comment; a comment
// already deleted on the platform counts as hidden; refusals (88000, a permission errcode) answer
// the platform's reason and change nothing; Weibo hides through comments/destroy and cannot
// feature (409); a hidden comment takes no reply; a manual channel 409; other workspaces 404; editors may not hide, guests nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, type Member } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { wechatCommented, weiboCommented } from '../../test/inbox-replies';
import { itemsOf } from '../../test/inbox-sync';
import { publishingEnv } from '../../test/publishing';

const e = await publishingEnv({ worker: false });

type Item = { id: string; text: string; status: string; featured: boolean; hiddenAt: string | null; hiddenBy: string | null };

const post = (m: Member, url: string, payload?: Record<string, unknown>) => as(e, m)({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) });
const featureAs = (m: Member, id: string, featured: boolean) => post(m, `/api/v1/inbox/${id}/feature`, { featured });
const hideAs = (m: Member, id: string) => post(m, `/api/v1/inbox/${id}/hide`);
const stored = async (id: string) =>
  (await e.deps.db.execute<{ featured: boolean; hidden_at: Date | null }>(sql`select featured, hidden_at from inbox_items where id = ${id}`)).rows[0];
const audits = async (workspaceId: string, action: string) =>
  (await e.deps.db.execute(sql`select 1 from audit_log where workspace_id = ${workspaceId} and action = ${action}`)).rows.length;

/** A WeChat account with `n` synced comments, and the article's comments as WeChat holds them. */
async function wechat(n = 2) {
  const c = await wechatCommented(e, n);
  const [msgDataId] = c.item.externalId.split('_');
  const ids = c.items.map((i) => Number(i.externalId.split('_')[2]));
  const held = async () =>
    (await e.control('GET', `/wechat/comments?appid=${c.acc.appid}&msgDataId=${msgDataId}`)) as { userCommentId: number; elected: boolean; deleted: boolean }[];
  const consoleSets = (userCommentId: number, state: { elected?: boolean; deleted?: boolean }) =>
    e.control('POST', '/wechat/comments/state', { appid: c.acc.appid, msgDataId, userCommentId, ...state });
  const comment = (content: string) => e.control('POST', '/wechat/comments', { appid: c.acc.appid, msgDataId, content, openid: `o-${content}` });
  return { ...c, msgDataId, ids, held, consoleSets, comment };
}

test('WeChat: featured and unfeatured on the platform (twice is fine), audited; the sync keeps the mark in step with the console', async () => {
  const c = await wechat();
  const [a, b] = c.items;
  for (let i = 0; i < 2; i++) {
    const r = await featureAs(c.team.editor, a.id, true);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((r.json() as Item).featured, true);
  }
  assert.deepEqual(
    (await c.held()).map((x) => x.elected),
    [true, false],
  );
  const featured = await as(e, c.team.editor)({ method: 'GET', url: '/api/v1/inbox?featured=yes' });
  assert.deepEqual(
    (featured.json() as { items: Item[] }).items.map((i) => i.id),
    [a.id],
  );
  assert.equal((await c.sync()).stored, 0);
  assert.equal((await stored(a.id)).featured, true, 'the sync does not unmark a featured comment');

  // Done in WeChat's console: the next read from the start sees it.
  await c.consoleSets(c.ids[0], { elected: false });
  await c.consoleSets(c.ids[1], { elected: true });
  await e.deps.db.execute(sql`update inbox_sync set full_read_at = null, cursors = '{}'::jsonb where account_id = ${c.acc.id}`);
  await c.sync();
  assert.deepEqual([(await stored(a.id)).featured, (await stored(b.id)).featured], [false, true]);

  const off = await featureAs(c.team.analyst, b.id, false);
  assert.equal(off.statusCode, 200, off.body);
  assert.deepEqual(
    (await c.held()).map((x) => x.elected),
    [false, false],
  );
  assert.equal(await audits(c.team.workspaceId, 'inbox.feature'), 3);
});

test('WeChat: a reviewer hides a comment: deleted on the platform, kept here hidden with its text; a sync neither revives it nor misses the next comment', async () => {
  const c = await wechat();
  const [a, b] = c.items;
  await featureAs(c.team.editor, a.id, true);
  const denied = await hideAs(c.team.editor, a.id);
  assert.equal(denied.statusCode, 403, 'hiding cannot be undone: reviewers, managers and owners only');
  assert.equal((await stored(a.id)).hidden_at, null);

  const r = await hideAs(c.team.reviewer, a.id);
  assert.equal(r.statusCode, 200, r.body);
  const hidden = r.json() as Item;
  assert.deepEqual([hidden.featured, hidden.hiddenBy, hidden.text, typeof hidden.hiddenAt], [false, c.team.reviewer.userId, a.text, 'string']);
  assert.equal(hidden.status, 'done', 'a hidden comment takes no reply: it leaves the open work');
  assert.deepEqual(
    (await c.held()).map((x) => [x.userCommentId, x.deleted]),
    [
      [c.ids[0], true],
      [c.ids[1], false],
    ],
  );
  const again = await hideAs(c.team.manager, a.id);
  assert.equal(again.statusCode, 200, 'hiding a hidden item answers it as it is');
  assert.equal((again.json() as Item).hiddenBy, c.team.reviewer.userId);
  assert.equal(await audits(c.team.workspaceId, 'inbox.hide'), 1);

  const list = async (q: string) =>
    ((await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox?${q}` })).json() as { items: Item[] }).items.map((i) => i.id);
  assert.deepEqual(await list('hidden=yes'), [a.id]);
  assert.deepEqual(await list('hidden=no'), [b.id]);
  assert.equal((await featureAs(c.team.editor, a.id, true)).statusCode, 409, 'a hidden comment is not featured again');
  const reply = await post(c.team.editor, `/api/v1/inbox/${a.id}/replies`, { text: '谢谢' });
  assert.equal(reply.statusCode, 409, 'nor answered: it is gone from the platform');
  assert.match(reply.body, /已隐藏/);

  await c.comment('新的留言');
  const run = await c.sync();
  assert.equal(run.stored, 1, 'the comment after the deleted one is read (WeChat’s offsets moved)');
  const items = await itemsOf(e, c.acc.id);
  assert.equal(items.length, 3);
  assert.notEqual((await stored(a.id)).hidden_at, null, 'still hidden after the sync');
});

test('WeChat: a comment already deleted in the console counts as hidden; refusals (88000, 48001, 40060 while listed) answer the reason and change nothing', async () => {
  const c = await wechat();
  const [a, b] = c.items;
  await c.consoleSets(c.ids[1], { deleted: true });
  const gone = await hideAs(c.team.reviewer, b.id);
  assert.equal(gone.statusCode, 200, gone.body);
  assert.notEqual((gone.json() as Item).hiddenAt, null);

  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/comment/delete', appid: c.acc.appid, mode: 'errcode', errcode: 48001 });
  const refused = await hideAs(c.team.reviewer, a.id);
  assert.equal(refused.statusCode, 502, refused.body);
  assert.match(refused.body, /48001/);
  assert.match(refused.body, /平台拒绝/);
  assert.equal((await stored(a.id)).hidden_at, null);
  assert.equal((await c.held())[0].deleted, false);

  // A refusal of the delete while the comment is still listed is a refusal, not "already gone".
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/comment/delete', appid: c.acc.appid, mode: 'errcode', errcode: 40060 });
  const still = await hideAs(c.team.reviewer, a.id);
  assert.equal(still.statusCode, 502, still.body);
  assert.equal((await stored(a.id)).hidden_at, null);

  await e.control('POST', '/wechat/comments/close', { appid: c.acc.appid, msgDataId: c.msgDataId });
  const closed = await featureAs(c.team.editor, a.id, true);
  assert.equal(closed.statusCode, 502, closed.body);
  assert.match(closed.body, /88000/);
  assert.match(closed.body, /留言权限/);
  assert.equal((await stored(a.id)).featured, false);
  assert.equal((await c.held())[0].elected, false);
  assert.equal(await audits(c.team.workspaceId, 'inbox.feature'), 0);
});

test('Weibo: hidden through comments/destroy (once gone, still done); featuring is not supported (409) and says why', async () => {
  const c = await weiboCommented(e);
  const m = await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}/moderation` });
  assert.equal(m.statusCode, 200, m.body);
  const rules = m.json() as { feature: { allowed: boolean; reason: string | null }; hide: { allowed: boolean; reason: string | null } };
  assert.equal(rules.feature.allowed, false);
  assert.match(rules.feature.reason ?? '', /精选/);
  assert.deepEqual([rules.hide.allowed, /审核人/.test(rules.hide.reason ?? '')], [false, true], 'an editor may not hide');
  const asReviewer = (await as(e, c.team.reviewer)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}/moderation` })).json() as typeof rules;
  assert.deepEqual(asReviewer.hide, { allowed: true, reason: null });

  const no = await featureAs(c.team.editor, c.item.id, true);
  assert.equal(no.statusCode, 409, no.body);
  assert.match(no.body, /平台不支持/);
  assert.match(no.body, /Not supported/);

  const r = await hideAs(c.team.manager, c.item.id);
  assert.equal(r.statusCode, 200, r.body);
  const destroyed = (await e.control('GET', '/weibo/comments/destroyed')) as { idstr: string }[];
  assert.ok(destroyed.some((x) => x.idstr === c.item.externalId));
  assert.equal((await c.sync()).stored, 0);
  assert.notEqual((await stored(c.item.id)).hidden_at, null);

  // Deleted on Weibo before the inbox hid it: 20201 reads as done.
  const other = await weiboCommented(e, '第二条');
  const body = new URLSearchParams({ access_token: other.acc.token, cid: other.item.externalId });
  assert.equal((await fetch(`${e.emulator.url}/weibo/2/comments/destroy.json`, { method: 'POST', body })).status, 200);
  const late = await hideAs(other.team.reviewer, other.item.id);
  assert.equal(late.statusCode, 200, late.body);
});

test('a manual channel says 平台不支持 (409); another workspace’s item 404; guests 403', async () => {
  const c = await wechat(1);
  const manual = await createAccount(e, c.team.owner, { platform: 'xiaohongshu', name: '小红书号' });
  const imported = await post(c.team.editor, '/api/v1/inbox/import', {
    accountId: manual.id,
    items: [{ kind: 'comment', text: '好用吗', at: new Date().toISOString() }],
  });
  assert.equal(imported.statusCode, 200, imported.body);
  const [item] = (await e.deps.db.execute<{ id: string }>(sql`select id from inbox_items where account_id = ${manual.id}`)).rows;
  for (const r of [await featureAs(c.team.editor, item.id, true), await hideAs(c.team.manager, item.id)]) {
    assert.equal(r.statusCode, 409, r.body);
    assert.match(r.body, /平台不支持/);
  }
  const rules = (await as(e, c.team.editor)({ method: 'GET', url: `/api/v1/inbox/${item.id}/moderation` })).json() as { feature: { reason: string } };
  assert.match(rules.feature.reason, /没有平台接口/);

  const stranger = await wechat(1);
  assert.equal((await featureAs(stranger.team.editor, c.item.id, true)).statusCode, 404);
  assert.equal((await hideAs(stranger.team.owner, c.item.id)).statusCode, 404);
  assert.equal((await as(e, stranger.team.editor)({ method: 'GET', url: `/api/v1/inbox/${c.item.id}/moderation` })).statusCode, 404);
  assert.equal((await featureAs(c.team.guest, c.item.id, true)).statusCode, 403);
  assert.equal((await hideAs(c.team.guest, c.item.id)).statusCode, 403);
  assert.deepEqual(
    (await c.held()).map((x) => [x.elected, x.deleted]),
    [[false, false]],
  );
});
