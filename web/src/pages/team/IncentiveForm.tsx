import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, InputNumber, Modal, Select, message } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import type { Incentive, Paged, Review } from '../../types';

interface Values {
  memberId: string;
  kind: 'points' | 'award';
  points?: number | null;
  title: string;
  reason: string;
  period?: [dayjs.Dayjs, dayjs.Dayjs] | null;
  reviewId?: string | null;
}

const initial = (e: Incentive | null): Partial<Values> =>
  e
    ? {
        memberId: e.memberId,
        kind: e.kind,
        points: e.points,
        title: e.title,
        reason: e.reason,
        reviewId: e.reviewId ?? undefined,
        period: e.periodFrom && e.periodTo ? [dayjs(e.periodFrom), dayjs(e.periodTo)] : null,
      }
    : { kind: 'points', points: 10 };

/**
 * Records an incentive, or edits `editing` (all but its member). A cleared review or period is
 * sent as null, so an edit can remove it.
 */
export function IncentiveForm({ open, editing, onClose }: { open: boolean; editing: Incentive | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const members = useMembers();
  const memberId = Form.useWatch('memberId', form);
  // Every review of the member: a cycle a month, so 200 reach back years.
  const reviews = useQuery({
    queryKey: ['team', 'reviews', 'of', memberId],
    enabled: open && !!memberId,
    queryFn: ({ signal }) => api.get<Paged<Review>>('/team/reviews', { memberId, pageSize: 200 }, signal),
  });
  const save = useMutation({
    mutationFn: ({ period, memberId: member, ...v }: Values) => {
      const body = {
        ...v,
        points: v.points ?? 0,
        reviewId: v.reviewId ?? null,
        periodFrom: period ? period[0].format('YYYY-MM-DD') : null,
        periodTo: period ? period[1].format('YYYY-MM-DD') : null,
      };
      return editing ? api.patch<Incentive>(`/team/incentives/${editing.id}`, body) : api.post<Incentive>('/team/incentives', { ...body, memberId: member });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['team', 'incentives'] });
      message.success(t('common.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t(editing ? 'team.incentive.edit' : 'team.incentive.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => save.reset()}
    >
      <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={save.mutate} initialValues={initial(editing)} clearOnDestroy>
        <Form.Item name="memberId" label={t('team.member')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" disabled={!!editing} options={memberOptions(members.data?.filter((m) => m.role !== 'guest'))} />
        </Form.Item>
        <Form.Item name="kind" label={t('team.incentive.kind')}>
          <Select options={(['points', 'award'] as const).map((k) => ({ value: k, label: t(`team.incentive.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="points" label={t('team.incentive.points')}>
          <InputNumber min={-100000} max={100000} />
        </Form.Item>
        <Form.Item name="title" label={t('team.incentive.title')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="incentive-title" />
        </Form.Item>
        <Form.Item name="reason" label={t('team.incentive.reason')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="period" label={t('team.incentive.period')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="reviewId" label={t('team.incentive.review')}>
          <Select allowClear options={reviews.data?.items.map((r) => ({ value: r.id, label: r.cycleName }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
