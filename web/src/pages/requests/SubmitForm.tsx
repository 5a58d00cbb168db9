import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, type ButtonProps, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { RequestItem, RequestType } from '../../types';
import { submission } from './model';

export function useRequestTypes(archived = false) {
  return useQuery({
    queryKey: ['requests', 'types', archived],
    queryFn: ({ signal }) => api.get<RequestType[]>('/request-types', archived ? { archived: 'true' } : undefined, signal),
  });
}

/** One field's control; `rest` carries the value and onChange that Form.Item hands its child. */
function FieldInput({ kind, options, testId, ...rest }: { kind: string; options: string[]; testId: string }) {
  const p = { ...rest, 'data-testid': testId };
  if (kind === 'long_text') return <Input.TextArea rows={3} maxLength={5000} {...p} />;
  if (kind === 'date') return <DatePicker style={{ width: '100%' }} {...p} />;
  if (kind === 'number') return <InputNumber style={{ width: '100%' }} {...p} />;
  if (kind === 'select') return <Select options={options.map((o) => ({ value: o, label: o }))} {...p} />;
  return <Input maxLength={kind === 'link' ? 2000 : 200} placeholder={kind === 'link' ? 'https://' : undefined} {...p} />;
}

/** The request form: pick a type, then its own fields (checked again on the server, errors shown per field). */
export function SubmitForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<Record<string, unknown>>();
  const types = useRequestTypes();
  const [typeId, setTypeId] = useState<string | undefined>();
  const type = types.data?.find((x) => x.id === typeId);
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => api.post<RequestItem>('/requests', submission(type as RequestType, values)),
    onSuccess: (r) => {
      message.success(t('requests.submitted', { number: r.number }));
      void qc.invalidateQueries({ queryKey: ['requests'] });
      form.resetFields();
      setTypeId(undefined);
      onClose();
      navigate(`/requests/${r.id}`);
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={open}
      title={t('requests.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, disabled: !type, 'data-testid': 'request-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={types.error ?? save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item label={t('requests.type')} required>
          <Select
            data-testid="request-type"
            placeholder={t('requests.pickType')}
            value={typeId}
            onChange={setTypeId}
            options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        {type?.description && <Typography.Paragraph type="secondary">{type.description}</Typography.Paragraph>}
        {type && (
          <>
            <Form.Item name="title" label={t('requests.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={120} data-testid="request-title" />
            </Form.Item>
            {type.fields.map((f) => (
              <Form.Item key={f.key} name={`answers.${f.key}`} label={f.label} rules={f.required ? [{ required: true, message: t('common.required') }] : []}>
                <FieldInput kind={f.kind} options={f.options} testId={`request-field-${f.key}`} />
              </Form.Item>
            ))}
          </>
        )}
      </Form>
    </Modal>
  );
}
