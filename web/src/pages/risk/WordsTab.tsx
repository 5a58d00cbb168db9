import { DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Paged } from '../../types';
import { SEVERITIES, SEVERITY_COLOR, type Severity, WORD_CATEGORIES, type Word, type WordCategory } from './types';
import { AddWordModal, ImportModal } from './WordModals';

export function WordsTab({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [category, setCategory] = useState<WordCategory | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [modal, setModal] = useState<'add' | 'import' | null>(null);

  const q = useQuery({
    queryKey: ['risk', 'words', category, search, page],
    queryFn: ({ signal }) => api.get<Paged<Word>>('/risk/words', { category, q: search, ...page }, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['risk', 'words'] });
  const update = useMutation({
    mutationFn: ({ id, severity }: { id: string; severity: Severity }) => api.patch<Word>(`/risk/words/${id}`, { severity }),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/risk/words/${id}`),
    onSuccess: () => {
      message.success(t('risk.wordDeleted'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('risk.category')}
          style={{ width: 160 }}
          value={category}
          onChange={(v) => {
            setCategory(v);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={WORD_CATEGORIES.map((c) => ({ value: c, label: t(`risk.cat.${c}`) }))}
        />
        <Input.Search
          allowClear
          data-testid="risk-word-search"
          placeholder={t('risk.searchTerm')}
          onSearch={(v) => {
            setSearch(v.trim());
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ width: 220 }}
        />
        {manage && (
          <>
            <Button type="primary" icon={<PlusOutlined />} data-testid="risk-word-add" onClick={() => setModal('add')}>
              {t('risk.addWord')}
            </Button>
            <Button icon={<ImportOutlined />} data-testid="risk-word-import" onClick={() => setModal('import')}>
              {t('risk.import')}
            </Button>
          </>
        )}
      </Space>
      <ErrorAlert error={q.error} />
      <Table<Word>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items}
        locale={{ emptyText: <Empty description={t('risk.wordsEmpty')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPage({ page: size !== page.pageSize ? 1 : p, pageSize: size }),
        }}
        columns={[
          { title: t('risk.term'), dataIndex: 'term', render: (v: string) => <strong data-testid="risk-word-term">{v}</strong> },
          { title: t('risk.category'), dataIndex: 'category', render: (c: WordCategory) => <Tag>{t(`risk.cat.${c}`)}</Tag> },
          {
            title: t('risk.severity'),
            dataIndex: 'severity',
            render: (s: Severity, w) =>
              manage ? (
                <Select<Severity>
                  size="small"
                  value={s}
                  style={{ width: 90 }}
                  onChange={(severity) => update.mutate({ id: w.id, severity })}
                  options={SEVERITIES.map((x) => ({ value: x, label: t(`risk.sev.${x}`) }))}
                />
              ) : (
                <Tag color={SEVERITY_COLOR[s]}>{t(`risk.sev.${s}`)}</Tag>
              ),
          },
          { title: t('risk.note'), dataIndex: 'note' },
          { title: t('risk.addedAt'), dataIndex: 'createdAt', render: (v: string) => formatAt(v, tz) },
          {
            title: t('common.actions'),
            width: 80,
            hidden: !manage,
            render: (_, w) => (
              <Popconfirm title={t('risk.deleteWordConfirm', { term: w.term })} onConfirm={() => remove.mutate(w.id)}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('risk.delete')} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <AddWordModal open={modal === 'add'} category={category} onClose={() => setModal(null)} onDone={refresh} />
      <ImportModal open={modal === 'import'} category={category} onClose={() => setModal(null)} onDone={refresh} />
    </>
  );
}
