import { describe, expect, it } from 'vitest';
import { badgeCount, internalLink, KIND_PREFIXES, kindKey } from './model';

describe('internalLink', () => {
  it('keeps in-app paths', () => {
    expect(internalLink('/publications/6f1c')).toBe('/publications/6f1c');
    expect(internalLink('/publications?state=failed')).toBe('/publications?state=failed');
  });
  it('refuses anything that would leave the app', () => {
    for (const l of ['https://evil.example.com', '//evil.example.com/x', 'javascript:alert(1)', '/\\evil.example.com', 'publications', '', null, undefined]) {
      expect(internalLink(l)).toBeNull();
    }
  });
});

describe('kindKey', () => {
  it('maps a kind to its family label', () => {
    expect(kindKey('publication.failed')).toBe('notifyKind.publication.');
    expect(kindKey('incident.opened')).toBe('notifyKind.incident.');
    expect(kindKey('test')).toBeNull();
    expect(kindKey('publications.x')).toBeNull();
  });
});

describe('badgeCount', () => {
  it('caps at 99+', () => {
    expect(badgeCount(0)).toBe('0');
    expect(badgeCount(99)).toBe('99');
    expect(badgeCount(100)).toBe('99+');
  });
});

describe('KIND_PREFIXES', () => {
  it('gives every family a label in the bell and the robots’ subscriptions', async () => {
    const { dictionaries } = await import('../../locales/index');
    const keys = new Set(dictionaries.flatMap((d) => Object.keys(d)));
    expect(KIND_PREFIXES.filter((k) => !keys.has(`notifyKind.${k}`))).toEqual([]);
  });
});
