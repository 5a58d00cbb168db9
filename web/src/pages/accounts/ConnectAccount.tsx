import { AppstoreAddOutlined, DownOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import type { OAuthPlatform, PlatformApp } from '../../types';
import { OAUTH_PLATFORMS, PlatformAppsModal } from './PlatformAppsModal';

/** Sends the browser to the platform's authorize page (a new account, or `accountId` again); the callback brings it back. */
export function useConnect() {
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (v: { platform: OAuthPlatform; accountId?: string }) =>
      api.post<{ url: string }>(`/oauth/${v.platform}/start`, v.accountId ? { accountId: v.accountId } : {}),
    onSuccess: (r) => window.location.assign(r.url),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
}

/**
 * For managers: "连接账号" per OAuth platform (enabled once the workspace's platform app is
 * entered; else it opens the app form) and the platform-apps form itself.
 */
export function ConnectAccount() {
  const { t } = useTranslation();
  const apps = useQuery({ queryKey: ['platform-apps'], queryFn: ({ signal }) => api.get<PlatformApp[]>('/platform-apps', undefined, signal) });
  const [appsFor, setAppsFor] = useState<OAuthPlatform | null>(null);
  const connect = useConnect();
  const has = (p: OAuthPlatform) => !!apps.data?.some((a) => a.platform === p);
  return (
    <Space>
      <Button icon={<AppstoreAddOutlined />} data-testid="platform-apps" onClick={() => setAppsFor('douyin')}>
        {t('platformApps.title')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: OAUTH_PLATFORMS.map((p) => ({
            key: p,
            label: <span data-testid={`connect-${p}`}>{has(p) ? t(`platform.${p}`) : t('accounts.connectNeedsApp', { platform: t(`platform.${p}`) })}</span>,
          })),
          onClick: ({ key }) => {
            const p = key as OAuthPlatform;
            if (has(p)) connect.mutate({ platform: p });
            else setAppsFor(p);
          },
        }}
      >
        <Button icon={<LinkOutlined />} loading={connect.isPending} data-testid="account-connect">
          <Space size={4}>
            {t('accounts.connect')}
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <PlatformAppsModal open={appsFor !== null} platform={appsFor ?? 'douyin'} apps={apps.data ?? []} onClose={() => setAppsFor(null)} />
    </Space>
  );
}
