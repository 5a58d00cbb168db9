// Table columns and chart options the dashboards share.
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { ChartOption } from '../../components/charts/Chart';
import type { PostRow } from '../../types';
import { formatFigure } from './fields';
import { formatRate, formatReads } from './format';

export const num = (lang: string) => (v: number | null) => formatFigure(v, lang);

export function postColumns<R extends PostRow = PostRow>(t: TFunction, lang: string): ColumnsType<R> {
  return [
    { title: t('dash.title.col'), dataIndex: 'title', render: (v: string, r) => <Link to={`/analytics/posts/${r.postId}`}>{v}</Link> },
    { title: t('dash.account'), dataIndex: 'accountName', render: (v: string, r) => <Link to={`/analytics/accounts/${r.accountId}`}>{v}</Link> },
    { title: t('dash.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => (v ? v.slice(0, 16).replace('T', ' ') : '—') },
    { title: t('dash.views'), dataIndex: 'views', align: 'right', render: (v: number | null, r) => formatReads(v, r.platform, lang) },
    { title: t('dash.interactions'), dataIndex: 'interactions', align: 'right', render: num(lang) },
    { title: t('dash.engagement'), dataIndex: 'engagementRate', align: 'right', render: formatRate },
    { title: t('links.clicks'), dataIndex: 'clicks', align: 'right', render: num(lang) },
    { title: t('dash.conversion'), dataIndex: 'conversionRate', align: 'right', render: formatRate },
  ];
}

/** A line chart of named series over periods (a second y axis for the series named in `right`). */
export function lineOption(periods: string[], series: { name: string; data: (number | null)[]; right?: boolean; bar?: boolean }[]): ChartOption {
  const right = series.some((s) => s.right);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: right ? 48 : 16, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: periods },
    yAxis: right ? [{ type: 'value' }, { type: 'value' }] : { type: 'value' },
    series: series.map((s) => ({
      name: s.name,
      type: s.bar ? 'bar' : 'line',
      data: s.data,
      smooth: true,
      yAxisIndex: s.right ? 1 : 0,
      showSymbol: periods.length < 40,
    })),
  };
}

export function barOption(labels: string[], series: { name: string; data: (number | null)[] }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: labels.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: series.map((s) => ({ name: s.name, type: 'bar', data: s.data })),
  };
}
