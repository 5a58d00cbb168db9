import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Input, List, Progress, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useMembers } from '../../components/lookups';
import { useCan } from '../../session';
import type { OnboardingChecklist, OnboardingTemplate } from '../../types';

function ChecklistCard({ list, title }: { list: OnboardingChecklist; title: string }) {
  const qc = useQueryClient();
  const tick = useMutation({
    mutationFn: (b: { id: string; done: boolean }) => api.patch(`/people/onboarding/items/${b.id}`, { done: b.done }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['people', 'onboarding'] }),
  });
  return (
    <Card size="small" title={title} extra={<Progress type="circle" size={32} percent={list.total ? Math.round((list.done * 100) / list.total) : 0} />}>
      <ErrorAlert error={tick.error} />
      {list.items.map((i) => (
        <div key={i.id}>
          <Checkbox checked={!!i.doneAt} disabled={tick.isPending} onChange={(e) => tick.mutate({ id: i.id, done: e.target.checked })}>
            {i.title}
          </Checkbox>
          {i.doneByName && <Typography.Text type="secondary"> · {i.doneByName}</Typography.Text>}
        </div>
      ))}
    </Card>
  );
}

function Manage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const members = useMembers();
  const [text, setText] = useState('');
  const [member, setMember] = useState<string>();
  const template = useQuery({
    queryKey: ['people', 'onboarding', 'template'],
    queryFn: ({ signal }) => api.get<OnboardingTemplate>('/people/onboarding/template', undefined, signal),
  });
  const lists = useQuery({
    queryKey: ['people', 'onboarding', 'all'],
    queryFn: ({ signal }) => api.get<OnboardingChecklist[]>('/people/onboarding', undefined, signal),
  });
  useEffect(() => setText((template.data?.items ?? []).join('\n')), [template.data]);
  const save = useMutation({
    mutationFn: () =>
      api.put('/people/onboarding/template', {
        items: text
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      message.success(t('people.onboarding.templateSaved'));
      void qc.invalidateQueries({ queryKey: ['people', 'onboarding'] });
    },
  });
  const start = useMutation({
    mutationFn: () => api.post('/people/onboarding', { userId: member }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['people', 'onboarding'] }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('people.onboarding.template')}>
        <ErrorAlert error={save.error ?? template.error} />
        <Input.TextArea rows={5} value={text} onChange={(e) => setText(e.target.value)} data-testid="people-template" />
        <Button style={{ marginTop: 8 }} onClick={() => save.mutate()} loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Card>
      <Space>
        <Select
          style={{ width: 220 }}
          showSearch
          optionFilterProp="label"
          value={member}
          onChange={setMember}
          options={memberOptions(members.data)}
          placeholder={t('people.onboarding.start')}
        />
        <Button disabled={!member} onClick={() => start.mutate()} loading={start.isPending}>
          {t('people.onboarding.start')}
        </Button>
      </Space>
      <ErrorAlert error={start.error ?? lists.error} />
      <Typography.Title level={5}>{t('people.onboarding.all')}</Typography.Title>
      <List
        grid={{ gutter: 12, column: 3 }}
        locale={{ emptyText: <Empty description={t('people.onboarding.empty')} /> }}
        dataSource={lists.data ?? []}
        renderItem={(l) => (
          <List.Item>
            <ChecklistCard list={l} title={`${l.name ?? '—'}（${l.done}/${l.total}）`} />
          </List.Item>
        )}
      />
    </Space>
  );
}

/** 入职: my own checklist; managers also the template and everyone's progress. */
export function OnboardingTab() {
  const { t } = useTranslation();
  const manage = useCan()('people.manage');
  const mine = useQuery({
    queryKey: ['people', 'onboarding', 'me'],
    queryFn: ({ signal }) => api.get<OnboardingChecklist | null>('/people/onboarding/me', undefined, signal),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={mine.error} />
      {mine.data ? (
        <ChecklistCard list={mine.data} title={t('people.onboarding.mine')} />
      ) : (
        mine.isSuccess && <Empty description={t('people.onboarding.none')} />
      )}
      {manage && <Manage />}
    </Space>
  );
}
