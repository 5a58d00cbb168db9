import { ImportOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Col, Empty, Input, List, Row, Segmented, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { accountOptions, useAllAccounts } from '../../components/lookups';
import { useListParams } from '../../components/useListParams';
import { useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { InboxCounts, InboxItem, InboxThread, InboxPage as Page } from '../../types';
import { ImportModal } from './ImportModal';
import { REPLY_INPUT_ID } from './ReplyBox';
import { ItemTags, ThreadPane } from './ThreadPane';

const STATUSES = ['new', 'open', 'pending', 'done'] as const;
const FILTERS = ['status', 'accountId', 'sentiment', 'assignee', 'question', 'complaint', 'featured', 'hidden', 'q'] as const;

/** 收件箱: every account's comments and messages, worked from the keyboard (j/k, x, a, e, o, r, /). */
export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const me = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const accounts = useAllAccounts();
  const lp = useListParams(FILTERS);
  const [cursor, setCursor] = useState(0);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // ?item=<id> (a notification's link) opens that item until the list is moved in.
  const [sp, setSp] = useSearchParams();
  const linkedId = sp.get('item');
  const unlink = () => {
    if (linkedId)
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete('item');
          return next;
        },
        { replace: true },
      );
  };
  const linked = useQuery({
    queryKey: ['inbox', 'thread', linkedId],
    queryFn: ({ signal }) => api.get<InboxThread>(`/inbox/${linkedId}`, undefined, signal),
    enabled: !!linkedId,
  });
  const search = useRef<HTMLInputElement>(null);
  const list = useQuery({
    queryKey: ['inbox', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Page>('/inbox', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  // The unread count follows new arrivals without a reload.
  const counts = useQuery({
    queryKey: ['inbox', 'counts'],
    queryFn: ({ signal }) => api.get<InboxCounts>('/inbox/counts', undefined, signal),
    refetchInterval: 15_000,
  });
  const items = list.data?.items ?? [];
  const current: InboxItem | null = (linkedId ? linked.data?.item : null) ?? items[Math.min(cursor, items.length - 1)] ?? null;
  const change = useMutation({
    mutationFn: ({ id, set }: { id: string; set: Record<string, unknown> }) => api.patch<InboxItem>(`/inbox/${id}`, set),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['inbox'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const onChange = (id: string, set: Record<string, unknown>) => change.mutate({ id, set });
  const bulk = useMutation({
    mutationFn: (set: Record<string, unknown>) => api.post<{ updated: number }>('/inbox/bulk', { ids: [...selected], set }),
    onSuccess: (r) => {
      message.success(t('inbox.bulkDoneMsg', { n: r.updated }));
      setSelected(new Set());
      void qc.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  // A new filter or page starts at its first item. Keyed on the filters' values: the URL also
  // changes when a linked item (?item=) is let go, which must not drop the selection.
  const listKey = `${JSON.stringify(lp.filters)}|${lp.page}|${lp.pageSize}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list's query changes
  useEffect(() => {
    setCursor(0);
    setSelected(new Set());
  }, [listKey]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || (el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)))) return;
      if (e.key === 'j' || e.key === 'k') {
        unlink();
        setCursor((c) => (e.key === 'j' ? Math.min(c + 1, Math.max(items.length - 1, 0)) : Math.max(c - 1, 0)));
      } else if (e.key === '/') {
        e.preventDefault();
        search.current?.focus();
      } else if (!current) return;
      else if (e.key === 'r') {
        e.preventDefault();
        document.getElementById(REPLY_INPUT_ID)?.focus();
      } else if (e.key === 'x') toggle(current.id);
      else if (e.key === 'e' && current.status !== 'done') onChange(current.id, { status: 'done' });
      else if (e.key === 'o' && current.status === 'done') onChange(current.id, { status: 'open' });
      else if (e.key === 'a' && current.assigneeId !== me.user.id)
        onChange(current.id, { assigneeId: me.user.id, ...(current.status === 'new' ? { status: 'open' } : {}) });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const c = counts.data;
  return (
    <>
      <PageHeader
        title={t('nav.inbox')}
        sub={c ? <span data-testid="inbox-counts">{t('inbox.counts', c)}</span> : t('inbox.sub')}
        extra={
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('inbox.import')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={lp.filters.status ?? ''}
          onChange={(v) => lp.setFilter('status', String(v) || undefined)}
          options={[{ value: '', label: t('inbox.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))]}
        />
        <Input.Search
          ref={(r) => {
            search.current = r?.input ?? null;
          }}
          allowClear
          placeholder={t('inbox.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
          data-testid="inbox-search"
        />
        <Select
          allowClear
          placeholder={t('inbox.account')}
          style={{ width: 160 }}
          value={lp.filters.accountId}
          onChange={(v) => lp.setFilter('accountId', v)}
          options={accountOptions(accounts.data)}
        />
        <Select
          allowClear
          placeholder={t('inbox.sentiment')}
          style={{ width: 110 }}
          value={lp.filters.sentiment}
          onChange={(v) => lp.setFilter('sentiment', v)}
          options={(['negative', 'neutral', 'positive'] as const).map((s) => ({ value: s, label: t(`inbox.sentiment.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('inbox.assignee')}
          style={{ width: 110 }}
          value={lp.filters.assignee}
          onChange={(v) => lp.setFilter('assignee', v)}
          options={[
            { value: 'me', label: t('inbox.assignee.me') },
            { value: 'none', label: t('inbox.assignee.none') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('inbox.moderation.filter')}
          style={{ width: 130 }}
          value={lp.filters.featured === 'yes' ? 'featured' : lp.filters.hidden === 'yes' ? 'hidden' : lp.filters.hidden === 'no' ? 'visible' : undefined}
          onChange={(v) =>
            lp.setFilters({ featured: v === 'featured' ? 'yes' : undefined, hidden: v === 'hidden' ? 'yes' : v === 'visible' ? 'no' : undefined })
          }
          options={(['featured', 'hidden', 'visible'] as const).map((v) => ({ value: v, label: t(`inbox.${v}`) }))}
          data-testid="inbox-moderation-filter"
        />
        <Segmented
          value={lp.filters.complaint === 'yes' ? 'complaint' : lp.filters.question === 'yes' ? 'question' : ''}
          onChange={(v) => lp.setFilters({ complaint: v === 'complaint' ? 'yes' : undefined, question: v === 'question' ? 'yes' : undefined })}
          options={[
            { value: '', label: t('inbox.all') },
            { value: 'complaint', label: t('inbox.complaint') },
            { value: 'question', label: t('inbox.question') },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('inbox.keys')}
      </Typography.Paragraph>
      <ErrorAlert error={list.error} />
      {selected.size > 0 && (
        <Alert
          style={{ marginBottom: 8 }}
          data-testid="inbox-bulk"
          message={t('inbox.selected', { n: selected.size })}
          action={
            <Space>
              <Button size="small" type="primary" loading={bulk.isPending} onClick={() => bulk.mutate({ status: 'done' })}>
                {t('inbox.bulkDone')}
              </Button>
              <Button size="small" loading={bulk.isPending} onClick={() => bulk.mutate({ assigneeId: me.user.id })}>
                {t('inbox.bulkMine')}
              </Button>
              <Button size="small" type="text" onClick={() => setSelected(new Set())}>
                {t('inbox.bulkClear')}
              </Button>
            </Space>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <List<InboxItem>
            bordered
            size="small"
            loading={list.isFetching && !list.data}
            dataSource={items}
            locale={{ emptyText: <Empty description={t('inbox.empty')} /> }}
            pagination={{
              current: lp.page,
              pageSize: lp.pageSize,
              total: list.data?.total ?? 0,
              size: 'small',
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              onChange: lp.pagination(undefined).onChange,
              showTotal: (n) => (list.data?.totalCapped ? t('inbox.more') : t('common.total', { count: n })),
            }}
            renderItem={(item, i) => (
              <List.Item
                onClick={() => {
                  unlink();
                  setCursor(i);
                }}
                data-testid={`inbox-item-${item.externalId}`}
                aria-selected={current?.id === item.id}
                style={{
                  cursor: 'pointer',
                  background: current?.id === item.id ? 'rgba(22,119,255,0.08)' : undefined,
                  fontWeight: item.status === 'new' ? 600 : 400,
                  opacity: item.hiddenAt ? 0.5 : undefined,
                }}
              >
                <List.Item.Meta
                  avatar={
                    <Checkbox
                      checked={selected.has(item.id)}
                      onClick={(e) => e.stopPropagation()}
                      onChange={() => toggle(item.id)}
                      aria-label={t('inbox.select')}
                    />
                  }
                  title={
                    <Space size={6} wrap>
                      <span>{item.authorName ?? item.authorId ?? '—'}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {item.accountName} · {formatAt(item.at, tz)} · {t(`inbox.status.${item.status}`)}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                        {item.text}
                      </Typography.Paragraph>
                      <ItemTags item={item} />
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} lg={14}>
          <ThreadPane item={current} onChange={onChange} />
        </Col>
      </Row>
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
