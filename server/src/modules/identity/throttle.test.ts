import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { as, PASSWORD, testEnv, workspaceWithTeam } from '../../test/app';
import { authEvents } from './tables';
import { cookieOf, signInFrom } from './testing';
import { FREE_ATTEMPTS, IP_LIMIT, MAX_DELAY_SECONDS } from './throttle';

const t = await testEnv();
const WRONG = 'wrong-password-1';

/** Lets a (email, IP) pair's current delay run out at once, as if its wait had passed. */
async function waitOut(email: string, ip: string) {
  await t.deps.db.execute(sql`update rate_counters set locked_until = now() - interval '1 second' where key = ${`pair:${email}|${ip}`}`);
}

test("an attacker's 50 failures from one address slow that address, never the user signing in from another", async () => {
  const team = await workspaceWithTeam(t);
  const email = team.editor.email;
  const A = '198.51.100.7';
  const statuses: number[] = [];
  for (let i = 0; i < 50; i++) statuses.push((await signInFrom(t, email, { ip: A, password: WRONG })).statusCode);
  // The first attempts are answered; after them each must wait, so nearly all the rest are 429.
  assert.deepEqual(statuses.slice(0, FREE_ATTEMPTS + 1), Array(FREE_ATTEMPTS + 1).fill(401));
  assert.equal(statuses[FREE_ATTEMPTS + 1], 429);
  assert.ok(statuses.filter((s) => s === 401).length <= FREE_ATTEMPTS + 3, statuses.join(','));
  // The right person, from their own address, is not slowed at all.
  const user = await signInFrom(t, email, { ip: '203.0.113.9' });
  assert.equal(user.statusCode, 200, user.body);
  // From A even the right password waits.
  const fromA = await signInFrom(t, email, { ip: A });
  assert.equal(fromA.statusCode, 429);
  assert.match(fromA.json().error.message, /^尝试次数过多，请 \d+ 秒后再试 \/ Too many attempts; try again in \d+ seconds?$/);
  assert.ok(Number(fromA.headers['retry-after']) >= 1);
});

test('each further failure doubles the wait (Retry-After 1, 2, 4, 8 s …) up to the cap', async () => {
  const team = await workspaceWithTeam(t);
  const email = team.reviewer.email;
  const ip = '198.51.100.20';
  for (let i = 0; i < FREE_ATTEMPTS; i++) assert.equal((await signInFrom(t, email, { ip, password: WRONG })).statusCode, 401);
  const waits: number[] = [];
  for (let i = 0; i < 4; i++) {
    assert.equal((await signInFrom(t, email, { ip, password: WRONG })).statusCode, 401, 'the wait had passed: the attempt is answered');
    const refused = await signInFrom(t, email, { ip, password: WRONG });
    assert.equal(refused.statusCode, 429);
    waits.push(Number(refused.headers['retry-after']));
    await waitOut(email, ip);
  }
  assert.deepEqual(waits, [1, 2, 4, 8]);
  // Far along, the wait stops growing at the cap.
  await t.deps.db.execute(sql`update rate_counters set count = 60 where key = ${`pair:${email}|${ip}`}`);
  await signInFrom(t, email, { ip, password: WRONG });
  const capped = await signInFrom(t, email, { ip, password: WRONG });
  assert.equal(Number(capped.headers['retry-after']), MAX_DELAY_SECONDS);
  assert.match(capped.json().error.message, /请 15 分钟后再试 \/ Too many attempts; try again in 15 minutes/);
  // Refused attempts are recorded as throttled sign-in failures.
  const throttled = await t.deps.db
    .select()
    .from(authEvents)
    .where(and(eq(authEvents.userId, team.reviewer.userId), eq(authEvents.reason, 'throttled')));
  assert.equal(throttled.length, 5);
});

test('a success forgets the failures of that address', async () => {
  const team = await workspaceWithTeam(t);
  const ip = '198.51.100.30';
  for (let i = 0; i < FREE_ATTEMPTS; i++) await signInFrom(t, team.analyst.email, { ip, password: WRONG });
  assert.equal((await signInFrom(t, team.analyst.email, { ip })).statusCode, 200);
  const after: number[] = [];
  for (let i = 0; i <= FREE_ATTEMPTS; i++) after.push((await signInFrom(t, team.analyst.email, { ip, password: WRONG })).statusCode);
  assert.deepEqual(after, Array(FREE_ATTEMPTS + 1).fill(401));
});

test('attempts fired in parallel cannot slip past the delay', async () => {
  const team = await workspaceWithTeam(t);
  const ip = '198.51.100.40';
  const all = await Promise.all(Array.from({ length: 20 }, () => signInFrom(t, team.guest.email, { ip, password: WRONG })));
  const answered = all.filter((r) => r.statusCode === 401).length;
  assert.equal(answered, FREE_ATTEMPTS + 1, all.map((r) => r.statusCode).join(','));
});

