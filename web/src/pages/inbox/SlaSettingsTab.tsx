import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageSpin } from '../../components/Loading';
import { useCan } from '../../session';
import type { SlaSettings } from '../../types';
import { formatDay, parseDay, WEEKDAYS, type Week } from './hours';

const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
type Targets = SlaSettings['targets'];

/** Business hours, holidays and targets (in business minutes); owners and managers change them. */
export function SlaSettingsTab() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const editable = can('workspace.manage');
  const settings = useQuery({
    queryKey: ['inbox', 'sla', 'settings'],
    queryFn: ({ signal }) => api.get<SlaSettings>('/inbox/sla/settings', undefined, signal),
  });
  const [days, setDays] = useState<Record<string, string>>({});
  const [holidays, setHolidays] = useState(true);
  const [closed, setClosed] = useState<string[]>([]);
  const [targets, setTargets] = useState<Targets | null>(null);
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    setDays(Object.fromEntries(WEEKDAYS.map((d) => [d, formatDay(s.week[d])])));
    setHolidays(s.chinaHolidays);
    setClosed(s.closedDays);
    setTargets(s.targets);
  }, [settings.data]);
  const bad = WEEKDAYS.filter((d) => parseDay(days[d] ?? '') === null);
  const save = useMutation({
    mutationFn: () => {
      const week = Object.fromEntries(WEEKDAYS.map((d) => [d, parseDay(days[d] ?? '') ?? []])) as Week;
      return api.put<SlaSettings>('/inbox/sla/settings', { week, chinaHolidays: holidays, closedDays: closed, targets });
    },
    onSuccess: (s) => {
      qc.setQueryData(['inbox', 'sla', 'settings'], s);
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!settings.data || !targets) return <PageSpin />;
  const s = settings.data;
  const setTarget = (p: (typeof PRIORITIES)[number], k: 'firstResponseMinutes' | 'resolutionMinutes', v: number | null) =>
    setTargets({ ...targets, [p]: { ...targets[p], [k]: v ?? 0 } });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {!editable && <Alert type="info" showIcon message={t('sla.readOnly')} />}
      <Descriptions
        size="small"
        column={1}
        bordered
        title={t('sla.hours')}
        extra={<Typography.Text type="secondary">{t('sla.timezone', { tz: s.timezone })}</Typography.Text>}
      >
        {WEEKDAYS.map((d) => (
          <Descriptions.Item key={d} label={t(`sla.day.${d}`)}>
            <Input
              value={days[d] ?? ''}
              disabled={!editable}
              status={bad.includes(d) ? 'error' : undefined}
              placeholder={t('sla.closed')}
              onChange={(e) => setDays({ ...days, [d]: e.target.value })}
              aria-label={t(`sla.day.${d}`)}
              style={{ maxWidth: 320 }}
              data-testid={`sla-day-${d}`}
            />
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text type="secondary">{t('sla.hoursHelp')}</Typography.Text>
      <Space>
        <Switch checked={holidays} disabled={!editable} onChange={setHolidays} aria-label={t('sla.chinaHolidays')} />
        <span>{t('sla.chinaHolidays')}</span>
        <Typography.Text type="secondary">{t('sla.holidayYears', { years: s.holidayYears.join('、') })}</Typography.Text>
      </Space>
      <div>
        <Typography.Text>{t('sla.closedDays')}</Typography.Text>
        <Select
          mode="tags"
          disabled={!editable}
          style={{ width: '100%', marginTop: 4 }}
          value={closed}
          onChange={setClosed}
          tokenSeparators={[',', '，', ' ']}
          placeholder="2026-12-24"
          aria-label={t('sla.closedDays')}
        />
      </div>
      <Table
        size="small"
        pagination={false}
        rowKey="p"
        title={() => t('sla.targets')}
        dataSource={PRIORITIES.map((p) => ({ p }))}
        columns={[
          { title: t('inbox.priority'), render: (_, r) => t(`inbox.priority.${r.p}`) },
          ...(['firstResponseMinutes', 'resolutionMinutes'] as const).map((k) => ({
            title: t(`sla.${k}`),
            render: (_: unknown, r: { p: (typeof PRIORITIES)[number] }) => (
              <InputNumber
                min={1}
                disabled={!editable}
                value={targets[r.p][k]}
                onChange={(v) => setTarget(r.p, k, v)}
                aria-label={`${t(`inbox.priority.${r.p}`)} ${t(`sla.${k}`)}`}
              />
            ),
          })),
        ]}
      />
      {editable && (
        <Button type="primary" disabled={bad.length > 0} loading={save.isPending} onClick={() => save.mutate()} data-testid="sla-save">
          {t('common.save')}
        </Button>
      )}
    </Space>
  );
}
