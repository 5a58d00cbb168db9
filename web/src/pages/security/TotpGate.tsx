import { Alert, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Loadable } from '../../components/Loading';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { UserMenu } from '../../shell/UserMenu';
import { WorkspaceSwitcher } from '../../shell/WorkspaceSwitcher';
import { useSession } from '../../session';
import { TotpCard, useSecurityOverview } from './TotpCard';

/**
 * What a member sees in a workspace that requires two-factor sign-in until they turn it on:
 * only the enrolment (the server refuses the workspace's APIs meanwhile), plus switching to
 * another workspace and signing out. `onDone` runs once the recovery codes are put away.
 */
export function TotpGate({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const overview = useSecurityOverview();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex justify="space-between" align="center" gap={12} style={{ padding: '12px 24px', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.name')}
        </Typography.Text>
        <Flex gap={12} align="center">
          <WorkspaceSwitcher />
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Flex>
      <div style={{ maxWidth: 760, margin: '32px auto', padding: '0 16px' }} data-testid="totp-gate">
        <Card style={{ marginBottom: 16 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {t('totp.requiredTitle')}
          </Typography.Title>
          <Alert type="warning" showIcon title={t('totp.requiredByWorkspace', { name: me.workspace?.name ?? '' })} />
        </Card>
        <Loadable query={overview}>{(o) => <TotpCard overview={o} onChanged={onDone} />}</Loadable>
      </div>
    </div>
  );
}
