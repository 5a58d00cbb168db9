// Exactly once, with no hole left (issue 6 §2): each test reproduces a way a publication could go
// out twice, early, or after it should have stopped.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config';
import { sleep } from '../../lib/time';
import { as } from '../../test/app';
import { planBurst, publishingEnv, waitFor, wechatWorkspace } from '../../test/publishing';
import { settleRefusal } from './engine';
import { loadTarget } from './target';

const e = await publishingEnv({ env: { MEIYUN_PLATFORM_TIMEOUT_MS: '1500' } });
const pubOf = async (id: string) => (await e.deps.db.execute(sql`select * from publications where id = ${id}`)).rows[0] as Record<string, unknown>;
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill('SIGKILL');
});

test('a database error right after an accepted submit does not reschedule it: it is reconciled and published once', async () => {
  const ws = await wechatWorkspace(e, 1);
  // A real database refusal of the write that records the accepted submit, once.
  await e.deps.db.execute(
    sql.raw(`
    create sequence if not exists fail_once_seq;
    create or replace function fail_once() returns trigger language plpgsql as $$
    begin
      if new.state = 'submitted' and old.state = 'dispatching'
         and exists (select 1 from posts where id = new.post_id and title like 'dbfail-%') and nextval('fail_once_seq') <= 4 then
        raise exception 'injected: the database refused the write';
      end if;
      return new;
    end $$;
    drop trigger if exists fail_once on publications;
    create trigger fail_once before update on publications for each row execute function fail_once();`),
  );
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'dbfail' });
  const p = await waitFor(
    'final',
    () => pubOf(id),
    (r) => ['published', 'failed', 'needs_attention'].includes(String(r.state)),
    60_000,
  );
  assert.equal(p.state, 'published', String(p.state_reason));
  assert.match(String(p.state_reason), /核对|confirmed/);
  const subs = await e.published(ws.accounts[0].appid);
  assert.equal(subs.length, 1, 'submitted exactly once');
  await e.deps.db.execute(sql`drop trigger fail_once on publications`);
});

test('an edit while the draft is being made at the due time stops the old text at the fence', async () => {
  const ws = await wechatWorkspace(e, 1);
  const appid = ws.accounts[0].appid;
  // Not prepared ahead: the one-by-one path makes the draft at the due time, slowly.
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/draft/add', appid, mode: 'latency', latencyMs: 2500, times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'edited' });
  await waitFor(
    'dispatching',
    () => pubOf(id),
    (r) => r.state === 'dispatching',
    10_000,
  );
  await sleep(500);
  const postId = String((await pubOf(id)).post_id);
  const edit = await as(e, ws.team.editor)({ method: 'PATCH', url: `/api/v1/posts/${postId}`, payload: { bodyHtml: '<p>改过的正文</p>' } });
  assert.equal(edit.statusCode, 200, edit.body);
  const p = await waitFor(
    'final',
    () => pubOf(id),
    (r) => r.state !== 'dispatching',
    20_000,
  );
  assert.equal(p.state, 'expired', String(p.state_reason));
  await sleep(1000);
  assert.equal((await e.published(appid)).length, 0, 'the old version never went out');
});

test('a refusal recorded by a run whose fence was taken over cannot clear the newer fence', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.stopWorker();
  try {
    const [id] = await planBurst(e, ws, 1, new Date(Date.now() + 3600_000), { prefix: 'fence' });
    // Run 1 fenced at T1 and is slow; the job was presumed dead and run 2 took the fence over at T2.
    await e.deps.db.execute(
      sql`update publications set state = 'dispatching', dispatch_seq = 1, submit_started_at = '2026-01-01T00:00:01.000Z' where id = ${id}`,
    );
    const stale = await loadTarget(e.deps.db, id);
    await e.deps.db.execute(sql`update publications set submit_started_at = '2026-01-01T00:00:02.000Z' where id = ${id}`);
    const refused = Object.assign(new Error('busy'), {});
    const changed = await settleRefusal(e.deps, stale!, new Date('2026-01-01T00:00:01.000Z'), refused);
    assert.equal(changed, false);
    const p = await pubOf(id);
    assert.equal(p.state, 'dispatching');
    assert.equal(new Date(String(p.submit_started_at)).toISOString(), '2026-01-01T00:00:02.000Z');
    // A run of an older dispatch number cannot either.
    const older = { ...stale!, pub: { ...stale!.pub, dispatchSeq: 0 } };
    assert.equal(await settleRefusal(e.deps, older, new Date('2026-01-01T00:00:02.000Z'), refused), false);
  } finally {
    await e.startWorker();
  }
});

