import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Card, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan, useSetWorkspace } from '../../session';
import type { Workspace } from '../../types';

/** The owner's switch: every member must use two-factor sign-in in this workspace. */
export function SecuritySettings({ ws }: { ws: Workspace }) {
  const { t } = useTranslation();
  const can = useCan();
  const setWorkspace = useSetWorkspace();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (requireTotp: boolean) => api.put<Workspace>('/workspace/security', { requireTotp }),
    onSuccess: (next) => {
      setWorkspace(next);
      message.success(t(next.requireTotp ? 'settings.requireTotpOn' : 'settings.requireTotpOff'));
    },
  });
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('settings.securityTitle')}
        </Space>
      }
      style={{ maxWidth: 640, marginTop: 16 }}
    >
      <ErrorAlert error={save.error} />
      <Space align="start">
        <Switch
          id="require-totp"
          checked={ws.requireTotp}
          loading={save.isPending}
          disabled={!can('workspace.security')}
          onChange={(v) => save.mutate(v)}
          data-testid="settings-require-totp"
        />
        <div>
          <label htmlFor="require-totp">
            <Typography.Text strong>{t('settings.requireTotp')}</Typography.Text>
          </label>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('settings.requireTotpHint')}
          </Typography.Paragraph>
        </div>
      </Space>
    </Card>
  );
}
