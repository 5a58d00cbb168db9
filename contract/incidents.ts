// Crisis response (R2) and comment monitoring (R1): incidents, playbooks, holding statements,
// monitored items and alerts. See server/src/modules/incidents/README.md for the rules.
import { z } from 'zod';
import { Day, Id, IsoDate, patch, text } from './common';

/**
 * sev1: brand- or account-threatening, spreading now (a leak, a hacked account, national media);
 * sev2: significant negative attention or a wrong post that needs a public answer;
 * sev3: contained, handled by the team without a public statement.
 */
export const IncidentSeverity = z.enum(['sev1', 'sev2', 'sev3']);
export const IncidentStatus = z.enum(['open', 'mitigating', 'resolved', 'closed']);
export const IncidentTrigger = z.enum(['manual', 'alert']);

const Title = text()
  .trim()
  .min(1, { error: '标题不能为空 / title must not be empty' })
  .max(200, { error: '标题最多 200 字 / title is at most 200 characters' });
const LongText = (max: number) => text().max(max, { error: `最多 ${max} 字 / at most ${max} characters` });

export const CreateIncidentBody = z.strictObject({
  title: Title,
  description: LongText(10_000).default(''),
  severity: IncidentSeverity,
  playbookId: Id.nullable().optional(),
  ownerId: Id.optional(),
});
export const UpdateIncidentBody = patch({
  title: Title,
  description: LongText(10_000),
  /** Manager or owner only. */
  severity: IncidentSeverity,
  /** Manager or owner only. */
  ownerId: Id,
});
export const IncidentStatusBody = z.strictObject({ status: IncidentStatus, note: LongText(2000).optional() });
export const NoteBody = z.strictObject({ text: text().trim().min(1, { error: '备注不能为空 / note must not be empty' }).max(5000) });
export const ChecklistCheckBody = z.strictObject({ checked: z.boolean() });
export const ChecklistAddBody = z.strictObject({ text: text().trim().min(1, { error: '内容不能为空 / text must not be empty' }).max(500) });
export const IncidentPauseBody = z.strictObject({ reason: LongText(400).default('') });
export const UseStatementBody = z.strictObject({
  /** copied: copied to the clipboard to paste somewhere; published: posted on a platform. */
  action: z.enum(['copied', 'published']).default('copied'),
  channel: LongText(100).optional(),
});

const ActionItem = z.strictObject({
  text: text().trim().min(1, { error: '改进项不能为空 / an action must not be empty' }).max(500),
  ownerId: Id.nullable().optional(),
  dueOn: Day.nullable().optional(),
  done: z.boolean().optional(),
});
export const PostmortemBody = z.strictObject({
  summary: LongText(10_000).default(''),
  rootCause: LongText(10_000).default(''),
  wentWell: LongText(10_000).default(''),
  wentBadly: LongText(10_000).default(''),
  actions: z.array(ActionItem).max(50).default([]),
});
export const Postmortem = z.object({
  summary: z.string(),
  rootCause: z.string(),
  wentWell: z.string(),
  wentBadly: z.string(),
  actions: z.array(z.object({ text: z.string(), ownerId: Id.nullable(), dueOn: z.string().nullable(), done: z.boolean() })),
  updatedAt: IsoDate,
  updatedBy: Id.nullable(),
});

export const Incident = z.object({
  id: Id,
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  severity: IncidentSeverity,
  status: IncidentStatus,
  trigger: IncidentTrigger,
  alertId: Id.nullable(),
  playbookId: Id.nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  openedBy: Id,
  openedAt: IsoDate,
  resolvedAt: IsoDate.nullable(),
  closedAt: IsoDate.nullable(),
  checklistDone: z.number().int(),
  checklistTotal: z.number().int(),
  updatedAt: IsoDate,
});

export const ChecklistItem = z.object({
  id: Id,
  position: z.number().int(),
  text: z.string(),
  textEn: z.string().nullable(),
  checkedAt: IsoDate.nullable(),
  checkedBy: Id.nullable(),
  checkedByName: z.string().nullable(),
});

/**
 * One thing done on the incident. kind: created, edited, status, severity, owner, checklist_checked,
 * checklist_unchecked, checklist_added, statement_used, paused, resumed, note, postmortem, alert_linked.
 * data holds the kind's details (from/to, the statement's text as it was used, counts held …).
 */
export const TimelineEntry = z.object({
  id: z.number().int(),
  kind: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: IsoDate,
});

export const PublishingCounts = z.object({
  workspacePaused: z.boolean(),
  pausedAt: IsoDate.nullable(),
  pauseReason: z.string().nullable(),
  scheduled: z.number().int(),
  paused: z.number().int(),
  inFlight: z.number().int(),
});

export const IncidentDetail = Incident.extend({
  checklist: z.array(ChecklistItem),
  timeline: z.array(TimelineEntry),
  postmortem: Postmortem.nullable(),
  publishing: PublishingCounts,
});

export const IncidentQuery = z.object({
  status: IncidentStatus.optional(),
  /** 'active' = open, mitigating or resolved (not closed). */
  state: z.enum(['active']).optional(),
  severity: IncidentSeverity.optional(),
  ownerId: Id.optional(),
  q: text().max(100).optional(),
});