test('a publish job that could outlive the queue expiry is refused at start, naming the settings', () => {
  assert.throws(
    () => loadConfig({ MEIYUN_JOB_EXPIRE_SECONDS: '30', MEIYUN_PLATFORM_TIMEOUT_MS: '15000' }),
    /MEIYUN_JOB_EXPIRE_SECONDS \(30\).*MEIYUN_PLATFORM_TIMEOUT_MS/s,
  );
  assert.doesNotThrow(() => loadConfig({ MEIYUN_JOB_EXPIRE_SECONDS: '90', MEIYUN_PLATFORM_TIMEOUT_MS: '15000' }));
});

test('archiving an account cancels what was still to go out on it and tells the owner; nothing is sent', async () => {
  const ws = await wechatWorkspace(e, 2);
  const [gone, kept] = await planBurst(e, ws, 2, new Date(Date.now() + 4000), { prefix: 'archived' });
  const goneAccount = String((await pubOf(gone)).account_id);
  const r = await as(e, ws.team.manager)({ method: 'DELETE', url: `/api/v1/accounts/${goneAccount}` });
  assert.equal(r.statusCode, 200, r.body);
  const p = await pubOf(gone);
  assert.equal(p.state, 'canceled');
  assert.match(String(p.state_reason), /归档.*archived/s);
  const note = await e.deps.db.execute(sql`select title_zh from notifications where user_id = ${ws.team.editor.userId} and kind = 'publication.canceled'`);
  assert.equal(note.rows.length, 1);
  assert.match(String((note.rows[0] as { title_zh: string }).title_zh), /已归档/);
  await waitFor(
    'the other one published',
    () => pubOf(kept),
    (x) => x.state === 'published',
    30_000,
  );
  const appid = ws.accounts.find((a) => a.id === goneAccount)!.appid;
  assert.equal((await e.published(appid)).length, 0);
  // Put back on the schedule behind the product's back, the dispatcher still never claims it.
  await e.deps.db.execute(sql`update publications set state = 'scheduled', due_at = now() where id = ${gone}`);
  await sleep(2000);
  assert.equal((await pubOf(gone)).state, 'scheduled');
  assert.equal((await e.published(appid)).length, 0);
});

test('45011 "retry next minute" waits for the next minute instead of hammering every few seconds', async () => {
  const ws = await wechatWorkspace(e, 1);
  const appid = ws.accounts[0].appid;
  await e.control('POST', '/wechat/faults', { path: '/cgi-bin/freepublish/submit', appid, mode: 'errcode', errcode: 45011, times: 1 });
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'minute' });
  // The retry may come within a second when the refusal lands just before a minute turns, so the
  // transient 'scheduled' state is not what is checked: the platform's record of the calls is.
  const p = await waitFor(
    'published',
    () => pubOf(id),
    (r) => r.state === 'published' || r.state === 'failed',
    90_000,
  );
  assert.equal(p.state, 'published', String(p.state_reason));
  const calls = (await e.control('GET', `/wechat/calls?appid=${appid}&path=/cgi-bin/freepublish/submit`)) as {
    recent: { at: string; errcode: number | null }[];
  };
  const [refused, retried, ...more] = calls.recent;
  assert.equal(more.length, 0, 'two submits: the refused one and one retry');
  assert.equal(refused.errcode, 45011);
  const first = new Date(refused.at).getTime();
  const next = new Date(retried.at).getTime();
  // The retry is just after the start of the following minute, not a few seconds after the refusal.
  assert.ok(Math.floor(next / 60_000) > Math.floor(first / 60_000), `retry ${retried.at} in the same minute as ${refused.at}`);
  assert.ok(next % 60_000 <= 5_000, `retry at ${retried.at}, not just after the minute turned`);
});

