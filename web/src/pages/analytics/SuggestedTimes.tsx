import { BulbOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Tooltip, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { isoToPicker } from '../../time';
import type { BestTimeSuggestion } from '../../types';
import { WEEKDAYS } from './BestTimeHeatmap';

/** The best next slots for the post's accounts (their best-time scores), one click to use one. */
export function SuggestedTimes({ accountIds, tz, onPick }: { accountIds: string[]; tz: string; onPick: (d: dayjs.Dayjs) => void }) {
  const { t } = useTranslation();
  const ids = [...accountIds].sort().join(',');
  const q = useQuery({
    queryKey: ['analytics', 'suggest', ids],
    queryFn: () => api.get<BestTimeSuggestion>('/analytics/best-time/suggest', { accountIds: ids, count: 3 }),
    enabled: ids.length > 0,
    staleTime: 10 * 60_000,
  });
  if (!ids || !q.data?.slots.length) return null;
  return (
    <Space wrap size={4} style={{ marginBottom: 8 }} data-testid="suggested-times">
      <Tooltip title={t('best.suggestHint')}>
        <Typography.Text type="secondary">
          <BulbOutlined /> {t('best.suggest')}:
        </Typography.Text>
      </Tooltip>
      {q.data.slots.map((s) => {
        const d = isoToPicker(s.at, tz);
        return (
          <Button key={s.at} size="small" onClick={() => onPick(d)} data-testid="suggested-time">
            {t(`best.${WEEKDAYS[s.weekday]}`)} {d.format('MM-DD HH:mm')} · {t('best.score')} {Math.round(s.score)}
          </Button>
        );
      })}
    </Space>
  );
}
