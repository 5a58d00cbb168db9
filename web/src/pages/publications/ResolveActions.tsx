import { CheckCircleOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Publication } from '../../types';

/**
 * A publication whose submit could not be confirmed on the platform: a person checks the account
 * and says what they found. Marking it published records the link; confirming it is not there
 * sends it again, once.
 */
export function ResolveActions({ id }: { id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [url, setUrl] = useState('');
  const resolve = useMutation({
    mutationFn: (body: { outcome: 'published' | 'not_published'; url?: string | null }) => api.post<Publication>(`/publications/${id}/resolve`, body),
    onSuccess: (_, body) => {
      message.success(body.outcome === 'published' ? t('publications.resolvedPublished') : t('publications.resolvedResend'));
      for (const key of ['publications', 'publication', 'calendar', 'post']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('publications.resolveTitle')}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('publications.resolveHint')}</span>
          <ErrorAlert error={resolve.error} />
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder={t('publications.resolveUrl')}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              data-testid="resolve-url"
              onPressEnter={() => resolve.mutate({ outcome: 'published', url: url.trim() || null })}
            />
            <Button icon={<CheckCircleOutlined />} loading={resolve.isPending && resolve.variables?.outcome === 'published'} onClick={() => resolve.mutate({ outcome: 'published', url: url.trim() || null })} data-testid="resolve-published">
              {t('publications.resolvePublished')}
            </Button>
          </Space.Compact>
          <Popconfirm title={t('publications.resolveResendConfirm')} onConfirm={() => resolve.mutate({ outcome: 'not_published' })}>
            <Button danger icon={<RedoOutlined />} loading={resolve.isPending && resolve.variables?.outcome === 'not_published'} data-testid="resolve-resend">
              {t('publications.resolveResend')}
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}
