import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { memberOptions, useMembers } from '../../components/lookups';
import { TOPIC_STATUSES } from '../../enums';
import type { Topic, TopicBody } from '../../types';

export function TopicModal({ topic, open, onClose }: { topic: Topic | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<TopicBody>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const members = useMembers();
  const save = useMutation({
    mutationFn: (body: TopicBody) => (topic ? api.patch<Topic>(`/topics/${topic.id}`, body) : api.post<Topic>('/topics', body)),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['topics'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue(
      topic ? { title: topic.title, notes: topic.notes, tags: topic.tags, status: topic.status, ownerId: topic.ownerId } : { status: 'idea', tags: [] },
    );
  }, [open, topic]);

  return (
    <Modal
      open={open}
      title={topic ? t('topics.edit') : t('topics.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      width={600}
      forceRender
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, ownerId: v.ownerId ?? null })}>
        <Form.Item name="title" label={t('topics.titleField')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="topic-title" maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="notes" label={t('topics.notes')}>
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="tags" label={t('topics.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} open={false} suffixIcon={null} placeholder={t('topics.tagsHint')} />
        </Form.Item>
        <Form.Item name="status" label={t('topics.status')}>
          <Select options={TOPIC_STATUSES.map((s) => ({ value: s, label: t(`topicStatus.${s}`) }))} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('topics.owner')}>
          <Select allowClear options={memberOptions(members.data)} optionFilterProp="label" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
