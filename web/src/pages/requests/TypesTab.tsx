import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { Member, Paged, RequestType } from '../../types';
import { useRequestTypes } from './SubmitForm';

const KINDS = ['text', 'long_text', 'date', 'number', 'select', 'link'] as const;
type Values = Omit<RequestType, 'id' | 'ownerName' | 'archived'>;

/** A type's form, owner and due days, as a manager edits them (`type` null: a new one). */
function TypeForm({ type, onClose }: { type: RequestType | null | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const members = useQuery({
    queryKey: ['members', 'all'],
    queryFn: ({ signal }) => api.get<Paged<Member>>('/members', { pageSize: 200 }, signal),
    enabled: type !== undefined,
  });
  const save = useMutation({
    mutationFn: (v: Values) => (type ? api.patch(`/request-types/${type.id}`, v) : api.post('/request-types', v)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['requests', 'types'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={type !== undefined}
      width={760}
      title={type ? t('requests.editType') : t('requests.newType')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={type ?? { name: '', description: '', fields: [], ownerId: null, dueDays: 3 }}
        onFinish={(v) => save.mutate({ ...v, fields: (v.fields ?? []).map((f) => ({ ...f, required: !!f.required, options: f.options ?? [] })) })}
      >
        <Flex gap={12}>
          <Form.Item
            name="name"
            label={t('requests.typeName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            style={{ flex: 1 }}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('requests.owner')} style={{ width: 200 }}>
            <Select
              allowClear
              placeholder={t('requests.ownersAndManagers')}
              options={(members.data?.items ?? []).filter((m) => m.role !== 'guest').map((m) => ({ value: m.userId, label: m.name }))}
            />
          </Form.Item>
          <Form.Item name="dueDays" label={t('requests.dueDays')} style={{ width: 140 }}>
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('requests.description')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Form.List name="fields">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="baseline">
                  <Form.Item name={[row.name, 'label']} rules={[{ required: true, message: t('common.required') }]}>
                    <Input placeholder={t('requests.field.label')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'key']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/, message: 'a-z 0-9 _' }]}>
                    <Input placeholder={t('requests.field.key')} maxLength={40} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'kind']} initialValue="text">
                    <Select style={{ width: 110 }} options={KINDS.map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'options']}>
                    <Select mode="tags" placeholder={t('requests.field.options')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[row.name, 'required']} valuePropName="checked">
                    <Checkbox>{t('requests.field.required')}</Checkbox>
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label="remove" onClick={() => remove(row.name)} />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'text', required: false, options: [] })}>
                {t('requests.field.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The workspace's request types (managers): their forms, owners, due days; archive and restore. */
export function TypesTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<RequestType | null | undefined>(undefined);
  const types = useRequestTypes(archived);
  const toggle = useMutation({
    mutationFn: (x: RequestType) => api.patch(`/request-types/${x.id}`, { archived: !x.archived }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['requests', 'types'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('requests.newType')}
        </Button>
        <Checkbox checked={archived} onChange={(e) => setArchived(e.target.checked)}>
          {t('requests.showArchived')}
        </Checkbox>
      </Space>
      <ErrorAlert error={types.error} />
      <Table<RequestType>
        rowKey="id"
        loading={types.isFetching}
        dataSource={types.data}
        pagination={false}
        locale={{ emptyText: <Empty description={t('requests.noTypes')} /> }}
        columns={[
          {
            title: t('requests.typeName'),
            render: (_, x) => (
              <Space>
                {x.name}
                {x.archived && <Tag>{t('requests.archived')}</Tag>}
              </Space>
            ),
          },
          { title: t('requests.fields'), render: (_, x) => x.fields.map((f) => f.label).join('、') || '—' },
          { title: t('requests.owner'), width: 130, render: (_, x) => x.ownerName ?? t('requests.ownersAndManagers') },
          { title: t('requests.dueDays'), dataIndex: 'dueDays', width: 120 },
          {
            width: 160,
            render: (_, x) => (
              <Space>
                <Button size="small" onClick={() => setEditing(x)}>
                  {t('requests.editType')}
                </Button>
                <Button size="small" loading={toggle.isPending} onClick={() => toggle.mutate(x)}>
                  {x.archived ? t('requests.restore') : t('requests.archive')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <TypeForm type={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
