import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { testEnv, workspaceWithTeam } from '../../test/app';
import { createAccount } from '../../test/fixtures';
import { type AccountFigures, ingestAccountDays } from './ingest';
import { accountMetrics } from './tables';

const t = await testEnv();
const team = await workspaceWithTeam(t);

const figures = (followers: number, views: number | null): AccountFigures => ({
  followers,
  followersGained: 10,
  followersLost: 2,
  views,
  likes: null,
  comments: 3,
  shares: 1,
  favorites: null,
});

test('account days: a second run of the same days writes nothing; a corrected day replaces its row', async () => {
  const acc = await createAccount(t, team.owner);
  const days = ['2026-05-01', '2026-05-02', '2026-05-03'].map((day, i) => ({
    workspaceId: team.workspaceId,
    accountId: acc.id,
    day,
    figures: figures(1000 + i, 500 + i),
  }));
  assert.deepEqual(await ingestAccountDays(t.deps.db, days, 'sync'), { inserted: 3, replaced: 0, unchanged: 0, skipped: 0 });
  assert.deepEqual(await ingestAccountDays(t.deps.db, days, 'sync'), { inserted: 0, replaced: 0, unchanged: 3, skipped: 0 });
  // The platform corrected the 2nd (late data): only that day is rewritten; Weibo-like null views stay null.
  const corrected = [{ ...days[1], figures: figures(1001, null) }, days[2]];
  assert.deepEqual(await ingestAccountDays(t.deps.db, corrected, 'sync'), { inserted: 0, replaced: 1, unchanged: 1, skipped: 0 });
  const rows = await t.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id)).orderBy(accountMetrics.day);
  assert.deepEqual(
    rows.map((r) => [r.day, r.followers, r.views]),
    [
      ['2026-05-01', 1000, 500],
      ['2026-05-02', 1001, null],
      ['2026-05-03', 1002, 502],
    ],
  );
});

test('a batch naming the same day twice keeps the last figures, not an error', async () => {
  const acc = await createAccount(t, team.owner);
  const d = { workspaceId: team.workspaceId, accountId: acc.id, day: '2026-06-01' };
  const w = await ingestAccountDays(
    t.deps.db,
    [
      { ...d, figures: figures(1, 1) },
      { ...d, figures: figures(2, 2) },
    ],
    'import',
  );
  assert.equal(w.inserted, 1);
  const [row] = await t.deps.db.select().from(accountMetrics).where(eq(accountMetrics.accountId, acc.id));
  assert.deepEqual([row.followers, row.source], [2, 'import']);
});
