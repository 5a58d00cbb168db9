import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Input, List, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useTz } from '../../session';
import { formatAt } from '../../time';
import { type IncidentDetail, pick } from './types';
import { incidentApi, useIncidentAction } from './useIncident';

export function ChecklistCard({ inc }: { inc: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  const can = useCan();
  const [text, setText] = useState('');
  const check = useIncidentAction(inc.id, (v: { itemId: string; checked: boolean }) =>
    incidentApi.post(inc.id, `/checklist/${v.itemId}`)({ checked: v.checked }),
  );
  const add = useIncidentAction(inc.id, incidentApi.post(inc.id, '/checklist'));
  const writable = can('incidents.write') && inc.status !== 'closed';
  const total = inc.checklist.length;

  return (
    <Card
      size="small"
      title={t('incidents.checklist')}
      extra={
        total > 0 && (
          <Progress
            style={{ width: 160, margin: 0 }}
            size="small"
            percent={Math.round((100 * inc.checklistDone) / total)}
            format={() => `${inc.checklistDone}/${total}`}
          />
        )
      }
    >
      {total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(writable ? 'incidents.noChecklist' : 'incidents.noChecklistReadOnly')} />
      ) : (
        <List
          size="small"
          dataSource={inc.checklist}
          renderItem={(c) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Checkbox
                  data-testid="checklist-item"
                  checked={!!c.checkedAt}
                  disabled={!writable || (check.isPending && check.variables?.itemId === c.id)}
                  onChange={(e) => check.mutate({ itemId: c.id, checked: e.target.checked })}
                >
                  <span style={c.checkedAt ? { textDecoration: 'line-through', opacity: 0.65 } : undefined}>{pick(c.text, c.textEn, i18n.language)}</span>
                </Checkbox>
                {c.checkedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 24 }}>
                    {t('incidents.checkedBy', { name: c.checkedByName ?? '—', at: formatAt(c.checkedAt, tz) })}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {writable && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={text}
            maxLength={500}
            placeholder={t('incidents.itemPlaceholder')}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => text.trim() && add.mutate({ text: text.trim() }, { onSuccess: () => setText('') })}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!text.trim()}
            loading={add.isPending}
            onClick={() => add.mutate({ text: text.trim() }, { onSuccess: () => setText('') })}
          >
            {t('incidents.addItem')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
