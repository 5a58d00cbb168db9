import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Campaign, CampaignDetail, Goal, Paged } from '../../types';
import { useDepartments } from '../feedback/lookups';
import { CampaignCalendar } from './CampaignCalendar';
import { stageKey } from './model';

type Values = { name: string; description?: string; days: [Dayjs, Dayjs]; departmentIds?: string[]; goalIds?: string[] };

function CampaignForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const departments = useDepartments();
  const goals = useQuery({ queryKey: ['goals'], queryFn: ({ signal }) => api.get<Goal[]>('/goals', undefined, signal), enabled: open });
  const save = useMutation({
    mutationFn: ({ days, ...v }: Values) =>
      api.post<Campaign>('/campaigns', { ...v, startDay: days[0].format('YYYY-MM-DD'), endDay: days[1].format('YYYY-MM-DD') }),
    onSuccess: (c) => {
      message.success(c.name);
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal open={open} title={t('campaigns.new')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <ErrorAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="days" label={t('campaigns.days')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('campaigns.departments')}>
          <Select mode="multiple" options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="goalIds" label={t('campaigns.goals')}>
          <Select mode="multiple" options={(goals.data ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="description" label={t('requests.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A campaign read-only: its goals' progress and the shared calendar of the posts made from its requests. */
function CampaignDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const detail = useQuery({
    queryKey: ['campaigns', 'one', id],
    queryFn: ({ signal }) => api.get<CampaignDetail>(`/campaigns/${id}`, undefined, signal),
    enabled: !!id,
  });
  const d = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={d?.campaign.name ?? ''} destroyOnHidden>
      <ErrorAlert error={detail.error} />
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Typography.Text type="secondary">
            {d.campaign.startDay} ~ {d.campaign.endDay} · {d.campaign.departments.map((x) => x.name).join('、') || '—'}
          </Typography.Text>
          {d.campaign.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.campaign.description}</Typography.Paragraph>}
          <Typography.Title level={5}>{t('campaigns.goals')}</Typography.Title>
          <List
            size="small"
            locale={{ emptyText: t('campaigns.noGoals') }}
            dataSource={d.goals}
            renderItem={(g) => (
              <List.Item>
                {g.name}
                <Typography.Text type="secondary">{`${g.actual} / ${g.target}`}</Typography.Text>
              </List.Item>
            )}
          />
          <Typography.Title level={5}>{t('campaigns.calendar')}</Typography.Title>
          <CampaignCalendar posts={d.posts} startDay={d.campaign.startDay} />
          <List
            size="small"
            data-testid="campaign-calendar"
            locale={{ emptyText: t('campaigns.noPosts') }}
            dataSource={d.posts}
            renderItem={(p) => (
              <List.Item>
                <Space>
                  <Typography.Text type="secondary">
                    {p.publishedAt || p.scheduledAt ? formatAt((p.publishedAt ?? p.scheduledAt) as string, tz) : '—'}
                  </Typography.Text>
                  {p.title}
                  <Typography.Text type="secondary">{`#${p.requestNumber}`}</Typography.Text>
                </Space>
                <Tag color={p.stage === 'published' ? 'green' : 'default'}>{t(stageKey(p))}</Tag>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Drawer>
  );
}

export function CampaignsTab() {
  const { t } = useTranslation();
  const manage = useCan()('requests.manage');
  const lp = useListParams(['q'] as const);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['campaigns', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Campaign>>('/campaigns', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('campaigns.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 240 }}
        />
        {manage && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('campaigns.new')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Campaign>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('campaigns.empty')} /> }}
        onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' } }) as object}
        columns={[
          { title: t('campaigns.name'), dataIndex: 'name', ellipsis: true },
          { title: t('campaigns.days'), width: 220, render: (_, c) => `${c.startDay} ~ ${c.endDay}` },
          { title: t('campaigns.departments'), render: (_, c) => c.departments.map((d) => <Tag key={d.id}>{d.name}</Tag>) },
          { title: t('campaigns.requests'), dataIndex: 'requestCount', width: 90 },
        ]}
      />
      <CampaignForm open={creating} onClose={() => setCreating(false)} />
      <CampaignDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
