import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerErrors } from '../../components/formErrors';
import { memberOptions, useMembers } from '../../components/lookups';
import { ACCOUNT_TYPES_OF, type PlatformId } from '../../../../contract/platforms';
import { ACCOUNT_TYPES, ENTITY_TYPES, PLATFORMS, VERIFICATIONS } from '../../enums';
import type { Account, CreateAccountBody } from '../../types';

interface Values extends Omit<CreateAccountBody, 'verificationExpiresOn'> {
  verificationExpiresOn?: dayjs.Dayjs | null;
}

function toValues(a: Account | null): Partial<Values> {
  if (!a) return { platform: 'wechat_oa', entityType: 'company', verification: 'unverified', approvalSteps: 1, operatorIds: [] };
  return {
    ...a,
    verificationExpiresOn: a.verificationExpiresOn ? dayjs(a.verificationExpiresOn) : null,
  };
}

function toBody(v: Values): CreateAccountBody {
  const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
  return {
    platform: v.platform,
    name: v.name,
    platformId: blank(v.platformId),
    entityName: blank(v.entityName),
    entityType: v.entityType,
    verification: v.verification,
    verificationExpiresOn: v.verificationExpiresOn ? v.verificationExpiresOn.format('YYYY-MM-DD') : null,
    // A type picked before the platform was changed does not belong to the new one.
    accountType: v.accountType && ACCOUNT_TYPES_OF[v.platform as PlatformId]?.includes(v.accountType) ? v.accountType : null,
    cadencePerWeek: v.cadencePerWeek ?? null,
    approvalSteps: v.approvalSteps ?? 0,
    operatorIds: v.operatorIds ?? [],
  };
}

export function AccountForm({ account, open, onClose }: { account: Account | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const members = useMembers();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const { platform, ...rest } = toBody(v);
      return account ? api.patch<Account>(`/accounts/${account.id}`, rest) : api.post<Account>('/accounts', { platform, ...rest });
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['accounts'] });
      void qc.invalidateQueries({ queryKey: ['accounts-health'] });
      onClose();
    },
    onError: (e) => applyServerErrors(form, e, i18n.language),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the drawer opens
  useEffect(() => {
    if (open) {
      save.reset();
      form.resetFields();
      form.setFieldsValue(toValues(account));
    }
  }, [open, account]);

  const platform = Form.useWatch('platform', form);
  const opt = <T extends string>(list: readonly T[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={account ? t('accounts.edit') : t('accounts.create')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" data-testid="account-save" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="platform" label={t('accounts.platform')} rules={[{ required: true }]}>
          <Select disabled={!!account} options={opt(PLATFORMS, 'platform')} />
        </Form.Item>
        <Form.Item name="name" label={t('accounts.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input data-testid="account-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="platformId" label={t('accounts.platformId')} tooltip={t('accounts.platformIdHint')}>
          <Input maxLength={100} placeholder="gh_xxxxxxxxxxxx" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="entityName" label={t('accounts.entity')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="entityType" label={t('accounts.entityType')}>
              <Select options={opt(ENTITY_TYPES, 'entityType')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="verification" label={t('accounts.verification')}>
              <Select options={opt(VERIFICATIONS, 'verification')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="verificationExpiresOn" label={t('accounts.verificationExpires')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="accountType" label={t('accounts.accountType')} hidden={!ACCOUNT_TYPES_OF[platform as PlatformId]}>
          <Select allowClear options={opt(ACCOUNT_TYPES.filter((x) => ACCOUNT_TYPES_OF[platform as PlatformId]?.includes(x)), 'accountType')} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="cadencePerWeek" label={t('accounts.cadence')}>
              <InputNumber min={0} max={500} style={{ width: '100%' }} suffix={t('accounts.perWeek')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="approvalSteps" label={t('accounts.approvalSteps')} tooltip={t('accounts.approvalStepsHint')}>
              <InputNumber min={0} max={3} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="operatorIds" label={t('accounts.operators')}>
          <Select mode="multiple" loading={members.isPending} options={memberOptions(members.data)} optionFilterProp="label" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
