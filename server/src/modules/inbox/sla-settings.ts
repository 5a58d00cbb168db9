// A workspace's service-level settings: read (defaults until a manager saves them), saved
// (audited), and turned into the work calendar the business-time arithmetic uses.
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type SlaSettingsBody, type SlaTargets, type SlaWeek, WEEKDAYS } from '../../../../contract/inbox-sla';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { isoOr } from '../../lib/time';
import { CHINA_YEARS } from '../../lib/workcalendar/china';
import type { WorkCalendar } from '../../lib/workcalendar/index';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { inboxSlaSettings } from './sla-tables';

type Body = z.infer<typeof SlaSettingsBody>;

const office = [{ start: '09:00', end: '18:00' }];
/** Until a manager saves settings: Monday to Friday 09:00–18:00, China's holidays, these targets. */
export const DEFAULT_SLA: Body = {
  week: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  chinaHolidays: true,
  closedDays: [],
  targets: {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 540 },
    normal: { firstResponseMinutes: 240, resolutionMinutes: 1080 },
    low: { firstResponseMinutes: 480, resolutionMinutes: 2700 },
  },
};

async function read(ex: Executor, workspaceId: string) {
  const r = await ex.execute<{ timezone: string }>(sql`select timezone from workspaces where id = ${workspaceId}`);
  const [row] = await ex.select().from(inboxSlaSettings).where(eq(inboxSlaSettings.workspaceId, workspaceId));
  const body: Body = row ? { week: row.week, chinaHolidays: row.chinaHolidays, closedDays: row.closedDays, targets: row.targets } : DEFAULT_SLA;
  return { ...body, timezone: r.rows[0].timezone, updatedAt: row ? isoOr(row.updatedAt) : null };
}

export const calendarOf = (s: { week: SlaWeek; chinaHolidays: boolean; closedDays: string[]; timezone: string }): WorkCalendar => ({
  timezone: s.timezone,
  week: WEEKDAYS.map((d) => s.week[d]),
  chinaHolidays: s.chinaHolidays,
  closed: s.closedDays,
});

/** The calendar and targets the metrics and the breach warnings count with. */
export async function slaOf(ex: Executor, workspaceId: string): Promise<{ cal: WorkCalendar; targets: SlaTargets }> {
  const s = await read(ex, workspaceId);
  return { cal: calendarOf(s), targets: s.targets };
}

export async function getSlaSettings(deps: Deps, actor: Actor) {
  assertCan(actor.role, 'inbox.work');
  return { ...(await read(deps.db, actor.workspaceId)), holidayYears: CHINA_YEARS };
}

export async function putSlaSettings(deps: Deps, actor: Actor, body: Body) {
  assertCan(actor.role, 'workspace.manage');
  const closedDays = [...new Set(body.closedDays)].sort();
  return deps.db.transaction(async (tx) => {
    const before = await read(tx, actor.workspaceId);
    const values = { week: body.week, chinaHolidays: body.chinaHolidays, closedDays, targets: body.targets, updatedBy: actor.userId, updatedAt: new Date() };
    await tx
      .insert(inboxSlaSettings)
      .values({ workspaceId: actor.workspaceId, ...values })
      .onConflictDoUpdate({ target: inboxSlaSettings.workspaceId, set: values });
    await audit(tx, actor, {
      action: 'inbox.sla_settings',
      entityType: 'workspace',
      entityId: actor.workspaceId,
      before: before.updatedAt ? { week: before.week, chinaHolidays: before.chinaHolidays, closedDays: before.closedDays, targets: before.targets } : null,
      after: { ...body, closedDays },
    });
    return { ...(await read(tx, actor.workspaceId)), holidayYears: CHINA_YEARS };
  });
}
