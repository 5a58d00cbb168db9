import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useListParams } from '../../components/useListParams';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Candidate, Paged, Position } from '../../types';
import { CandidateDrawer } from './CandidateDrawer';
import { STAGES } from './model';

export const STAGE_COLOR: Record<string, string> = { applied: 'default', trial: 'blue', interview: 'purple', offer: 'gold', hired: 'green', rejected: 'red' };

function NewModal({ kind, open, onClose, positions }: { kind: 'position' | 'candidate'; open: boolean; onClose: () => void; positions: Position[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, string>) => api.post(kind === 'position' ? '/people/positions' : '/people/candidates', v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['people'] });
      message.success(t('common.saved'));
      form.resetFields();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal
      open={open}
      title={t(kind === 'position' ? 'people.position.create' : 'people.candidate.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': `people-${kind}-save` } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ positionId: positions.find((p) => p.status === 'open')?.id }}>
        {kind === 'position' ? (
          <Form.Item name="title" label={t('people.position')} rules={required}>
            <Input maxLength={80} data-testid="people-position-title" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="positionId" label={t('people.position')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={positions.filter((p) => p.status === 'open').map((p) => ({ value: p.id, label: p.title }))} />
            </Form.Item>
            <Form.Item name="name" label={t('people.candidate.name')} rules={required}>
              <Input maxLength={60} data-testid="people-candidate-name" />
            </Form.Item>
            <Form.Item name="contact" label={t('people.candidate.contact')}>
              <Input maxLength={120} data-testid="people-candidate-contact" />
            </Form.Item>
            <Form.Item name="source" label={t('people.candidate.source')}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="notes" label={t('people.candidate.notes')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 招聘: positions and candidates (people.manage adds and moves them; interviewers read and score). */
export function HiringTab() {
  const { t } = useTranslation();
  const tz = useTz();
  const manage = useCan()('people.manage');
  const lp = useListParams(['positionId', 'stage', 'q'] as const);
  const [adding, setAdding] = useState<'position' | 'candidate' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const positions = useQuery({ queryKey: ['people', 'positions'], queryFn: ({ signal }) => api.get<Position[]>('/people/positions', undefined, signal) });
  const list = useQuery({
    queryKey: ['people', 'candidates', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Candidate>>('/people/candidates', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('people.position')}
          style={{ width: 180 }}
          value={lp.filters.positionId}
          onChange={(v) => lp.setFilter('positionId', v)}
          options={(positions.data ?? []).map((p) => ({
            value: p.id,
            label: `${p.title}（${p.candidates}）${p.status === 'closed' ? ` ${t('people.position.closed')}` : ''}`,
          }))}
        />
        <Select
          allowClear
          placeholder={t('people.stage')}
          style={{ width: 130 }}
          value={lp.filters.stage}
          onChange={(v) => lp.setFilter('stage', v)}
          options={STAGES.map((s) => ({ value: s, label: t(`people.stage.${s}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('people.candidate.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          style={{ width: 200 }}
        />
        {manage && (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setAdding('position')} data-testid="people-position-create">
              {t('people.position.create')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!positions.data?.some((p) => p.status === 'open')}
              onClick={() => setAdding('candidate')}
              data-testid="people-candidate-create"
            >
              {t('people.candidate.create')}
            </Button>
          </>
        )}
      </Space>
      <ErrorAlert error={list.error ?? positions.error} />
      <Table<Candidate>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={lp.pagination(list.data?.total)}
        locale={{ emptyText: <Empty description={t('people.candidate.empty')} /> }}
        onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' }, 'data-testid': `people-candidate-${c.name}` }) as object}
        columns={[
          { title: t('people.candidate.name'), dataIndex: 'name' },
          { title: t('people.position'), dataIndex: 'positionTitle' },
          { title: t('people.candidate.source'), dataIndex: 'source', width: 120 },
          { title: t('people.stage'), width: 110, render: (_, c) => <Tag color={STAGE_COLOR[c.stage]}>{t(`people.stage.${c.stage}`)}</Tag> },
          { title: t('people.candidate.average'), width: 100, render: (_, c) => c.averageScore ?? '—' },
          { title: t('common.updatedAt'), width: 160, render: (_, c) => formatAt(c.updatedAt, tz) },
        ]}
      />
      <NewModal key={adding ?? 'none'} kind={adding ?? 'position'} open={adding !== null} onClose={() => setAdding(null)} positions={positions.data ?? []} />
      <CandidateDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
