import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlanLimit } from '../../types';

/** The platform limits the plan in view fills or breaks (a day's mass sends, an API's daily quota). */
export function PlanLimits({ limits }: { limits: PlanLimit[] }) {
  const { t, i18n } = useTranslation();
  if (!limits.length) return null;
  const en = i18n.language === 'en';
  const sorted = [...limits].sort((a, b) => (a.level === b.level ? a.period.localeCompare(b.period) : a.level === 'over' ? -1 : 1));
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }} data-testid="calendar-limits">
      {sorted.map((l) => (
        <Alert
          key={`${l.accountId}:${l.key}:${l.period}`}
          type={l.level === 'over' ? 'error' : 'warning'}
          showIcon
          data-testid={`calendar-limit-${l.level}`}
          message={t(l.level === 'over' ? 'calendar.limitOver' : 'calendar.limitFull', {
            account: l.accountName,
            period: l.period,
            planned: l.planned,
            limit: l.limit,
            rule: en ? l.label.en : l.label.zh,
          })}
        />
      ))}
    </Space>
  );
}
