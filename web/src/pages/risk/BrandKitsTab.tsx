import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import type { BrandKit, BrandKitBody } from './types';

function KitModal({ kit, onClose }: { kit: BrandKit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Required<BrandKitBody>>();
  useEffect(() => {
    if (kit) form.setFieldsValue({ toneNotes: kit.toneNotes, requiredPhrases: kit.requiredPhrases, bannedWords: kit.bannedWords });
  }, [kit, form]);
  const save = useMutation({
    mutationFn: (v: BrandKitBody) => api.put<BrandKit>(`/accounts/${kit?.accountId}/brand-kit`, v),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['risk', 'kits'] });
      void qc.invalidateQueries({ queryKey: ['screen'] });
      onClose();
    },
  });
  const tags = (testId: string) => (
    <Select mode="tags" data-testid={testId} open={false} tokenSeparators={['\n']} placeholder={t('risk.tagsHint')} style={{ width: '100%' }} />
  );
  return (
    <Modal
      open={!!kit}
      title={kit ? t('risk.kitFor', { name: kit.accountName }) : ''}
      width={640}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'kit-save' } as ButtonProps}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="toneNotes" label={t('risk.toneNotes')} rules={[{ max: 5000 }]}>
          <Input.TextArea data-testid="kit-tone" rows={4} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="requiredPhrases" label={t('risk.requiredPhrases')}>
          {tags('kit-required')}
        </Form.Item>
        <Form.Item name="bannedWords" label={t('risk.bannedWords')}>
          {tags('kit-banned')}
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Every live account with its brand kit: tone notes, required phrases, banned words. */
export function BrandKitsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const tz = useTz();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<BrandKit | null>(null);
  const q = useQuery({
    queryKey: ['risk', 'kits', search, page],
    queryFn: ({ signal }) => api.get<Paged<BrandKit>>('/risk/brand-kits', { q: search, ...page }, signal),
    placeholderData: keepPreviousData,
  });
  const list = (xs: string[], color?: string) =>
    xs.length ? (
      <Space size={[0, 4]} wrap>
        {xs.map((x) => (
          <Tag key={x} color={color}>
            {x}
          </Tag>
        ))}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('risk.notSet')}</Typography.Text>
    );
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('common.searchName')}
        onSearch={(v) => {
          setSearch(v.trim());
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ width: 240, marginBottom: 12 }}
      />
      <ErrorAlert error={q.error} />
      <Table<BrandKit>
        rowKey="accountId"
        loading={q.isFetching}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={t('risk.kitsEmpty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPage({ page: p, pageSize: size }),
        }}
        columns={[
          { title: t('risk.account'), dataIndex: 'accountName', width: 180, render: (v: string) => <strong>{v}</strong> },
          {
            title: t('risk.toneNotes'),
            dataIndex: 'toneNotes',
            render: (v: string) =>
              v ? (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {v}
                </Typography.Paragraph>
              ) : (
                list([])
              ),
          },
          { title: t('risk.requiredPhrases'), dataIndex: 'requiredPhrases', render: (v: string[]) => list(v, 'blue') },
          { title: t('risk.bannedWords'), dataIndex: 'bannedWords', render: (v: string[]) => list(v, 'red') },
          { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string | null) => (v ? formatAt(v, tz) : '—') },
          {
            title: t('common.actions'),
            width: 80,
            hidden: !manage,
            render: (_, k) => (
              <Button type="text" icon={<EditOutlined />} data-testid="kit-edit" aria-label={t('risk.editKit')} onClick={() => setEditing(k)} />
            ),
          },
        ]}
      />
      <KitModal kit={editing} onClose={() => setEditing(null)} />
    </>
  );
}
