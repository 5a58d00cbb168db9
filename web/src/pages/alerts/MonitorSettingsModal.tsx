import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import type { MonitorSettings } from '../incidents/types';
import { formatKeywords, parseKeywords } from './keywords';

interface Values extends Omit<MonitorSettings, 'keywords'> {
  /** One keyword a line: "词" or "词,类别,block|warn". */
  keywordsText: string;
}

export function MonitorSettingsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['monitor-settings'],
    queryFn: ({ signal }) => api.get<MonitorSettings>('/monitor/settings', undefined, signal),
    enabled: open,
  });
  const save = useMutation({
    mutationFn: ({ keywordsText, ...v }: Values) => api.put<MonitorSettings>('/monitor/settings', { ...v, keywords: parseKeywords(keywordsText ?? '') }),
    onSuccess: (s) => {
      qc.setQueryData(['monitor-settings'], s);
      message.success(t('common.saved'));
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill when loaded
  useEffect(() => {
    if (open && q.data) {
      save.reset();
      const { keywords, ...rest } = q.data;
      form.setFieldsValue({ ...rest, keywordsText: formatKeywords(keywords) });
    }
  }, [open, q.data]);

  const num = (name: keyof Values, label: string, min: number, max: number, step = 1) => (
    <Col span={12}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('common.required') }]}>
        <InputNumber min={min} max={max} step={step} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={open}
      title={t('monitor.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      width={680}
      forceRender
    >
      <ErrorAlert error={q.error ?? save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Typography.Paragraph type="secondary">{t('monitor.ruleExplain')}</Typography.Paragraph>
        <Row gutter={12}>
          {num('spikeWindowMinutes', t('monitor.window'), 5, 240)}
          {num('baselineHours', t('monitor.baseline'), 1, 168)}
          {num('spikeMinCount', t('monitor.minCount'), 1, 100000)}
          {num('spikeMultiplier', t('monitor.multiplier'), 1, 100, 0.5)}
        </Row>
        <Form.Item name="keywordsText" label={t('monitor.keywords')} extra={t('monitor.keywordsHint')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item name="alertCategories" label={t('monitor.alertCategories')} extra={t('monitor.alertCategoriesHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="alertSeverities" label={t('monitor.alertSeverities')} extra={t('monitor.alertSeveritiesHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} options={['high', 'medium', 'low'].map((v) => ({ value: v }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
