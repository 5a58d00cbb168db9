// Rows to API views: department and member names through the identity module, and the message's
// author hidden from guests (they see what was said, not who said it on the platform).
import type { z } from 'zod';
import type * as F from '../../../../contract/feedback';
import type { Executor } from '../../db/pool';
import { iso, isoOr } from '../../lib/time';
import { departmentNames } from '../identity/departments';
import { memberNames } from '../identity/membership';
import type { Scope } from './scope';
import type { feedbackEvents, feedbackItems } from './tables';

type ItemRow = typeof feedbackItems.$inferSelect;
type EventRow = typeof feedbackEvents.$inferSelect;
type Item = z.infer<typeof F.FeedbackItem>;
type Event = z.infer<typeof F.FeedbackEvent>;

export async function itemViews(ex: Executor, s: Scope, rows: ItemRow[]): Promise<Item[]> {
  const [departments, people] = await Promise.all([
    departmentNames(
      ex,
      s.workspaceId,
      rows.map((r) => r.departmentId),
    ),
    memberNames(
      ex,
      s.workspaceId,
      rows.map((r) => r.createdBy),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    type: r.type as Item['type'],
    area: r.area,
    priority: r.priority as Item['priority'],
    title: r.title,
    description: r.description,
    status: r.status as Item['status'],
    resolution: r.resolution,
    departmentId: r.departmentId,
    departmentName: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
    sourceItemId: r.sourceItemId,
    sourceText: r.sourceText,
    sourceAccountName: r.sourceAccountName,
    sourcePlatform: r.sourcePlatform as Item['sourcePlatform'],
    sourceAt: iso(r.sourceAt),
    sourceAuthorName: s.staff ? r.sourceAuthorName : null,
    sourceAuthorId: s.staff ? r.sourceAuthorId : null,
    createdBy: r.createdBy,
    createdByName: r.createdBy ? (people.get(r.createdBy) ?? null) : null,
    createdAt: isoOr(r.createdAt),
    resolvedBy: r.resolvedBy,
    resolvedAt: iso(r.resolvedAt),
    updatedAt: isoOr(r.updatedAt),
  }));
}

export async function eventViews(ex: Executor, workspaceId: string, rows: EventRow[]): Promise<Event[]> {
  const [departments, people] = await Promise.all([
    departmentNames(
      ex,
      workspaceId,
      rows.map((r) => r.departmentId),
    ),
    memberNames(
      ex,
      workspaceId,
      rows.map((r) => r.actorId),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Event['kind'],
    fromStatus: r.fromStatus as Event['fromStatus'],
    toStatus: r.toStatus as Event['toStatus'],
    departmentId: r.departmentId,
    departmentName: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
    text: r.text,
    actorId: r.actorId,
    actorName: r.actorId ? (people.get(r.actorId) ?? null) : null,
    at: isoOr(r.at),
  }));
}
