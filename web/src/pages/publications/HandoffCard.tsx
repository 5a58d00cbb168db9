import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCode } from '../../components/QrCode';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { ManualKit } from '../../types';

/**
 * The hand-off route: the member scans the code (or opens the link) on the phone and finishes
 * the post in the platform's app; the product then finds it and links it by itself.
 */
export function HandoffCard({ id, handoff }: { id: string; handoff: NonNullable<ManualKit['handoff']> }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const zh = i18n.language.startsWith('zh');
  const renew = useMutation({
    mutationFn: () => api.post<ManualKit>(`/publications/${id}/handoff/renew`),
    onSuccess: (next) => qc.setQueryData(['publication-kit', id], next),
  });
  return (
    <Card
      size="small"
      title={t('manual.handoff')}
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={renew.isPending} onClick={() => renew.mutate()} data-testid="handoff-renew">
          {t('manual.renew')}
        </Button>
      }
      data-testid="handoff-card"
    >
      <ErrorAlert error={renew.error} />
      {handoff.expired && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('manual.expired')} data-testid="handoff-expired" />}
      <Flex gap={16} align="flex-start">
        <div style={{ opacity: handoff.expired ? 0.3 : 1 }}>
          <QrCode value={handoff.url} size={168} label={t('manual.qr')} testId="handoff-qr" />
        </div>
        <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
          <ol style={{ margin: 0, paddingInlineStart: 18 }} data-testid="handoff-steps">
            {handoff.steps.map((s) => (
              <li key={s.en}>{zh ? s.zh : s.en}</li>
            ))}
          </ol>
          <Typography.Text type="secondary">
            {handoff.expiresAt ? t('manual.expires', { at: formatAt(handoff.expiresAt, tz) }) : t('manual.noExpiry')}
          </Typography.Text>
          {/* The signed link is long: shown shortened, opened or copied whole. */}
          <Typography.Paragraph copyable={{ text: handoff.url }} style={{ marginBottom: 0, wordBreak: 'break-all', fontSize: 12 }} data-testid="handoff-link">
            <Typography.Link href={handoff.url}>{handoff.url.length > 64 ? `${handoff.url.slice(0, 64)}…` : handoff.url}</Typography.Link>
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('manual.handoffAuto')}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
