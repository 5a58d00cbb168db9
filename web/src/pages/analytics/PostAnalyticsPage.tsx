import { useQuery } from '@tanstack/react-query';
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api';
import { Chart } from '../../components/charts/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import type { PostPage } from '../../types';
import { lineOption, num, postColumns } from './columns';
import { formatRate, formatReads } from './format';
import { RangeBar, useRange } from './RangeBar';

/** One post: each publication's totals with both engagement rates, and the daily figures. */
export default function PostAnalyticsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [range, setRange] = useRange(90);
  const q = { from: range.from, to: range.to };
  const p = useQuery({ queryKey: ['analytics', 'post', id, q], queryFn: () => api.get<PostPage>(`/analytics/posts/${id}`, q) });
  const f = num(i18n.language);
  const d = p.data;
  // One platform per post page is the common case; 10万+ applies when every publication is on WeChat.
  const platform = d?.publications.every((x) => x.platform === 'wechat_oa') ? 'wechat_oa' : null;
  type Pub = PostPage['publications'][number];
  return (
    <>
      <PageHeader
        title={t('dash.postTitle', { title: d?.post.title ?? '' })}
        sub={d?.post.author}
        extra={<RangeBar value={range} onChange={setRange} granularity={false} />}
      />
      <ErrorAlert error={p.error} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Chart<Pub>
          title={t('nav.publications')}
          option={null}
          loading={p.isLoading}
          rows={d?.publications}
          rowKey={(r) => r.publicationId}
          note={d && (i18n.language.startsWith('zh') ? d.engagementDefinition.zh : d.engagementDefinition.en)}
          columns={[
            ...postColumns<Pub>(t, i18n.language).slice(1),
            { title: t('dash.followersAt'), dataIndex: 'followersAtPublish', align: 'right', render: f },
            { title: t('dash.engagementByFollowers'), dataIndex: 'engagementByFollowers', align: 'right', render: formatRate },
          ]}
        />
        <Chart
          title={t('dash.daily')}
          testId="chart-post-days"
          loading={p.isLoading}
          rows={d?.series}
          rowKey={(r) => r.day}
          exportQuery={{ chart: 'post', postId: id, ...q }}
          option={
            d
              ? lineOption(
                  d.series.map((r) => r.day),
                  [
                    { name: t('dash.views'), data: d.series.map((r) => r.views) },
                    { name: t('dash.interactions'), data: d.series.map((r) => r.interactions), right: true },
                  ],
                )
              : null
          }
          columns={[
            { title: t('dash.period'), dataIndex: 'day' },
            { title: t('dash.views'), dataIndex: 'views', align: 'right', render: (v: number | null) => formatReads(v, platform, i18n.language) },
            { title: t('dash.likes'), dataIndex: 'likes', align: 'right', render: f },
            { title: t('dash.comments'), dataIndex: 'comments', align: 'right', render: f },
            { title: t('dash.shares'), dataIndex: 'shares', align: 'right', render: f },
            { title: t('dash.zaikan'), dataIndex: 'zaikan', align: 'right', render: f },
            { title: t('dash.favorites'), dataIndex: 'favorites', align: 'right', render: f },
            { title: t('dash.interactions'), dataIndex: 'interactions', align: 'right', render: f },
          ]}
        />
      </Space>
    </>
  );
}
