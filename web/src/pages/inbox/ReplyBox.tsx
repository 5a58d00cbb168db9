import { RedoOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { InboxItem, InboxReply, InboxTemplate } from '../../types';
import { ReplyWindow, useWindowOpen } from './ReplyWindow';

const STATE_COLOR: Record<InboxReply['state'], string> = {
  proposed: 'purple',
  queued: 'default',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  unknown: 'warning',
};
const MOVING: InboxReply['state'][] = ['queued', 'sending', 'unknown'];

/** The id the `r` key focuses. */
export const REPLY_INPUT_ID = 'inbox-reply-text';

/**
 * Replies to one item through the platform: their delivery as it stands (asked again every 3 s
 * while one is on its way), a failed one retried, and the box to write one, filled from a canned
 * reply if wanted. The server decides whether the platform can take a reply; its refusal is shown.
 */
export function ReplyBox({ item, canReply }: { item: InboxItem; canReply: boolean }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const replies = useQuery({
    queryKey: ['inbox', 'replies', item.id],
    queryFn: ({ signal }) => api.get<InboxReply[]>(`/inbox/${item.id}/replies`, undefined, signal),
    refetchInterval: (q) => (q.state.data?.some((r) => MOVING.includes(r.state)) ? 3000 : false),
  });
  // A reply that has just gone out is threaded by the server: the thread is read again then.
  const sentCount = (replies.data ?? []).filter((r) => r.state === 'sent').length;
  useEffect(() => {
    if (sentCount) void qc.invalidateQueries({ queryKey: ['inbox', 'thread', item.id] });
  }, [sentCount, item.id, qc]);
  const templates = useQuery({
    queryKey: ['inbox', 'templates'],
    queryFn: ({ signal }) => api.get<InboxTemplate[]>('/inbox/templates', undefined, signal),
    staleTime: 60_000,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['inbox'] });
  const send = useMutation({
    mutationFn: () => api.post<InboxReply>(`/inbox/${item.id}/replies`, { text, done }),
    onSuccess: () => {
      setText('');
      message.success(t('inbox.reply.queued'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const retry = useMutation({
    mutationFn: (id: string) => api.post<InboxReply>(`/inbox/replies/${id}/retry`),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const review = useMutation({
    mutationFn: ({ id, how }: { id: string; how: 'approve' | 'discard' }) => api.post(`/inbox/replies/${id}/${how}`),
    onSuccess: (_, v) => {
      message.success(t(v.how === 'approve' ? 'inbox.reply.approved' : 'inbox.reply.discarded'));
      refresh();
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; outcome: 'sent' | 'resend' }) => api.post<InboxReply>(`/inbox/replies/${v.id}/decide`, { outcome: v.outcome }),
    onSuccess: refresh,
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  const windowOpen = useWindowOpen(item.replyWindow?.endsAt);
  const fill = useMutation({
    mutationFn: (id: string) => api.post<{ text: string }>(`/inbox/templates/${id}/render`, { itemId: item.id }),
    onSuccess: (r) => setText(r.text),
    onError: (e) => message.error(errorText(e, i18n.language)),
  });

  const list = replies.data ?? [];
  return (
    <div data-testid="inbox-replies">
      {list.length > 0 && (
        <List<InboxReply>
          size="small"
          dataSource={list}
          style={{ marginBottom: 8 }}
          renderItem={(r) => (
            <List.Item
              data-testid={`reply-${r.state}`}
              actions={
                r.state === 'failed'
                  ? [
                      <Button key="retry" size="small" icon={<RedoOutlined />} loading={retry.isPending} onClick={() => retry.mutate(r.id)}>
                        {t('inbox.reply.retry')}
                      </Button>,
                    ]
                  : r.state === 'proposed'
                    ? [
                        <Button
                          key="approve"
                          size="small"
                          type="primary"
                          loading={review.isPending}
                          onClick={() => review.mutate({ id: r.id, how: 'approve' })}
                          data-testid="reply-approve"
                        >
                          {t('inbox.reply.approve')}
                        </Button>,
                        <Button key="discard" size="small" danger onClick={() => review.mutate({ id: r.id, how: 'discard' })} data-testid="reply-discard">
                          {t('inbox.reply.discard')}
                        </Button>,
                      ]
                    : r.needsDecision
                      ? (['sent', 'resend'] as const).map((outcome) => (
                          <Button
                            key={outcome}
                            size="small"
                            loading={decide.isPending}
                            onClick={() => decide.mutate({ id: r.id, outcome })}
                            data-testid={`reply-decide-${outcome}`}
                          >
                            {t(outcome === 'sent' ? 'inbox.reply.decideSent' : 'inbox.reply.decideResend')}
                          </Button>
                        ))
                      : []
              }
            >
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <Tag color={STATE_COLOR[r.state]}>{t(`inbox.reply.state.${r.state}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatAt(r.sentAt ?? r.createdAt, tz)}
                    {r.attemptCount > 1 ? ` · ${t('inbox.reply.attempts', { n: r.attemptCount })}` : ''}
                  </Typography.Text>
                </Space>
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Typography.Text>
                {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
                {r.state === 'unknown' && (
                  <Typography.Text type="warning">{t(r.needsDecision ? 'inbox.reply.decideHelp' : 'inbox.reply.unknownHelp')}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {item.replyWindow && <ReplyWindow endsAt={item.replyWindow.endsAt} />}
      {canReply ? (
        <Flex vertical gap={6}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('inbox.reply.template')}
            style={{ width: 240 }}
            options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={(v?: string) => v && fill.mutate(v)}
            loading={fill.isPending}
            aria-label={t('inbox.reply.template')}
            data-testid="inbox-reply-template"
          />
          <Input.TextArea
            id={REPLY_INPUT_ID}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 8 }}
            placeholder={t('inbox.reply.placeholder')}
            showCount
            disabled={!windowOpen}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && text.trim() && windowOpen) send.mutate();
              if (e.key === 'Escape') (e.target as HTMLElement).blur();
            }}
          />
          <Space>
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={!text.trim() || !windowOpen}
              loading={send.isPending}
              onClick={() => send.mutate()}
              data-testid="inbox-reply-send"
            >
              {t('inbox.reply.send')}
            </Button>
            <Checkbox checked={done} onChange={(e) => setDone(e.target.checked)}>
              {t('inbox.reply.andDone')}
            </Checkbox>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inbox.reply.keys')}
            </Typography.Text>
          </Space>
        </Flex>
      ) : (
        <Alert type="info" showIcon message={t('inbox.reply.noApi')} />
      )}
    </div>
  );
}
