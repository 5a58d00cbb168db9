// What the inbox shows of feedback: the items made from one of its messages (the feedback module
// owns the table; the inbox's getItem calls this).
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { FeedbackRef } from '../../../../contract/feedback';
import type { Executor } from '../../db/pool';
import { feedbackItems } from './tables';

export async function feedbackOfInboxItem(ex: Executor, workspaceId: string, itemId: string): Promise<z.infer<typeof FeedbackRef>[]> {
  const rows = await ex
    .select({ id: feedbackItems.id, number: feedbackItems.number, status: feedbackItems.status })
    .from(feedbackItems)
    .where(and(eq(feedbackItems.workspaceId, workspaceId), eq(feedbackItems.sourceItemId, itemId)))
    .orderBy(asc(feedbackItems.number));
  return rows.map((r) => ({ ...r, status: r.status as z.infer<typeof FeedbackRef>['status'] }));
}
