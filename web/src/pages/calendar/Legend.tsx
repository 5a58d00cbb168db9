import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { POST_STATUSES, PUBLICATION_STATES } from '../../enums';
import { TONE_COLORS } from './dates';

function Swatch({ k, label }: { k: string; label: string }) {
  const c = TONE_COLORS[k];
  return (
    <Flex align="center" gap={4}>
      <span style={{ width: 12, height: 12, background: c.bg, borderLeft: `3px solid ${c.border}`, display: 'inline-block' }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
    </Flex>
  );
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={12} style={{ marginTop: 12 }}>
      {PUBLICATION_STATES.map((s) => (
        <Swatch key={s} k={s} label={t(`pubState.${s}`)} />
      ))}
      <Swatch k="manual_overdue" label={t('calendar.manualOverdue')} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        |
      </Typography.Text>
      {POST_STATUSES.map((s) => (
        <Swatch key={`p-${s}`} k={s} label={t(`postStatus.${s}`)} />
      ))}
    </Flex>
  );
}
