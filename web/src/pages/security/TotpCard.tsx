import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ME_KEY, useTz } from '../../session';
import { formatAt } from '../../time';
import type { SecurityOverview, TotpEnabled, TotpSetup } from '../../types';
import { QrCode } from '../../components/QrCode';

export const SECURITY_KEY = ['security', 'overview'] as const;

export function useSecurityOverview() {
  return useQuery({ queryKey: SECURITY_KEY, queryFn: ({ signal }) => api.get<SecurityOverview>('/me/security', undefined, signal) });
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('totp.recoveryTitle')}
      description={
        <>
          <Typography.Paragraph>{t('totp.recoveryHint')}</Typography.Paragraph>
          <ol data-testid="recovery-codes" style={{ columns: 2, fontFamily: 'monospace', fontSize: 15, paddingInlineStart: 24 }}>
            {codes.map((c) => (
              <li key={c} data-testid="recovery-code">
                {c}
              </li>
            ))}
          </ol>
          <Space>
            <Button
              onClick={() =>
                void navigator.clipboard?.writeText(codes.join('\n')).then(
                  () => message.success(t('reset.copied')),
                  () => {},
                )
              }
            >
              {t('totp.copy')}
            </Button>
            <Button type="primary" data-testid="recovery-saved" onClick={onDone}>
              {t('totp.recoverySaved')}
            </Button>
          </Space>
        </>
      }
    />
  );
}

/** Enrolment (secret → QR code → confirming code → recovery codes shown once) and turning it off. */
export function TotpCard({ overview, onChanged }: { overview: SecurityOverview; onChanged?: () => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmForm] = Form.useForm<{ code: string }>();
  const [offForm] = Form.useForm<{ password: string; code: string }>();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: SECURITY_KEY });
    void qc.invalidateQueries({ queryKey: ME_KEY, exact: true });
  };

  const start = useMutation({ mutationFn: () => api.post<TotpSetup>('/me/totp/setup'), onSuccess: setSetup });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<TotpEnabled>('/me/totp/enable', { code }),
    onSuccess: (r) => {
      setSetup(null);
      setCodes(r.recoveryCodes);
      message.success(t('totp.enabled'));
      void qc.invalidateQueries({ queryKey: SECURITY_KEY });
    },
  });
  const disable = useMutation({
    mutationFn: (v: { password: string; code: string }) => api.post('/me/totp/disable', v),
    onSuccess: () => {
      offForm.resetFields();
      message.success(t('totp.disabled'));
      refresh();
      onChanged?.();
    },
  });

  const status = overview.totpEnabled ? <Tag color="green">{t('totp.on')}</Tag> : <Tag>{t('totp.off')}</Tag>;
  return (
    <Card
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('totp.title')}
          <span data-testid="totp-status">{status}</span>
        </Space>
      }
      style={{ maxWidth: 720 }}
    >
      <Typography.Paragraph type="secondary">{t('totp.explain')}</Typography.Paragraph>
      {codes && (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            refresh();
            onChanged?.();
          }}
        />
      )}
      {!codes && !overview.totpEnabled && !setup && (
        <>
          <ErrorAlert error={start.error} />
          <Button type="primary" data-testid="totp-start" loading={start.isPending} onClick={() => start.mutate()}>
            {t('totp.start')}
          </Button>
        </>
      )}
      {!codes && setup && (
        <Flex gap={24} wrap>
          <div>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {t('totp.scan')}
            </Typography.Paragraph>
            <div style={{ border: '1px solid #f0f0f0', width: 'fit-content' }}>
              <QrCode value={setup.uri} label={t('totp.scan')} />
            </div>
          </div>
          <div style={{ flex: 1, minWidth: 260 }}>
            <Typography.Paragraph>
              {t('totp.manual')}
              <br />
              <Typography.Text code copyable={{ text: setup.secret }} data-testid="totp-secret">
                {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {t('totp.uri')} <Typography.Text copyable={{ text: setup.uri }}>otpauth://…</Typography.Text>
            </Typography.Paragraph>
            <ErrorAlert error={enable.error} />
            <Form form={confirmForm} layout="vertical" requiredMark={false} onFinish={(v) => enable.mutate(v.code.trim())}>
              <Form.Item name="code" label={t('totp.confirm')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeInvalid') }]}>
                <Input data-testid="totp-confirm-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 160 }} autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" data-testid="totp-enable" loading={enable.isPending}>
                {t('totp.enable')}
              </Button>
            </Form>
          </div>
        </Flex>
      )}
      {!codes && overview.totpEnabled && (
        <>
          <Typography.Paragraph>
            {overview.totpEnabledAt && t('totp.enabledAt', { at: formatAt(overview.totpEnabledAt, tz) })}
            {' · '}
            {t('totp.recoveryLeft', { count: overview.recoveryCodesLeft })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('totp.disable')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('totp.disableHint')}</Typography.Paragraph>
          <ErrorAlert error={disable.error} />
          <Form form={offForm} layout="inline" requiredMark={false} onFinish={(v) => disable.mutate(v)}>
            <Form.Item name="password" rules={[{ required: true, message: t('common.required') }]}>
              <Input.Password placeholder={t('auth.password')} autoComplete="current-password" data-testid="totp-off-password" />
            </Form.Item>
            <Form.Item name="code" rules={[{ required: true, message: t('common.required') }]}>
              <Input placeholder={t('totp.codeOrRecovery')} autoComplete="one-time-code" data-testid="totp-off-code" />
            </Form.Item>
            <Button danger htmlType="submit" loading={disable.isPending} data-testid="totp-disable">
              {t('totp.disable')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
