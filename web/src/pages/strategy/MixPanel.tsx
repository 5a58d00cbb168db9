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

/** Pillars' target against the actual share of the posts scheduled or published in [from, to), with the gap. */
export function MixPanel({ from, to, accountId }: { from?: string; to?: string; accountId?: string }) {
  const { t } = useTranslation();
  const tz = useTz();
  const q = useQuery({
    queryKey: ['strategy', 'mix', from, to, accountId],
    queryFn: ({ signal }) => api.get<StrategyMix>('/strategies/mix', { from, to, accountId }, signal),
  });
  const m = q.data;
  // With no tagged post in the range there is no mix to compare: no gap is shown rather than −100 pp.
  const measured = m ? m.total > m.untaggedPillar : false;
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
          <Table
            size="small"
            rowKey="pillarId"
            pagination={false}
            dataSource={m.pillars}
            columns={[
              { title: t('strategy.mix.pillar'), dataIndex: 'name' },
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
                    <Typography.Text type={Math.abs(r.gap) >= 10 ? 'danger' : undefined} data-testid={`gap-${r.name}`}>
                      {pp(r.gap)} pp
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 4 }}>
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
