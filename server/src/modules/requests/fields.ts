// A request type's form: the four default types, and checking a submitted form against its fields.
// Pure: the service calls `checkAnswers` and turns its problems into one 400 naming every field.
import type { StoredField } from './tables';

type Problem = { path: string; message: string };
type Answers = Record<string, string | number | null | undefined>;

const f = (key: string, label: string, kind: string, required = false, options: string[] = []): StoredField => ({ key, label, kind, required, options });

/** Seeded for a workspace the first time its request types are read. */
export const DEFAULT_TYPES: { name: string; description: string; dueDays: number; fields: StoredField[] }[] = [
  {
    name: '推广需求',
    description: '请媒体团队推广一项产品、活动或内容 / Ask the media team to promote something',
    dueDays: 5,
    fields: [
      f('goal', '推广目的', 'long_text', true),
      f('channel', '期望渠道', 'select', true, ['公众号', '微博', '抖音', '小红书', '不限']),
      f('go_live', '期望上线日期', 'date', true),
      f('material', '素材链接', 'link'),
    ],
  },
  {
    name: '新品上市',
    description: '新品发布的内容配合 / Content for a product launch',
    dueDays: 10,
    fields: [
      f('product', '产品名称', 'text', true),
      f('launch_day', '上市日期', 'date', true),
      f('selling_points', '卖点', 'long_text', true),
      f('budget', '预算（元）', 'number'),
      f('page', '产品页面', 'link'),
    ],
  },
  {
    name: '活动',
    description: '线上或线下活动的宣传 / Promotion of an online or offline event',
    dueDays: 7,
    fields: [
      f('event_day', '活动日期', 'date', true),
      f('place', '地点或平台', 'text', true),
      f('audience', '预计人数', 'number'),
      f('details', '活动说明', 'long_text'),
    ],
  },
  {
    name: '客服问题',
    description: '需要官方账号回应的客户问题 / A customer issue the official accounts should answer',
    dueDays: 1,
    fields: [
      f('issue', '问题描述', 'long_text', true),
      f('urgency', '紧急程度', 'select', true, ['一般', '紧急', '非常紧急']),
      f('ticket', '工单链接', 'link'),
    ],
  },
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s: string) => DAY.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const validLink = (s: string) => {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};
const MAX_TEXT = 200;

/** One field's problem in words (zh / en), or null; `v` is a present, non-empty answer. */
function problemOf(field: StoredField, v: string | number): string | null {
  const name = field.label;
  if (field.kind === 'number') {
    const n = typeof v === 'number' ? v : Number(v.trim());
    return Number.isFinite(n) && (typeof v === 'number' || v.trim() !== '') ? null : `「${name}」须是数字 / "${name}" must be a number`;
  }
  if (typeof v !== 'string') return `「${name}」须是文字 / "${name}" must be text`;
  if (field.kind === 'text' && v.length > MAX_TEXT) return `「${name}」最多 ${MAX_TEXT} 字 / "${name}" is at most ${MAX_TEXT} characters`;
  if (field.kind === 'date' && !validDay(v)) return `「${name}」须是日期，如 2026-03-01 / "${name}" must be a date such as 2026-03-01`;
  if (field.kind === 'link' && !validLink(v)) return `「${name}」须是 http(s) 链接 / "${name}" must be an http(s) link`;
  if (field.kind === 'select' && !field.options.includes(v))
    return `「${name}」须是以下之一：${field.options.join('、')} / "${name}" must be one of: ${field.options.join(', ')}`;
  return null;
}

/**
 * The answers kept (trimmed; numbers as numbers; empty ones dropped) and the problems: a required
 * field left empty, a value of the wrong kind, an answer to no field of the form.
 */
export function checkAnswers(fields: StoredField[], answers: Answers): { answers: Record<string, string | number>; problems: Problem[] } {
  const kept: Record<string, string | number> = {};
  const problems: Problem[] = [];
  const known = new Set(fields.map((x) => x.key));
  for (const key of Object.keys(answers))
    if (!known.has(key)) problems.push({ path: `answers.${key}`, message: `表单没有字段「${key}」 / the form has no field "${key}"` });
  for (const field of fields) {
    const raw = answers[field.key];
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (v === undefined || v === null || v === '') {
      if (field.required) problems.push({ path: `answers.${field.key}`, message: `请填写「${field.label}」 / "${field.label}" is required` });
      continue;
    }
    const p = problemOf(field, v);
    if (p) problems.push({ path: `answers.${field.key}`, message: p });
    else kept[field.key] = field.kind === 'number' ? Number(v) : v;
  }
  return { answers: kept, problems };
}

/** The answers as lines "label：value", in the form's order: a topic's notes, a post's digest. */
export function answersText(fields: StoredField[], answers: Record<string, string | number>): string {
  return fields
    .filter((x) => answers[x.key] !== undefined)
    .map((x) => `${x.label}：${answers[x.key]}`)
    .join('\n');
}
