// The rule drawer's form values ⇄ the API's conditions and actions: empty fields are left out, so
// a condition the manager did not fill in is not a condition.
import type { InboxItem, Platform, RuleActions, RuleConditions } from '../../types';

type Flag = 'yes' | 'no' | undefined;
export interface RuleDraft {
  name: string;
  anyOf?: string[];
  noneOf?: string[];
  sentiment?: NonNullable<InboxItem['sentiment']>[];
  platforms?: Platform[];
  accountIds?: string[];
  kind?: InboxItem['kind'];
  authorId?: string;
  authorName?: string;
  weekdays?: number[];
  hourFrom?: number | null;
  hourTo?: number | null;
  businessHours?: 'inside' | 'outside';
  question?: Flag;
  complaint?: Flag;
  assigneeId?: string;
  addTags?: string[];
  priority?: InboxItem['priority'];
  notifyUserIds?: string[];
  alert?: boolean;
  replyTemplateId?: string;
  stopAfter?: boolean;
}

const some = <T>(a: T[] | undefined) => (a?.length ? a : undefined);
const str = (s: string | undefined) => s?.trim() || undefined;
const flag = (f: Flag) => (f === 'yes' ? true : f === 'no' ? false : undefined);
const unflag = (b: boolean | undefined): Flag => (b === true ? 'yes' : b === false ? 'no' : undefined);

/** Drops the keys whose value is undefined (the API's strict objects take no nulls for absent). */
function clean<T extends object>(o: T): T | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  return Object.keys(out).length ? out : undefined;
}

export function conditionsOf(d: RuleDraft): RuleConditions {
  const hours = d.hourFrom != null && d.hourTo != null ? { from: d.hourFrom, to: d.hourTo } : undefined;
  return (
    clean({
      keywords: clean({ anyOf: some(d.anyOf), noneOf: some(d.noneOf) }),
      sentiment: some(d.sentiment),
      platforms: some(d.platforms),
      accountIds: some(d.accountIds),
      kind: d.kind,
      author: clean({ id: str(d.authorId), nameContains: str(d.authorName) }),
      time: clean({ weekdays: some(d.weekdays), hours, businessHours: d.businessHours }),
      isQuestion: flag(d.question),
      isComplaint: flag(d.complaint),
    }) ?? {}
  );
}

export function actionsOf(d: RuleDraft): RuleActions {
  return (
    clean({
      assigneeId: d.assigneeId,
      addTags: some(d.addTags),
      priority: d.priority,
      notifyUserIds: some(d.notifyUserIds),
      alert: d.alert || undefined,
      replyTemplateId: d.replyTemplateId,
    }) ?? {}
  );
}

export function draftOf(r: { name: string; conditions: RuleConditions; actions: RuleActions; stopAfter: boolean }): RuleDraft {
  const c = r.conditions;
  return {
    name: r.name,
    anyOf: c.keywords?.anyOf,
    noneOf: c.keywords?.noneOf,
    sentiment: c.sentiment,
    platforms: c.platforms,
    accountIds: c.accountIds,
    kind: c.kind,
    authorId: c.author?.id,
    authorName: c.author?.nameContains,
    weekdays: c.time?.weekdays,
    hourFrom: c.time?.hours?.from ?? null,
    hourTo: c.time?.hours?.to ?? null,
    businessHours: c.time?.businessHours,
    question: unflag(c.isQuestion),
    complaint: unflag(c.isComplaint),
    ...r.actions,
    stopAfter: r.stopAfter,
  };
}
