import { CopyOutlined, DownloadOutlined, LineChartOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, api, toQueryString } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Link, LinkStats, Paged } from '../../types';
import { LinkForm } from './LinkForm';
import { WebhookPanel } from './WebhookPanel';

const pct = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
/** The short link as people will share it: absolute even when the server has no public URL set. */
const absolute = (u: string) => (u.startsWith('/') ? `${location.origin}${u}` : u);

function StatsDrawer({ link, onClose }: { link: Link | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const stats = useQuery({
    queryKey: ['links', link?.id, 'stats'],
    queryFn: ({ signal }) => api.get<LinkStats>(`/links/${link?.id}/stats`, undefined, signal),
    enabled: !!link,
  });
  const s = stats.data;
  return (
    <Drawer open={!!link} onClose={onClose} width={640} title={`${t('links.stats')} · ${link?.code ?? ''}`}>
      <ErrorAlert error={stats.error} />
      {s && (
        <>
          <Typography.Paragraph>
            {t('links.redirect')}: <Typography.Text code>{s.link.redirectUrl}</Typography.Text>
          </Typography.Paragraph>
          <Space size="large" wrap style={{ marginBottom: 12 }} data-testid="link-totals">
            <span>
              {t('links.clicks')} <b data-testid="link-total-clicks">{s.totals.clicks}</b>
            </span>
            <span>
              {t('links.uniques')} <b>{s.totals.uniques}</b>
            </span>
            <span>
              {t('links.previews')} <b>{s.totals.previews}</b>
            </span>
            <span>
              {t('links.bots')} <b>{s.totals.bots}</b>
            </span>
            <span>
              {t('links.conversions')} <b>{s.totals.conversions}</b>
            </span>
            <span>
              {t('links.rate')} <b>{pct(s.totals.conversionRate)}</b>
            </span>
          </Space>
          <Typography.Paragraph type="secondary">{i18n.language.startsWith('zh') ? s.definition.zh : s.definition.en}</Typography.Paragraph>
          <Table
            rowKey="day"
            size="small"
            pagination={false}
            dataSource={s.days}
            locale={{ emptyText: <Empty description={t('common.noData')} /> }}
            columns={[
              { title: t('links.day'), dataIndex: 'day' },
              { title: t('links.clicks'), dataIndex: 'clicks' },
              { title: t('links.uniques'), dataIndex: 'uniques' },
              { title: t('links.previews'), dataIndex: 'previews' },
              { title: t('links.bots'), dataIndex: 'bots' },
              { title: t('links.conversions'), dataIndex: 'conversions' },
              { title: t('links.value'), dataIndex: 'value', render: (v: number | null) => v ?? '—' },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

/** 短链与转化: the workspace's links with clicks and conversions, the create form and the webhook settings. */
export default function LinksPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const lp = useListParams(['q', 'campaign', 'postId'] as const);
  const [creating, setCreating] = useState(false);
  const [showing, setShowing] = useState<Link | null>(null);
  const list = useQuery({
    queryKey: ['links', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Link>>('/links', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const archive = useMutation({
    mutationFn: (l: Link) => api.patch<Link>(`/links/${l.id}`, { archived: !l.archived }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['links'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const copy = async (l: Link) => {
    await navigator.clipboard.writeText(absolute(l.shortUrl));
    message.success(t('links.copied'));
  };
  const write = can('links.write');
  return (
    <>
      <PageHeader
        title={t('nav.links')}
        sub={t('links.sub')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} href={`${API_BASE}/links/export${toQueryString(lp.filters)}`} download>
              {t('links.export')}
            </Button>
            {write && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="link-create" onClick={() => setCreating(true)}>
                {t('links.create')}
              </Button>
            )}
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('links.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 280 }}
        />
        <Input.Search
          allowClear
          placeholder={t('links.campaign')}
          defaultValue={lp.filters.campaign}
          onSearch={(v) => lp.setFilter('campaign', v.trim())}
          style={{ width: 180 }}
        />
        {lp.filters.postId && (
          <Tag closable onClose={() => lp.setFilter('postId', undefined)}>
            {t('links.post')}
          </Tag>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Link>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('links.empty')} /> }}
        columns={[
          {
            title: t('links.short'),
            render: (_, l) => (
              <Space size={4}>
                <Tooltip title={absolute(l.shortUrl)}>
                  <Typography.Text code data-testid={`link-code-${l.code}`} style={{ whiteSpace: 'nowrap' }}>
                    /l/{l.code}
                  </Typography.Text>
                </Tooltip>
                <Tooltip title={t('links.copy')}>
                  <Button size="small" type="text" icon={<CopyOutlined />} onClick={() => void copy(l)} data-testid="link-copy" />
                </Tooltip>
                {l.archived && <Tag>{t('links.archived')}</Tag>}
              </Space>
            ),
          },
          { title: t('links.target'), dataIndex: 'targetUrl', ellipsis: true },
          { title: t('links.post'), render: (_, l) => l.postTitle ?? '—' },
          { title: t('links.campaign'), render: (_, l) => l.campaign ?? '—' },
          { title: t('links.clicks'), width: 80, render: (_, l) => <span data-testid={`link-clicks-${l.code}`}>{l.clicks}</span> },
          { title: t('links.conversions'), width: 80, dataIndex: 'conversions' },
          { title: t('links.rate'), width: 90, render: (_, l) => pct(l.clicks ? l.conversions / l.clicks : null) },
          { title: t('common.createdAt'), width: 150, render: (_, l) => formatAt(l.createdAt, tz) },
          {
            title: t('common.actions'),
            width: 150,
            render: (_, l) => (
              <Space size={0}>
                <Tooltip title={t('links.stats')}>
                  <Button type="text" icon={<LineChartOutlined />} onClick={() => setShowing(l)} data-testid="link-stats" />
                </Tooltip>
                {write && (
                  <Button type="link" size="small" onClick={() => archive.mutate(l)}>
                    {l.archived ? t('links.restore') : t('links.archive')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {can('links.webhook') && <WebhookPanel />}
      <LinkForm
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t('common.saved'));
        }}
      />
      <StatsDrawer link={showing} onClose={() => setShowing(null)} />
    </>
  );
}
