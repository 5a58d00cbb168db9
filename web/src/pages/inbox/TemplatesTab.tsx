import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useCan } from '../../session';
import type { InboxTemplate } from '../../types';

type Draft = { name: string; body: string };

/** Canned replies: managers write them ({{author}}, {{account}}, {{post}}); everyone picks them in the reply box. */
export function TemplatesTab() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Draft>();
  const [editing, setEditing] = useState<InboxTemplate | 'new' | null>(null);
  const [search, setSearch] = useState('');
  const manage = can('inbox.manage');
  const list = useQuery({ queryKey: ['inbox', 'templates'], queryFn: ({ signal }) => api.get<InboxTemplate[]>('/inbox/templates', undefined, signal) });
  const done = () => void qc.invalidateQueries({ queryKey: ['inbox', 'templates'] });
  const save = useMutation({
    mutationFn: (d: Draft) =>
      editing === 'new' || !editing ? api.post<InboxTemplate>('/inbox/templates', d) : api.patch<InboxTemplate>(`/inbox/templates/${editing.id}`, d),
    onSuccess: () => {
      setEditing(null);
      message.success(t('common.saved'));
      done();
    },
    onError: (e) => {
      applyServerErrors(form, e, i18n.language, ['name', 'body']);
      message.error(errorText(e, i18n.language));
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/inbox/templates/${id}`),
    onSuccess: () => {
      message.success(t('common.deleted'));
      done();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const open = (x: InboxTemplate | 'new') => {
    setEditing(x);
    form.setFieldsValue(x === 'new' ? { name: '', body: '' } : { name: x.name, body: x.body });
  };
  const shown = (list.data ?? []).filter((x) => !search || x.name.includes(search) || x.body.includes(search));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('tpl.search')} onSearch={setSearch} style={{ width: 240 }} />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="tpl-new">
            {t('tpl.new')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<InboxTemplate>
        size="small"
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={shown}
        locale={{ emptyText: t('tpl.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('tpl.name'), dataIndex: 'name', width: 180 },
          { title: t('tpl.body'), dataIndex: 'body', render: (b: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{b}</Typography.Text> },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  width: 120,
                  render: (_: unknown, x: InboxTemplate) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => open(x)} aria-label={t('common.edit')} />
                      <Popconfirm title={t('common.deleteConfirm')} onConfirm={() => remove.mutate(x.id)}>
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('tpl.delete')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('tpl.new') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(d) => save.mutate(d)}>
          <Form.Item name="name" label={t('tpl.name')} rules={[{ required: true, message: t('tpl.nameRequired') }]}>
            <Input maxLength={60} autoFocus />
          </Form.Item>
          <Form.Item name="body" label={t('tpl.body')} extra={t('tpl.variables')} rules={[{ required: true, message: t('tpl.bodyRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
