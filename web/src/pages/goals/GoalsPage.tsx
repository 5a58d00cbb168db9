import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_METRICS } from '../../../../contract/goals';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountOptions, memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import type { Goal } from '../../types';

const STATE_COLOR = { too_early: 'default', on_track: 'green', at_risk: 'red', met: 'blue', missed: 'volcano' } as const;
const num = (x: number) => x.toLocaleString(undefined, { maximumFractionDigits: 2 });

/** The bar: actual so far, and the forecast band (low–high) against the target, as shares of it. */
function GoalBar({ g }: { g: Goal }) {
  const { t } = useTranslation();
  const pct = (x: number) => Math.max(0, Math.min(100, (x / g.target) * 100));
  const f = g.forecast;
  return (
    <div data-testid={`goal-${g.id}`}>
      <Progress
        percent={Math.round(pct(g.actual))}
        status={g.state === 'at_risk' || g.state === 'missed' ? 'exception' : g.state === 'met' ? 'success' : 'normal'}
      />
      {f && (
        <div
          style={{ position: 'relative', height: 8, background: '#f0f0f0', borderRadius: 4, marginRight: 48 }}
          title={t('goals.interval', { low: num(f.low), high: num(f.high) })}
        >
          <div
            style={{
              position: 'absolute',
              left: `${pct(f.low)}%`,
              width: `${Math.max(1, pct(f.high) - pct(f.low))}%`,
              height: 8,
              background: '#91caff',
              borderRadius: 4,
            }}
          />
          <div style={{ position: 'absolute', left: `${pct(f.value)}%`, width: 2, height: 8, background: '#1677ff' }} />
        </div>
      )}
      <Flex gap={16} wrap style={{ marginTop: 6 }}>
        <Typography.Text>
          {t('goals.actual')}: <b>{num(g.actual)}</b> / {num(g.target)}
        </Typography.Text>
        {f && (
          <Typography.Text data-testid="goal-forecast">
            {t('goals.forecast')}: <b>{num(f.value)}</b> ({t('goals.interval', { low: num(f.low), high: num(f.high) })})
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('goals.days', { n: g.daysElapsed, total: g.daysTotal })}</Typography.Text>
      </Flex>
    </div>
  );
}

function NewGoal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const accounts = useAllAccounts();
  const members = useMembers();
  const scope = Form.useWatch('scope', form);
  const period = Form.useWatch('period', form);
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Goal>('/goals', v),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['goals'] });
      form.resetFields();
      onClose();
    },
  });
  const submit = (v: Record<string, unknown> & { startDay: dayjs.Dayjs; endDay?: dayjs.Dayjs }) =>
    create.mutate({ ...v, startDay: v.startDay.format('YYYY-MM-DD'), endDay: v.endDay ? v.endDay.format('YYYY-MM-DD') : undefined });
  return (
    <Modal open={open} title={t('goals.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <ErrorAlert error={create.error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ metric: 'views', scope: 'workspace', period: 'month', startDay: dayjs() }}>
        <Form.Item name="name" label={t('goals.name')} rules={[{ required: true }]}>
          <Input data-testid="goal-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="metric" label={t('goals.metric')}>
          <Select options={GOAL_METRICS.map((m) => ({ value: m, label: t(`goals.metric.${m}`) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('goals.scope')}>
          <Select options={['workspace', 'account', 'member'].map((s) => ({ value: s, label: t(`goals.scope.${s}`) }))} />
        </Form.Item>
        {scope === 'account' && (
          <Form.Item name="accountId" label={t('goals.account')} rules={[{ required: true }]}>
            <Select options={accountOptions(accounts.data)} />
          </Form.Item>
        )}
        {scope === 'member' && (
          <Form.Item name="memberId" label={t('goals.member')} rules={[{ required: true }]}>
            <Select options={memberOptions(members.data)} />
          </Form.Item>
        )}
        <Space>
          <Form.Item name="period" label={t('goals.period')}>
            <Select style={{ width: 120 }} options={['week', 'month', 'quarter', 'custom'].map((p) => ({ value: p, label: t(`goals.period.${p}`) }))} />
          </Form.Item>
          <Form.Item name="startDay" label={t('goals.start')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {period === 'custom' && (
            <Form.Item name="endDay" label={t('goals.end')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="target" label={t('goals.target')} rules={[{ required: true }]}>
          <InputNumber data-testid="goal-target" min={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('goals.owner')}>
          <Select allowClear options={memberOptions(members.data)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 目标与KPI: every goal with its live progress, forecast band and state. */
export default function GoalsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({ queryKey: ['goals'], queryFn: ({ signal }) => api.get<Goal[]>('/goals', undefined, signal), refetchInterval: 60_000 });
  const del = useMutation({ mutationFn: (id: string) => api.del(`/goals/${id}`), onSuccess: () => qc.invalidateQueries({ queryKey: ['goals'] }) });
  const manage = can('workspace.manage');
  return (
    <>
      <PageHeader
        title={t('goals.title')}
        sub={t('goals.sub')}
        extra={
          manage && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="goal-new">
              {t('goals.new')}
            </Button>
          )
        }
      />
      <ErrorAlert error={list.error ?? del.error} style={{ marginBottom: 12 }} />
      {list.data?.length === 0 && <Typography.Text type="secondary">{t('goals.empty')}</Typography.Text>}
      <Flex vertical gap={12}>
        {list.data?.map((g) => (
          <Card
            key={g.id}
            size="small"
            title={
              <Space>
                {g.name}
                <Tag color={STATE_COLOR[g.state]}>{t(`goals.state.${g.state}`)}</Tag>
              </Space>
            }
            extra={
              <Space>
                <Typography.Text type="secondary">
                  {t(`goals.metric.${g.metric}`)} · {g.accountName ?? g.memberName ?? t('goals.scope.workspace')} · {g.startDay} – {g.endDay} ·{' '}
                  {t('goals.owner')} {g.ownerName}
                </Typography.Text>
                {manage && (
                  <Popconfirm title={t('goals.delete')} onConfirm={() => del.mutate(g.id)}>
                    <Button size="small" danger>
                      {t('goals.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            }
          >
            <GoalBar g={g} />
          </Card>
        ))}
      </Flex>
      <NewGoal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
