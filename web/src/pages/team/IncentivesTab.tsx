import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useCan } from '../../session';
import type { Incentive, IncentiveLedger, Review } from '../../types';

function NewIncentive({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const members = useMembers();
  const memberId = Form.useWatch('memberId', form);
  const reviews = useQuery({
    queryKey: ['team', 'reviews', 'of', memberId],
    enabled: !!memberId,
    queryFn: ({ signal }) => api.get<Review[]>('/team/reviews', { memberId }, signal),
  });
  const create = useMutation({
    mutationFn: ({ period, ...v }: Record<string, unknown> & { period?: [dayjs.Dayjs, dayjs.Dayjs] | null }) =>
      api.post<Incentive>('/team/incentives', {
        ...v,
        ...(period ? { periodFrom: period[0].format('YYYY-MM-DD'), periodTo: period[1].format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['team', 'incentives'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title={t('team.incentive.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={create.mutate} initialValues={{ kind: 'points', points: 10 }}>
        <Form.Item name="memberId" label={t('team.member')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={memberOptions(members.data?.filter((m) => m.role !== 'guest'))} />
        </Form.Item>
        <Form.Item name="kind" label={t('team.incentive.kind')}>
          <Select options={(['points', 'award'] as const).map((k) => ({ value: k, label: t(`team.incentive.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="points" label={t('team.incentive.points')}>
          <InputNumber min={-100000} max={100000} />
        </Form.Item>
        <Form.Item name="title" label={t('team.incentive.title')} rules={[{ required: true }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="reason" label={t('team.incentive.reason')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="period" label={t('team.incentive.period')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="reviewId" label={t('team.incentive.review')}>
          <Select allowClear options={reviews.data?.map((r) => ({ value: r.id, label: r.cycleName }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 奖励: the ledger (a member sees their own) and each member's totals. */
export function IncentivesTab() {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const ledger = useQuery({ queryKey: ['team', 'incentives'], queryFn: ({ signal }) => api.get<IncentiveLedger>('/team/incentives', undefined, signal) });
  return (
    <>
      {can('team.manage') && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          {t('team.incentive.new')}
        </Button>
      )}
      <ErrorAlert error={ledger.error} style={{ marginBottom: 12 }} />
      <Typography.Title level={5}>{t('team.incentive.totals')}</Typography.Title>
      <Table
        rowKey="memberId"
        size="small"
        dataSource={ledger.data?.totals}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('team.member'), dataIndex: 'memberName' },
          { title: t('team.incentive.points'), dataIndex: 'points' },
          { title: t('team.incentive.awards'), dataIndex: 'awards' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Table<Incentive>
        rowKey="id"
        loading={ledger.isLoading}
        dataSource={ledger.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('team.incentive.empty') }}
        columns={[
          { title: t('team.incentive.when'), key: 'at', render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
          { title: t('team.member'), dataIndex: 'memberName' },
          { title: t('team.incentive.kind'), key: 'kind', render: (_, r) => <Tag>{t(`team.incentive.kind.${r.kind}`)}</Tag> },
          { title: t('team.incentive.title'), dataIndex: 'title' },
          { title: t('team.incentive.points'), dataIndex: 'points' },
          { title: t('team.incentive.reason'), dataIndex: 'reason' },
          { title: t('team.period'), key: 'period', render: (_, r) => (r.periodFrom ? `${r.periodFrom} – ${r.periodTo}` : '—') },
          { title: t('team.incentive.by'), dataIndex: 'createdByName' },
        ]}
      />
      <NewIncentive open={open} onClose={() => setOpen(false)} />
    </>
  );
}
