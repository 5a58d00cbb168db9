import { Button, Card, Input, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../components/lookups';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import { describeEntry } from './timeline';
import type { IncidentDetail } from './types';
import { incidentApi, useIncidentAction } from './useIncident';

const COLORS: Record<string, string> = {
  created: 'red',
  paused: 'red',
  resumed: 'green',
  status: 'blue',
  note: 'gray',
  statement_used: 'purple',
  severity: 'orange',
};

/** Everything done on the incident, newest first, with who and when; any member but a guest adds notes. */
export function TimelineCard({ inc }: { inc: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const members = useMembers();
  const [note, setNote] = useState('');
  const add = useIncidentAction(inc.id, incidentApi.post(inc.id, '/notes'));
  const nameOf = (id: string | null | undefined) => (id ? (members.data?.find((m) => m.userId === id)?.name ?? '—') : '—');
  const send = () => note.trim() && add.mutate({ text: note.trim() }, { onSuccess: () => setNote('') });

  return (
    <Card size="small" title={t('incidents.timeline')}>
      {can('incidents.write') && inc.status !== 'closed' && (
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Input.TextArea
            data-testid="incident-note"
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={5000}
            value={note}
            placeholder={t('incidents.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            onPressEnter={(e) => {
              if (!e.shiftKey) {
                e.preventDefault();
                send();
              }
            }}
          />
          <Button type="primary" disabled={!note.trim()} loading={add.isPending} onClick={send} data-testid="incident-note-add">
            {t('incidents.addNote')}
          </Button>
        </Space.Compact>
      )}
      <Timeline
        data-testid="incident-timeline"
        items={[...inc.timeline].reverse().map((e) => ({
          key: e.id,
          color: COLORS[e.kind] ?? 'blue',
          content: (
            <div data-testid={`timeline-${e.kind}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(e.at, tz, 'MM-DD HH:mm:ss')} · {e.actorName ?? t('audit.system')}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{describeEntry(e, t, i18n.language, nameOf)}</div>
              {e.kind === 'statement_used' && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0, fontSize: 12 }}>
                  {String((e.data as { body?: string }).body ?? '')}
                </Typography.Paragraph>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
