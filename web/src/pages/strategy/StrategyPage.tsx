import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountOptions, useAllAccounts } from '../../components/lookups';
import { PageSpin } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Goal, Strategy } from '../../types';
import { MixPanel } from './MixPanel';
import { StrategyForm } from './StrategyForm';
import { Versions } from './Versions';

const EMPTY = { positioning: '', personas: [], pillars: [], formats: [], postsPerWeek: null, goals: [], note: '' };

export default function StrategyPage() {
  const { t } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const accountId = sp.get('accountId') || undefined;
  const [form] = Form.useForm();
  const accounts = useAllAccounts();
  const goals = useQuery({ queryKey: ['goals'], queryFn: ({ signal }) => api.get<Goal[]>('/goals', undefined, signal) });
  const q = useQuery({
    queryKey: ['strategy', 'current', accountId],
    queryFn: ({ signal }) => api.get<Strategy | null>('/strategies/current', { accountId }, signal),
  });
  const current = q.data;
  useEffect(() => {
    if (q.isSuccess) form.setFieldsValue({ ...EMPTY, ...(current?.content ?? {}), note: '' });
  }, [q.isSuccess, current, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.put<Strategy>('/strategies/current', { ...EMPTY, ...v, accountId: accountId ?? null, expectedVersion: current?.version ?? 0 }),
    onSuccess: (s) => {
      message.success(t('strategy.saved', { n: s.version }));
      qc.invalidateQueries({ queryKey: ['strategy'] });
    },
  });
  const editable = can('strategy.manage');
  const submit = () => form.validateFields().then((v) => save.mutate(v));
  return (
    <>
      <PageHeader title={t('nav.strategy')} sub={t('strategy.sub')} />
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('strategy.scope')}</Typography.Text>
        <Select
          data-testid="strategy-scope"
          style={{ width: 240 }}
          value={accountId ?? ''}
          onChange={(v) => setSp(v ? { accountId: v } : {}, { replace: true })}
          options={[{ value: '', label: t('strategy.scope.workspace') }, ...accountOptions(accounts.data)]}
        />
      </Space>
      <ErrorAlert error={q.error} />
      {!editable && <Alert type="info" showIcon message={t('strategy.readOnly')} style={{ marginBottom: 12 }} />}
      {q.isLoading ? (
        <PageSpin />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Card
              title={
                current
                  ? t('strategy.version', { n: current.version, who: current.updatedByName ?? '—', at: formatAt(current.updatedAt, tz) })
                  : t('strategy.none')
              }
              extra={
                editable && (
                  <Button type="primary" onClick={submit} loading={save.isPending} data-testid="strategy-save">
                    {t('strategy.save')}
                  </Button>
                )
              }
            >
              <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
              <StrategyForm form={form} goals={goals.data ?? []} disabled={!editable} />
              {current && current.goals.length > 0 && (
                <Space direction="vertical" style={{ width: '100%' }} data-testid="strategy-goal-progress">
                  {current.goals.map((g) => (
                    <Typography.Text key={g.goalId}>
                      {t(`strategy.horizon.${g.horizon}`)} · {g.name}: {g.actual} / {g.target} ({Math.round(g.progress * 100)}%) · {t(`goals.state.${g.state}`)}
                    </Typography.Text>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <MixPanel accountId={accountId} formats />
              <Card size="small" title={t('strategy.versions')}>
                <Versions accountId={accountId} />
              </Card>
            </Space>
          </Col>
        </Row>
      )}
    </>
  );
}
