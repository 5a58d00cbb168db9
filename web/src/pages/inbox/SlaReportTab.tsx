import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { API_BASE, api, toQueryString } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SlaReport } from '../../types';
import { RangeBar, useRange } from '../analytics/RangeBar';

type Row = SlaReport['members'][number];
const mins = (v: number | null) => (v == null ? '—' : v.toFixed(1));

/** The team's service levels over a range: replies, first-response times, open load, breaches, per member. */
export function SlaReportTab() {
  const { t } = useTranslation();
  const [range, setRange] = useRange(7);
  const q = { from: range.from, to: range.to };
  const report = useQuery({
    queryKey: ['inbox', 'sla', 'report', q],
    queryFn: ({ signal }) => api.get<SlaReport>('/inbox/sla/report', q, signal),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <RangeBar value={range} onChange={setRange} granularity={false} />
        {(['csv', 'xlsx'] as const).map((f) => (
          <Button key={f} icon={<DownloadOutlined />} href={`${API_BASE}/inbox/sla/report/export${toQueryString({ ...q, format: f })}`} download>
            {f.toUpperCase()}
          </Button>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('sla.report.help', { tz: report.data?.timezone ?? '' })}
      </Typography.Paragraph>
      <ErrorAlert error={report.error} />
      <Table<Row>
        size="small"
        rowKey={(r) => r.userId ?? 'none'}
        loading={report.isFetching}
        dataSource={report.data?.members ?? []}
        pagination={false}
        data-testid="sla-report"
        scroll={{ x: true }}
        columns={[
          { title: t('sla.col.member'), render: (_, r) => r.name ?? t('inbox.assignee.none') },
          { title: t('sla.col.replies'), dataIndex: 'replies', align: 'right' },
          { title: t('sla.col.items'), dataIndex: 'items', align: 'right' },
          { title: t('sla.col.responded'), dataIndex: 'responded', align: 'right' },
          { title: t('sla.col.median'), align: 'right', render: (_, r) => mins(r.medianFirstResponse) },
          { title: t('sla.col.mean'), align: 'right', render: (_, r) => mins(r.meanFirstResponse) },
          { title: t('sla.col.fastest'), align: 'right', render: (_, r) => mins(r.fastestFirstResponse) },
          { title: t('sla.col.slowest'), align: 'right', render: (_, r) => mins(r.slowestFirstResponse) },
          { title: t('sla.col.open'), dataIndex: 'openLoad', align: 'right' },
          { title: t('sla.col.frBreaches'), dataIndex: 'firstResponseBreaches', align: 'right' },
          { title: t('sla.col.resBreaches'), dataIndex: 'resolutionBreaches', align: 'right' },
        ]}
      />
    </>
  );
}
