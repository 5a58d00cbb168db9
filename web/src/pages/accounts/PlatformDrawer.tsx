import { Drawer, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../types';
import { PushSettings } from './PushSettings';
import { QuotaPanel } from './QuotaPanel';

/** An account's link with its platform: pushes (server configuration) and daily API quotas. */
export function PlatformDrawer({ account, manage, onClose }: { account: Account | null; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={!!account} onClose={onClose} size={720} title={account ? t('platformLink.title', { name: account.name }) : ''} destroyOnHidden>
      {account && (
        <Tabs
          items={[
            ...(manage ? [{ key: 'push', label: t('platformLink.push'), children: <PushSettings account={account} /> }] : []),
            { key: 'quota', label: t('platformLink.quota'), children: <QuotaPanel account={account} manage={manage} /> },
          ]}
        />
      )}
    </Drawer>
  );
}
