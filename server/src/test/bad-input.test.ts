import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../modules/identity/tables';
import { as, testEnv, workspaceWithTeam } from './app';
import { createAccount, createPost, multipart, PNG_1x1 } from './fixtures';

const t = await testEnv({ MEIYUN_MAX_UPLOAD_MB: '1' });
const BILINGUAL = /[\u4e00-\u9fff].* \/ [A-Za-z]/;
const NIL = '00000000-0000-4000-8000-000000000000';
// Malformed JSON, wrong types, unknown fields, NUL, lone surrogates, dates out of range and empty
// partial updates, for every operation: bad-input-openapi.test.ts.

async function setup() {
  const team = await workspaceWithTeam(t);
  const account = await createAccount(t, team.owner);
  const post = await createPost(t, team.editor, { accountIds: [account.id] });
  const topic = (await as(t, team.editor)({ method: 'POST', url: '/api/v1/topics', payload: { title: '选题' } })).json();
  return { team, ids: { account: account.id, post: post.id, topic: topic.id, member: team.guest.userId } };
}

test('specific messages name the field: missing title, too-long digest, bad date, bad email', async () => {
  const { team, ids } = await setup();
  const call = as(t, team.editor);
  const missing = await call({ method: 'POST', url: '/api/v1/posts', payload: { digest: 'x' } });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.json().error.message, /title/);
  const long = await call({ method: 'PATCH', url: `/api/v1/posts/${ids.post}`, payload: { digest: '长'.repeat(129) } });
  assert.match(long.json().error.message, /摘要最多 128 字 \/ digest is at most 128 characters/);
  const date = await call({ method: 'POST', url: `/api/v1/posts/${ids.post}/schedule`, payload: { scheduledAt: 'tomorrow 9am' } });
  assert.equal(date.statusCode, 400);
  assert.match(date.json().error.message, /ISO 8601/);
  const past = await call({ method: 'POST', url: `/api/v1/posts/${ids.post}/schedule`, payload: { scheduledAt: '2020-01-01T00:00:00Z' } });
  assert.equal(past.statusCode, 400);
  assert.match(past.json().error.message, /不能早于现在/);
  const email = await as(t, team.owner)({ method: 'POST', url: '/api/v1/invitations', payload: { email: 'not-an-email', role: 'editor' } });
  assert.match(email.json().error.message, /邮箱格式不正确 \/ invalid email address/);
  const role = await as(t, team.owner)({ method: 'POST', url: '/api/v1/invitations', payload: { email: 'a@b.example.com', role: 'king' } });
  assert.equal(role.statusCode, 400);
  assert.match(role.json().error.message, /role/);
});

test('unknown ids and malformed ids: 404 / 400, never 500', async () => {
  const { team } = await setup();
  const call = as(t, team.owner);
  for (const url of [`/api/v1/posts/${NIL}`, `/api/v1/accounts/${NIL}`, `/api/v1/publications/${NIL}`, `/api/v1/media/${NIL}/file`]) {
    const r = await call({ method: 'GET', url });
    assert.equal(r.statusCode, 404, url);
    assert.match(r.json().error.message, BILINGUAL);
  }
  const bad = await call({ method: 'GET', url: '/api/v1/posts/not-a-uuid' });
  assert.equal(bad.statusCode, 400);
  const nope = await call({ method: 'GET', url: '/api/v1/no/such/thing' });
  assert.equal(nope.statusCode, 404);
  assert.equal(nope.json().error.code, 'not_found');
  const q = await call({ method: 'GET', url: '/api/v1/posts?pageSize=100000' });
  assert.equal(q.statusCode, 400);
});

