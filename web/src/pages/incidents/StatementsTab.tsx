import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import type { Statement, StatementBody } from './types';

function StatementModal({ statement, open, onClose }: { statement: Statement | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<StatementBody>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: StatementBody) =>
      statement ? api.put<Statement>(`/holding-statements/${statement.id}`, body) : api.post<Statement>('/holding-statements', body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['holding-statements'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue(statement ? { title: statement.title, body: statement.body, tags: statement.tags } : { tags: [] });
  }, [open, statement]);
  return (
    <Modal
      open={open}
      title={statement ? t('statement.edit') : t('statement.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      width={640}
      forceRender
    >
      {statement?.status === 'approved' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('statement.editResets')} />}
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('statement.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="statement-title" />
        </Form.Item>
        <Form.Item name="body" label={t('statement.body')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} showCount data-testid="statement-body" />
        </Form.Item>
        <Form.Item name="tags" label={t('statement.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} open={false} suffixIcon={null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StatementsTab() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const status = sp.get('status') ?? undefined;
  const search = sp.get('q') ?? undefined;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(200, Number(sp.get('pageSize')) || 20);
  const set = (patch: Record<string, string | undefined>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
        return next;
      },
      { replace: true },
    );
  const [editing, setEditing] = useState<Statement | null | undefined>(undefined);
  const q = useQuery({
    queryKey: ['holding-statements', { status, search }, page, pageSize],
    queryFn: ({ signal }) => api.get<Paged<Statement>>('/holding-statements', { status, q: search, page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const act = useMutation({
    mutationFn: ({ s, what }: { s: Statement; what: 'approve' | 'archive' }) =>
      what === 'approve' ? api.post(`/holding-statements/${s.id}/approve`) : api.del(`/holding-statements/${s.id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['holding-statements'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {can('content.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="statement-create">
            {t('statement.create')}
          </Button>
        )}
        <Select
          allowClear
          placeholder={t('statement.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => set({ status: v, page: undefined })}
          options={['draft', 'approved'].map((s) => ({ value: s, label: t(`statement.${s}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('statement.search')}
          defaultValue={search}
          onSearch={(v) => set({ q: v.trim() || undefined, page: undefined })}
          style={{ width: 240 }}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('statement.explain')}</Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Table<Statement>
        rowKey="id"
        loading={q.isFetching && !q.data}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => set({ page: String(size !== pageSize ? 1 : p), pageSize: String(size) }),
        }}
        locale={{ emptyText: <Empty description={status || search ? t('common.noMatch') : t('statement.empty')} /> }}
        expandable={{
          expandedRowRender: (s) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} copyable>
              {s.body}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: t('statement.title'),
            render: (_, s) => (
              <Space size={4} wrap>
                <Typography.Text strong>{s.title}</Typography.Text>
                {s.tags.map((g) => (
                  <Tag key={g}>{g}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('statement.status'),
            width: 230,
            render: (_, s) =>
              s.status === 'approved' ? (
                <Space orientation="vertical" size={0}>
                  <Tag color="green">{t('statement.approved')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('statement.approvedBy', { name: s.approvedByName ?? '—', at: formatAt(s.approvedAt, tz) })}
                  </Typography.Text>
                </Space>
              ) : (
                <Tag>{t('statement.draft')}</Tag>
              ),
          },
          { title: t('common.updatedAt'), width: 150, render: (_, s) => formatAt(s.updatedAt, tz) },
          {
            title: t('common.actions'),
            width: 170,
            render: (_, s) => (
              <Space size={0}>
                {can('content.write') && <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t('common.edit')} />}
                {can('incidents.manage') && s.status === 'draft' && (
                  <Popconfirm title={t('statement.approveConfirm')} onConfirm={() => act.mutate({ s, what: 'approve' })}>
                    <Button type="link" size="small" icon={<CheckOutlined />} data-testid="statement-approve">
                      {t('statement.approve')}
                    </Button>
                  </Popconfirm>
                )}
                {can('incidents.manage') && (
                  <Popconfirm title={t('statement.archiveConfirm')} onConfirm={() => act.mutate({ s, what: 'archive' })}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('statement.archive')} />
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <StatementModal open={editing !== undefined} statement={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
