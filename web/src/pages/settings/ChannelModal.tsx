import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import {
  CHANNEL_LANGUAGES,
  CHANNEL_TYPES,
  type CreateNotifyChannelBody,
  KIND_PREFIXES,
  type NotifyChannel,
  type NotifyChannelType,
  SEVERITIES,
  type UpdateNotifyChannelBody,
} from '../notifications/model';

interface Values {
  type: NotifyChannelType;
  name: string;
  url?: string;
  secret?: string;
  removeSecret?: boolean;
  kinds: string[];
  minSeverity: CreateNotifyChannelBody['minSeverity'];
  language: CreateNotifyChannelBody['language'];
  enabled: boolean;
}

/** Create (channel null) or edit a group robot. The URL and secret are write-only: empty keeps them. */
export function ChannelModal({ open, channel, onClose }: { open: boolean; channel: NotifyChannel | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? channel?.type ?? 'wecom';
  const removeSecret = Form.useWatch('removeSecret', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      channel
        ? {
            type: channel.type,
            name: channel.name,
            kinds: channel.kinds,
            minSeverity: channel.minSeverity,
            language: channel.language,
            enabled: channel.enabled,
          }
        : { type: 'wecom', name: '', kinds: [], minSeverity: 'info', language: 'zh-CN', enabled: true },
    );
  }, [open, channel, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = { name: v.name, kinds: v.kinds, minSeverity: v.minSeverity, language: v.language, enabled: v.enabled };
      if (!channel) {
        const body: CreateNotifyChannelBody = { ...common, type: v.type, url: v.url ?? '', ...(v.secret && v.type !== 'wecom' ? { secret: v.secret } : {}) };
        return api.post<NotifyChannel>('/notify/channels', body);
      }
      const body: UpdateNotifyChannelBody = {
        ...common,
        ...(v.url?.trim() ? { url: v.url } : {}),
        ...(v.removeSecret ? { secret: null } : v.secret ? { secret: v.secret } : {}),
      };
      return api.patch<NotifyChannel>(`/notify/channels/${channel.id}`, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['notify-channels'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  return (
    <Modal
      open={open}
      title={channel ? t('channels.edit') : t('channels.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={600}
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="type" label={t('channels.type')} rules={[{ required: true }]}>
          <Select disabled={!!channel} options={CHANNEL_TYPES.map((c) => ({ value: c, label: t(`channels.type.${c}`) }))} data-testid="channel-type" />
        </Form.Item>
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={60} data-testid="channel-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('channels.url')}
          extra={channel ? t('channels.urlKeep', { masked: channel.urlMasked }) : t(`channels.urlHint.${type}`)}
          rules={channel ? [] : [{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input.Password autoComplete="off" visibilityToggle={false} placeholder="https://…" data-testid="channel-url" />
        </Form.Item>
        {type !== 'wecom' && (
          <>
            <Form.Item name="secret" label={t('channels.secret')} extra={channel?.hasSecret ? t('channels.secretSet') : t(`channels.secretHint.${type}`)}>
              <Input.Password autoComplete="off" visibilityToggle={false} disabled={!!removeSecret} data-testid="channel-secret" />
            </Form.Item>
            {channel?.hasSecret && (
              <Form.Item name="removeSecret" valuePropName="checked" style={{ marginTop: -12 }}>
                <Checkbox>{t('channels.removeSecret')}</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="kinds" label={t('channels.kinds')} extra={t('channels.kindsHint')}>
          <Select
            mode="tags"
            placeholder={t('channels.allKinds')}
            options={KIND_PREFIXES.map((k) => ({ value: k, label: `${t(`notifyKind.${k}`)} (${k})` }))}
            data-testid="channel-kinds"
          />
        </Form.Item>
        <Form.Item name="minSeverity" label={t('channels.minSeverity')}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`notifySeverity.${s}`) }))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="language" label={t('channels.language')}>
          <Select options={CHANNEL_LANGUAGES.map((l) => ({ value: l, label: t(`channels.language.${l}`) }))} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
