import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { incidents } from '../../locales/incidents';
import { formatKeywords, parseKeywords } from '../alerts/keywords';
import { describeEntry } from './timeline';
import { nextStatuses, type TimelineEntry } from './types';

async function tFor(lang: 'zh' | 'en') {
  const i = i18next.createInstance();
  const res = Object.fromEntries(Object.entries(incidents).map(([k, [zh, en]]) => [k, lang === 'zh' ? zh : en]));
  await i.init({ lng: lang, resources: { [lang]: { translation: res } }, keySeparator: false, nsSeparator: false, interpolation: { escapeValue: false } });
  return i.t;
}
const entry = (kind: string, data: Record<string, unknown>): TimelineEntry => ({
  id: 1,
  kind,
  actorId: null,
  actorName: null,
  data,
  at: '2026-01-01T00:00:00Z',
});
const names = (id: string | null | undefined) => (id === 'u1' ? '王经理' : '—');

describe('describeEntry', () => {
  it('tells each kind of entry in the current language', async () => {
    const zh = await tFor('zh');
    const en = await tFor('en');
    expect(describeEntry(entry('severity', { from: 'sev2', to: 'sev1' }), zh, 'zh-CN', names)).toBe('级别：P2 重要 → P1 严重');
    expect(describeEntry(entry('severity', { from: 'sev2', to: 'sev1' }), en, 'en', names)).toBe('Severity: P2 major → P1 critical');
    expect(describeEntry(entry('status', { from: 'open', to: 'resolved', note: '物流恢复' }), zh, 'zh-CN', names)).toBe('状态：待处理 → 已解决 — 物流恢复');
    expect(describeEntry(entry('owner', { to: 'u1', toName: null }), zh, 'zh-CN', names)).toBe('负责人改为 王经理');
    expect(describeEntry(entry('paused', { held: 12, inFlight: 3, reason: '误发' }), en, 'en', names)).toBe(
      'Paused all publishing: 12 held, 3 already in flight — 误发',
    );
    expect(describeEntry(entry('resumed', { released: 12 }), zh, 'zh-CN', names)).toBe('恢复发布：12 条重新排期');
    expect(describeEntry(entry('note', { text: '已联系物流' }), en, 'en', names)).toBe('已联系物流');
  });
  it('uses the English text of a checklist item when there is one, the Chinese one otherwise', async () => {
    const en = await tFor('en');
    expect(describeEntry(entry('checklist_checked', { text: '确认事实', textEn: 'Establish the facts' }), en, 'en', names)).toBe('Done: Establish the facts');
    expect(describeEntry(entry('checklist_checked', { text: '切断直播', textEn: null }), en, 'en', names)).toBe('Done: 切断直播');
  });
  it('names the playbook and the alert an incident came from', async () => {
    const zh = await tFor('zh');
    const created = entry('created', { severity: 'sev1', trigger: 'alert', playbook: { name: '负面舆情', nameEn: 'Negative publicity' } });
    expect(describeEntry(created, zh, 'zh-CN', names)).toBe('创建事件，级别 P1 严重，预案「负面舆情」，由预警升级');
    expect(describeEntry(entry('statement_used', { title: '致歉', action: 'published', channel: '微博' }), zh, 'zh-CN', names)).toBe(
      '发布了口径「致歉」 (微博)',
    );
  });
});

describe('nextStatuses', () => {
  it('mirrors the server: closed only from resolved, nothing after closed', () => {
    expect(nextStatuses('open')).toEqual(['mitigating', 'resolved']);
    expect(nextStatuses('resolved')).toContain('closed');
    expect(nextStatuses('mitigating')).not.toContain('closed');
    expect(nextStatuses('closed')).toEqual([]);
  });
});

describe('monitoring keywords text', () => {
  it('reads one keyword a line, with optional category and severity, and writes it back', () => {
    const k = parseKeywords('维权\n某竞品，competitor，warn\n\n  曝光 , crisis , block ');
    expect(k).toEqual([
      { term: '维权', category: 'crisis', severity: 'block' },
      { term: '某竞品', category: 'competitor', severity: 'warn' },
      { term: '曝光', category: 'crisis', severity: 'block' },
    ]);
    expect(formatKeywords(k)).toBe('维权\n某竞品,competitor,warn\n曝光');
  });
});
