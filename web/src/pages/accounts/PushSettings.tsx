import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Account } from '../../types';

interface CallbackSettings {
  supported: boolean;
  modes: string[];
  url: string | null;
  path: string;
  token: string | null;
  aesKey: string | null;
  mode: string | null;
  verifiedAt: string | null;
  lastEventAt: string | null;
}

/**
 * The account's server configuration (服务器配置): the URL, Token and EncodingAESKey to paste into
 * the platform's console, so publish results arrive by push instead of polling.
 */
export function PushSettings({ account }: { account: Account }) {
  const { t } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = ['account-callback', account.id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<CallbackSettings>(`/accounts/${account.id}/callback`, undefined, signal) });
  const save = useMutation({
    mutationFn: (body: { mode: string; regenerate?: boolean }) => api.put<CallbackSettings>(`/accounts/${account.id}/callback`, body),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      message.success(t('push.saved'));
    },
  });
  const copyable = (v: string | null, testId: string) =>
    v ? (
      <Typography.Text copyable code data-testid={testId}>
        {v}
      </Typography.Text>
    ) : (
      '—'
    );
  return (
    <Loadable query={q}>
      {(d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ErrorAlert error={save.error} />
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('push.hint')}
          </Typography.Paragraph>
          {!d.url && <Alert type="info" showIcon title={t('push.noPublicUrl')} />}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('push.url')}>{copyable(d.url ?? d.path, 'push-url')}</Descriptions.Item>
            <Descriptions.Item label="Token">{copyable(d.token, 'push-token')}</Descriptions.Item>
            <Descriptions.Item label="EncodingAESKey">{copyable(d.aesKey, 'push-aes-key')}</Descriptions.Item>
            <Descriptions.Item label={t('push.mode')}>
              <Select
                size="small"
                style={{ width: 220 }}
                value={d.mode ?? undefined}
                placeholder={t('push.choose')}
                data-testid="push-mode"
                onChange={(mode) => save.mutate({ mode })}
                options={d.modes.map((m) => ({ value: m, label: t(`push.mode.${m}`) }))}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('push.status')}>
              <Space wrap>
                {d.verifiedAt ? <Tag color="green">{t('push.verified', { at: formatAt(d.verifiedAt, tz) })}</Tag> : <Tag>{t('push.notVerified')}</Tag>}
                {d.lastEventAt && <Tag color="blue">{t('push.lastEvent', { at: formatAt(d.lastEventAt, tz) })}</Tag>}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {d.token ? (
            <Popconfirm title={t('push.regenerateConfirm')} onConfirm={() => save.mutate({ mode: d.mode ?? 'safe', regenerate: true })}>
              <Button loading={save.isPending} data-testid="push-regenerate">
                {t('push.regenerate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate({ mode: 'safe' })} data-testid="push-generate">
              {t('push.generate')}
            </Button>
          )}
        </Space>
      )}
    </Loadable>
  );
}
