import { CopyOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCan } from '../../session';
import type { Paged } from '../../types';
import type { IncidentDetail, Statement } from './types';
import { incidentApi, useIncidentAction } from './useIncident';

async function copyText(text: string) {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Without the async clipboard (plain http): the old way, through a selected textarea.
  const ta = document.createElement('textarea');
  ta.value = text;
  document.body.appendChild(ta);
  ta.select();
  document.execCommand('copy');
  ta.remove();
}

/** Approved holding statements: copy one to the clipboard or mark it published; either is on the timeline. */
export function StatementsCard({ inc }: { inc: IncidentDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const [publishing, setPublishing] = useState<Statement | null>(null);
  const [channel, setChannel] = useState('');
  const q = useQuery({
    queryKey: ['holding-statements', 'approved'],
    queryFn: ({ signal }) => api.get<Paged<Statement>>('/holding-statements', { status: 'approved', pageSize: 50 }, signal),
  });
  const use = useIncidentAction(inc.id, (v: { id: string; action: 'copied' | 'published'; channel?: string }) =>
    incidentApi.post(inc.id, `/statements/${v.id}/use`)({ action: v.action, channel: v.channel || undefined }),
  );
  const writable = can('incidents.write') && inc.status !== 'closed';

  const copy = async (s: Statement) => {
    try {
      await copyText(s.body);
      message.success(t('incidents.copied'));
    } catch {
      message.warning(t('incidents.copyFailed'));
    }
    if (writable) use.mutate({ id: s.id, action: 'copied' });
  };

  return (
    <Card size="small" title={t('incidents.statements')} extra={<Link to="/incidents/templates?tab=statements">{t('incidents.manageStatements')}</Link>}>
      <ErrorAlert error={q.error} />
      <List
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.noApproved')} /> }}
        renderItem={(s) => (
          // Text first and buttons under it: the card sits in a narrow column.
          <List.Item style={{ display: 'block' }}>
            <Space size={4} wrap>
              <Typography.Text strong>{s.title}</Typography.Text>
              {s.tags.map((g) => (
                <Tag key={g}>{g}</Tag>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: '4px 0 8px', whiteSpace: 'pre-wrap' }}>
              {s.body}
            </Typography.Paragraph>
            <Space size={8} wrap>
              <Button size="small" icon={<CopyOutlined />} onClick={() => copy(s)} data-testid="statement-copy">
                {t('incidents.copy')}
              </Button>
              {writable && (
                <Button size="small" icon={<SendOutlined />} onClick={() => setPublishing(s)}>
                  {t('incidents.markPublished')}
                </Button>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={!!publishing}
        title={t('incidents.markPublished')}
        confirmLoading={use.isPending}
        onCancel={() => setPublishing(null)}
        onOk={() =>
          publishing &&
          use.mutateAsync({ id: publishing.id, action: 'published', channel: channel.trim() }).then(() => {
            setPublishing(null);
            setChannel('');
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph strong>{publishing?.title}</Typography.Paragraph>
        <Input maxLength={100} placeholder={t('incidents.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} />
      </Modal>
    </Card>
  );
}
