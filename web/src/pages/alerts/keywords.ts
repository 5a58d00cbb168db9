import type { MonitorSettings } from '../incidents/types';

/** "词,类别,级别" lines ↔ keyword entries (category defaults to crisis, severity to block). */
export function parseKeywords(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [term, category, severity] = l.split(/[,，]/).map((x) => x.trim());
      return { term, category: category || 'crisis', severity: severity === 'warn' ? 'warn' : 'block' };
    });
}
export const formatKeywords = (k: MonitorSettings['keywords']) =>
  k.map((x) => (x.category === 'crisis' && x.severity === 'block' ? x.term : `${x.term},${x.category},${x.severity}`)).join('\n');
