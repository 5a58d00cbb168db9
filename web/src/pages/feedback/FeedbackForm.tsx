import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { CreateFeedbackBody, FeedbackItem } from '../../types';
import { useAreas, useDepartments } from './lookups';
import { FEEDBACK_PRIORITIES, FEEDBACK_TYPES } from './model';

/** `byArea`: the department left to the product area's routing (the body then omits it). */
type Values = Omit<CreateFeedbackBody, 'departmentId'> & { departmentId: string | 'byArea' | 'none' };

/**
 * The form of a new feedback item: from an inbox item (`itemId`: its text is copied, the title may
 * stay empty) or typed in. Answers the item made.
 */
export function FeedbackForm({
  open,
  itemId,
  onClose,
  onCreated,
}: {
  open: boolean;
  itemId?: string;
  onClose: () => void;
  onCreated?: (f: FeedbackItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const departments = useDepartments();
  const areas = useAreas(open);
  const save = useMutation({
    mutationFn: ({ departmentId, ...v }: Values) => {
      const body = { ...v, ...(departmentId === 'byArea' ? {} : { departmentId: departmentId === 'none' ? null : departmentId }) };
      return itemId ? api.post<FeedbackItem>(`/inbox/${itemId}/feedback`, body) : api.post<FeedbackItem>('/feedback', body);
    },
    onSuccess: (f) => {
      message.success(t('feedback.created', { number: f.number }));
      void qc.invalidateQueries({ queryKey: ['feedback'] });
      if (itemId) void qc.invalidateQueries({ queryKey: ['inbox'] });
      form.resetFields();
      onCreated?.(f);
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={open}
      title={itemId ? t('feedback.fromItem') : t('feedback.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'feedback-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ type: 'bug', priority: 'normal', departmentId: 'byArea' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="type" label={t('feedback.type')} rules={[{ required: true }]}>
          <Select data-testid="feedback-type" options={FEEDBACK_TYPES.map((v) => ({ value: v, label: t(`feedback.type.${v}`) }))} />
        </Form.Item>
        <Form.Item name="area" label={t('feedback.area')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <AutoComplete
            data-testid="feedback-area"
            placeholder={t('feedback.areaHint')}
            options={(areas.data ?? []).map((a) => ({ value: a }))}
            filterOption={(input, o) =>
              String(o?.value ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
          />
        </Form.Item>
        <Form.Item name="priority" label={t('feedback.priority')}>
          <Select options={FEEDBACK_PRIORITIES.map((v) => ({ value: v, label: t(`inbox.priority.${v}`) }))} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('feedback.department')}>
          <Select
            data-testid="feedback-department"
            options={[
              { value: 'byArea', label: t('feedback.byArea') },
              { value: 'none', label: t('feedback.unrouted') },
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('feedback.title')}
          extra={itemId ? t('feedback.titleHint') : undefined}
          rules={itemId ? [] : [{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t('feedback.description')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
