import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, issuesOf, localMessage } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { type ImportResult, SEVERITIES, type Severity, WORD_CATEGORIES, type Word, type WordCategory } from './types';

interface Props {
  open: boolean;
  category?: WordCategory;
  onClose: () => void;
  onDone: () => void;
}

const categoryOptions = (t: (k: string) => string) => WORD_CATEGORIES.map((c) => ({ value: c, label: t(`risk.cat.${c}`) }));
const severityOptions = (t: (k: string) => string) => SEVERITIES.map((s) => ({ value: s, label: t(`risk.sev.${s}`) }));

export function AddWordModal({ open, category, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ term: string; category: WordCategory; severity: Severity; note?: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ term: '', category: category ?? 'sensitive', severity: 'medium', note: '' });
  }, [open, category, form]);
  const add = useMutation({
    mutationFn: (v: { term: string; category: WordCategory; severity: Severity; note?: string }) => api.post<Word>('/risk/words', v),
    onSuccess: () => {
      message.success(t('risk.wordAdded'));
      onDone();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Modal
      open={open}
      title={t('risk.addWord')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'risk-word-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={add.error} />
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate({ ...v, term: v.term.trim() })}>
        <Form.Item name="term" label={t('risk.term')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}>
          <Input data-testid="risk-word-term-input" maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="category" label={t('risk.category')}>
          <Select options={categoryOptions(t)} />
        </Form.Item>
        <Form.Item name="severity" label={t('risk.severity')}>
          <Select options={severityOptions(t)} />
        </Form.Item>
        <Form.Item name="note" label={t('risk.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ImportModal({ open, category, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ category: WordCategory; severity: Severity; text: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ category: category ?? 'sensitive', severity: 'medium', text: '' });
  }, [open, category, form]);
  const run = useMutation({
    mutationFn: (v: { category: WordCategory; severity: Severity; text: string }) => api.post<ImportResult>('/risk/words/import', v),
    onSuccess: (r) => {
      message.success(t('risk.imported', r));
      onDone();
      onClose();
    },
  });
  const lines = issuesOf(run.error);
  return (
    <Modal
      open={open}
      title={t('risk.importTitle')}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending, 'data-testid': 'risk-import-run' } as ButtonProps}
      destroyOnHidden
    >
      {lines.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="risk-import-errors"
          title={t('risk.importErrors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 200, overflow: 'auto' }}>
              {lines.map((l) => (
                <li key={l.message}>{localMessage(l.message, i18n.language)}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        <ErrorAlert error={run.error} />
      )}
      <Typography.Paragraph type="secondary">{t('risk.importHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="category" label={t('risk.category')}>
          <Select options={categoryOptions(t)} />
        </Form.Item>
        <Form.Item name="severity" label={t('risk.importDefault')}>
          <Select options={severityOptions(t)} />
        </Form.Item>
        <Form.Item name="text" label={t('risk.importText')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea data-testid="risk-import-text" rows={10} placeholder={'国家级,高\n竞品A\n内部价\tlow'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
