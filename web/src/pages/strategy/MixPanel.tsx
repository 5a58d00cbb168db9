import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { StrategyMix } from '../../types';

const pp = (n: number) => `${n > 0 ? '+' : ''}${n}`;
type Row = { key: string; label: string; target: number; count: number; actual: number; gap: number };

/** Target, actual share and gap per row; with nothing tagged there is no mix, so no gap (not −100 pp). */
function MixTable({ rows, head, measured, testId }: { rows: Row[]; head: string; measured: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      style={{ marginBottom: 8 }}
      columns={[
        { title: head, dataIndex: 'label' },
        { title: t('strategy.mix.target'), render: (_, r) => `${r.target}%` },
        {
          title: t('strategy.mix.actual'),
          render: (_, r) => (
            <span title={`${r.count}`}>
              {r.actual}% <Progress percent={r.actual} showInfo={false} size="small" style={{ width: 48, margin: 0 }} />
            </span>
          ),
        },
        {
          title: t('strategy.mix.gap'),
          render: (_, r) =>
            measured ? (
              <Typography.Text type={Math.abs(r.gap) >= 10 ? 'danger' : undefined} data-testid={`gap-${r.label}`}>
                {pp(r.gap)} pp
              </Typography.Text>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

/**
 * The posts scheduled or published in [from, to) (default: the server's last 30 days) against the
 * strategy: pillars always, formats when asked (the calendar's panel stays compact), and cadence.
 */
export function MixPanel({ from, to, accountId, formats = false }: { from?: string; to?: string; accountId?: string; formats?: boolean }) {
  const { t } = useTranslation();
  const tz = useTz();
  const q = useQuery({
    queryKey: ['strategy', 'mix', from, to, accountId],
    queryFn: ({ signal }) => api.get<StrategyMix>('/strategies/mix', { from, to, accountId }, signal),
  });
  const m = q.data;
  return (
    <Card size="small" title={t('strategy.mix.title')} data-testid="strategy-mix" extra={<Link to="/strategy">{t('strategy.mix.open')}</Link>}>
      <ErrorAlert error={q.error} />
      {m && m.version === null && <Typography.Text type="secondary">{t('strategy.mix.none')}</Typography.Text>}
      {m && m.version !== null && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('strategy.mix.range', {
              from: formatAt(m.from, tz, 'YYYY-MM-DD'),
              to: formatAt(new Date(Date.parse(m.to) - 1).toISOString(), tz, 'YYYY-MM-DD'),
            })}
          </Typography.Paragraph>
          <MixTable
            testId="mix-pillars"
            head={t('strategy.mix.pillar')}
            measured={m.total > m.untaggedPillar}
            rows={m.pillars.map((p) => ({ ...p, key: p.pillarId, label: p.name }))}
          />
          {formats && m.formats.length > 0 && (
            <MixTable
              testId="mix-formats"
              head={t('strategy.formats')}
              measured={m.total > m.untaggedFormat}
              rows={m.formats.map((f) => ({ ...f, key: f.format, label: t(`format.${f.format}`) }))}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('strategy.mix.total', { n: m.total, u: m.untaggedPillar })}
          </Typography.Paragraph>
          {m.cadence.planned !== null && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('strategy.mix.cadence', { planned: m.cadence.planned })}
              {m.cadence.accounts.map((a) => (
                <span key={a.accountId} style={{ display: 'block' }}>
                  {t('strategy.mix.perWeek', { name: a.accountName, n: a.perWeek })}
                </span>
              ))}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