test('one address is capped across all emails, and only that address', async () => {
  const team = await workspaceWithTeam(t);
  const ip = '198.51.100.50';
  // Reaching the cap for real takes IP_LIMIT password hashes; start the window just below it.
  await signInFrom(t, 'nobody-0@example.com', { ip, password: WRONG });
  await t.deps.db.execute(sql`update rate_counters set count = ${IP_LIMIT - 2} where key = ${`ip:${ip}`}`);
  assert.equal((await signInFrom(t, 'nobody-1@example.com', { ip, password: WRONG })).statusCode, 401);
  assert.equal((await signInFrom(t, 'nobody-2@example.com', { ip, password: WRONG })).statusCode, 401);
  const capped = await signInFrom(t, 'nobody-3@example.com', { ip, password: WRONG });
  assert.equal(capped.statusCode, 429);
  assert.ok(Number(capped.headers['retry-after']) > 800, String(capped.headers['retry-after']));
  assert.equal((await signInFrom(t, team.manager.email, { ip })).statusCode, 429, 'a fresh email from that address waits too');
  assert.equal((await signInFrom(t, team.manager.email, { ip: '203.0.113.50' })).statusCode, 200, 'another address does not');
});

test('invitation acceptance is throttled like sign-in, on the same (email, IP) count', async () => {
  const a = await workspaceWithTeam(t);
  const b = await workspaceWithTeam(t);
  // b's editor already has an account; a's manager invites them, and someone guesses at the password through the link.
  const inv = await as(t, a.manager)({ method: 'POST', url: '/api/v1/invitations', payload: { email: b.editor.email, role: 'editor' } });
  const token = inv.json().token as string;
  const ip = '198.51.100.60';
  const accept = (password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', remoteAddress: ip, payload: { token, name: '编辑', password } });
  const statuses: number[] = [];
  for (let i = 0; i < FREE_ATTEMPTS + 2; i++) statuses.push((await accept(WRONG)).statusCode);
  assert.deepEqual(statuses, [...Array(FREE_ATTEMPTS + 1).fill(401), 429]);
  assert.equal((await signInFrom(t, b.editor.email, { ip })).statusCode, 429, 'the sign-in page is no way around it');
  assert.equal((await accept(PASSWORD)).statusCode, 429);
  // Bad tokens count against the address.
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    remoteAddress: '198.51.100.61',
    payload: { token: 'y'.repeat(43), name: 'x', password: PASSWORD },
  });
  assert.equal(bad.statusCode, 404);
  const [counter] = (await t.deps.db.execute(sql`select count from rate_counters where key = 'ip:198.51.100.61'`)).rows as { count: number }[];
  assert.equal(counter.count, 1);
  // From the invitee's own address, with the right password, it works.
  const ok = await t.app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    remoteAddress: '203.0.113.60',
    payload: { token, name: '编辑', password: PASSWORD },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().workspace.id, a.workspaceId);
  assert.ok(cookieOf(ok));
});

test('MEIYUN_TRUST_PROXY decides whose address is throttled and recorded', async () => {
  // Without it, X-Forwarded-For is the client's word and changes nothing.
  const team = await workspaceWithTeam(t);
  for (let i = 0; i <= FREE_ATTEMPTS; i++) await signInFrom(t, team.owner.email, { password: WRONG, headers: { 'x-forwarded-for': `192.0.2.${i}` } });
  const spoofed = await signInFrom(t, team.owner.email, { headers: { 'x-forwarded-for': '192.0.2.200' } });
  assert.equal(spoofed.statusCode, 429);

  const proxied = await testEnv({ MEIYUN_TRUST_PROXY: '127.0.0.1' });
  const p = await workspaceWithTeam(proxied);
  for (let i = 0; i <= FREE_ATTEMPTS; i++) await signInFrom(proxied, p.owner.email, { password: WRONG, headers: { 'x-forwarded-for': '192.0.2.1' } });
  assert.equal((await signInFrom(proxied, p.owner.email, { headers: { 'x-forwarded-for': '192.0.2.1' } })).statusCode, 429);
  const other = await signInFrom(proxied, p.owner.email, { headers: { 'x-forwarded-for': '192.0.2.2' } });
  assert.equal(other.statusCode, 200, other.body);
  const [last] = await proxied.deps.db.select().from(authEvents).where(eq(authEvents.userId, p.owner.userId)).orderBy(sql`id desc`).limit(1);
  assert.deepEqual([last.kind, last.ip], ['sign_in', '192.0.2.2']);
});

test('MEIYUN_TRUST_PROXY accepts false, true, a hop count or addresses/CIDRs, and names a bad value', () => {
  const v = (s: string) => loadConfig({ MEIYUN_TRUST_PROXY: s }).MEIYUN_TRUST_PROXY;
  assert.equal(loadConfig({}).MEIYUN_TRUST_PROXY, false);
  assert.equal(v('true'), true);
  assert.equal(v('false'), false);
  assert.equal(v('2'), 2);
  assert.deepEqual(v('10.0.0.0/8, 127.0.0.1,fd00::/8'), ['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
  assert.throws(() => v('10.0.0.0/33'), /MEIYUN_TRUST_PROXY/);
  assert.throws(() => v('proxy.local'), /MEIYUN_TRUST_PROXY: .*proxy\.local/);
});
