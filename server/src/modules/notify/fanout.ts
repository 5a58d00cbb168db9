import type { Deps } from '../../context';
import * as repo from './repository';
import { notify } from './service';

/** Rows claimed per sweep; a burst larger than this is drained by consecutive sweeps. */
export const SWEEP_LIMIT = 500;
/** Items listed in a digest; the rest are counted. */
const DIGEST_ITEMS = 10;

const STATE_LABEL: Record<string, { zh: string; en: string }> = {
  'publication.failed': { zh: '发布失败', en: 'failed to publish' },
  'publication.needs_attention': { zh: '发布需要处理', en: 'need attention' },
  'publication.missed': { zh: '错过发布时间', en: 'missed their time' },
};

type Claimed = Awaited<ReturnType<typeof repo.claimFanout>>[number];

/**
 * Turns the trigger's outbox rows (publication failed / needs attention / missed) into the
 * managers' notifications and the group-robot deliveries. One row becomes one event; several of
 * the same kind in one workspace become one digest, so a platform outage does not flood a group
 * (the robots accept 20 messages a minute) or the managers' bell. Claim and fan-out commit
 * together: a crash in between leaves the rows pending for the next sweep.
 */
export async function sweepFanout(deps: Deps, limit = SWEEP_LIMIT): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const rows = await repo.claimFanout(tx, limit);
    const groups = new Map<string, Claimed[]>();
    for (const r of rows) {
      const key = `${r.workspaceId}|${r.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const items of groups.values()) {
      const first = items[0];
      const managers = await repo.ownersAndManagers(tx, first.workspaceId);
      if (items.length === 1) {
        await notify(
          deps,
          {
            workspaceId: first.workspaceId,
            kind: first.kind,
            severity: first.severity as 'warning',
            title: { zh: first.titleZh, en: first.titleEn },
            body: { zh: first.bodyZh, en: first.bodyEn },
            link: first.link ?? undefined,
            // The post's owner already has the trigger's row.
            userIds: managers.filter((u) => u !== first.userId),
          },
          tx,
        );
        continue;
      }
      const label = STATE_LABEL[first.kind] ?? { zh: first.kind, en: first.kind };
      const shown = items.slice(0, DIGEST_ITEMS);
      const more = items.length - shown.length;
      const line = (t: string, b: string, sep: string) => `• ${t}${b ? `${sep}${b}` : ''}`;
      await notify(
        deps,
        {
          workspaceId: first.workspaceId,
          kind: first.kind,
          severity: items.some((i) => i.severity === 'critical') ? 'critical' : 'warning',
          title: { zh: `${items.length} 条内容${label.zh}`, en: `${items.length} publications ${label.en}` },
          body: {
            zh: [...shown.map((i) => line(i.titleZh, i.bodyZh, '：')), ...(more ? [`…另有 ${more} 条`] : [])].join('\n'),
            en: [...shown.map((i) => line(i.titleEn, i.bodyEn, ': ')), ...(more ? [`… and ${more} more`] : [])].join('\n'),
          },
          link: `/publications?state=${first.kind.slice('publication.'.length)}`,
          userIds: managers,
        },
        tx,
      );
    }
    return rows.length;
  });
}
