import { Button, theme } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Day } from '../../time';
import type { CalendarItem } from '../../types';
import { CalendarChip, draggedId } from './CalendarChip';

const MAX_PER_CELL = 4;

interface Props {
  days: Day[];
  month: string; // 'YYYY-MM'
  today: Day;
  byDay: Map<Day, CalendarItem[]>;
  tz: string;
  draggable: boolean;
  onDropDay: (postId: string, day: Day) => void;
  onOpenDay: (day: Day) => void;
}

export function MonthView({ days, month, today, byDay, tz, draggable, onDropDay, onOpenDay }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [over, setOver] = useState<Day | null>(null);
  const border = `1px solid ${token.colorBorderSecondary}`;
  return (
    <div style={{ border, borderRadius: token.borderRadius, overflow: 'hidden', background: token.colorBgContainer }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', background: token.colorFillQuaternary }}>
        {days.slice(0, 7).map((d) => (
          <div key={d} style={{ padding: '6px 8px', fontWeight: 500, textAlign: 'center', borderBottom: border }}>
            {dayjs(d).format('dd')}
          </div>
        ))}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }} data-testid="calendar-month">
        {days.map((d, i) => {
          const items = byDay.get(d) ?? [];
          const inMonth = d.startsWith(month);
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; keyboard users reschedule in the post editor
            <div
              key={d}
              data-testid="calendar-day"
              data-day={d}
              onDragOver={(e) => {
                if (!draggable) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== d) setOver(d);
              }}
              onDragLeave={() => setOver((o) => (o === d ? null : o))}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = draggedId(e);
                if (id) onDropDay(id, d);
              }}
              style={{
                minHeight: 112,
                padding: 4,
                borderRight: (i + 1) % 7 ? border : undefined,
                borderBottom: i < days.length - 7 ? border : undefined,
                background: over === d ? token.colorPrimaryBg : inMonth ? undefined : token.colorFillQuaternary,
                minWidth: 0,
              }}
            >
              <div style={{ textAlign: 'right', marginBottom: 2 }}>
                <Button
                  type="text"
                  size="small"
                  onClick={() => onOpenDay(d)}
                  style={{
                    fontSize: 12,
                    height: 20,
                    padding: '0 4px',
                    color: d === today ? token.colorPrimary : inMonth ? token.colorText : token.colorTextQuaternary,
                    fontWeight: d === today ? 700 : 400,
                  }}
                >
                  {Number(d.slice(8))}
                </Button>
              </div>
              {items.slice(0, MAX_PER_CELL).map((item) => (
                <CalendarChip key={item.id} item={item} tz={tz} draggable={draggable} compact />
              ))}
              {items.length > MAX_PER_CELL && (
                <Button type="link" size="small" style={{ fontSize: 12, padding: 0, height: 18 }} onClick={() => onOpenDay(d)}>
                  {t('calendar.more', { count: items.length - MAX_PER_CELL })}
                </Button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
