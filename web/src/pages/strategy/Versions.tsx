import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged, StrategyDiff, StrategyVersion } from '../../types';

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;

/** A value of a diff as a person reads it: a pillar or persona by its name, lists joined. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map(show).join('、') || '—';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return [o.name ?? o.format, o.share !== undefined ? `${o.share}%` : null].filter(Boolean).join(' ');
  }
  return String(v);
}

function DiffModal({ accountId, pair, onClose }: { accountId?: string; pair: [number, number] | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['strategy', 'diff', accountId, pair],
    queryFn: ({ signal }) => api.get<StrategyDiff>('/strategies/diff', { accountId, from: pair?.[0], to: pair?.[1] }, signal),
    enabled: !!pair,
  });
  const en = i18n.language === 'en';
  return (
    <Modal open={!!pair} onCancel={onClose} footer={null} width={720} title={pair ? t('strategy.diff', { from: pair[0], to: pair[1] }) : ''}>
      <ErrorAlert error={q.error} />
      <Table
        data-testid="strategy-diff"
        rowKey="path"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.changes ?? []}
        locale={{ emptyText: t('strategy.diff.none') }}
        columns={[
          {
            title: t('strategy.diff.field'),
            render: (_, c) => (
              <>
                <Tag color={KIND_COLOR[c.kind]}>{t(`strategy.kind.${c.kind}`)}</Tag>
                {en ? c.labelEn : c.label}
              </>
            ),
          },
          { title: t('strategy.diff.before'), render: (_, c) => show(c.before) },
          { title: t('strategy.diff.after'), render: (_, c) => show(c.after) },
        ]}
      />
    </Modal>
  );
}

export function Versions({ accountId }: { accountId?: string }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [page, setPage] = useState(1);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const q = useQuery({
    queryKey: ['strategy', 'versions', accountId, page],
    queryFn: ({ signal }) => api.get<Paged<StrategyVersion>>('/strategies/versions', { accountId, page, pageSize: 10 }, signal),
  });
  return (
    <>
      <ErrorAlert error={q.error} />
      <List
        data-testid="strategy-versions"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('strategy.versions.empty')} /> }}
        pagination={q.data && q.data.total > 10 ? { current: page, pageSize: 10, total: q.data.total, onChange: setPage, size: 'small' } : false}
        renderItem={(v) => (
          <List.Item
            actions={
              v.version > 1
                ? [
                    <Button key="c" size="small" onClick={() => setPair([v.version - 1, v.version])} data-testid={`compare-${v.version}`}>
                      {t('strategy.compare')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={t('strategy.version', { n: v.version, who: v.createdByName ?? '—', at: formatAt(v.createdAt, tz) })}
              description={
                <>
                  {v.note && <Typography.Text>{v.note} · </Typography.Text>}
                  {v.version > 1 && <Typography.Text type="secondary">{t('strategy.changedN', { n: v.changed.length })}</Typography.Text>}
                </>
              }
            />
          </List.Item>
        )}
      />
      <DiffModal accountId={accountId} pair={pair} onClose={() => setPair(null)} />
    </>
  );
}
