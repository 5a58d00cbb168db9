import { Badge, Calendar, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTz } from '../../session';
import { dayOf, timeOf } from '../../time';
import type { CampaignDetail } from '../../types';
import { stageKey } from './model';

type Post = CampaignDetail['posts'][number];

/** The campaign's month grid: each day with the posts going out on it (workspace time), opening on the campaign's first month. */
export function CampaignCalendar({ posts, startDay }: { posts: Post[]; startDay: string }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(startDay));
  const byDay = new Map<string, Post[]>();
  for (const p of posts) {
    const at = p.publishedAt ?? p.scheduledAt;
    if (!at) continue;
    const day = dayOf(at, tz);
    byDay.set(day, [...(byDay.get(day) ?? []), p]);
  }
  return (
    <Calendar
      fullscreen={false}
      value={month}
      onPanelChange={(d) => setMonth(d)}
      onSelect={(d) => setMonth(d)}
      data-testid="campaign-month"
      cellRender={(d, info) => {
        if (info.type !== 'date') return info.originNode;
        const day = d.format('YYYY-MM-DD');
        const here = byDay.get(day);
        if (!here) return null;
        const published = here.every((p) => p.stage === 'published');
        return (
          <Tooltip title={here.map((p) => <div key={p.id}>{`${timeOf((p.publishedAt ?? p.scheduledAt) as string, tz)} ${p.title} · ${t(stageKey(p))}`}</div>)}>
            <Badge count={here.length} size="small" color={published ? 'green' : 'blue'} data-testid="campaign-day" data-day={day} />
          </Tooltip>
        );
      }}
    />
  );
}
