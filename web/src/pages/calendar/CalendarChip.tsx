import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { timeOf } from '../../time';
import type { CalendarItem } from '../../types';
import { isMovable, itemTone, TONE_COLORS, toneKey } from './dates';

export const DRAG_TYPE = 'application/x-meiyun-post';

/** One post on the calendar, coloured by its most urgent publication state. */
export function CalendarChip({ item, tz, draggable, compact }: { item: CalendarItem; tz: string; draggable: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const tone = itemTone(item);
  const key = toneKey(tone);
  const colors = TONE_COLORS[key];
  const movable = draggable && isMovable(item);
  const label =
    tone.kind === 'overdue' ? t('calendar.manualOverdue') : tone.kind === 'publication' ? t(`pubState.${tone.state}`) : t(`postStatus.${tone.status}`);
  const manual = tone.kind === 'overdue' || (tone.kind === 'publication' && tone.state === 'awaiting_manual');
  const time = item.scheduledAt ? timeOf(item.scheduledAt, tz) : '';
  const detail = (
    <div>
      <div style={{ fontWeight: 600 }}>{item.title}</div>
      <div>
        {time} · {label}
      </div>
      {item.publications.map((p) => (
        <div key={p.id}>
          {p.accountName}: {p.overdue ? t('calendar.manualOverdue') : t(`pubState.${p.state}`)}
        </div>
      ))}
      {!movable && draggable && <div style={{ opacity: 0.7 }}>{t('calendar.notMovable')}</div>}
    </div>
  );
  return (
    <Tooltip title={detail} mouseEnterDelay={0.4}>
      {/* biome-ignore lint/a11y/useSemanticElements: a draggable <button> does not drag in every browser */}
      <div
        data-testid="calendar-item"
        data-post-id={item.id}
        data-state={key}
        draggable={movable}
        onDragStart={(e) => {
          e.dataTransfer.setData(DRAG_TYPE, item.id);
          e.dataTransfer.setData('text/plain', item.id);
          e.dataTransfer.effectAllowed = 'move';
        }}
        role="button"
        tabIndex={0}
        onClick={(e) => {
          e.stopPropagation();
          nav(`/posts/${item.id}`);
        }}
        onKeyDown={(e) => e.key === 'Enter' && nav(`/posts/${item.id}`)}
        style={{
          background: colors.bg,
          borderLeft: `3px solid ${colors.border}`,
          borderRadius: 4,
          padding: compact ? '0 4px' : '2px 6px',
          marginBottom: 2,
          fontSize: 12,
          lineHeight: '18px',
          cursor: movable ? 'grab' : 'pointer',
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          textOverflow: 'ellipsis',
        }}
      >
        <Typography.Text style={{ fontSize: 12 }} type="secondary">
          {time}
        </Typography.Text>{' '}
        {manual && (
          <span data-testid="calendar-manual-mark" style={{ color: colors.border, fontWeight: 600 }}>
            {tone.kind === 'overdue' ? t('calendar.manualOverdueMark') : t('calendar.manualMark')}{' '}
          </span>
        )}
        {item.title}
      </div>
    </Tooltip>
  );
}

/** Read the dragged post's id in a drop handler. */
export function draggedId(e: React.DragEvent): string | null {
  return e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain') || null;
}
