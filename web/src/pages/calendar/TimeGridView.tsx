import { Button, theme } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { Day } from '../../time';
import type { CalendarItem } from '../../types';
import { CalendarChip, draggedId } from './CalendarChip';
import { hourOf } from './dates';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const ROW = 48;

interface Props {
  days: Day[];
  today: Day;
  byDay: Map<Day, CalendarItem[]>;
  tz: string;
  draggable: boolean;
  onDropSlot: (postId: string, day: Day, hour: number) => void;
  onOpenDay: (day: Day) => void;
}

/** Week and day views: one column per day, one row per hour. */
export function TimeGridView({ days, today, byDay, tz, draggable, onDropSlot, onOpenDay }: Props) {
  const { token } = theme.useToken();
  const [over, setOver] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const border = `1px solid ${token.colorBorderSecondary}`;
  const cols = `56px repeat(${days.length}, minmax(0, 1fr))`;

  // Open on the first scheduled item of the range, or at 07:00 when it is empty.
  const firstHour = Math.min(...days.flatMap((d) => (byDay.get(d) ?? []).map((it) => (it.scheduledAt ? hourOf(it.scheduledAt, tz) : 24))), 8);
  const scrolledFor = useRef('');
  useEffect(() => {
    const key = `${days[0]}-${days.length}`;
    if (!scroller.current || scrolledFor.current === key) return;
    scroller.current.scrollTop = ROW * Math.max(0, firstHour - 1);
    if (byDay.size > 0) scrolledFor.current = key; // once data is in, stop following it
  }, [days, byDay, firstHour]);

  return (
    <div style={{ border, borderRadius: token.borderRadius, background: token.colorBgContainer, overflow: 'hidden' }}>
      <div style={{ display: 'grid', gridTemplateColumns: cols, background: token.colorFillQuaternary, borderBottom: border }}>
        <div />
        {days.map((d) => (
          <Button
            key={d}
            type="text"
            onClick={() => onOpenDay(d)}
            style={{
              borderRadius: 0,
              height: 'auto',
              padding: '6px 8px',
              fontWeight: d === today ? 700 : 500,
              color: d === today ? token.colorPrimary : undefined,
            }}
          >
            {dayjs(d).format('dd M/D')}
          </Button>
        ))}
      </div>
      <div ref={scroller} style={{ maxHeight: '68vh', overflowY: 'auto' }} data-testid="calendar-timegrid">
        <div style={{ display: 'grid', gridTemplateColumns: cols }}>
          {HOURS.map((h) => (
            <div key={`row-${h}`} style={{ display: 'contents' }}>
              <div style={{ height: ROW, fontSize: 11, color: token.colorTextTertiary, textAlign: 'right', paddingRight: 6, borderTop: border }}>
                {String(h).padStart(2, '0')}:00
              </div>
              {days.map((d) => {
                const key = `${d}@${h}`;
                const items = (byDay.get(d) ?? []).filter((it) => it.scheduledAt && hourOf(it.scheduledAt, tz) === h);
                return (
                  // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; keyboard users reschedule in the post editor
                  <div
                    key={key}
                    data-testid="calendar-slot"
                    data-day={d}
                    data-hour={h}
                    onDragOver={(e) => {
                      if (!draggable) return;
                      e.preventDefault();
                      e.dataTransfer.dropEffect = 'move';
                      if (over !== key) setOver(key);
                    }}
                    onDragLeave={() => setOver((o) => (o === key ? null : o))}
                    onDrop={(e) => {
                      e.preventDefault();
                      setOver(null);
                      const id = draggedId(e);
                      if (id) onDropSlot(id, d, h);
                    }}
                    style={{
                      minHeight: ROW,
                      borderTop: border,
                      borderLeft: border,
                      padding: 2,
                      minWidth: 0,
                      background: over === key ? token.colorPrimaryBg : d === today ? token.colorFillQuaternary : undefined,
                    }}
                  >
                    {items.map((item) => (
                      <CalendarChip key={item.id} item={item} tz={tz} draggable={draggable} />
                    ))}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
