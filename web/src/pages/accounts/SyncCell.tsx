import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, localMessage } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { useCan, useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Account, AccountSyncStatus } from '../../types';

const KEY = ['analytics-sync'];

/**
 * "Sync now" pressed and its run not begun yet: the account's last attempt when it was pressed,
 * and until when to keep asking. The list cannot see a queued job, only a run that took its lease;
 * without this the page asked again a minute later when the job had not started in time.
 */
const requested = new Map<string, { attempt: string | null; until: number }>();
const waiting = (s: AccountSyncStatus) => {
  const r = requested.get(s.accountId);
  if (r && (s.lastAttemptAt !== r.attempt || Date.now() > r.until)) requested.delete(s.accountId);
  return requested.has(s.accountId);
};

/** Every account's sync status, polled while a run is in progress or asked for. */
export function useSyncStatus() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<AccountSyncStatus[]>('/analytics/sync', undefined, signal),
    refetchInterval: (q) => (q.state.data?.some((s) => s.running || waiting(s)) ? 2000 : 60_000),
  });
}

/** When the account's figures were last synced, its last error, the backfill's progress, and "sync now". */
export function SyncCell({ account, status }: { account: Account; status: AccountSyncStatus | undefined }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const me = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const now = useMutation({
    mutationFn: () => api.post<AccountSyncStatus>(`/accounts/${account.id}/sync`),
    onSuccess: () => {
      requested.set(account.id, { attempt: status?.lastAttemptAt ?? null, until: Date.now() + 120_000 });
      message.success(t('sync.queued'));
      void qc.invalidateQueries({ queryKey: KEY });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  if (!status?.supported) return <Typography.Text type="secondary">{t('sync.importOnly')}</Typography.Text>;
  if (status.grantLacksData)
    return (
      <Tooltip title={t('sync.noGrantHint')}>
        <Tag color="orange" data-testid="sync-no-grant">
          {t('sync.noGrant')}
        </Tag>
      </Tooltip>
    );
  const mayRun = can('accounts.manage') || account.operatorIds.includes(me.user.id);
  const b = status.backfill;
  return (
    <Space orientation="vertical" size={2} data-testid="account-sync">
      <Space size={4}>
        {status.lastError ? (
          <Tooltip title={localMessage(status.lastError, i18n.language)}>
            <Tag color="red" data-testid="sync-error">
              {t('sync.failed', { count: status.consecutiveFailures })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" data-testid="sync-last">
            {status.lastSyncedAt ? t('sync.last', { at: formatAt(status.lastSyncedAt, tz) }) : t('sync.never')}
          </Typography.Text>
        )}
        {mayRun && account.hasCredentials && (
          <Button
            size="small"
            type="text"
            icon={<ReloadOutlined />}
            loading={now.isPending || status.running}
            onClick={() => now.mutate()}
            data-testid="sync-now"
          >
            {t('sync.now')}
          </Button>
        )}
      </Space>
      {b && !b.done && (
        <Tooltip title={t('sync.backfill', { from: b.from, to: b.to, through: b.through ?? '—' })}>
          <Progress percent={Math.floor(b.progress * 100)} size="small" style={{ width: 160 }} data-testid="sync-backfill" />
        </Tooltip>
      )}
      {status.missing.post.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('sync.missing', { fields: status.missing.post.map((f) => t(`metrics.${f}`)).join('、') })}
        </Typography.Text>
      )}
    </Space>
  );
}
