// Service-level settings: the defaults until saved, managers alone save them, and bad hours or
// targets are refused with a zh+en message (a range over midnight, overlapping ranges, a week
// without hours, a resolution target shorter than the first response).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { as, testEnv, workspaceWithTeam } from '../../test/app';
import { DEFAULT_SLA } from './sla-settings';

const t = await testEnv();
const team = await workspaceWithTeam(t);
const other = await workspaceWithTeam(t);
const URL = '/api/v1/inbox/sla/settings';
const put = (m: typeof team.owner, payload: unknown) => as(t, m)({ method: 'PUT', url: URL, payload: payload as never });
const withWeek = (week: Record<string, unknown>) => ({ ...DEFAULT_SLA, week: { ...DEFAULT_SLA.week, ...week } });

test('defaults until a manager saves; a manager saves, an editor may not; other workspaces keep theirs', async () => {
  const first = await as(t, team.editor)({ method: 'GET', url: URL });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual(first.json().week.mon, [{ start: '09:00', end: '18:00' }]);
  assert.deepEqual(first.json().week.sat, []);
  assert.deepEqual(first.json().holidayYears, [2024, 2025, 2026]);
  assert.equal(first.json().updatedAt, null);
  assert.equal(first.json().timezone, 'Asia/Shanghai');

  const body = {
    ...withWeek({
      sat: [{ start: '10:00', end: '12:00' }],
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '24:00' },
      ],
    }),
    chinaHolidays: false,
    closedDays: ['2026-12-31', '2026-12-24', '2026-12-31'],
  };
  assert.equal((await put(team.editor, body)).statusCode, 403);
  const saved = await put(team.manager, body);
  assert.equal(saved.statusCode, 200, saved.body);
  const again = (await as(t, team.analyst)({ method: 'GET', url: URL })).json();
  assert.deepEqual(again.week.mon, body.week.mon);
  assert.deepEqual(again.week.sat, body.week.sat);
  assert.equal(again.chinaHolidays, false);
  assert.deepEqual(again.closedDays, ['2026-12-24', '2026-12-31'], 'each closed day once, in order');
  assert.ok(again.updatedAt);
  const audited = await t.deps.db.execute(sql`select actor_id from audit_log where workspace_id = ${team.workspaceId} and action = 'inbox.sla_settings'`);
  assert.deepEqual(audited.rows, [{ actor_id: team.manager.userId }], 'the save is audited with who');
  assert.equal((await as(t, other.owner)({ method: 'GET', url: URL })).json().chinaHolidays, true);
});

test('bad hours and targets are refused in Chinese and English', async () => {
  const cases: [unknown, RegExp][] = [
    [withWeek({ fri: [{ start: '22:00', end: '02:00' }] }), /跨午夜请拆成两段.*split a range over midnight/],
    [
      withWeek({
        tue: [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '18:00' },
        ],
      }),
      /不重叠.*must not overlap/,
    ],
    [withWeek({ wed: [{ start: '9:00', end: '18:00' }] }), /HH:MM/],
    [{ ...DEFAULT_SLA, week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, /至少要有一个工作时段.*at least one range/],
    [{ ...DEFAULT_SLA, targets: { ...DEFAULT_SLA.targets, high: { firstResponseMinutes: 120, resolutionMinutes: 60 } } }, /不能短于.*must not be shorter/],
    [{ ...DEFAULT_SLA, targets: { ...DEFAULT_SLA.targets, low: { firstResponseMinutes: 0.5, resolutionMinutes: 60 } } }, /整数分钟.*whole minutes/],
    [{ ...DEFAULT_SLA, closedDays: ['2026-13-01'] }, /YYYY-MM-DD/],
  ];
  for (const [payload, message] of cases) {
    const r = await put(other.owner, payload);
    assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
    assert.match(r.json().error.message, message);
  }
  assert.equal((await as(t, other.owner)({ method: 'GET', url: URL })).json().updatedAt, null, 'nothing refused was saved');
});
