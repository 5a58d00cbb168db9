import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { WebhookSecret, WebhookSettings } from '../../types';

const EXAMPLE_BODY = '{"event_id":"order-1001","kind":"order","value":199,"code":"<短码 code>"}';

/** The signing recipe with a runnable example (Node.js), the same one the server checks. */
const example = (url: string) => `const body = '${EXAMPLE_BODY}';
const t = Math.floor(Date.now() / 1000);
const v1 = require('node:crypto').createHmac('sha256', SECRET).update(\`\${t}.\${body}\`).digest('hex');
await fetch('${url}', {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-meiyun-signature': \`t=\${t},v1=\${v1}\` },
  body,
});`;

/** 转化回传: the webhook URL, the secret (shown once after a rotation), the recipe and the pixel. Managers only. */
export function WebhookPanel() {
  const { t } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const [fresh, setFresh] = useState<WebhookSecret | null>(null);
  const settings = useQuery({ queryKey: ['links', 'webhook'], queryFn: ({ signal }) => api.get<WebhookSettings>('/links/webhook', undefined, signal) });
  const rotate = useMutation({
    mutationFn: () => api.post<WebhookSecret>('/links/webhook/rotate'),
    onSuccess: (s) => {
      setFresh(s);
      void qc.invalidateQueries({ queryKey: ['links', 'webhook'] });
    },
  });
  const s = settings.data;
  const url = s?.url ?? (s?.path ? `${location.origin}${s.path}` : null);
  const button = (
    <Button data-testid="webhook-rotate" loading={rotate.isPending} onClick={s?.key ? undefined : () => rotate.mutate()}>
      {s?.key ? t('links.webhook.rotate') : t('links.webhook.generate')}
    </Button>
  );
  return (
    <Card
      size="small"
      title={t('links.webhook')}
      style={{ marginTop: 16 }}
      extra={
        s?.key ? (
          <Popconfirm title={t('links.webhook.rotateConfirm')} onConfirm={() => rotate.mutate()}>
            {button}
          </Popconfirm>
        ) : (
          button
        )
      }
    >
      <ErrorAlert error={settings.error ?? rotate.error} style={{ marginBottom: 12 }} />
      {fresh && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('links.webhook.secretOnce')}
          description={
            <Typography.Text code copyable data-testid="webhook-secret">
              {fresh.secret}
            </Typography.Text>
          }
        />
      )}
      {!s?.key && <Typography.Text type="secondary">{t('links.webhook.none')}</Typography.Text>}
      {s?.key && url && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('links.webhook.url')}>
            <Typography.Text copyable>{url}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('links.webhook.rotatedAt')}>{formatAt(s.rotatedAt, tz)}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>
        {t('links.webhook.recipe')}
      </Typography.Paragraph>
      <Typography.Paragraph>{t('links.webhook.recipeText')}</Typography.Paragraph>
      <pre style={{ background: '#f6f6f6', padding: 12, borderRadius: 6, overflowX: 'auto', fontSize: 12 }}>{example(url ?? '/api/v1/conversions/<key>')}</pre>
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {t('links.webhook.pixel')}
      </Typography.Paragraph>
      <Typography.Text code>{`<img src="${location.origin}/px/<code>.gif?event_id=<id>&kind=signup" width="1" height="1" alt="">`}</Typography.Text>
    </Card>
  );
}
