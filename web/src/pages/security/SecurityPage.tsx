import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loadable } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../session';
import { AuthEventsTable } from './AuthEventsTable';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TotpCard, useSecurityOverview } from './TotpCard';

const TABS = ['password', 'totp', 'sessions', 'events'] as const;

/** The signed-in person's own security: password, two-factor, devices, sign-in history. */
export default function SecurityPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [sp, setSp] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as string) : 'password';
  const overview = useSecurityOverview();
  return (
    <>
      <PageHeader title={t('nav.security')} sub={t('security.sub')} />
      {me.workspace?.requireTotp && !me.user.totpEnabled && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('totp.requiredByWorkspace', { name: me.workspace.name })} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        items={[
          {
            key: 'password',
            label: <span data-testid="security-tab-password">{t('security.tabPassword')}</span>,
            children: <Loadable query={overview}>{(o) => <PasswordCard overview={o} />}</Loadable>,
          },
          {
            key: 'totp',
            label: <span data-testid="security-tab-totp">{t('security.tabTotp')}</span>,
            children: <Loadable query={overview}>{(o) => <TotpCard overview={o} />}</Loadable>,
          },
          { key: 'sessions', label: <span data-testid="security-tab-sessions">{t('security.tabSessions')}</span>, children: <SessionsCard /> },
          {
            key: 'events',
            label: <span data-testid="security-tab-events">{t('security.tabEvents')}</span>,
            children: <AuthEventsTable scope="mine" />,
          },
        ]}
      />
    </>
  );
}
