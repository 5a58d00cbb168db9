import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Popconfirm, Progress, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loadable } from '../../components/Loading';
import type { Account } from '../../types';

interface Usage {
  day: string;
  timeZone: string;
  items: { api: string; defaultLimit: number; limit: number; overridden: boolean; usedToday: number }[];
}

/**
 * The platform's daily API quotas for this account: our count of today's calls against each limit.
 * A bigger account gets higher limits from the platform; a manager enters them here. Clearing
 * the platform's count (WeChat: 10 times a month) is a person's decision.
 */
export function QuotaPanel({ account, manage }: { account: Account; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const key = ['account-quota', account.id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Usage>(`/accounts/${account.id}/quota`, undefined, signal), refetchInterval: 15_000 });
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const save = useMutation({
    mutationFn: () => api.put<Usage>(`/accounts/${account.id}/api-limits`, { limits: edits }),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      setEdits({});
      message.success(t('quota.saved'));
    },
  });
  const clear = useMutation({
    mutationFn: () => api.post(`/accounts/${account.id}/clear-quota`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: key });
      message.success(t('quota.cleared'));
    },
  });
  return (
    <Loadable query={q}>
      {(d) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <ErrorAlert error={save.error ?? clear.error} />
          <Typography.Text type="secondary">{t('quota.hint', { day: d.day, tz: d.timeZone })}</Typography.Text>
          <Table
            size="small"
            rowKey="api"
            pagination={false}
            dataSource={d.items}
            data-testid="quota-table"
            columns={[
              { title: t('quota.api'), dataIndex: 'api', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
              {
                title: t('quota.used'),
                width: 200,
                render: (_, r) => <Progress size="small" percent={Math.min(100, Math.round((r.usedToday / Math.max(1, r.limit)) * 100))} format={() => `${r.usedToday} / ${r.limit}`} status={r.usedToday >= r.limit ? 'exception' : 'normal'} />,
              },
              {
                title: t('quota.limit'),
                width: 170,
                render: (_, r) =>
                  manage ? (
                    <InputNumber
                      size="small"
                      min={0}
                      value={r.api in edits ? (edits[r.api] ?? r.defaultLimit) : r.limit}
                      onChange={(v) => setEdits({ ...edits, [r.api]: v === null || v === r.defaultLimit ? null : Number(v) })}
                      aria-label={`${t('quota.limit')} ${r.api}`}
                    />
                  ) : (
                    r.limit
                  ),
              },
              { title: t('quota.default'), width: 90, dataIndex: 'defaultLimit' },
            ]}
          />
          {manage && (
            <Space>
              <Button type="primary" disabled={!Object.keys(edits).length} loading={save.isPending} onClick={() => save.mutate()} data-testid="quota-save">
                {t('common.save')}
              </Button>
              <Popconfirm title={t('quota.clearConfirm')} onConfirm={() => clear.mutate()}>
                <Button danger loading={clear.isPending} data-testid="quota-clear">
                  {t('quota.clear')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Space>
      )}
    </Loadable>
  );
}
