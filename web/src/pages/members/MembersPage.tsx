import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useMembers } from '../../components/lookups';
import { PageHeader } from '../../components/PageHeader';
import { RoleTag } from '../../components/Tags';
import { ROLES } from '../../enums';
import { useCan, useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { Invitation, Member, Role } from '../../types';
import { InviteModal } from './InviteModal';

export default function MembersPage() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const tz = useTz();
  const can = useCan();
  const manage = can('members.manage');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const [search, setSearch] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role>();
  const members = useMembers();
  const invitations = useQuery({
    queryKey: ['invitations'],
    queryFn: ({ signal }) => api.get<Invitation[]>('/invitations', undefined, signal),
    enabled: manage,
  });
  const grantable: Role[] = ROLES.filter((r) => r !== 'owner' || me.role === 'owner');

  const rows = useMemo(() => {
    const s = search.trim().toLowerCase();
    return (members.data ?? []).filter(
      (m) => (!roleFilter || m.role === roleFilter) && (!s || m.name.toLowerCase().includes(s) || m.email.toLowerCase().includes(s)),
    );
  }, [members.data, search, roleFilter]);

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
  const pending = (invitations.data ?? []).filter((i) => !i.acceptedAt);

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
          value={roleFilter}
          onChange={setRoleFilter}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('members.search')}
          onSearch={setSearch}
          onChange={(e) => !e.target.value && setSearch('')}
          style={{ width: 240 }}
        />
      </Space>
      <ErrorAlert error={members.error} />
      <Table<Member>
        rowKey="userId"
        loading={members.isPending}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { count: n }) }}
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
            width: 90,
            hidden: !manage,
            render: (_, m) =>
              m.userId !== me.user.id && (
                <Popconfirm title={t('members.removeConfirm', { name: m.name })} onConfirm={() => remove.mutate(m.userId)}>
                  <Button type="text" danger icon={<DeleteOutlined />} data-testid="member-remove" />
                </Popconfirm>
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
            dataSource={pending}
            pagination={pending.length > 10 ? { pageSize: 10 } : false}
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
      <InviteModal open={inviting} onClose={() => setInviting(false)} roles={grantable} />
    </>
  );
}
