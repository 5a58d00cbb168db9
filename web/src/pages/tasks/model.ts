// What the task pages share: the columns, priorities, the query keys to refresh after a change.
import type { QueryClient } from '@tanstack/react-query';
import type { Task, TaskStatus } from '../../types';

export const STATUSES: TaskStatus[] = ['todo', 'doing', 'done', 'cancelled'];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const PRIORITY_COLOR: Record<string, string> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'default' };
export const FILTER_KEYS = ['assignee', 'status', 'priority', 'dueFrom', 'dueTo', 'q', 'linked'] as const;
export const LINK_KINDS = ['post', 'topic', 'feedback', 'request', 'incident'] as const;

/** Where a linked thing is opened in the web UI (requests: the requests module's page, wired at merge). */
export const linkPath = (l: { kind: string; id: string }): string | null =>
  ({ post: `/posts/${l.id}`, topic: '/topics', feedback: `/feedback?open=${l.id}`, incident: `/incidents/${l.id}`, request: `/requests/${l.id}` })[l.kind] ??
  null;

/** After any change a task can be on the board, the list, the workload and the clashes. */
export const refreshTasks = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ['tasks'] });

/** The drag payload: the task's id, in a type of our own so that other drags are ignored. */
export const DRAG_TYPE = 'application/x-meiyun-task';
export const dragStart = (task: Task) => (e: React.DragEvent) => {
  e.dataTransfer.setData(DRAG_TYPE, task.id);
  e.dataTransfer.effectAllowed = 'move';
};
export const droppedTask = (e: React.DragEvent) => e.dataTransfer.getData(DRAG_TYPE) || null;
