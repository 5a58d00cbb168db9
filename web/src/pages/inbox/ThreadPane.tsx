import { CheckOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { memberOptions, useAllAccounts, useMembers } from '../../components/lookups';
import { useSession, useTz } from '../../session';
import { formatAt } from '../../time';
import type { InboxItem, InboxThread } from '../../types';
import { FeedbackButton } from '../feedback/FeedbackButton';
import { ModerationButtons } from './ModerationButtons';
import { NotesBox } from './NotesBox';
import { ReplyBox } from './ReplyBox';

const SENTIMENT_COLOR = { positive: 'green', neutral: 'default', negative: 'red' } as const;

export function ItemTags({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {item.hiddenAt && <Tag data-testid="tag-hidden">{t('inbox.hidden')}</Tag>}
      {item.featured && (
        <Tag color="gold" data-testid="tag-featured">
          {t('inbox.featured')}
        </Tag>
      )}
      {item.sentiment && <Tag color={SENTIMENT_COLOR[item.sentiment]}>{t(`inbox.sentiment.${item.sentiment}`)}</Tag>}
      {item.isComplaint && <Tag color="volcano">{t('inbox.complaint')}</Tag>}
      {item.isQuestion && <Tag color="blue">{t('inbox.question')}</Tag>}
      {item.priority !== 'normal' && <Tag color={item.priority === 'urgent' ? 'magenta' : undefined}>{t(`inbox.priority.${item.priority}`)}</Tag>}
      {item.tags.map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
    </Space>
  );
}

/** One item with its thread, and what can be done with it (the same as the keys a, e, o). */
export function ThreadPane({ item, onChange }: { item: InboxItem | null; onChange: (id: string, set: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const tz = useTz();
  const me = useSession();
  const members = useMembers();
  const accounts = useAllAccounts();
  const thread = useQuery({
    queryKey: ['inbox', 'thread', item?.id],
    queryFn: ({ signal }) => api.get<InboxThread>(`/inbox/${item?.id}`, undefined, signal),
    enabled: !!item,
  });
  if (!item) return <Empty description={t('inbox.pick')} style={{ marginTop: 80 }} />;
  const done = item.status === 'done';
  const account = accounts.data?.find((a) => a.id === item.accountId);
  return (
    <Card
      size="small"
      data-testid="inbox-thread"
      title={
        <Space>
          <span>{item.accountName}</span>
          <Tag>{t(`platform.${item.platform}`)}</Tag>
          <Tag>{t(`inbox.kind.${item.kind}`)}</Tag>
        </Space>
      }
      extra={<Tag data-testid="inbox-status">{t(`inbox.status.${item.status}`)}</Tag>}
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {done ? (
          <Button icon={<UndoOutlined />} onClick={() => onChange(item.id, { status: 'open' })}>
            {t('inbox.reopen')} (o)
          </Button>
        ) : (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => onChange(item.id, { status: 'done' })} data-testid="inbox-done">
            {t('inbox.markDone')} (e)
          </Button>
        )}
        <Button
          icon={<UserAddOutlined />}
          disabled={item.assigneeId === me.user.id}
          onClick={() => onChange(item.id, { assigneeId: me.user.id, ...(item.status === 'new' ? { status: 'open' } : {}) })}
        >
          {t('inbox.assignMe')} (a)
        </Button>
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('inbox.assignee')}
          value={item.assigneeId ?? undefined}
          options={memberOptions(members.data)}
          onChange={(v) => onChange(item.id, { assigneeId: v ?? null })}
          aria-label={t('inbox.assignee')}
        />
        <Select
          style={{ width: 110 }}
          value={item.priority}
          options={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`inbox.priority.${p}`) }))}
          onChange={(v) => onChange(item.id, { priority: v })}
          aria-label={t('inbox.priority')}
        />
        <Select
          mode="tags"
          style={{ minWidth: 160 }}
          placeholder={t('inbox.tags')}
          value={item.tags}
          onChange={(v: string[]) => onChange(item.id, { tags: v })}
          aria-label={t('inbox.tags')}
        />
        {!item.fromAccount && <FeedbackButton itemId={item.id} />}
        <ModerationButtons item={item} />
      </Flex>
      {(thread.data?.feedback ?? []).length > 0 && (
        <Space size={4} wrap style={{ marginBottom: 8 }} data-testid="inbox-feedback">
          <Typography.Text type="secondary">{t('inbox.feedback')}</Typography.Text>
          {thread.data?.feedback.map((f) => (
            <Link key={f.id} to={`/feedback?open=${f.id}`}>
              <Tag color={f.status === 'resolved' ? 'green' : f.status === 'wont_fix' ? 'default' : 'blue'}>
                #{f.number} {t(`feedback.status.${f.status}`)}
              </Tag>
            </Link>
          ))}
        </Space>
      )}
      {(thread.data?.ruleHits ?? []).length > 0 && (
        <Space size={4} wrap style={{ marginBottom: 8 }} data-testid="inbox-rule-hits">
          {thread.data?.ruleHits.map((h) => (
            <Tag key={`${h.ruleId}-${h.at}`} color="geekblue" title={h.actions.map((a) => t(`rules.action.${a}`)).join(' · ')}>
              {t('inbox.ruleHit', { name: h.ruleName })}
            </Tag>
          ))}
        </Space>
      )}
      <ErrorAlert error={thread.error} />
      <Typography.Title level={5}>{t('inbox.thread')}</Typography.Title>
      <Timeline
        items={(thread.data?.thread ?? [item]).map((x) => ({
          color: x.fromAccount ? 'green' : x.id === item.id ? 'blue' : 'gray',
          children: (
            <div data-testid={`thread-${x.externalId}`} style={x.hiddenAt ? { opacity: 0.5 } : undefined}>
              <Space size={6} wrap>
                <Typography.Text strong>{x.fromAccount ? t('inbox.fromAccount') : (x.authorName ?? x.authorId ?? '—')}</Typography.Text>
                <Typography.Text type="secondary">{formatAt(x.at, tz)}</Typography.Text>
                <ItemTags item={x} />
              </Space>
              {/* Text only: what a member of the public wrote is never markup here. */}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{x.text}</Typography.Paragraph>
            </div>
          ),
        }))}
      />
      {!item.fromAccount && !item.hiddenAt && (
        <>
          <Typography.Title level={5}>{t('inbox.reply')} (r)</Typography.Title>
          <ReplyBox key={item.id} item={item} canReply={!account || account.capabilities.includes('comments')} />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('inbox.notes')}
      </Typography.Title>
      <NotesBox key={item.id} itemId={item.id} />
    </Card>
  );
}
