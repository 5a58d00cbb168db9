// Canned replies: managers write them, every member who works the inbox lists and renders them;
// variables are filled from the item, a variable it cannot fill is an error naming it (never a
// blank), an unknown variable is refused when saved; names are unique per workspace; each
// workspace sees only its own; guests are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';

const t = await testEnv();
const a = await workspaceWithTeam(t);
const b = await workspaceWithTeam(t);
const account = await createAccount(t, a.owner, { platform: 'xiaohongshu', name: '媒运小红书' });
const imported = await as(
  t,
  a.editor,
)({
  method: 'POST',
  url: '/api/v1/inbox/import',
  payload: { accountId: account.id, items: [{ kind: 'comment', text: '怎么买', authorName: '小王', at: new Date().toISOString() }] },
});
assert.equal(imported.statusCode, 200, imported.body);
const itemId = ((await as(t, a.editor)({ method: 'GET', url: '/api/v1/inbox' })).json() as { items: { id: string }[] }).items[0].id;

const create = (m: typeof a.manager, payload: Record<string, unknown>) => as(t, m)({ method: 'POST', url: '/api/v1/inbox/templates', payload });
const render = (m: typeof a.manager, id: string, item = itemId) =>
  as(t, m)({ method: 'POST', url: `/api/v1/inbox/templates/${id}/render`, payload: { itemId: item } });

test('a manager writes a template, an editor renders it for an item; editors cannot write, guests cannot read', async () => {
  const r = await create(a.manager, { name: '感谢', body: '{{author}} 您好，感谢关注{{ account }}！' });
  assert.equal(r.statusCode, 200, r.body);
  const { id } = r.json() as { id: string };
  assert.equal((await create(a.editor, { name: '编辑的', body: '好' })).statusCode, 403);
  assert.equal((await as(t, a.guest)({ method: 'GET', url: '/api/v1/inbox/templates' })).statusCode, 403);
  const list = (await as(t, a.editor)({ method: 'GET', url: '/api/v1/inbox/templates' })).json() as { name: string }[];
  assert.deepEqual(
    list.map((x) => x.name),
    ['感谢'],
  );
  const out = await render(a.editor, id);
  assert.equal(out.statusCode, 200, out.body);
  assert.deepEqual(out.json(), { text: '小王 您好，感谢关注媒运小红书！' });
});

test('a variable the item cannot fill is an error naming it; an unknown variable is refused when saved', async () => {
  const r = await create(a.manager, { name: '文章', body: '关于《{{post}}》的问题已收到' });
  const out = await render(a.editor, (r.json() as { id: string }).id);
  assert.equal(out.statusCode, 400, out.body);
  assert.match(out.body, /缺少模板变量的值：\{\{post\}\}/);
  assert.match(out.body, /no value for \{\{post\}\}/);
  const bad = await create(a.manager, { name: '错的', body: '{{name}} 你好' });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, /未知变量/);
  assert.match(bad.body, /Unknown variables/);
});

test('names unique per workspace; edit and delete; another workspace sees none of it', async () => {
  const r = await create(a.manager, { name: '售后', body: '请私信我们' });
  const { id } = r.json() as { id: string };
  assert.equal((await create(a.manager, { name: '售后', body: '重复' })).statusCode, 409);
  assert.equal((await create(b.manager, { name: '售后', body: '别的工作区可以同名' })).statusCode, 200);
  const edited = await as(t, a.manager)({ method: 'PATCH', url: `/api/v1/inbox/templates/${id}`, payload: { body: '请私信我们，{{author}}' } });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.deepEqual((await render(a.reviewer, id)).json(), { text: '请私信我们，小王' });
  assert.equal((await render(b.editor, id)).statusCode, 404);
  assert.equal((await as(t, b.manager)({ method: 'DELETE', url: `/api/v1/inbox/templates/${id}` })).statusCode, 404);
  assert.equal((await as(t, a.manager)({ method: 'DELETE', url: `/api/v1/inbox/templates/${id}` })).statusCode, 200);
  assert.equal((await render(a.editor, id)).statusCode, 404);
});