// Playbooks: checklist templates per workspace.
const PlaybookItem = z.strictObject({
  text: text().trim().min(1, { error: '检查项不能为空 / an item must not be empty' }).max(500),
  textEn: text().trim().max(500).nullable().optional(),
});
export const PlaybookBody = z.strictObject({
  name: text().trim().min(1, { error: '名称不能为空 / name must not be empty' }).max(100),
  nameEn: text().trim().max(100).nullable().optional(),
  description: LongText(2000).default(''),
  defaultSeverity: IncidentSeverity.default('sev2'),
  items: z.array(PlaybookItem).min(1, { error: '至少需要一个检查项 / at least one item is needed' }).max(100),
});
export const Playbook = z.object({
  id: Id,
  key: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  description: z.string(),
  defaultSeverity: IncidentSeverity,
  items: z.array(z.object({ text: z.string(), textEn: z.string().nullable() })),
  builtIn: z.boolean(),
  updatedAt: IsoDate,
});

// Holding statements: pre-approved texts to publish or paste in a crisis.
export const StatementBody = z.strictObject({
  title: text().trim().min(1, { error: '标题不能为空 / title must not be empty' }).max(200),
  body: text().trim().min(1, { error: '正文不能为空 / body must not be empty' }).max(5000),
  tags: z.array(text().trim().min(1).max(30)).max(20).default([]),
});
export const StatementStatus = z.enum(['draft', 'approved']);
export const Statement = z.object({
  id: Id,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  status: StatementStatus,
  approvedBy: Id.nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: IsoDate.nullable(),
  createdBy: Id,
  updatedAt: IsoDate,
});
export const StatementQuery = z.object({ status: StatementStatus.optional(), q: text().max(100).optional() });

// Monitoring.
export const MonitorSource = z.enum(['comment', 'message']);
export const MonitorItemBody = z.strictObject({
  source: MonitorSource,
  externalId: text().trim().min(1, { error: 'externalId 不能为空 / externalId must not be empty' }).max(200),
  accountId: Id.nullable().optional(),
  author: text().max(200).nullable().optional(),
  text: text().min(1, { error: '内容不能为空 / text must not be empty' }).max(10_000, { error: '内容最多 10000 字 / text is at most 10,000 characters' }),
  at: IsoDate,
});
export const MonitorBatchBody = z.strictObject({
  items: z.array(MonitorItemBody).min(1, { error: '至少一条 / at least one item' }).max(500, { error: '每批最多 500 条 / at most 500 items per batch' }),
});
/** action: 'block' when the hit alone raises an alert (see the rules in monitor.ts), else 'warn'. */
export const MonitorHit = z.object({
  term: z.string(),
  category: z.string(),
  severity: z.string().nullable(),
  action: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export const MonitorItem = z.object({
  id: Id,
  source: MonitorSource,
  externalId: z.string(),
  accountId: Id.nullable(),
  author: z.string().nullable(),
  text: z.string(),
  at: IsoDate,
  sentiment: z.number(),
  negative: z.boolean(),
  hits: z.array(MonitorHit),
});
export const MonitorItemQuery = z.object({
  source: MonitorSource.optional(),
  sentiment: z.enum(['negative', 'other']).optional(),
  hits: z.enum(['yes']).optional(),
  alertId: Id.optional(),
  q: text().max(100).optional(),
});
export const MonitorBatchResult = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  alertsRaised: z.array(Id),
});

const Keyword = z.strictObject({
  term: text().trim().min(1).max(50),
  category: text().trim().min(1).max(50),
  severity: z.enum(['block', 'warn']).default('block'),
});
export const MonitorSettingsBody = patch({
  /** Words watched in incoming comments and messages, on top of the screening dictionaries. */
  keywords: z.array(Keyword).max(2000),
  /** A hit in one of these categories alerts whatever its severity. */
  alertCategories: z.array(text().trim().min(1).max(50)).max(50),
  /** A hit of one of these severities alerts whatever its category. */
  alertSeverities: z.array(text().trim().min(1).max(20)).max(10),
  spikeWindowMinutes: z.number().int().min(5).max(240),
  spikeMinCount: z.number().int().min(1).max(100_000),
  spikeMultiplier: z.number().min(1).max(100),
  baselineHours: z.number().int().min(1).max(168),
});
export const MonitorSettings = z.object({
  keywords: z.array(z.object({ term: z.string(), category: z.string(), severity: z.string() })),
  alertCategories: z.array(z.string()),
  alertSeverities: z.array(z.string()),
  spikeWindowMinutes: z.number().int(),
  spikeMinCount: z.number().int(),
  spikeMultiplier: z.number(),
  baselineHours: z.number().int(),
});

/** rule: raised by an inbox rule's action. */
export const AlertKind = z.enum(['keyword', 'negative_spike', 'rule']);
export const AlertStatus = z.enum(['open', 'acknowledged', 'escalated']);
export const Alert = z.object({
  id: Id,
  kind: AlertKind,
  rule: z.string(),
  severity: z.enum(['warning', 'critical']),
  summaryZh: z.string(),
  summaryEn: z.string(),
  itemCount: z.number().int(),
  evidence: z.object({ itemIds: z.array(Id), terms: z.array(z.string()) }),
  status: AlertStatus,
  incidentId: Id.nullable(),
  acknowledgedBy: Id.nullable(),
  acknowledgedAt: IsoDate.nullable(),
  firstSeenAt: IsoDate,
  lastSeenAt: IsoDate,
});
export const AlertQuery = z.object({ status: AlertStatus.optional(), kind: AlertKind.optional() });
export const AlertIncidentBody = z.strictObject({
  title: Title.optional(),
  severity: IncidentSeverity.optional(),
  playbookId: Id.nullable().optional(),
  ownerId: Id.optional(),
});
