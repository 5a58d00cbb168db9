import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Form, Input, Modal, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useListParams } from '../../components/useListParams';
import { useCan } from '../../session';
import type { Paged, Review, ReviewCycle } from '../../types';
import { ReviewDrawer } from './ReviewDrawer';
import { ReviewStatus } from './ReviewStatus';

function NewCycle({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const members = useMembers();
  const create = useMutation({
    mutationFn: (v: { name: string; period: string; start: dayjs.Dayjs; memberIds?: string[] }) =>
      api.post<ReviewCycle>('/team/cycles', { ...v, start: v.start.format('YYYY-MM-DD'), memberIds: v.memberIds?.length ? v.memberIds : undefined }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['team'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title={t('team.cycle.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={create.mutate} initialValues={{ period: 'month', start: dayjs() }}>
        <Form.Item name="name" label={t('team.cycle.name')} rules={[{ required: true }]}>
          <Input data-testid="cycle-name" maxLength={80} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="period" label={t('team.period')}>
            <Select style={{ width: 120 }} options={(['month', 'quarter'] as const).map((p) => ({ value: p, label: t(`team.period.${p}`) }))} />
          </Form.Item>
          <Form.Item name="start" label={t('team.cycle.start')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Flex>
        <Form.Item name="memberIds" label={t('team.cycle.members')}>
          <Select mode="multiple" allowClear options={memberOptions(members.data?.filter((m) => m.role !== 'guest'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FILTERS = ['cycle', 'status'] as const;

/** 绩效考核: the cycles, their reviews paged (a member sees only their own) and one review in a drawer (?review=). */
export function ReviewsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const lp = useListParams(FILTERS);
  const cycles = useQuery({ queryKey: ['team', 'cycles'], queryFn: ({ signal }) => api.get<ReviewCycle[]>('/team/cycles', undefined, signal) });
  const query = { cycleId: lp.filters.cycle, status: lp.filters.status, page: lp.page, pageSize: lp.pageSize };
  const reviews = useQuery({
    queryKey: ['team', 'reviews', query],
    queryFn: ({ signal }) => api.get<Paged<Review>>('/team/reviews', query, signal),
    placeholderData: keepPreviousData,
  });
  const set = (k: string, v: string | null) =>
    setParams((p) => {
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    });
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('team.cycles')}
          allowClear
          placeholder={t('team.cycles')}
          style={{ minWidth: 260 }}
          value={lp.filters.cycle}
          onChange={(v) => lp.setFilter('cycle', v)}
          options={cycles.data?.map((c) => ({ value: c.id, label: `${c.name} (${c.startDay} – ${c.endDay}) · ${c.locked}/${c.reviews}` }))}
          notFoundContent={t('team.cycle.empty')}
        />
        <Select
          aria-label={t('team.review.status')}
          allowClear
          placeholder={t('team.review.status')}
          style={{ width: 140 }}
          value={lp.filters.status}
          onChange={(v) => lp.setFilter('status', v)}
          options={(['open', 'locked'] as const).map((s) => ({ value: s, label: t(`team.reviews.status.${s}`) }))}
        />
        {can('team.manage') && (
          <Button type="primary" onClick={() => setOpen(true)} data-testid="cycle-new">
            {t('team.cycle.new')}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={cycles.error ?? reviews.error} style={{ marginBottom: 12 }} />
      <Table<Review>
        rowKey="id"
        loading={reviews.isLoading}
        dataSource={reviews.data?.items}
        pagination={lp.pagination(reviews.data?.total)}
        locale={{ emptyText: t(lp.filters.cycle || lp.filters.status ? 'common.noMatch' : 'team.reviews.empty') }}
        onRow={(r) => ({ 'data-testid': `review-row-${r.memberName}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('team.member'), dataIndex: 'memberName' },
          { title: t('team.cycles'), key: 'cycle', render: (_, r) => `${r.cycleName} (${r.startDay} – ${r.endDay})` },
          { title: t('team.review.rating'), key: 'rating', render: (_, r) => (r.rating ? `${r.rating} · ${r.ratingLabel ?? ''}` : '—') },
          { title: t('team.review.status'), key: 'status', render: (_, r) => <ReviewStatus r={r} /> },
          {
            key: 'open',
            render: (_, r) => (
              <Button size="small" onClick={() => set('review', r.id)} data-testid={`review-open-${r.memberName}`}>
                {t('team.review.open')}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer id={params.get('review')} onClose={() => set('review', null)} />
      <NewCycle open={open} onClose={() => setOpen(false)} />
    </>
  );
}
