import { BarChartOutlined, DownloadOutlined, TableOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Segmented, Space, Spin, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, type Query, toQueryString } from '../../api';
import type { ChartOption } from './EChart';

const EChart = lazy(() => import('./EChart'));

export type { ChartOption };

type Props<T> = {
  title: ReactNode;
  /** The chart; null: this card has only a table. */
  option: ChartOption | null;
  columns: ColumnsType<T>;
  rows: T[] | undefined;
  rowKey: (r: T) => string;
  loading?: boolean;
  /** The export route's query (chart name, range, filters); no export buttons when absent. */
  exportQuery?: Query;
  /** A line under the title: what a figure means (e.g. the engagement rate's definition). */
  note?: ReactNode;
  height?: number;
  testId?: string;
  extra?: ReactNode;
};

/** A chart card: the chart or its table (toggle), CSV/xlsx export of the table, empty and loading states. */
export function Chart<T extends object>({ title, option, columns, rows, rowKey, loading, exportQuery, note, height = 280, testId, extra }: Props<T>) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const empty = !loading && (!rows || rows.length === 0);
  const href = (format: 'csv' | 'xlsx') => `${API_BASE}/analytics/export${toQueryString({ ...exportQuery, format })}`;
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <Space wrap>
          {extra}
          {option && (
            <Segmented
              size="small"
              value={view}
              onChange={(v) => setView(v as 'chart' | 'table')}
              options={[
                { value: 'chart', icon: <BarChartOutlined />, label: <span data-testid="view-chart">{t('charts.chart')}</span> },
                { value: 'table', icon: <TableOutlined />, label: <span data-testid="view-table">{t('charts.table')}</span> },
              ]}
            />
          )}
          {exportQuery && (
            <>
              <Button size="small" icon={<DownloadOutlined />} href={href('csv')} data-testid="export-csv">
                CSV
              </Button>
              <Button size="small" icon={<DownloadOutlined />} href={href('xlsx')} data-testid="export-xlsx">
                xlsx
              </Button>
            </>
          )}
        </Space>
      }
    >
      {note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {note}
        </Typography.Paragraph>
      )}
      {loading ? (
        <div style={{ height, display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charts.empty')} />
      ) : view === 'chart' && option ? (
        <Suspense fallback={<div style={{ height }} />}>
          <div data-testid="chart-canvas">
            <EChart option={option} height={height} />
          </div>
        </Suspense>
      ) : (
        <Table<T>
          size="small"
          columns={columns}
          dataSource={rows}
          rowKey={rowKey}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          data-testid="chart-table"
        />
      )}
    </Card>
  );
}
