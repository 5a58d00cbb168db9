// The analytics bench's fixtures: workspaces of accounts, each with published posts (setup, not
// measured), and the figures the measured ingestion writes (generated a batch at a time).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AccountDay, PostDay } from '../../server/src/modules/analytics/ingest';
import { mulberry32 as rng } from '../screen/prng';

export interface Fixture {
  workspaces: { id: string; accounts: string[] }[];
  /** Every published post: its publication, post, account, workspace and first day. */
  pubs: { pub: string; post: string; account: string; workspace: string; start: number }[];
}

const PLATFORMS = ['wechat_oa', 'weibo', 'douyin', 'bilibili', 'kuaishou'];
export const DAY_MS = 86_400_000;

/**
 * `accounts` accounts in workspaces of `perWorkspace`, `posts` published posts spread over them
 * with publish days in the last `spanDays` days before `end`. Inserted with set-based SQL.
 */
export async function seedFixture(c: pg.Client, o: { accounts: number; perWorkspace: number; posts: number; end: number; postSpanDays: number }): Promise<Fixture> {
  await c.query('begin');
  const u = await c.query(`insert into users (email, name, password_hash) values ('bench-analytics@example.com', 'bench', 'not-a-login') returning id`);
  const userId = u.rows[0].id as string;
  const workspaces: Fixture['workspaces'] = [];
  for (let w = 0; w * o.perWorkspace < o.accounts; w++) {
    const n = Math.min(o.perWorkspace, o.accounts - w * o.perWorkspace);
    const ws = await c.query(`insert into workspaces (name) values ($1) returning id`, [`analytics bench ${w + 1}`]);
    const wsId = ws.rows[0].id as string;
    await c.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [wsId, userId]);
    const acc = await c.query(
      `insert into platform_accounts (workspace_id, platform, name, verification)
       select $1, ($2::text[])[1 + (g % 5)], '号 ' || g, 'verified' from generate_series(1, $3::int) g returning id`,
      [wsId, PLATFORMS, n],
    );
    workspaces.push({ id: wsId, accounts: acc.rows.map((r) => r.id as string) });
  }
  const all = workspaces.flatMap((w) => w.accounts.map((a) => ({ account: a, workspace: w.id })));
  const pubs: Fixture['pubs'] = [];
  const r = rng(7);
  const CHUNK = 10_000;
  for (let i = 0; i < o.posts; i += CHUNK) {
    const n = Math.min(CHUNK, o.posts - i);
    const picks = Array.from({ length: n }, (_, k) => all[(i + k) % all.length]);
    const starts = picks.map(() => o.end - Math.floor(r() * o.postSpanDays) * DAY_MS);
    const postIds = picks.map(() => randomUUID());
    await c.query(
      `insert into posts (id, workspace_id, title, body_html, status, owner_id, created_by)
       select id, ws, '帖子 ' || ord, '<p>bench</p>', 'approved', $1, $1 from unnest($2::uuid[], $3::uuid[]) with ordinality as t(id, ws, ord)`,
      [userId, postIds, picks.map((p) => p.workspace)],
    );
    const pr = await c.query(
      `insert into publications (workspace_id, post_id, account_id, due_at, state, published_at)
       select ws, p, a, to_timestamp(s / 1000.0), 'published', to_timestamp(s / 1000.0)
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::float8[]) as t(ws, p, a, s) returning id, post_id`,
      [picks.map((p) => p.workspace), postIds, picks.map((p) => p.account), starts],
    );
    const pubOf = new Map(pr.rows.map((x) => [x.post_id as string, x.id as string]));
    postIds.forEach((post, k) => pubs.push({ pub: pubOf.get(post) as string, post, account: picks[k].account, workspace: picks[k].workspace, start: starts[k] }));
  }
  await c.query('commit');
  return { workspaces, pubs };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Account days of these accounts over `days` days ending at `end` (followers as a random walk), or only the last `onlyLast` of them. */
export function* accountDays(f: Fixture, days: number, end: number, batch: number, onlyLast = days): Generator<AccountDay[]> {
  let out: AccountDay[] = [];
  for (const w of f.workspaces) {
    for (const [ai, a] of w.accounts.entries()) {
      const r = rng(ai + 1);
      let followers = 1000 + Math.floor(r() * 50_000);
      for (let d = days - 1; d >= 0; d--) {
        const gained = Math.floor(r() * 200);
        const lost = Math.floor(r() * 80);
        followers += gained - lost;
        const views = Math.floor(r() * 20_000);
        if (d >= onlyLast) continue;
        out.push({
          workspaceId: w.id,
          accountId: a,
          day: isoDay(end - d * DAY_MS),
          figures: { followers, followersGained: gained, followersLost: lost, views, likes: Math.floor(views * 0.02), comments: Math.floor(views * 0.004), shares: Math.floor(views * 0.01), favorites: Math.floor(views * 0.006) },
        });
        if (out.length >= batch) {
          yield out;
          out = [];
        }
      }
    }
  }
  if (out.length) yield out;
}

/** `days` post days per publication from its publish day: views decaying after the first days. */
export function* postDays(f: Fixture, days: number, batch: number): Generator<PostDay[]> {
  let out: PostDay[] = [];
  const r = rng(11);
  for (const p of f.pubs) {
    const peak = 200 + Math.floor(r() * 20_000);
    for (let d = 0; d < days; d++) {
      const views = Math.floor(peak / (1 + d * d * 0.3));
      out.push({
        workspaceId: p.workspace,
        publicationId: p.pub,
        postId: p.post,
        accountId: p.account,
        day: isoDay(p.start + d * DAY_MS),
        figures: { views, likes: Math.floor(views * 0.03), comments: Math.floor(views * 0.005), shares: Math.floor(views * 0.01), favorites: Math.floor(views * 0.008), zaikan: null, followersGained: Math.floor(views * 0.001) },
      });
      if (out.length >= batch) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length) yield out;
}
