import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { Loadable } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useCan, useSetWorkspace } from '../../session';
import type { UpdateWorkspaceBody, Workspace } from '../../types';
import { NotifyChannels } from './NotifyChannels';
import { SecuritySettings } from './SecuritySettings';

function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'UTC'];
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

function SettingsForm({ ws }: { ws: Workspace }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const writable = can('workspace.manage');
  const setWorkspace = useSetWorkspace();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateWorkspaceBody>();
  const zones = useMemo(() => timeZones(ws.timezone), [ws.timezone]);
  const save = useMutation({
    mutationFn: (body: UpdateWorkspaceBody) => api.patch<Workspace>('/workspace', body),
    onSuccess: (next) => {
      setWorkspace(next);
      message.success(t('common.saved'));
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });
  return (
    <Card style={{ maxWidth: 640 }}>
      {!writable && <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />}
      <ErrorAlert error={save.error} />
      <Form
        form={form}
        layout="vertical"
        disabled={!writable}
        initialValues={{ name: ws.name, timezone: ws.timezone, missedWindowMinutes: ws.missedWindowMinutes }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="settings-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="timezone" label={t('settings.timezone')} extra={t('settings.timezoneHint')} rules={[{ required: true }]}>
          <Select showSearch options={zones.map((z) => ({ value: z, label: z }))} data-testid="settings-timezone" />
        </Form.Item>
        <Form.Item name="missedWindowMinutes" label={t('settings.missedWindow')} extra={t('settings.missedWindowHint')} rules={[{ required: true }]}>
          <InputNumber min={1} max={7 * 24 * 60} suffix={t('settings.minutes')} style={{ width: 200 }} data-testid="settings-missed" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {ws.paused ? t('settings.pausedNote') : t('settings.pauseNote')}
      </Typography.Paragraph>
    </Card>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['workspace'], queryFn: ({ signal }) => api.get<Workspace>('/workspace', undefined, signal) });
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <Loadable query={q}>
        {(ws) => (
          <>
            <SettingsForm key={`${ws.id}-${ws.timezone}-${ws.name}`} ws={ws} />
            <SecuritySettings ws={ws} />
          </>
        )}
      </Loadable>
      <NotifyChannels />
    </>
  );
}
