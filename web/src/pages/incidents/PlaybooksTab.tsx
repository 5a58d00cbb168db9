import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, localMessage } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { Loadable } from '../../components/Loading';
import { useCan } from '../../session';
import { usePlaybooks } from './CreateIncidentModal';
import { type Playbook, type PlaybookBody, pick, SEVERITIES, SEVERITY_COLORS } from './types';

function PlaybookModal({ playbook, open, onClose }: { playbook: Playbook | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<PlaybookBody>();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: PlaybookBody) => (playbook ? api.put<Playbook>(`/playbooks/${playbook.id}`, body) : api.post<Playbook>('/playbooks', body)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['playbooks'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue(playbook ? { ...playbook } : { defaultSeverity: 'sev2', items: [{ text: '' }] });
  }, [open, playbook]);

  return (
    <Modal
      open={open}
      title={playbook ? t('playbook.edit') : t('playbook.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      width={720}
      forceRender
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, description: v.description ?? '' })}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label={t('playbook.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t('playbook.nameEn')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('playbook.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="defaultSeverity" label={t('playbook.defaultSeverity')}>
          <Radio.Group optionType="button" options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        <Typography.Text strong>{t('playbook.items')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                  <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('playbook.itemText')} maxLength={500} style={{ width: 290 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'textEn']} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('playbook.itemTextEn')} maxLength={500} style={{ width: 260 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} style={{ marginTop: 8 }}>
                {t('playbook.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function PlaybooksTab() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const manage = can('incidents.manage');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = usePlaybooks();
  const [editing, setEditing] = useState<Playbook | null | undefined>(undefined);
  const archive = useMutation({
    mutationFn: (p: Playbook) => api.del(`/playbooks/${p.id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['playbooks'] }),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const lang = i18n.language;
  return (
    <>
      {manage && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} style={{ marginBottom: 12 }} data-testid="playbook-create">
          {t('playbook.create')}
        </Button>
      )}
      <Loadable query={q} isEmpty={(d) => d.length === 0} empty={<Empty description={t('playbook.empty')} />}>
        {(list) => (
          <Row gutter={[16, 16]}>
            {list.map((p) => (
              <Col key={p.id} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  data-testid="playbook-card"
                  title={
                    <Space>
                      {pick(p.name, p.nameEn, lang)}
                      <Tag color={SEVERITY_COLORS[p.defaultSeverity]}>{t(`severity.${p.defaultSeverity}`)}</Tag>
                      {p.builtIn && <Tag>{t('playbook.builtIn')}</Tag>}
                    </Space>
                  }
                  extra={
                    manage && (
                      <Space size={0}>
                        <Button type="text" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('common.edit')} />
                        <Popconfirm title={t('playbook.archiveConfirm')} onConfirm={() => archive.mutate(p)}>
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('playbook.archive')} />
                        </Popconfirm>
                      </Space>
                    )
                  }
                >
                  {p.description && <Typography.Paragraph type="secondary">{localMessage(p.description, lang)}</Typography.Paragraph>}
                  <ol style={{ paddingInlineStart: 20, margin: 0 }}>
                    {p.items.map((it, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: items have no id; the order is the identity
                      <li key={i}>{pick(it.text, it.textEn, lang)}</li>
                    ))}
                  </ol>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Loadable>
      <PlaybookModal open={editing !== undefined} playbook={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}
