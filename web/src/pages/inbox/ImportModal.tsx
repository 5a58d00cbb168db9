import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { accountOptions, useAllAccounts } from '../../components/lookups';

/** Pasted comments of a platform without an API, one a line ("author<Tab>text" or the text). */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const accounts = useAllAccounts();
  const [accountId, setAccountId] = useState<string>();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => {
      const at = new Date().toISOString();
      const items = text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const tab = l.indexOf('\t');
          return tab > 0 ? { authorName: l.slice(0, tab).trim(), text: l.slice(tab + 1).trim(), at } : { text: l, at };
        });
      return api.post<{ stored: number; duplicates: number }>('/inbox/import', { accountId, items });
    },
    onSuccess: (r) => {
      message.success(t('inbox.imported', r));
      void qc.invalidateQueries({ queryKey: ['inbox'] });
      setText('');
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('inbox.import')}
      onCancel={onClose}
      onOk={() => send.mutate()}
      okButtonProps={{ disabled: !accountId || !text.trim(), loading: send.isPending }}
    >
      <Typography.Paragraph type="secondary">{t('inbox.importHelp')}</Typography.Paragraph>
      <ErrorAlert error={send.error} />
      <Form layout="vertical">
        <Form.Item label={t('inbox.account')} required>
          <Select value={accountId} onChange={setAccountId} options={accountOptions(accounts.data)} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item label={t('inbox.import')} required>
          <Input.TextArea rows={8} value={text} onChange={(e) => setText(e.target.value)} data-testid="inbox-import-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
