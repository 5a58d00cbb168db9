import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useListParams } from '../../components/useListParams';
import { RoleTag } from '../../components/Tags';
import { ROLES } from '../../enums';
import { useCan, useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Invitation, Member, Paged, Role } from '../../types';
import { DepartmentsCard } from './DepartmentsCard';
import { InviteModal } from './InviteModal';
import { ResetLinkButton } from './ResetLinkButton';

export default function MembersPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const tz = useTz();
  const can = useCan();
  const manage = can('members.manage');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const lp = useListParams(['role', 'q'] as const);
  const [invitePage, setInvitePage] = useState(1);
  const members = useQuery({
    queryKey: ['members', 'list', lp.filters, lp.page, lp.pageSize],
    queryFn: ({ signal }) => api.get<Paged<Member>>('/members', { ...lp.filters, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const invitations = useQuery({
    queryKey: ['invitations', invitePage],
    queryFn: ({ signal }) => api.get<Paged<Invitation>>('/invitations', { status: 'pending', page: invitePage, pageSize: 10 }, signal),
    placeholderData: keepPreviousData,
    enabled: manage,
  });
  const grantable: Role[] = ROLES.filter((r) => r !== 'owner' || me.role === 'owner');

  const onError = (e: unknown) => message.error(errorText(e, i18n.language));
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api.patch<Member>(`/members/${userId}`, { role }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.del(`/members/${userId}`),
    onSuccess: () => {
      message.success(t('members.removed'));
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/invitations/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['invitations'] }),
    onError,
  });

  return (
    <>
      <PageHeader
        title={t('nav.members')}
        extra={
          manage && (
            <Button type="primary" icon={<UserAddOutlined />} data-testid="member-invite" onClick={() => setInviting(true)}>
              {t('members.invite')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('members.role')}
          style={{ width: 140 }}
          value={lp.filters.role}
          onChange={(v) => lp.setFilter('role', v)}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('members.search')}
          defaultValue={lp.filters.q}
          onSearch={(v) => lp.setFilter('q', v.trim())}
          onChange={(e) => !e.target.value && lp.setFilter('q', null)}
          style={{ width: 240 }}
        />
      </Space>
      <ErrorAlert error={members.error} />
      <Table<Member>
        rowKey="userId"
        loading={members.isPending}
        dataSource={members.data?.items}
        pagination={lp.pagination(members.data?.total)}
        locale={{ emptyText: <Empty description={t('common.noMatch')} /> }}
        columns={[
          {
            title: t('auth.name'),
            render: (_, m) => (
              <Space>
                <Typography.Text strong>{m.name}</Typography.Text>
                {m.userId === me.user.id && <Tag>{t('members.you')}</Tag>}
              </Space>
            ),
          },
          { title: t('auth.email'), dataIndex: 'email' },
          {
            title: t('members.role'),
            width: 180,
            render: (_, m) =>
              manage && m.userId !== me.user.id && (m.role !== 'owner' || me.role === 'owner') ? (
                <Select<Role>
                  size="small"
                  style={{ width: 140 }}
                  value={m.role}
                  data-testid="member-role"
                  onChange={(role) => changeRole.mutate({ userId: m.userId, role })}
                  options={grantable.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                />
              ) : (
                <RoleTag role={m.role} />
              ),
          },
          { title: t('members.joinedAt'), width: 160, render: (_, m) => formatAt(m.joinedAt, tz) },
          {
            title: t('common.actions'),
            width: 170,
            hidden: !manage,
            render: (_, m) =>
              m.userId !== me.user.id && (
                <Space size={0}>
                  {(m.role !== 'owner' || me.role === 'owner') && <ResetLinkButton member={m} />}
                  <Popconfirm title={t('members.removeConfirm', { name: m.name })} onConfirm={() => remove.mutate(m.userId)}>
                    <Button type="text" danger icon={<DeleteOutlined />} data-testid="member-remove" />
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      {manage && (
        <Card title={t('members.pending')} size="small" style={{ marginTop: 16 }}>
          <ErrorAlert error={invitations.error} />
          <Table<Invitation>
            size="small"
            rowKey="id"
            loading={invitations.isPending}
            dataSource={invitations.data?.items}
            pagination={(invitations.data?.total ?? 0) > 10 ? { current: invitePage, pageSize: 10, total: invitations.data?.total, onChange: setInvitePage } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.noPending')} /> }}
            columns={[
              { title: t('auth.email'), dataIndex: 'email' },
              { title: t('members.role'), render: (_, i) => <RoleTag role={i.role} /> },
              { title: t('members.invitedAt'), render: (_, i) => formatAt(i.createdAt, tz) },
              {
                title: t('members.expiresAt'),
                render: (_, i) => (Date.parse(i.expiresAt) < Date.now() ? <Tag color="red">{t('members.expired')}</Tag> : formatAt(i.expiresAt, tz)),
              },
              {
                title: t('common.actions'),
                width: 90,
                render: (_, i) => (
                  <Popconfirm title={t('members.revokeConfirm')} onConfirm={() => revoke.mutate(i.id)}>
                    <Button type="link" danger size="small">
                      {t('members.revoke')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Card>
      )}
      {manage && <DepartmentsCard />}
      <InviteModal open={inviting} onClose={() => setInviting(false)} roles={grantable} />
    </>
  );
}
