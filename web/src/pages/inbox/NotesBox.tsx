import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, List, Mentions, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { useMembers } from '../../components/lookups';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { InboxNote } from '../../types';

/** The team's internal notes on an item; @name (picked from the members) notifies that member. */
export function NotesBox({ itemId }: { itemId: string }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const members = useMembers();
  const [text, setText] = useState('');
  const key = ['inbox', 'notes', itemId];
  const notes = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<InboxNote[]>(`/inbox/${itemId}/notes`, undefined, signal) });
  const add = useMutation({
    mutationFn: () => api.post<InboxNote>(`/inbox/${itemId}/notes`, { text }),
    onSuccess: (n) => {
      setText('');
      if (n.mentions.length) message.success(t('inbox.notes.told', { names: n.mentions.map((m) => m.name).join('、') }));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  return (
    <div data-testid="inbox-notes">
      <List<InboxNote>
        size="small"
        dataSource={notes.data ?? []}
        locale={{ emptyText: t('inbox.notes.empty') }}
        renderItem={(n) => (
          <List.Item>
            <div>
              <Typography.Text strong>{n.authorName ?? '—'}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(n.createdAt, tz)}
              </Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.text}</Typography.Paragraph>
            </div>
          </List.Item>
        )}
      />
      <Flex gap={6} align="start" style={{ marginTop: 6 }}>
        <Mentions
          value={text}
          onChange={setText}
          autoSize={{ minRows: 1, maxRows: 5 }}
          placeholder={t('inbox.notes.placeholder')}
          options={(members.data ?? []).filter((m) => m.name).map((m) => ({ value: m.name, label: m.name }))}
          data-testid="inbox-note-text"
          aria-label={t('inbox.notes.placeholder')}
        />
        <Button onClick={() => add.mutate()} disabled={!text.trim()} loading={add.isPending} data-testid="inbox-note-add">
          {t('inbox.notes.add')}
        </Button>
      </Flex>
    </div>
  );
}
