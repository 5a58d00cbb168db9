// What the task pages share and decide: the columns, priorities, the query keys to refresh after a
// change, and the plain rules the tabs follow (list filters in the URL, a drop on the board or the
// workload view, the workload's cells, the due date as shown, the bodies sent for a task and a template).
import type { QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { formatAt, pickerToIso } from '../../time';
import type { Member, Task, TaskBoard, TaskStatus, TaskTemplate, Workload } from '../../types';

export const STATUSES: TaskStatus[] = ['todo', 'doing', 'done', 'cancelled'];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };
export const FILTER_KEYS = ['assignee', 'status', 'priority', 'dueFrom', 'dueTo', 'q', 'linked'] as const;
export const LINK_KINDS = ['post', 'topic', 'feedback', 'request', 'incident'] as const;
export const STEP_ROLES = ['manager', 'editor', 'reviewer', 'analyst', 'owner'] as const;

type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

/** Where a linked thing is opened in the web UI (a topic has no page of its own: the topic list). */
export const linkPath = (l: { kind: string; id: string }): string | null =>
  ({ post: `/posts/${l.id}`, topic: '/topics', feedback: `/feedback?open=${l.id}`, incident: `/incidents/${l.id}`, request: `/requests/${l.id}` })[l.kind] ??
  null;

/** After any change a task can be on the board, the list, the workload and the clashes. */
export const refreshTasks = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['tasks'] });

/** The drag payload: the task's id, in a type of our own so that other drags are ignored. */
export const DRAG_TYPE = 'application/x-meiyun-task';
export const dragStart = (task: Task) => (e: Pick<React.DragEvent, 'dataTransfer'>) => {
  e.dataTransfer.setData(DRAG_TYPE, task.id);
  e.dataTransfer.effectAllowed = 'move';
};
export const droppedTask = (e: Pick<React.DragEvent, 'dataTransfer'>) => e.dataTransfer.getData(DRAG_TYPE) || null;

/** A day in the URL (YYYY-MM-DD) as the picker holds it; anything else (a typo, 2026-13-45) is no day. */
const pickerDay = (v: string | undefined) => {
  const d = v ? dayjs(v) : null;
  return d?.isValid() && d.format('YYYY-MM-DD') === v ? d : null;
};

/** The due range picker's value from the URL's dueFrom/dueTo; either end may be open. */
export function dueRange(filters: Filters): [dayjs.Dayjs | null, dayjs.Dayjs | null] | null {
  const from = pickerDay(filters.dueFrom);
  const to = pickerDay(filters.dueTo);
  return from || to ? [from, to] : null;
}

/** The URL's dueFrom/dueTo after the picker changed (cleared: both removed). */
export const dueRangeFilters = (range: readonly (dayjs.Dayjs | null)[] | null | undefined) => ({
  dueFrom: range?.[0]?.format('YYYY-MM-DD') ?? null,
  dueTo: range?.[1]?.format('YYYY-MM-DD') ?? null,
});

/** A task's due time as shown in the workspace's zone, red when the server says it is overdue; null without a due time. */
export function dueShown(task: Pick<Task, 'dueAt' | 'overdue'>, tz: string, fmt?: string): { text: string; overdue: boolean } | null {
  return task.dueAt ? { text: formatAt(task.dueAt, tz, fmt), overdue: task.overdue } : null;
}

/** The move a card dropped on a board column asks for: none for another drag, an unknown task or its own column. */
export function boardMove(board: TaskBoard | undefined, id: string | null, status: TaskStatus): { id: string; status: TaskStatus } | null {
  const from = id ? board?.columns.find((c) => c.tasks.some((x) => x.id === id)) : undefined;
  return id && from && from.status !== status ? { id, status } : null;
}

/** Every task on the board, by id (the workload view shows its cards from these). */
export const tasksById = (tasks: Task[] | undefined) => new Map((tasks ?? []).map((x) => [x.id, x]));

type WorkloadMember = Workload['members'][number];

/** The cards in a member's workload row: their tasks in the order of the days they are due. */
export const memberCards = (m: WorkloadMember, byId: Map<string, Task>): Task[] =>
  m.days
    .flatMap((d) => d.taskIds)
    .map((id) => byId.get(id))
    .filter((x): x is Task => !!x);

/** The reassignment a card dropped on a member's row asks for: none for another drag, an unknown task or the same member. */
export function workloadMove(byId: Map<string, Task>, id: string | null, m: WorkloadMember): { id: string; assigneeId: string } | null {
  const task = id ? byId.get(id) : undefined;
  return task && task.assigneeId !== m.userId ? { id: task.id, assigneeId: m.userId } : null;
}

/** One day's cell of a member: the count in red when the server found it over capacity, nothing on a free day. */
export function dayCell(d: WorkloadMember['days'][number]): { count: number; color: 'red' | 'blue' } | null {
  return d.count ? { count: d.count, color: d.overloaded ? 'red' : 'blue' } : null;
}

/** A workload column's heading: the day as MM-DD. */
export const dayTitle = (day: string) => day.slice(5);

/** Who a task can be given to: members, not guests. */
export const assignable = (members: Member[] | undefined) => members?.filter((m) => m.role !== 'guest');

export type TaskValues = {
  title: string;
  description?: string;
  assigneeId?: string;
  dueAt?: dayjs.Dayjs;
  priority: string;
  postIds?: string[];
  topicIds?: string[];
};

/** The new task's body: the due time picked as wall-clock time in the workspace's zone, the picked posts and topics as links. */
export const taskBody = ({ dueAt, postIds = [], topicIds = [], ...v }: TaskValues, parentId: string | undefined, tz: string) => ({
  ...v,
  parentId,
  dueAt: dueAt ? pickerToIso(dueAt, tz) : null,
  links: [...postIds.map((id) => ({ kind: 'post' as const, id })), ...topicIds.map((id) => ({ kind: 'topic' as const, id }))],
});

export type StepValues = { title: string; role?: (typeof STEP_ROLES)[number]; offsetDays?: number; durationDays?: number };
export type TemplateValues = { name: string; weekday?: number; steps: StepValues[] };

/** A new template's body: the steps in the order they were written, each to a role or to nobody, 0 days after the last and 1 day long unless told. */
export const templateBody = (v: TemplateValues) => ({
  name: v.name,
  weekday: v.weekday ?? null,
  steps: v.steps.map((s) => ({
    title: s.title,
    assignee: s.role ? { role: s.role } : null,
    offsetDays: s.offsetDays ?? 0,
    durationDays: s.durationDays ?? 1,
  })),
});

/** A template's chain as one line: its steps in order. */
export const chainLine = (tpl: { steps: Pick<TaskTemplate['steps'][number], 'title'>[] }) => tpl.steps.map((s) => s.title).join(' → ');

/** Who decides clashes, as one line ('—' when nobody can). */
export const decidersLine = (deciders: { name: string }[]) => deciders.map((d) => d.name).join('、') || '—';
