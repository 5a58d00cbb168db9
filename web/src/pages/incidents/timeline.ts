// One line of text per timeline entry, in the current language: what happened, with its details.
import type { TFunction } from 'i18next';
import { pick, type TimelineEntry } from './types';

type Names = (userId: string | null | undefined) => string;

export function describeEntry(e: TimelineEntry, t: TFunction, lang: string, nameOf: Names): string {
  const d = e.data as Record<string, unknown>;
  const s = (k: string) => (d[k] == null ? '' : String(d[k]));
  switch (e.kind) {
    case 'created': {
      const pb = d.playbook as { name: string; nameEn: string | null } | null;
      return t('timeline.created', {
        severity: t(`severity.${s('severity')}`),
        playbook: pb ? t('timeline.withPlaybook', { name: pick(pb.name, pb.nameEn, lang) }) : '',
        trigger: s('trigger') === 'alert' ? t('timeline.fromAlert') : '',
      });
    }
    case 'edited':
      return t('timeline.edited');
    case 'status':
      return t('timeline.status', { from: t(`incidentStatus.${s('from')}`), to: t(`incidentStatus.${s('to')}`) }) + (s('note') ? ` — ${s('note')}` : '');
    case 'severity':
      return t('timeline.severity', { from: t(`severity.${s('from')}`), to: t(`severity.${s('to')}`) });
    case 'owner':
      return t('timeline.owner', { name: s('toName') || nameOf(s('to')) });
    case 'checklist_checked':
      return t('timeline.checked', { text: pick(s('text'), s('textEn'), lang) });
    case 'checklist_unchecked':
      return t('timeline.unchecked', { text: pick(s('text'), s('textEn'), lang) });
    case 'checklist_added':
      return t('timeline.itemAdded', { text: s('text') });
    case 'note':
      return s('text');
    case 'postmortem':
      return t('timeline.postmortem');
    case 'statement_used':
      return t(s('action') === 'published' ? 'timeline.statementPublished' : 'timeline.statementCopied', {
        title: s('title'),
        channel: s('channel') ? ` (${s('channel')})` : '',
      });
    case 'paused':
      return t('timeline.paused', { held: Number(d.held ?? 0), inFlight: Number(d.inFlight ?? 0) }) + (s('reason') ? ` — ${s('reason')}` : '');
    case 'resumed':
      return t('timeline.resumed', { released: Number(d.released ?? 0) });
    case 'alert_linked':
      return t('timeline.alertLinked', { summary: pick(s('summaryZh'), s('summaryEn'), lang) });
    default:
      return e.kind;
  }
}
