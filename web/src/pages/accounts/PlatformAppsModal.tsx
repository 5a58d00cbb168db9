import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { OAuthPlatform, PlatformApp, PutPlatformAppBody } from '../../types';

export const OAUTH_PLATFORMS: OAuthPlatform[] = ['douyin', 'weibo', 'bilibili', 'kuaishou'];

/** One platform's app: client id, the write-only secret, and its settings (Weibo's safe domain). */
function AppForm({ platform, app, onSaved }: { platform: OAuthPlatform; app: PlatformApp | undefined; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ clientId: string; clientSecret?: string; safeDomain?: string }>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { clientId: string; clientSecret?: string; safeDomain?: string }) => {
      const body: PutPlatformAppBody = { clientId: v.clientId, ...(v.clientSecret ? { clientSecret: v.clientSecret } : {}) };
      if (platform === 'weibo') body.settings = v.safeDomain ? { safeDomain: v.safeDomain } : {};
      return api.put<PlatformApp>(`/platform-apps/${platform}`, body);
    },
    onSuccess: () => {
      message.success(t('platformApps.saved'));
      void qc.invalidateQueries({ queryKey: ['platform-apps'] });
      onSaved();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const callback = `${window.location.origin}/api/v1/oauth/${platform}/callback`;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('platformApps.hint')}{' '}
        <Typography.Text code copyable data-testid="app-callback-url">
          {callback}
        </Typography.Text>
      </Typography.Paragraph>
      <ErrorAlert error={save.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ clientId: app?.clientId ?? '', safeDomain: app?.settings.safeDomain ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="clientId" label={t('platformApps.clientId')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="app-client-id" maxLength={128} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="clientSecret"
          label={t('platformApps.secret')}
          extra={app?.hasSecret ? t('platformApps.secretSet') : undefined}
          rules={app?.hasSecret ? [] : [{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.Password
            data-testid="app-secret"
            maxLength={256}
            autoComplete="new-password"
            visibilityToggle={false}
            placeholder={app?.hasSecret ? '••••••••' : ''}
          />
        </Form.Item>
        {platform === 'weibo' && (
          <Form.Item name="safeDomain" label={t('platformApps.safeDomain')} extra={t('platformApps.safeDomainHint')}>
            <Input data-testid="app-safe-domain" maxLength={512} placeholder="example.com" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="app-save">
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}

/** The workspace's apps on the OAuth platforms, for managers; `platform` is the tab to open on. */
export function PlatformAppsModal({ open, platform, apps, onClose }: { open: boolean; platform: OAuthPlatform; apps: PlatformApp[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('platformApps.title')} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Tabs
        defaultActiveKey={platform}
        items={OAUTH_PLATFORMS.map((p) => {
          const app = apps.find((a) => a.platform === p);
          return {
            key: p,
            label: (
              <span data-testid={`apps-tab-${p}`}>
                {t(`platform.${p}`)} {!app && <Tag>{t('platformApps.notSet')}</Tag>}
              </span>
            ),
            children: <AppForm platform={p} app={app} onSaved={onClose} />,
          };
        })}
      />
    </Modal>
  );
}
