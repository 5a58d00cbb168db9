import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { InboxRule } from '../../types';
import { RuleDrawer } from './RuleDrawer';

type T = ReturnType<typeof useTranslation>['t'];

/** A rule's conditions and actions in a line each, as a manager reads them in the list. */
function summary(r: InboxRule, t: T) {
  const c = r.conditions;
  const when: string[] = [];
  if (c.keywords?.anyOf?.length) when.push(t('rules.sum.anyOf', { w: c.keywords.anyOf.join('、') }));
  if (c.keywords?.noneOf?.length) when.push(t('rules.sum.noneOf', { w: c.keywords.noneOf.join('、') }));
  if (c.sentiment) when.push(c.sentiment.map((s) => t(`inbox.sentiment.${s}`)).join('/'));
  if (c.platforms) when.push(c.platforms.map((p) => t(`platform.${p}`)).join('/'));
  if (c.accountIds) when.push(t('rules.sum.accounts', { n: c.accountIds.length }));
  if (c.kind) when.push(t(`inbox.kind.${c.kind}`));
  if (c.author) when.push(t('rules.sum.author', { a: c.author.nameContains ?? c.author.id }));
  if (c.time?.weekdays) when.push(c.time.weekdays.map((d) => t(`rules.weekday.${d}`)).join(''));
  if (c.time?.hours) when.push(`${c.time.hours.from}–${c.time.hours.to} h`);
  if (c.time?.businessHours) when.push(t(`rules.business.${c.time.businessHours}`));
  if (c.isQuestion !== undefined) when.push(`${t('inbox.question')}${c.isQuestion ? '' : '✗'}`);
  if (c.isComplaint !== undefined) when.push(`${t('inbox.complaint')}${c.isComplaint ? '' : '✗'}`);
  const a = r.actions;
  const actions: string[] = [];
  if (a.assigneeId) actions.push(t('rules.action.assign'));
  if (a.addTags) actions.push(`${t('rules.action.tags')} ${a.addTags.join('、')}`);
  if (a.priority) actions.push(`${t('rules.action.priority')} ${t(`inbox.priority.${a.priority}`)}`);
  if (a.notifyUserIds) actions.push(t('rules.action.notify'));
  if (a.alert) actions.push(t('rules.action.alert'));
  if (a.replyTemplateId) actions.push(t('rules.action.reply'));
  return { when: when.join(' · '), actions: actions.join(' · ') };
}

/** 规则: the inbox's rules in the order they are tried, each switched on here after its dry run. */
export default function RulesPage() {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<InboxRule | 'new' | null>(null);
  const list = useQuery({ queryKey: ['inbox', 'rules'], queryFn: ({ signal }) => api.get<InboxRule[]>('/inbox/rules', undefined, signal) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['inbox', 'rules'] });
  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const toggle = useMutation({
    mutationFn: (r: InboxRule) => api.patch<InboxRule>(`/inbox/rules/${r.id}`, { enabled: !r.enabled }),
    onSuccess: refresh,
    onError,
  });
  const move = useMutation({
    mutationFn: ({ i, by }: { i: number; by: -1 | 1 }) => {
      const ids = (list.data ?? []).map((r) => r.id);
      [ids[i], ids[i + by]] = [ids[i + by], ids[i]];
      return api.post<InboxRule[]>('/inbox/rules/reorder', { ids });
    },
    onSuccess: (rows) => qc.setQueryData(['inbox', 'rules'], rows),
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/inbox/rules/${id}`),
    onSuccess: () => {
      message.success(t('common.deleted'));
      refresh();
    },
    onError,
  });
  const rows = list.data ?? [];
  const create = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-new">
      {t('rules.new')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('nav.inboxRules')} sub={t('rules.sub')} extra={rows.length > 0 && create} />
      <ErrorAlert error={list.error} />
      <Table<InboxRule>
        size="small"
        rowKey="id"
        loading={list.isFetching && !list.data}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description={t('rules.empty')} data-testid="rules-empty">
              {create}
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('rules.col.order'),
            width: 96,
            render: (_: unknown, r, i) => (
              <Space size={2}>
                <Typography.Text type="secondary">{i + 1}</Typography.Text>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  onClick={() => move.mutate({ i, by: -1 })}
                  aria-label={t('rules.up', { name: r.name })}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={i === rows.length - 1}
                  onClick={() => move.mutate({ i, by: 1 })}
                  aria-label={t('rules.down', { name: r.name })}
                />
              </Space>
            ),
          },
          {
            title: t('rules.name'),
            render: (_: unknown, r) => {
              const s = summary(r, t);
              return (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {r.name} {r.stopAfter && <Tag>{t('rules.stopAfter')}</Tag>}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('rules.sum.when')} {s.when}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('rules.sum.then')} {s.actions}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            title: t('rules.col.hits'),
            width: 140,
            render: (_: unknown, r) => (
              <Space direction="vertical" size={0}>
                <span data-testid={`rule-hits-${r.name}`}>{r.hits}</span>
                {r.lastHitAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatAt(r.lastHitAt, tz)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('rules.col.enabled'),
            width: 80,
            render: (_: unknown, r) => (
              <Switch
                checked={r.enabled}
                loading={toggle.isPending && toggle.variables?.id === r.id}
                onChange={() => toggle.mutate(r)}
                aria-label={t('rules.toggle', { name: r.name })}
              />
            ),
          },
          {
            title: t('common.actions'),
            width: 96,
            render: (_: unknown, r) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label={t('common.edit')} />
                <Popconfirm title={t('rules.deleteConfirm')} onConfirm={() => remove.mutate(r.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('rules.delete', { name: r.name })} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RuleDrawer
        rule={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
    </>
  );
}
