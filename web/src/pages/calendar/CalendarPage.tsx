import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Segmented, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { accountOptions, memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { POST_STATUSES } from '../../enums';
import { useCan, useTz } from '../../session';
import { type Day, formatAt, todayIn } from '../../time';
import type { CalendarItem, PlanLimit, PostDetail } from '../../types';
import { usePostChanged } from '../posts/postCache';
import { groupByDay, moveToDay, moveToSlot, shiftAnchor, type View, viewDays, viewRange } from './dates';
import { Legend } from './Legend';
import { PlanLimits } from './PlanLimits';
import { MonthView } from './MonthView';
import { TimeGridView } from './TimeGridView';
import { MixPanel } from '../strategy/MixPanel';

type CalendarData = { items: CalendarItem[]; limits: PlanLimit[] };

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const changed = usePostChanged();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const today = todayIn(tz);
  const view = (['month', 'week', 'day'].includes(sp.get('view') ?? '') ? sp.get('view') : 'month') as View;
  const anchor: Day = /^\d{4}-\d{2}-\d{2}$/.test(sp.get('date') ?? '') ? (sp.get('date') as Day) : today;
  const filters = { accountId: sp.get('accountId') || undefined, status: sp.get('status') || undefined, ownerId: sp.get('ownerId') || undefined };
  const set = (patch: Record<string, string | undefined>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
        return next;
      },
      { replace: true },
    );

  const days = useMemo(() => viewDays(view, anchor), [view, anchor]);
  const range = useMemo(() => viewRange(view, anchor, tz), [view, anchor, tz]);
  const key = ['calendar', range, filters];
  const q = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<CalendarData>('/calendar', { ...range, ...filters }, signal),
    placeholderData: keepPreviousData,
  });
  const byDay = useMemo(() => groupByDay(q.data?.items ?? [], tz), [q.data, tz]);
  const accounts = useAllAccounts();
  const members = useMembers();

  const move = useMutation({
    mutationFn: ({ id, at }: { id: string; at: string }) => api.post<PostDetail>(`/posts/${id}/schedule`, { scheduledAt: at }),
    onMutate: async ({ id, at }) => {
      await qc.cancelQueries({ queryKey: key });
      const prev = qc.getQueryData<CalendarData>(key);
      if (prev) qc.setQueryData<CalendarData>(key, { ...prev, items: prev.items.map((i) => (i.id === id ? { ...i, scheduledAt: at } : i)) });
      return { prev };
    },
    onError: (e, _v, ctx) => {
      if (ctx?.prev) qc.setQueryData(key, ctx.prev);
      message.error(errorText(e, i18n.language));
    },
    onSuccess: (p) => {
      changed(p);
      message.success(t('calendar.moved', { title: p.title, at: formatAt(p.scheduledAt, tz) }));
    },
  });
  const drop = (id: string, at: (iso: string) => string) => {
    const item = q.data?.items.find((i) => i.id === id);
    if (!item?.scheduledAt) return;
    const next = at(item.scheduledAt);
    if (Date.parse(next) !== Date.parse(item.scheduledAt)) move.mutate({ id, at: next });
  };

  const title =
    view === 'month'
      ? dayjs(anchor).format(i18n.language === 'en' ? 'MMMM YYYY' : 'YYYY年M月')
      : view === 'week'
        ? `${dayjs(days[0]).format('YYYY-MM-DD')} – ${dayjs(days[6]).format('MM-DD')}`
        : dayjs(anchor).format(i18n.language === 'en' ? 'dddd, MMM D, YYYY' : 'YYYY年M月D日 dddd');
  const draggable = can('content.write');
  const openDay = (d: Day) => set({ view: 'day', date: d });

  return (
    <>
      <PageHeader title={t('nav.calendar')} sub={t('calendar.sub', { tz })} />
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button onClick={() => set({ date: undefined })} data-testid="calendar-today">
            {t('calendar.today')}
          </Button>
          <Button icon={<LeftOutlined />} onClick={() => set({ date: shiftAnchor(view, anchor, -1) })} data-testid="calendar-prev" />
          <Button icon={<RightOutlined />} onClick={() => set({ date: shiftAnchor(view, anchor, 1) })} data-testid="calendar-next" />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="calendar-title">
            {title}
          </Typography.Title>
          {q.isFetching && <Spin size="small" />}
        </Space>
        <Segmented<View>
          data-testid="calendar-view"
          value={view}
          onChange={(v) => set({ view: v })}
          options={(['month', 'week', 'day'] as const).map((v) => ({ value: v, label: <span data-testid={`calendar-view-${v}`}>{t(`calendar.${v}`)}</span> }))}
        />
      </Flex>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('posts.account')}
          style={{ width: 180 }}
          value={filters.accountId}
          onChange={(v) => set({ accountId: v })}
          options={accountOptions(accounts.data)}
        />
        <Select
          allowClear
          placeholder={t('posts.status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(v) => set({ status: v })}
          options={POST_STATUSES.map((s) => ({ value: s, label: t(`postStatus.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('posts.owner')}
          style={{ width: 160 }}
          value={filters.ownerId}
          onChange={(v) => set({ ownerId: v })}
          options={memberOptions(members.data)}
        />
      </Space>
      <ErrorAlert error={q.error} />
      <PlanLimits limits={q.data?.limits ?? []} />
      <Flex gap={16} align="start" wrap>
        <div style={{ flex: '1 1 640px', minWidth: 0 }}>
          {view === 'month' ? (
            <MonthView
              days={days}
              month={anchor.slice(0, 7)}
              today={today}
              byDay={byDay}
              tz={tz}
              draggable={draggable}
              onOpenDay={openDay}
              onDropDay={(id, d) => drop(id, (iso) => moveToDay(iso, d, tz))}
            />
          ) : (
            <TimeGridView
              days={days}
              today={today}
              byDay={byDay}
              tz={tz}
              draggable={draggable}
              onOpenDay={openDay}
              onDropSlot={(id, d, h) => drop(id, () => moveToSlot(d, h, tz))}
            />
          )}
          {q.data && q.data.items.length === 0 && (
            <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 12 }} data-testid="calendar-empty">
              {t('calendar.empty')}
            </Typography.Paragraph>
          )}
        </div>
        <div style={{ flex: '0 1 300px' }}>
          <MixPanel from={range.from} to={range.to} accountId={filters.accountId} />
        </div>
      </Flex>
      <Legend />
    </>
  );
}