test('oversize bodies and uploads: 413; unsupported file types: 415; nothing is stored', async () => {
  const { team } = await setup();
  const call = as(t, team.editor);
  const huge = await call({
    method: 'POST',
    url: '/api/v1/posts',
    payload: JSON.stringify({ title: 'x', bodyHtml: 'a'.repeat(3 * 1024 * 1024) }),
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(huge.statusCode, 413);
  assert.match(huge.json().error.message, /太大 \/ .*too large/);
  const big = Buffer.concat([PNG_1x1, Buffer.alloc(1024 * 1024 + 10)]);
  const upBig = await call({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'big.png', big, 'image/png') });
  assert.equal(upBig.statusCode, 413, upBig.body);
  const exe = await call({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'evil.png', Buffer.from('MZ\x90\x00 not an image'), 'image/png') });
  assert.equal(exe.statusCode, 415);
  assert.match(exe.json().error.message, /不支持的文件类型/);
  const notMultipart = await call({ method: 'POST', url: '/api/v1/media', payload: { file: 'x' } });
  assert.equal(notMultipart.statusCode, 415);
  const wrongField = await call({ method: 'POST', url: '/api/v1/media', ...multipart('image', 'a.png', PNG_1x1) });
  assert.equal(wrongField.statusCode, 400);
  const empty = await call({ method: 'POST', url: '/api/v1/media', ...multipart('file', 'a.png', Buffer.alloc(0)) });
  assert.equal(empty.statusCode, 400);
  const list = await call({ method: 'GET', url: '/api/v1/media' });
  assert.equal(list.json().total, 0);
  const posts = await call({ method: 'GET', url: '/api/v1/posts' });
  assert.equal(posts.json().total, 1);
});

test('a failed multi-step change writes nothing: an invalid operator leaves the account as it was', async () => {
  const { team, ids } = await setup();
  const r = await as(t, team.owner)({ method: 'PATCH', url: `/api/v1/accounts/${ids.account}`, payload: { name: '新名字', operatorIds: [NIL] } });
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.message, /运营人员必须是本工作区成员/);
  const a = (await as(t, team.owner)({ method: 'GET', url: `/api/v1/accounts/${ids.account}` })).json();
  assert.notEqual(a.name, '新名字');
  const audit = (await as(t, team.owner)({ method: 'GET', url: '/api/v1/audit?action=account.update' })).json();
  assert.equal(audit.total, 0);
});

test("a topic's owner must be a member: an unknown id or another workspace's user is refused, and no name crosses workspaces", async () => {
  const { team, ids } = await setup();
  const other = await workspaceWithTeam(t);
  await t.deps.db.update(users).set({ name: '别的工作区的人' }).where(eq(users.id, other.editor.userId));
  const call = as(t, team.editor);
  for (const ownerId of [NIL, other.editor.userId]) {
    const created = await call({ method: 'POST', url: '/api/v1/topics', payload: { title: '别人的选题', ownerId } });
    assert.equal(created.statusCode, 400, created.body);
    assert.match(created.json().error.message, /负责人必须是本工作区成员 \/ The owner must be a member of this workspace/);
    assert.doesNotMatch(created.body, /别的工作区的人/);
    const moved = await call({ method: 'PATCH', url: `/api/v1/topics/${ids.topic}`, payload: { ownerId } });
    assert.equal(moved.statusCode, 400, moved.body);
  }
  const topics = (await call({ method: 'GET', url: '/api/v1/topics' })).json();
  assert.deepEqual(
    topics.items.map((x: { title: string }) => x.title),
    ['选题'],
  );
  // A member of this workspace is accepted and named; once they leave, their name is no longer shown here.
  const mine = await call({ method: 'PATCH', url: `/api/v1/topics/${ids.topic}`, payload: { ownerId: team.analyst.userId } });
  assert.deepEqual([mine.statusCode, mine.json().ownerName], [200, 'analyst']);
  await as(t, team.owner)({ method: 'DELETE', url: `/api/v1/members/${team.analyst.userId}` });
  const after = (await call({ method: 'GET', url: '/api/v1/topics' })).json().items[0];
  assert.deepEqual([after.ownerId, after.ownerName], [team.analyst.userId, null]);
});
