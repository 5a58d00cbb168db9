import { Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Account } from '../../types';

/** What the account's grant allows (green) and lacks (with the scopes that would give it), its route and token expiries. */
export function GrantCell({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const tz = useTz();
  if (a.connect === 'manual') return <Tag>{t(`publishRoute.${a.publishRoute}`)}</Tag>;
  return (
    <Space orientation="vertical" size={2} data-testid="account-grant">
      <Space size={[0, 4]} wrap>
        {a.needsReconnect && (
          <Tag color="red" data-testid="needs-reconnect">
            {t('accounts.needsReconnect')}
          </Tag>
        )}
        {a.capabilities.map((c) => (
          <Tag key={c} color="green" data-testid={`cap-${c}`}>
            {t(`capability.${c}`)}
          </Tag>
        ))}
        {a.lacks.map((l) => (
          <Tooltip key={l.capability} title={l.scopes.length ? t('accounts.lacksScopes', { scopes: l.scopes.join(', ') }) : undefined}>
            <Tag data-testid={`lacks-${l.capability}`}>{t('accounts.lacks', { what: t(`capability.${l.capability}`) })}</Tag>
          </Tooltip>
        ))}
      </Space>
      <Typography.Text type="secondary">{t('accounts.route', { route: t(`publishRoute.${a.publishRoute}`) })}</Typography.Text>
      {a.grantExpiresAt && (
        <Typography.Text type="secondary" data-testid="grant-expires">
          {t('accounts.grantExpires', { at: formatAt(a.grantExpiresAt, tz) })}
        </Typography.Text>
      )}
      {a.refreshExpiresAt && <Typography.Text type="secondary">{t('accounts.refreshExpires', { at: formatAt(a.refreshExpiresAt, tz) })}</Typography.Text>}
    </Space>
  );
}
