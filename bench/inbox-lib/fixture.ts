// The inbox bench's messages: real Chinese review texts (../shared/data/sentiment, the labelled
// reviews) as comments and messages of a workspace's accounts over 90 days, one in ten a reply to
// an earlier item of its batch, spread in time order over the 90 days before `end`, generated a
// batch at a time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { NewItem } from '../../server/src/modules/inbox/ingest';
import { mulberry32 } from '../screen/prng';

const DAY = 86_400_000;

/** The text column of the reviews file (quoted CSV fields allowed), shortened to comment length. */
export function reviewTexts(root: string): string[] {
  const csv = readFileSync(path.join(root, '..', 'shared', 'data', 'sentiment', 'shopping-reviews.csv'), 'utf8');
  const out: string[] = [];
  for (const line of csv.split('\n').slice(1)) {
    const i = line.indexOf(',', line.indexOf(',') + 1);
    if (i < 0) continue;
    const text = line
      .slice(i + 1)
      .replace(/^"|"$/g, '')
      .replace(/""/g, '"')
      .trim();
    if (text) out.push(text.slice(0, 140));
  }
  return out;
}

export function* messages(o: {
  total: number;
  accounts: string[];
  batch: number;
  end: number;
  texts: string[];
}): Generator<{ accountId: string; items: NewItem[] }> {
  const r = mulberry32(11);
  const emoji = ['', '', '', '😡', '👍', '😂', '🙏', '！！'];
  let n = 0;
  while (n < o.total) {
    // One account per batch (the sync writes an account at a time).
    const a = Math.floor(r() * o.accounts.length);
    const size = Math.min(o.batch, o.total - n);
    const items: NewItem[] = [];
    for (let k = 0; k < size; k++, n++) {
      const id = `m${n}`;
      const reply = k > 0 && r() < 0.1;
      items.push({
        kind: r() < 0.8 ? 'comment' : 'message',
        externalId: id,
        parentExternalId: reply ? `m${n - 1 - Math.floor(r() * k)}` : null,
        authorId: `u${Math.floor(r() * 200_000)}`,
        authorName: `用户${Math.floor(r() * 200_000)}`,
        text: o.texts[Math.floor(r() * o.texts.length)] + emoji[Math.floor(r() * emoji.length)],
        // In time order with a few minutes' jitter, as syncs and pushes bring them.
        at: new Date(o.end - 90 * DAY + Math.floor(((n + 1) / o.total) * 90 * DAY) - Math.floor(r() * 300_000)),
      });
    }
    yield { accountId: o.accounts[a], items };
  }
}

/** A workspace with one owner and `accounts` accounts over five platforms, written straight into the tables. */
export async function benchWorkspace(c: pg.Client, name: string, accounts: number) {
  const u = await c.query(`insert into users (email, name, password_hash) values ($1, 'bench', 'x') returning id`, [`bench-${name}@example.com`]);
  const ws = await c.query(`insert into workspaces (name) values ($1) returning id`, [`${name} bench`]);
  const workspaceId = ws.rows[0].id as string;
  const userId = u.rows[0].id as string;
  await c.query(`insert into memberships (workspace_id, user_id, role) values ($1, $2, 'owner')`, [workspaceId, userId]);
  const acc = await c.query(
    `insert into platform_accounts (workspace_id, platform, name) select $1, (array['weibo','wechat_oa','douyin','bilibili','xiaohongshu'])[1 + g % 5], '号 ' || g from generate_series(1, $2::int) g returning id`,
    [workspaceId, accounts],
  );
  return { workspaceId, userId, accounts: acc.rows.map((r) => r.id as string) };
}
