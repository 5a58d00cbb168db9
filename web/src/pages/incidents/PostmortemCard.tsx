import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useMembers } from '../../components/lookups';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { IncidentDetail } from './types';
import { incidentApi, useIncidentAction } from './useIncident';

interface Values {
  summary: string;
  rootCause: string;
  wentWell: string;
  wentBadly: string;
  actions: { text: string; ownerId?: string | null; dueOn?: dayjs.Dayjs | null; done?: boolean }[];
}

/** The post-mortem: a summary and a root cause are needed before a manager can close the incident. */
export function PostmortemCard({ inc }: { inc: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const { message } = App.useApp();
  const members = useMembers();
  const [form] = Form.useForm<Values>();
  const save = useIncidentAction(inc.id, incidentApi.put(inc.id, '/postmortem'), { silentError: true });
  const writable = can('incidents.write') && inc.status !== 'closed';
  const pm = inc.postmortem;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when someone saved a newer one
  useEffect(() => {
    form.setFieldsValue({
      summary: pm?.summary ?? '',
      rootCause: pm?.rootCause ?? '',
      wentWell: pm?.wentWell ?? '',
      wentBadly: pm?.wentBadly ?? '',
      actions: (pm?.actions ?? []).map((a) => ({ ...a, dueOn: a.dueOn ? dayjs(a.dueOn) : null })),
    });
  }, [pm?.updatedAt]);

  const onFinish = (v: Values) =>
    save.mutate(
      {
        ...v,
        actions: (v.actions ?? []).map((a) => ({
          text: a.text,
          ownerId: a.ownerId ?? null,
          dueOn: a.dueOn ? a.dueOn.format('YYYY-MM-DD') : null,
          done: !!a.done,
        })),
      },
      {
        onSuccess: () => message.success(t('common.saved')),
        onError: (e) => {
          applyServerErrors(form, e, i18n.language);
          message.error(errorText(e, i18n.language));
        },
      },
    );
  const area = (name: keyof Values, label: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={10000} readOnly={!writable} />
    </Form.Item>
  );

  return (
    <Card
      size="small"
      title={t('pm.title')}
      extra={pm && <Typography.Text type="secondary">{t('pm.updated', { at: formatAt(pm.updatedAt, tz) })}</Typography.Text>}
    >
      <Form form={form} layout="vertical" onFinish={onFinish} data-testid="postmortem-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            {area('summary', t('pm.summary'), t('pm.required'))}
          </Col>
          <Col xs={24} md={12}>
            {area('rootCause', t('pm.rootCause'), t('pm.required'))}
          </Col>
          <Col xs={24} md={12}>
            {area('wentWell', t('pm.wentWell'))}
          </Col>
          <Col xs={24} md={12}>
            {area('wentBadly', t('pm.wentBadly'))}
          </Col>
        </Row>
        <Typography.Text strong>{t('pm.actions')}</Typography.Text>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'done']} valuePropName="checked" noStyle>
                    <Checkbox disabled={!writable} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, whitespace: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
                    <Input placeholder={t('pm.actionText')} maxLength={500} style={{ width: 320 }} readOnly={!writable} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ownerId']} style={{ marginBottom: 0 }}>
                    <Select
                      allowClear
                      disabled={!writable}
                      placeholder={t('pm.actionOwner')}
                      style={{ width: 150 }}
                      options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} style={{ marginBottom: 0 }}>
                    <DatePicker placeholder={t('pm.actionDue')} disabled={!writable} />
                  </Form.Item>
                  {writable && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />}
                </Space>
              ))}
              {writable && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', done: false })} style={{ marginTop: 8 }}>
                  {t('pm.addAction')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {writable && (
          <div style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="postmortem-save">
              {t('common.save')}
            </Button>
          </div>
        )}
      </Form>
    </Card>
  );
}
