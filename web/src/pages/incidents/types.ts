// Types of the incidents contract (type-only: no zod in the bundle) and the enum lists the UI needs.
import type { z } from 'zod';
import type * as C from '../../../../contract/incidents';

export type Incident = z.infer<typeof C.Incident>;
export type IncidentDetail = z.infer<typeof C.IncidentDetail>;
export type IncidentSeverity = z.infer<typeof C.IncidentSeverity>;
export type IncidentStatus = z.infer<typeof C.IncidentStatus>;
export type TimelineEntry = z.infer<typeof C.TimelineEntry>;
export type ChecklistItem = z.infer<typeof C.ChecklistItem>;
export type Postmortem = z.infer<typeof C.Postmortem>;
export type PostmortemBody = z.input<typeof C.PostmortemBody>;
export type Playbook = z.infer<typeof C.Playbook>;
export type PlaybookBody = z.input<typeof C.PlaybookBody>;
export type Statement = z.infer<typeof C.Statement>;
export type StatementBody = z.input<typeof C.StatementBody>;
export type Alert = z.infer<typeof C.Alert>;
export type AlertKind = z.infer<typeof C.AlertKind>;
export type AlertStatus = z.infer<typeof C.AlertStatus>;
export type MonitorItem = z.infer<typeof C.MonitorItem>;
export type MonitorSettings = z.infer<typeof C.MonitorSettings>;

type Exhaustive<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const check = <T extends true>(_: T) => undefined;

export const SEVERITIES = ['sev1', 'sev2', 'sev3'] as const satisfies readonly IncidentSeverity[];
export const INCIDENT_STATUSES = ['open', 'mitigating', 'resolved', 'closed'] as const satisfies readonly IncidentStatus[];
export const ALERT_KINDS = ['keyword', 'negative_spike', 'rule'] as const satisfies readonly AlertKind[];
export const ALERT_STATUSES = ['open', 'acknowledged', 'escalated'] as const satisfies readonly AlertStatus[];
check<Exhaustive<IncidentSeverity, (typeof SEVERITIES)[number]>>(true);
check<Exhaustive<IncidentStatus, (typeof INCIDENT_STATUSES)[number]>>(true);
check<Exhaustive<AlertKind, (typeof ALERT_KINDS)[number]>>(true);
check<Exhaustive<AlertStatus, (typeof ALERT_STATUSES)[number]>>(true);

export const SEVERITY_COLORS: Record<IncidentSeverity, string> = { sev1: 'red', sev2: 'orange', sev3: 'gold' };
export const STATUS_COLORS: Record<IncidentStatus, string> = { open: 'red', mitigating: 'orange', resolved: 'green', closed: 'default' };
export const ALERT_STATUS_COLORS: Record<AlertStatus, string> = { open: 'red', acknowledged: 'blue', escalated: 'purple' };

/** The statuses an incident may move to from `s` (mirrors the server's rule; closing needs a manager). */
export function nextStatuses(s: IncidentStatus): IncidentStatus[] {
  switch (s) {
    case 'open':
      return ['mitigating', 'resolved'];
    case 'mitigating':
      return ['open', 'resolved'];
    case 'resolved':
      return ['open', 'mitigating', 'closed'];
    default:
      return [];
  }
}

/** Text in the current language, falling back to Chinese when there is no English. */
export const pick = (zh: string, en: string | null | undefined, lang: string) => (lang.startsWith('zh') || !en ? zh : en);
