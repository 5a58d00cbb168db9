import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { useMembers } from '../../components/lookups';
import { useSession } from '../../session';
import { type IncidentDetail, type IncidentSeverity, type Playbook, pick, SEVERITIES } from './types';

export function usePlaybooks() {
  return useQuery({ queryKey: ['playbooks'], queryFn: ({ signal }) => api.get<Playbook[]>('/playbooks', undefined, signal), staleTime: 60_000 });
}

interface Values {
  title: string;
  description?: string;
  severity: IncidentSeverity;
  playbookId?: string;
  ownerId?: string;
}

/**
 * Opens an incident, by hand or from an alert (`alertId`): the playbook's checklist comes with it.
 * On success it goes to the new incident's page.
 */
export function CreateIncidentModal({
  open,
  onClose,
  alert,
}: {
  open: boolean;
  onClose: () => void;
  alert?: { id: string; title: string; critical: boolean };
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const nav = useNavigate();
  const me = useSession();
  const members = useMembers();
  const playbooks = usePlaybooks();
  const save = useMutation({
    mutationFn: (v: Values) =>
      alert ? api.post<IncidentDetail>(`/alerts/${alert.id}/incident`, v) : api.post<IncidentDetail>('/incidents', { ...v, description: v.description ?? '' }),
    onSuccess: (inc) => {
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void qc.invalidateQueries({ queryKey: ['alerts'] });
      onClose();
      nav(`/incidents/${inc.id}`);
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the modal opens
  useEffect(() => {
    if (!open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue({ title: alert?.title.slice(0, 200) ?? '', severity: alert?.critical ? 'sev1' : 'sev2', ownerId: me.user.id });
  }, [open]);

  const onPlaybook = (id?: string) => {
    const pb = playbooks.data?.find((p) => p.id === id);
    if (pb) form.setFieldValue('severity', pb.defaultSeverity);
  };

  return (
    <Modal
      open={open}
      title={alert ? t('alerts.openIncident') : t('incidents.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('incidents.createOk')}
      okButtonProps={{ danger: true, loading: save.isPending, 'data-testid': 'incident-create-ok' } as never}
      width={620}
      forceRender
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('incidents.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="incident-title" maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="playbookId" label={t('incidents.playbook')} extra={t('incidents.playbookHint')}>
          <Select
            allowClear
            data-testid="incident-playbook"
            loading={playbooks.isPending}
            placeholder={t('incidents.noPlaybook')}
            onChange={onPlaybook}
            options={(playbooks.data ?? []).map((p) => ({
              value: p.id,
              label: `${pick(p.name, p.nameEn, i18n.language)} · ${t('playbook.itemsCount', { count: p.items.length })}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('incidents.severity')} extra={t('incidents.severityHint')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="ownerId" label={t('incidents.owner')}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(members.data ?? []).filter((m) => m.role !== 'guest').map((m) => ({ value: m.userId, label: m.name || m.email }))}
          />
        </Form.Item>
        {!alert && (
          <Form.Item name="description" label={t('incidents.description')}>
            <Input.TextArea rows={4} maxLength={10000} placeholder={t('incidents.descriptionHint')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
