// What changed between two versions of a strategy, field by field: list items are followed by
// their id (a pillar renamed is the same pillar with a new name, not one removed and one added).
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { StrategyChange, StrategyContent } from '../../../../contract/strategy';

type Content = z.infer<typeof StrategyContent>;
type Change = z.infer<typeof StrategyChange>;
type Label = [zh: string, en: string];

const FORMAT_NAMES: Record<string, Label> = {
  image_text: ['图文', 'image & text'],
  short_video: ['短视频', 'short video'],
  long_video: ['长视频', 'long video'],
  live: ['直播', 'live'],
  audio: ['音频', 'audio'],
  other: ['其他', 'other'],
};

const FIELD_NAMES: Record<string, Label> = {
  name: ['名称', 'name'],
  description: ['说明', 'description'],
  share: ['占比', 'share'],
  ageMin: ['最小年龄', 'minimum age'],
  ageMax: ['最大年龄', 'maximum age'],
  interests: ['兴趣', 'interests'],
  platforms: ['平台', 'platforms'],
  horizon: ['期限', 'horizon'],
};

interface ListSpec<T> {
  path: string;
  key: (item: T) => string;
  what: (item: T) => Label;
  fields: (keyof T & string)[];
}

function diffList<T>(spec: ListSpec<T>, before: T[], after: T[]): Change[] {
  const was = new Map(before.map((i) => [spec.key(i), i]));
  const now = new Map(after.map((i) => [spec.key(i), i]));
  const out: Change[] = [];
  for (const [k, b] of was) {
    const a = now.get(k);
    const [zh, en] = spec.what(a ?? b);
    if (!a) {
      out.push({ path: `${spec.path}[${k}]`, label: zh, labelEn: en, kind: 'removed', before: b, after: null });
      continue;
    }
    for (const f of spec.fields) {
      if (isDeepStrictEqual(b[f], a[f])) continue;
      const [fz, fe] = FIELD_NAMES[f] ?? [f, f];
      out.push({ path: `${spec.path}[${k}].${f}`, label: `${zh}的${fz}`, labelEn: `${en}: ${fe}`, kind: 'changed', before: b[f], after: a[f] });
    }
  }
  for (const [k, a] of now) {
    if (was.has(k)) continue;
    const [zh, en] = spec.what(a);
    out.push({ path: `${spec.path}[${k}]`, label: zh, labelEn: en, kind: 'added', before: null, after: a });
  }
  return out;
}

export function diffStrategy(before: Content, after: Content): Change[] {
  const out: Change[] = [];
  const scalar = (path: 'positioning' | 'postsPerWeek', zh: string, en: string) => {
    if (before[path] !== after[path]) out.push({ path, label: zh, labelEn: en, kind: 'changed', before: before[path], after: after[path] });
  };
  scalar('positioning', '定位', 'Positioning');
  out.push(
    ...diffList(
      {
        path: 'personas',
        key: (p) => p.id,
        what: (p) => [`受众画像「${p.name}」`, `Persona “${p.name}”`],
        fields: ['name', 'description', 'ageMin', 'ageMax', 'interests', 'platforms'],
      },
      before.personas,
      after.personas,
    ),
    ...diffList(
      { path: 'pillars', key: (p) => p.id, what: (p) => [`内容支柱「${p.name}」`, `Pillar “${p.name}”`], fields: ['name', 'description', 'share'] },
      before.pillars,
      after.pillars,
    ),
    ...diffList(
      {
        path: 'formats',
        key: (f) => f.format,
        what: (f) => [`内容形式「${FORMAT_NAMES[f.format][0]}」`, `Format “${FORMAT_NAMES[f.format][1]}”`],
        fields: ['share'],
      },
      before.formats,
      after.formats,
    ),
  );
  scalar('postsPerWeek', '每周发布篇数', 'Posts per week');
  out.push(...diffList({ path: 'goals', key: (g) => g.goalId, what: () => ['关联目标', 'Linked goal'], fields: ['horizon'] }, before.goals, after.goals));
  return out;
}

/** The empty strategy: what version 1 is compared with. */
export const EMPTY: Content = { positioning: '', personas: [], pillars: [], formats: [], postsPerWeek: null, goals: [] };