test('a worker whose clock runs ahead submits at the due time by the database clock, not early', async () => {
  const ws = await wechatWorkspace(e, 1);
  await e.stopWorker();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './server/src/test/clock-ahead.mjs', 'server/src/main.ts', 'worker'], {
    env: {
      ...process.env,
      MEIYUN_CLOCK_AHEAD_MS: '4000',
      DATABASE_URL: e.deps.config.DATABASE_URL,
      MEIYUN_DATA_DIR: e.dataDir,
      MEIYUN_SECRET_KEY: '07'.repeat(32),
      MEIYUN_WECHAT_API_BASE: e.deps.config.MEIYUN_WECHAT_API_BASE,
      MEIYUN_DISPATCH_INTERVAL_MS: '200',
      MEIYUN_PLATFORM_TIMEOUT_MS: '3000',
      MEIYUN_PREPARE_AHEAD_MINUTES: '1',
      LOG_LEVEL: 'fatal',
    },
    stdio: 'ignore',
  });
  children.push(child);
  try {
    const dbNow = async () => new Date(String(((await e.deps.db.execute(sql`select now() as t`)).rows[0] as { t: string }).t)).getTime();
    // The worker is up (its heartbeat is written) before the due time is set: on a busy machine
    // its start alone can take longer than the lead.
    await waitFor(
      'the ahead-running worker to start',
      async () => (await e.deps.db.execute(sql`select count(*)::int as n from worker_heartbeats where pid = ${String(child.pid)}`)).rows[0] as { n: number },
      (r) => r.n > 0,
      60_000,
    );
    const due = (await dbNow()) + 8000;
    const [id] = await planBurst(e, ws, 1, new Date(due), { prefix: 'early' });
    const p = await waitFor(
      'published',
      () => pubOf(id),
      (r) => r.state === 'published' || r.state === 'failed',
      40_000,
    );
    assert.equal(p.state, 'published', String(p.state_reason));
    const [sub] = (await e.control('GET', `/wechat/published?appid=${ws.accounts[0].appid}`)) as { submitted_at: string }[];
    const at = new Date(sub.submitted_at).getTime();
    assert.ok(at >= due - 50, `submitted ${due - at} ms before its time`);
    assert.ok(at < due + 3000, `submitted ${at - due} ms late`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await e.startWorker();
  }
});

test('a publication a worker held as paused while a resume was being committed is released and sent once', async () => {
  const ws = await wechatWorkspace(e, 1);
  const appid = ws.accounts[0].appid;
  const r = await as(e, ws.team.manager)({ method: 'POST', url: '/api/v1/workspace/pause', payload: { reason: '演练' } });
  assert.equal(r.statusCode, 200, r.body);
  const [id] = await planBurst(e, ws, 1, new Date(), { prefix: 'raced' });
  await waitFor(
    'held',
    () => pubOf(id),
    (p) => p.state === 'paused',
    10_000,
  );
  // What the race leaves (CI, stop 16): the resume committed, and a worker that had read the
  // workspace as paused wrote 'paused' after the resume had released the others.
  await e.deps.db.execute(sql`update workspaces set paused = false, paused_at = null where id = ${ws.team.workspaceId}`);
  const p = await waitFor(
    'published',
    () => pubOf(id),
    (x) => x.state === 'published',
    30_000,
  );
  assert.equal(p.state, 'published');
  assert.equal((await e.published(appid)).length, 1);
});
