// The rules on the items a sync, push or import just stored (ingest.ts, in its transaction):
// the workspace's enabled rules in order, each in its own savepoint, so a rule that breaks (a
// member removed, a template deleted) is logged and skipped while the items and the other rules'
// work stay. The items matched are read with the same compiled condition as the dry run
// (rules-compile.ts); a `stopAfter` rule takes the items it matched out of the later rules' reach.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context';
import type { Executor, Tx } from '../../db/pool';
import { isoOr } from '../../lib/time';
import { compile, ruleContext } from './rules-compile';
import { applyActions } from './rules-actions';
import { inboxRules } from './rules-tables';

async function rulesOf(tx: Tx, workspaceId: string, stored: { at: Date | string }[]) {
  const rules = await tx
    .select()
    .from(inboxRules)
    .where(and(eq(inboxRules.workspaceId, workspaceId), eq(inboxRules.enabled, true)))
    .orderBy(asc(inboxRules.position), asc(inboxRules.createdAt));
  if (!rules.length) return null;
  const times = stored.map((s) => new Date(s.at).getTime());
  return { rules, ctx: await ruleContext(tx, workspaceId, new Date(Math.min(...times)), new Date(Math.max(...times))) };
}

export async function applyRules(deps: Deps, tx: Tx, workspaceId: string, stored: { id: string; at: Date | string; text: string }[]) {
  if (!stored.length) return;
  // In a savepoint too: reading the rules and the calendar must not cost the items either.
  const found = await tx
    .transaction((sp) => rulesOf(sp, workspaceId, stored))
    .catch((err) => {
      deps.log.warn({ workspaceId, err: err instanceof Error ? err.message : String(err) }, 'inbox rules not read; the items are kept');
      return null;
    });
  if (!found) return;
  const { rules, ctx } = found;
  const textOf = new Map(stored.map((s) => [s.id, s.text]));
  let left = stored.map((s) => s.id);
  for (const rule of rules) {
    if (!left.length) break;
    try {
      const matched = await tx.transaction(async (sp) => {
        const r = await sp.execute<{ id: string }>(sql`
          select i.id from inbox_items i
          where i.workspace_id = ${workspaceId} and i.id = any(${sql.param(left)}::uuid[]) and ${compile(rule.conditions, ctx)}
          order by i.at, i.id`);
        const ids = r.rows.map((x) => x.id);
        if (ids.length)
          await applyActions(
            deps,
            sp,
            rule,
            ids.map((id) => ({ id, text: textOf.get(id) ?? '' })),
          );
        return ids;
      });
      if (rule.stopAfter && matched.length) {
        const taken = new Set(matched);
        left = left.filter((id) => !taken.has(id));
      }
    } catch (err) {
      deps.log.warn({ ruleId: rule.id, workspaceId, err: err instanceof Error ? err.message : String(err) }, 'inbox rule failed; its items are kept');
    }
  }
}

/** The rules applied to an item, oldest first (the thread view's tags). */
export async function ruleHitsOf(ex: Executor, workspaceId: string, itemId: string) {
  const r = await ex.execute<{ rule_id: string | null; rule_name: string; at: Date; actions: string[] }>(sql`
    select rule_id, rule_name, at, actions from inbox_rule_hits where item_id = ${itemId} and workspace_id = ${workspaceId} order by at, id`);
  return r.rows.map((h) => ({
    ruleId: h.rule_id,
    ruleName: h.rule_name,
    at: isoOr(new Date(h.at)),
    actions: h.actions as ('assign' | 'tags' | 'priority' | 'notify' | 'alert' | 'reply')[],
  }));
}
